import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../../platform/errors";
import { bearerSecurity, errorResponses, type TApi, ZIdParam, ZPageQuery } from "../../platform/http/api";
import { actorOf, type TDeps } from "../../platform/http/context";
import { requireUser } from "../../platform/http/guards";
import { MSG } from "../../platform/messages";
import { zIdText } from "../../platform/validation";
import { todayInChina } from "../calendar";
import { assertUnitAccess } from "./access";
import { findConsultation, listConsultations, staffComments } from "./consultations.repository";
import {
  ZCommentBody,
  ZCreateConsultationBody,
  ZCreateDecisionBody,
  ZDecisionQuery,
  ZDispositionBody,
  ZHideBody,
  ZRecordStageBody,
} from "./consultations.schemas";
import { createConsultation } from "./create-consultation";
import { createDecision } from "./create-decision";
import { hideComment, setDisposition } from "./dispose-comment";
import { consultationStatus } from "./feedback-statistics";
import { publishFeedback } from "./publish-feedback";
import { consultationJson, readPublicConsultation } from "./read-consultation";
import { decisionCatalogue, decisionJson, readDecision } from "./read-decisions";
import { recordStage } from "./record-stage";
import { submitComment } from "./submit-comment";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
const ZCreated = z.object({ id: z.number() });
const ZAny = z.record(z.string(), z.unknown());
const ZCommentParams = z.object({ id: zIdText, commentId: zIdText });
const TAGS = ["公众参与"];

