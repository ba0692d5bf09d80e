import { createRoute, z } from "@hono/zod-openapi";
import { bearerSecurity, errorResponses, type TApi } from "../../platform/http/api";
import { actorOf, type TDeps } from "../../platform/http/context";
import { requireUser } from "../../platform/http/guards";
import { zIdText } from "../../platform/validation";
import { decideSignoff, requireSignoffs, visibleDocument } from "./manage-signoffs";
import { signoffsOf, type TSignoffRow } from "./signoffs.repository";
import { ZDecisionBody, ZSetSignoffsBody } from "./signoffs.schemas";

const ZSignoffs = z.object({
  documentId: z.number(),
  complete: z.boolean(),
  items: z.array(
    z.object({
      unitId: z.number(),
      unitName: z.string(),
      decision: z.enum(["signed", "returned"]).nullable(),
      comment: z.string(),
      decidedAt: z.string().nullable(),
    }),
  ),
});
const present = (documentId: number, rows: TSignoffRow[]) => ({
  documentId,
  complete: rows.every((r) => r.decision === "signed"),
  items: rows.map((r) => ({
    unitId: r.unitId,
    unitName: r.unitName,
    decision: r.decision,
    comment: r.comment,
    decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
  })),
});
const json = { description: "会签情况", content: { "application/json": { schema: ZSignoffs } } };
const TAG = "会签";
const ZDocParam = z.object({ id: zIdText });

/** 会签 in the stable API: who must sign a document, each unit's decision, and reading them. */
export function registerSignoffsApi(api: TApi, deps: TDeps) {
  const { db } = deps;

  api.openapi(
    createRoute({
      method: "get",
      path: "/documents/{id}/signoffs",
      tags: [TAG],
      summary: "文件的会签单位及各单位意见",
      security: bearerSecurity,
      request: { params: ZDocParam },
      responses: { 200: json, ...errorResponses(401, 404) },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      await visibleDocument(db, requireUser(c), id);
      return c.json(present(id, await signoffsOf(db, id)), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/documents/{id}/signoffs",
      tags: [TAG],
      summary: "设置发布前须会签的单位（空列表取消会签要求）；文件已发布 → 409",
      security: bearerSecurity,
      request: {
        params: ZDocParam,
        body: { content: { "application/json": { schema: ZSetSignoffsBody } }, required: true },
      },
      responses: { 200: json, ...errorResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const rows = await requireSignoffs(db, actorOf(c), requireUser(c), id, c.req.valid("json"));
      return c.json(present(id, rows), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/documents/{id}/signoffs/{unitId}",
      tags: [TAG],
      summary: "会签单位负责人会签（signed）或退回（returned，须填写意见）；文件已发布 → 409",
      security: bearerSecurity,
      request: {
        params: z.object({ id: zIdText, unitId: zIdText }),
        body: { content: { "application/json": { schema: ZDecisionBody } }, required: true },
      },
      responses: { 200: json, ...errorResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { id, unitId } = c.req.valid("param");
      const r = await decideSignoff(db, actorOf(c), requireUser(c), id, unitId, c.req.valid("json"));
      return c.json(present(id, r.signoffs), 200);
    },
  );
}
