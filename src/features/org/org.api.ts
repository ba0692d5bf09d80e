import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../../platform/errors";
import {
  bearerSecurity,
  errorResponses,
  type TApi,
  ZIdParam,
  ZPageQuery,
  zList,
} from "../../platform/http/api";
import { actorOf, type TDeps } from "../../platform/http/context";
import { requirePermission, requireUser } from "../../platform/http/guards";
import { MSG } from "../../platform/messages";
import { findUnit, listUnits, type TUnitRow } from "./org.repository";
import { UNIT_KINDS, ZCreateUnitBody, ZLoginBody, ZUnit, ZUpdateUnitBody } from "./org.schemas";
import { createUnit, updateUnit } from "./save-unit";
import { issueApiToken } from "./sign-in";

const presentUnit = (u: TUnitRow) => ({
  id: u.id,
  name: u.name,
  kind: u.kind as z.infer<typeof ZUnit>["kind"],
  aliases: u.aliases,
  address: u.address,
  phone: u.phone,
  isActive: u.isActive,
  parentId: u.parentId,
});

const ZUnitOut = ZUnit;

/** Auth and unit endpoints of the stable API. */
export function registerOrgApi(api: TApi, deps: TDeps) {
  const { db } = deps;

  api.openapi(
    createRoute({
      method: "post",
      path: "/auth/token",
      tags: ["认证"],
      summary: "用户名和密码换取访问令牌",
      request: { body: { content: { "application/json": { schema: ZLoginBody } }, required: true } },
      responses: {
        200: {
          description: "访问令牌（90 天有效）",
          content: { "application/json": { schema: z.object({ token: z.string(), expiresAt: z.string() }) } },
        },
        ...errorResponses(400, 401, 429),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const { token, expiresAt } = await issueApiToken(db, body, {
        ip: c.get("clientIp"),
        requestId: c.get("requestId"),
      });
      return c.json({ token, expiresAt: expiresAt.toISOString() }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/me",
      tags: ["认证"],
      summary: "当前登录用户及其角色",
      security: bearerSecurity,
      responses: {
        200: {
          description: "当前用户",
          content: {
            "application/json": {
              schema: z.object({
                id: z.number(),
                username: z.string(),
                displayName: z.string(),
                roles: z.array(z.object({ role: z.string(), unitId: z.number().nullable() })),
              }),
            },
          },
        },
        ...errorResponses(401),
      },
    }),
    (c) => {
      const p = requireUser(c);
      return c.json({ id: p.userId, username: p.username, displayName: p.displayName, roles: p.roles }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/units",
      tags: ["机构"],
      summary: "机构列表（公开）",
      request: { query: ZPageQuery.extend({ kind: z.enum(UNIT_KINDS).optional() }) },
      responses: {
        200: { description: "全部机构", content: { "application/json": { schema: zList(ZUnitOut) } } },
      },
    }),
    async (c) => {
      const { page, pageSize, kind } = c.req.valid("query");
      const all = (await listUnits(db)).filter((u) => !kind || u.kind === kind).map(presentUnit);
      return c.json({ total: all.length, items: all.slice((page - 1) * pageSize, page * pageSize) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/units/{id}",
      tags: ["机构"],
      summary: "一个机构",
      request: { params: ZIdParam },
      responses: {
        200: { description: "机构", content: { "application/json": { schema: ZUnitOut } } },
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const unit = await findUnit(db, c.req.valid("param").id);
      if (!unit) throw new AppError("not_found", MSG.unknownUnit);
      return c.json(presentUnit(unit), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/units",
      tags: ["机构"],
      summary: "新增机构（系统管理员、政务公开办公室）",
      security: bearerSecurity,
      request: { body: { content: { "application/json": { schema: ZCreateUnitBody } }, required: true } },
      responses: {
        201: { description: "已创建", content: { "application/json": { schema: ZUnitOut } } },
        ...errorResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      requirePermission(c, "units.manage");
      const unit = await createUnit(db, actorOf(c), c.req.valid("json"));
      return c.json(presentUnit(unit), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/units/{id}",
      tags: ["机构"],
      summary: "修改机构（系统管理员、政务公开办公室）",
      security: bearerSecurity,
      request: {
        params: ZIdParam,
        body: { content: { "application/json": { schema: ZUpdateUnitBody } }, required: true },
      },
      responses: {
        200: { description: "已修改", content: { "application/json": { schema: ZUnitOut } } },
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      requirePermission(c, "units.manage");
      const unit = await updateUnit(db, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
      return c.json(presentUnit(unit), 200);
    },
  );
}
