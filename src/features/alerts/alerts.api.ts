import { createRoute, z } from "@hono/zod-openapi";
import { can } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { bearerSecurity, errorResponses, type TApi, ZIdParam } from "../../platform/http/api";
import { actorOf, type TDeps } from "../../platform/http/context";
import { requirePermission, requireUser } from "../../platform/http/guards";
import { MSG } from "../../platform/messages";
import { documentState, reachOf } from "./alerts.repository";
import {
  ZCreateSubscriptionBody,
  ZCreateWebhookBody,
  ZEligibilityBody,
  ZEligibilityResult,
  ZReach,
  ZToken,
} from "./alerts.schemas";
import { confirmByToken, unsubscribeByToken } from "./alerts-tokens";
import { findEligiblePolicies } from "./eligibility";
import { createSubscription } from "./subscribe";
import { createWebhook, removeWebhook } from "./webhooks";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
const tags = ["政策服务"];
const ZTokenParam = z.object({ token: ZToken });
const ZDone = z.object({ status: z.string() });

/** Subscriptions, one-click unsubscribe, 政策找人, reach and webhooks in the stable API. */
export function registerAlertsApi(api: TApi, deps: TDeps) {
  const { db } = deps;

  api.openapi(
    createRoute({
      method: "post",
      path: "/public/subscriptions",
      tags,
      summary: "订阅新文件提醒（任一目录筛选条件；立即、每日或每周汇总）；须点击确认邮件中的链接才生效",
      request: body(ZCreateSubscriptionBody),
      responses: { 201: json(ZDone, "已受理，确认邮件已排队发送"), ...errorResponses(400, 422, 429) },
    }),
    async (c) => c.json(await createSubscription(db, c.req.valid("json")), 201),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/public/subscriptions/{token}/confirm",
      tags,
      summary: "确认订阅（或政策找人推送）：令牌来自确认邮件",
      request: { params: ZTokenParam },
      responses: { 200: json(ZDone, "订阅已生效"), ...errorResponses(400, 404) },
    }),
    async (c) => {
      await confirmByToken(db, c.req.valid("param").token);
      return c.json({ status: "active" }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/public/subscriptions/{token}/unsubscribe",
      tags,
      summary: "一键退订（RFC 8058 List-Unsubscribe-Post）；重复调用结果相同",
      request: {
        params: ZTokenParam,
        query: z.object({ document: z.coerce.number().int().positive().max(2_147_483_647).optional() }),
      },
      responses: { 200: json(ZDone, "已退订"), ...errorResponses(400, 404) },
    }),
    async (c) => {
      await unsubscribeByToken(db, c.req.valid("param").token, c.req.valid("query").document ?? null);
      return c.json({ status: "ended" }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/public/eligibility",
      tags,
      summary: "政策找人：按身份与条件找出适用的现行有效政策，并说明理由（不保存任何回答）",
      request: body(ZEligibilityBody),
      responses: { 200: json(ZEligibilityResult, "适用的政策"), ...errorResponses(400, 429) },
    }),
    async (c) => c.json({ items: await findEligiblePolicies(db, c.req.valid("json")) }, 200),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/documents/{id}/reach",
      tags,
      summary: "文件推送到达率：匹配的订阅者与画像、已发送、已送达、退信、因此退订",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: { 200: json(ZReach, "推送数字"), ...errorResponses(401, 404) },
    }),
    async (c) => {
      const p = requireUser(c);
      const d = await documentState(db, c.req.valid("param").id);
      if (!d || !(can(p, "documents.edit", d.unitId) || can(p, "documents.review", d.unitId)))
        throw new AppError("not_found", MSG.notFound);
      return c.json(await reachOf(db, d.id), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/webhooks",
      tags,
      summary: "登记接收文件发布、撤回事件的网址；返回一次签名密钥（HMAC-SHA256）",
      security: bearerSecurity,
      request: body(ZCreateWebhookBody),
      responses: {
        201: json(z.object({ id: z.number(), secret: z.string() }), "已登记"),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      requirePermission(c, "catalogue.manage");
      return c.json(await createWebhook(db, actorOf(c), c.req.valid("json").url), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/webhooks/{id}",
      tags,
      summary: "停用一个接收网址",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: { 200: json(ZDone, "已停用"), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      requirePermission(c, "catalogue.manage");
      await removeWebhook(db, actorOf(c), c.req.valid("param").id);
      return c.json({ status: "removed" }, 200);
    },
  );
}
