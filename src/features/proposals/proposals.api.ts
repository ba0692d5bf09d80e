import { createRoute, z } from "@hono/zod-openapi";
import { bearerSecurity, errorResponses, type TApi, ZIdParam as ZId } from "../../platform/http/api";
import { actorOf, type TDeps } from "../../platform/http/context";
import { requirePermission, requireUser } from "../../platform/http/guards";
import { recordSatisfaction, replyToProposal, sendCoOpinion } from "./handle-proposal";
import { presentPublic, publicStatistics } from "./present-public";
import { listPublished } from "./proposals.repository";
import {
  ZCoOpinionBody,
  ZCreateProposalBody,
  ZPublicListQuery,
  ZReplyBody,
  ZSatisfactionBody,
} from "./proposals.schemas";
import { readProposal } from "./read-proposal";
import { registerProposal } from "./register-proposal";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
const ZAny = z.record(z.string(), z.unknown());
const TAG = "建议提案办理";

/** The proposals endpoints of the stable API (Responsiveness): register, reply, views, the public list. */
export function registerProposalsApi(api: TApi, deps: TDeps) {
  const { db } = deps;

  api.openapi(
    createRoute({
      method: "post",
      path: "/proposals",
      tags: [TAG],
      summary:
        "登记交办的人大代表建议或政协委员提案；答复期限按 STATUTES §9 计算（3 个月，复杂的 6 个月，遇休息日顺延）",
      security: bearerSecurity,
      request: body(ZCreateProposalBody),
      responses: {
        201: json(
          z.object({ id: z.number(), dueDate: z.string(), dueDateProvisional: z.boolean() }),
          "已登记",
        ),
        ...errorResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => {
      requirePermission(c, "proposals.manage");
      const row = await registerProposal(db, actorOf(c), c.req.valid("json"));
      return c.json({ id: row.id, dueDate: row.dueDate, dueDateProvisional: row.dueDateProvisional }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/proposals",
      tags: [TAG],
      summary: "已公开的答复（无需登录）：只含公开全文的答复，不含提出人姓名",
      request: { query: ZPublicListQuery },
      responses: {
        200: json(z.object({ total: z.number(), items: z.array(ZAny) }), "列表"),
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const { total, items } = await listPublished(db, q);
      return c.json({ total, items: items.map(presentPublic) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/proposals/statistics",
      tags: [TAG],
      summary: "一年的办理统计（无需登录）：按主办单位统计件数、答复类别（A/B/C）、未答复和满意度",
      request: {
        query: z.object({
          year: z.coerce.number().int().min(2000).max(2100),
          kind: z.enum(["npc_suggestion", "cppcc_proposal"]).optional(),
        }),
      },
      responses: { 200: json(ZAny, "统计"), ...errorResponses(400) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(await publicStatistics(db, q.year, q.kind), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/proposals/{id}",
      tags: [TAG],
      summary: "一件建议或提案的全部办理情况（主办、会办单位和区政府办公室）",
      security: bearerSecurity,
      request: { params: ZId },
      responses: { 200: json(ZAny, "办理情况"), ...errorResponses(401, 404) },
    }),
    async (c) => c.json(await readProposal(db, requireUser(c), c.req.valid("param").id), 200),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/proposals/{id}/reply",
      tags: [TAG],
      summary: "主办单位答复：类别 A/B/C、全文、是否公开（不公开须说明理由）；本轮已答复 → 409",
      security: bearerSecurity,
      request: { params: ZId, ...body(ZReplyBody) },
      responses: { 200: json(ZAny, "答复后的办理情况"), ...errorResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const p = requireUser(c);
      const id = c.req.valid("param").id;
      await replyToProposal(db, actorOf(c), p, id, c.req.valid("json"));
      return c.json(await readProposal(db, p, id), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/proposals/{id}/satisfaction",
      tags: [TAG],
      summary: "登记代表、委员对答复的意见；第一次答复不满意的进入第二轮办理；未答复或已办结 → 409",
      security: bearerSecurity,
      request: { params: ZId, ...body(ZSatisfactionBody) },
      responses: { 200: json(ZAny, "登记后的办理情况"), ...errorResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const p = requireUser(c);
      const id = c.req.valid("param").id;
      await recordSatisfaction(db, actorOf(c), p, id, c.req.valid("json"));
      return c.json(await readProposal(db, p, id), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/proposals/{id}/opinions",
      tags: [TAG],
      summary: "会办单位向主办单位提出会办意见；主办单位已答复 → 409",
      security: bearerSecurity,
      request: { params: ZId, ...body(ZCoOpinionBody) },
      responses: { 200: json(ZAny, "提出后的办理情况"), ...errorResponses(400, 401, 404, 409, 422) },
    }),
    async (c) => {
      const p = requireUser(c);
      const id = c.req.valid("param").id;
      await sendCoOpinion(db, actorOf(c), p, id, c.req.valid("json"));
      return c.json(await readProposal(db, p, id), 200);
    },
  );
}
