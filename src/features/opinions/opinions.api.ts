import { createRoute, z } from "@hono/zod-openapi";
import { bearerSecurity, errorResponses, type TApi, ZIdParam, ZPageQuery } from "../../platform/http/api";
import { actorOf, type TDeps } from "../../platform/http/context";
import { requirePermission } from "../../platform/http/guards";
import { zIdText } from "../../platform/validation";
import { loadVisibleOpinion, opinionScope } from "./access";
import { boardByUnit } from "./board";
import { toChinaIso } from "./compute-clocks";
import { confirmTopic } from "./confirm-topic";
import { createOpinion } from "./create-opinion";
import { importWorkOrders } from "./import-work-orders";
import { submitMailboxLetter } from "./mailbox";
import { listOpinions, listTopics } from "./opinions.repository";
import {
  SOURCES,
  ZConfirmTopicBody,
  ZCreateOpinionBody,
  ZMailboxBody,
  ZOpinionEventBody,
  ZPublishResponseBody,
} from "./opinions.schemas";
import { presentOpinion } from "./present";
import { publicResponses } from "./public-responses";
import { publishResponse } from "./publish-response";
import { readWorkOrderUpload } from "./read-upload";
import { recordOpinionEvent } from "./record-event";
import { monthlyAnalysis } from "./trends";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
const ZAny = z.record(z.string(), z.unknown());
const TAGS = ["舆情回应"];

export const ZMonthQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月份格式应为 YYYY-MM")
    .optional(),
});