/** The Participation endpoints of the stable API: decision catalogue, consultations, comments, feedback. */
export function registerConsultationsApi(api: TApi, deps: TDeps) {
  const { db } = deps;

  api.openapi(
    createRoute({
      method: "post",
      path: "/decisions",
      tags: TAGS,
      summary: "在年度重大行政决策事项目录中新增一项决策（承办单位或政务公开办公室）",
      security: bearerSecurity,
      request: body(ZCreateDecisionBody),
      responses: { 201: json(ZCreated, "已新增"), ...errorResponses(400, 401, 404, 422) },
    }),
    async (c) => {
      const row = await createDecision(db, actorOf(c), requireUser(c), c.req.valid("json"));
      return c.json({ id: row.id }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/decisions",
      tags: TAGS,
      summary: "重大行政决策事项目录（公开）：按年度、单位筛选，每项决策附各阶段日期及文件",
      request: { query: ZDecisionQuery },
      responses: {
        200: json(z.object({ total: z.number(), items: z.array(ZAny) }), "目录"),
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const items = (await decisionCatalogue(db, c.req.valid("query"))).map(decisionJson);
      return c.json({ total: items.length, items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/decisions/{id}",
      tags: TAGS,
      summary: "一项重大行政决策及其各阶段、征求意见（公开）",
      request: { params: ZIdParam },
      responses: { 200: json(ZAny, "决策"), ...errorResponses(404) },
    }),
    async (c) => {
      const { decision, consultations } = await readDecision(db, c.req.valid("param").id);
      return c.json(
        {
          ...decisionJson(decision),
          consultations: consultations.map((x) => ({ id: x.id, title: x.title })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/decisions/{id}/stages",
      tags: TAGS,
      summary:
        "记录决策的一个阶段（同一阶段再次记录即更正）；缺少条例要求的前置阶段或日期顺序不符时仍记录，但在 warnings 中提示并记入操作日志",
      security: bearerSecurity,
      request: { params: ZIdParam, ...body(ZRecordStageBody) },
      responses: {
        201: json(
          z.object({ stage: z.string(), date: z.string(), warnings: z.array(z.string()) }),
          "已记录，附程序提示",
        ),
        ...errorResponses(400, 401, 404, 422),
      },
    }),
    async (c) =>
      c.json(
        await recordStage(db, actorOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/consultations",
      tags: TAGS,
      summary:
        "发布征求意见稿：草案全文、说明、起止日期；期限少于 30 日（closesAt − opensAt < 30）且无 shortPeriodReason 时 422",
      security: bearerSecurity,
      request: body(ZCreateConsultationBody),
      responses: { 201: json(ZCreated, "已发布"), ...errorResponses(400, 401, 404, 422) },
    }),
    async (c) => {
      const row = await createConsultation(db, actorOf(c), requireUser(c), c.req.valid("json"));
      return c.json({ id: row.id }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/consultations",
      tags: TAGS,
      summary: "征求意见列表（公开）：状态、意见数、是否已公布反馈",
      responses: { 200: json(z.object({ total: z.number(), items: z.array(ZAny) }), "列表") },
    }),
    async (c) => {
      const today = todayInChina();
      const items = (await listConsultations(db)).map((x) => ({
        id: x.id,
        unitId: x.unitId,
        title: x.title,
        decisionId: x.decisionId,
        opensAt: x.opensAt,
        closesAt: x.closesAt,
        status: consultationStatus(x, today),
        commentCount: x.commentCount,
        feedbackPublished: x.feedbackPublishedAt !== null,
      }));
      return c.json({ total: items.length, items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/consultations/{id}",
      tags: TAGS,
      summary:
        "一次征求意见（公开）；反馈公布后 feedback 含各类数量、采纳率和意见（按 page/pageSize 分页，隐藏意见 body 为 null，从不含姓名和联系方式）",
      request: { params: ZIdParam, query: ZPageQuery },
      responses: { 200: json(ZAny, "征求意见"), ...errorResponses(400, 404) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const v = await readPublicConsultation(db, c.req.valid("param").id, todayInChina(), q.page, q.pageSize);
      return c.json(consultationJson(v), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/public/consultations/{id}/comments",
      tags: TAGS,
      summary:
        "公众提交意见（无需登录）：可注明条款（第X条）和联系方式（不公开）；征求意见期间以外 409；同一地址每小时最多 20 条",
      request: { params: ZIdParam, ...body(ZCommentBody) },
      responses: { 201: json(ZCreated, "已提交"), ...errorResponses(400, 404, 409, 429) },
    }),
    async (c) =>
      c.json(await submitComment(db, c.get("clientIp"), c.req.valid("param").id, c.req.valid("json")), 201),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/consultations/{id}/comments",
      tags: TAGS,
      summary: "全部意见，含姓名和联系方式（承办单位或政务公开办公室）",
      security: bearerSecurity,
      request: { params: ZIdParam, query: ZPageQuery },
      responses: {
        200: json(z.object({ total: z.number(), items: z.array(ZAny) }), "意见"),
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      const p = requireUser(c);
      const id = c.req.valid("param").id;
      const row = await findConsultation(db, id);
      if (!row) throw new AppError("not_found", MSG.notFound);
      assertUnitAccess(p, row.unitId);
      const q = c.req.valid("query");
      const { total, items } = await staffComments(db, id, {
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return c.json(
        {
          total,
          items: items.map((m) => ({
            id: m.id,
            body: m.body,
            clause: m.clause,
            name: m.name,
            contact: m.contact,
            createdAt: m.createdAt.toISOString(),
            disposition: m.disposition,
            reason: m.reason,
            hidden: m.hiddenAt !== null,
            hiddenReason: m.hiddenReason,
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/consultations/{id}/comments/{commentId}/disposition",
      tags: TAGS,
      summary: "给出一条意见的处理意见；不予采纳、部分采纳须有理由（422）；反馈公布后 409",
      security: bearerSecurity,
      request: { params: ZCommentParams, ...body(ZDispositionBody) },
      responses: { 200: json(ZAny, "已保存"), ...errorResponses(400, 401, 404, 409, 422) },
    }),
    async (c) => {
      const { id, commentId } = c.req.valid("param");
      return c.json(
        await setDisposition(db, actorOf(c), requireUser(c), id, commentId, c.req.valid("json")),
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/consultations/{id}/comments/{commentId}/hide",
      tags: TAGS,
      summary: "隐藏含辱骂等内容的意见（须写明理由，记入操作日志）；仍计入总数并保留处理意见",
      security: bearerSecurity,
      request: { params: ZCommentParams, ...body(ZHideBody) },
      responses: { 200: json(ZAny, "已隐藏"), ...errorResponses(400, 401, 404, 409) },
    }),
    async (c) => {
      const { id, commentId } = c.req.valid("param");
      return c.json(
        await hideComment(db, actorOf(c), requireUser(c), id, commentId, c.req.valid("json")),
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/consultations/{id}/feedback/publish",
      tags: TAGS,
      summary: "公布意见采纳情况反馈（政务公开办公室）；征求意见未结束或仍有意见未处理时 409",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: { 200: json(ZAny, "已公布"), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => c.json(await publishFeedback(db, actorOf(c), requireUser(c), c.req.valid("param").id), 200),
  );
}