/** The 政务舆情 endpoints of the stable API (API.md "Responsiveness"). */
export function registerOpinionsApi(api: TApi, deps: TDeps) {
  const { db } = deps;

  api.openapi(
    createRoute({
      method: "get",
      path: "/opinions/board",
      tags: TAGS,
      summary: "舆情时限看板：各单位在办、1 小时内到期、已超时件数",
      security: bearerSecurity,
      responses: {
        200: json(
          z.object({
            generatedAt: z.string(),
            total: z.object({ open: z.number(), dueWithinHour: z.number(), overdue: z.number() }),
            units: z.array(
              z.object({
                unitId: z.number().nullable(),
                unitName: z.string(),
                open: z.number(),
                dueWithinHour: z.number(),
                overdue: z.number(),
              }),
            ),
          }),
          "看板",
        ),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const p = requirePermission(c, "opinions.handle");
      const now = new Date();
      const units = await boardByUnit(db, p, now);
      const total = units.reduce(
        (a, u) => ({
          open: a.open + u.open,
          dueWithinHour: a.dueWithinHour + u.dueWithinHour,
          overdue: a.overdue + u.overdue,
        }),
        { open: 0, dueWithinHour: 0, overdue: 0 },
      );
      return c.json({ generatedAt: toChinaIso(now), total, units }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/opinions/import",
      tags: TAGS,
      summary: "导入 12345 工单（CSV 或 XLSX），按工单编号去重",
      description:
        "multipart/form-data，字段 file。列：工单编号、受理时间、诉求内容、承办单位、办结时间、满意度；其他列在 unknownColumns 中列出。再次导入同一文件不产生变化。",
      security: bearerSecurity,
      request: {
        body: {
          content: {
            "multipart/form-data": {
              schema: z.object({ file: z.any().openapi({ type: "string", format: "binary" }) }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: json(
          z.object({
            created: z.number(),
            updated: z.number(),
            unchanged: z.number(),
            failed: z.array(z.object({ row: z.number(), reason: z.string() })),
            unknownColumns: z.array(z.string()),
            alerts: z.number(),
          }),
          "导入结果",
        ),
        ...errorResponses(400, 401, 403, 413, 422),
      },
    }),
    async (c) => {
      const p = requirePermission(c, "opinions.handle");
      const { sheet, name } = await readWorkOrderUpload(c);
      return c.json(await importWorkOrders(db, actorOf(c), p, sheet, name), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/opinions/trends",
      tags: TAGS,
      summary: "舆情趋势：一个月内各主题每日件数、来源、单位与集中舆情预警",
      security: bearerSecurity,
      request: { query: ZMonthQuery },
      responses: { 200: json(ZAny, "月度分析"), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const p = requirePermission(c, "opinions.handle");
      const month = c.req.valid("query").month ?? toChinaIso(new Date()).slice(0, 7);
      const a = await monthlyAnalysis(db, p, month);
      return c.json(
        {
          ...a,
          alerts: a.alerts.map((al) => ({
            ...al,
            windowStart: toChinaIso(al.windowStart),
            windowEnd: toChinaIso(al.windowEnd),
            acknowledgedAt: al.acknowledgedAt ? toChinaIso(al.acknowledgedAt) : null,
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/opinions",
      tags: TAGS,
      summary: "登记一条政务舆情，按发现时间计算小时时限",
      security: bearerSecurity,
      request: body(ZCreateOpinionBody),
      responses: {
        201: json(
          z.object({
            id: z.number(),
            releaseDueAt: z.string().nullable(),
            pressConferenceDueAt: z.string().nullable(),
            responseDueAt: z.string().nullable(),
          }),
          "已登记",
        ),
        ...errorResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const p = requirePermission(c, "opinions.handle");
      const row = await createOpinion(db, actorOf(c), p, c.req.valid("json"));
      const iso = (d: Date | null) => (d ? toChinaIso(d) : null);
      return c.json(
        {
          id: row.id,
          releaseDueAt: iso(row.releaseDueAt),
          pressConferenceDueAt: iso(row.pressConferenceDueAt),
          responseDueAt: iso(row.responseDueAt),
        },
        201,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/opinions",
      tags: TAGS,
      summary: "本人有权办理的舆情（本单位）",
      security: bearerSecurity,
      request: {
        query: ZPageQuery.extend({
          unitId: zIdText.optional(),
          source: z.enum(SOURCES).optional(),
          open: z.enum(["0", "1"]).optional(),
        }),
      },
      responses: {
        200: json(z.object({ total: z.number(), items: z.array(ZAny) }), "列表"),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const p = requirePermission(c, "opinions.handle");
      const q = c.req.valid("query");
      const now = new Date();
      const [topics, { total, items }] = await Promise.all([
        listTopics(db),
        listOpinions(
          db,
          { scope: opinionScope(p), unitId: q.unitId, source: q.source, isOpenOnly: q.open === "1" },
          q.page,
          q.pageSize,
        ),
      ]);
      return c.json({ total, items: items.map((r) => presentOpinion(r, topics, now)) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/opinions/{id}",
      tags: TAGS,
      summary: "一条舆情及其各项时限",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: { 200: json(ZAny, "舆情"), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const p = requirePermission(c, "opinions.handle");
      const row = await loadVisibleOpinion(db, p, c.req.valid("param").id);
      return c.json(presentOpinion(row, await listTopics(db), new Date()), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/opinions/{id}/events",
      tags: TAGS,
      summary: "记录发布权威信息、新闻发布会或回应，停止相应时限",
      security: bearerSecurity,
      request: { params: ZIdParam, ...body(ZOpinionEventBody) },
      responses: {
        201: json(
          z.object({
            id: z.number(),
            opinionId: z.number(),
            type: z.string(),
            at: z.string(),
            isOnTime: z.boolean(),
            nextDueAt: z.string().nullable(),
          }),
          "已记录",
        ),
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const p = requirePermission(c, "opinions.handle");
      const r = await recordOpinionEvent(db, actorOf(c), p, c.req.valid("param").id, c.req.valid("json"));
      return c.json(
        { ...r, at: toChinaIso(r.at), nextDueAt: r.nextDueAt ? toChinaIso(r.nextDueAt) : null },
        201,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/opinions/{id}/topic",
      tags: TAGS,
      summary: "确认或更改舆情主题",
      security: bearerSecurity,
      request: { params: ZIdParam, ...body(ZConfirmTopicBody) },
      responses: { 200: json(ZAny, "已确认"), ...errorResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const p = requirePermission(c, "opinions.handle");
      const { topic } = c.req.valid("json");
      return c.json(await confirmTopic(db, actorOf(c), p, c.req.valid("param").id, topic), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/opinions/{id}/publish",
      tags: TAGS,
      summary: "在“回应关切”栏目公开问题与答复（不含来信人信息）",
      security: bearerSecurity,
      request: { params: ZIdParam, ...body(ZPublishResponseBody) },
      responses: {
        200: json(z.object({ id: z.number(), publishedAt: z.string() }), "已公开"),
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const p = requirePermission(c, "opinions.handle");
      const r = await publishResponse(db, actorOf(c), p, c.req.valid("param").id, c.req.valid("json"));
      return c.json({ id: r.id, publishedAt: toChinaIso(r.publishedAt) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/public/opinion-responses",
      tags: TAGS,
      summary: "回应关切：已公开的问题与答复及相关文件（无需登录）",
      request: { query: ZPageQuery },
      responses: {
        200: json(z.object({ total: z.number(), items: z.array(ZAny) }), "列表"),
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(await publicResponses(db, q.page, q.pageSize), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/public/mailbox",
      tags: TAGS,
      summary: "领导信箱来信（无需登录）",
      request: body(ZMailboxBody),
      responses: {
        201: json(z.object({ receiptNo: z.string(), submittedOn: z.string() }), "已收到"),
        ...errorResponses(400, 429),
      },
    }),
    async (c) => c.json(await submitMailboxLetter(db, c.get("clientIp"), c.req.valid("json")), 201),
  );
}
