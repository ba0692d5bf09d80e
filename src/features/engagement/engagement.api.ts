import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../../platform/errors";
import { bearerSecurity, errorResponses, type TApi, ZIdParam as ZId } from "../../platform/http/api";
import { actorOf, type TCtx, type TDeps } from "../../platform/http/context";
import { requireUnitPermission } from "../../platform/http/guards";
import { MSG } from "../../platform/messages";
import { todayInChina } from "../calendar";
import {
  findMeeting,
  findOpenDay,
  findSurvey,
  listMeetings,
  listOpenDays,
  listSurveys,
  meetingRegistrationsOf,
  openDayCounts,
} from "./engagement.repository";
import {
  ZCancelBody,
  ZCreateMeetingBody,
  ZCreateOpenDayBody,
  ZCreateSurveyBody,
  ZDrawBody,
  ZFeedbackBody,
  ZMeetingRegistrationBody,
  ZOpenDayRegistrationBody,
  ZOpinionBody,
  ZSurveyResponseBody,
} from "./engagement.schemas";
import {
  addOpinion,
  createMeeting,
  publishDraw,
  readPublicMeeting,
  registerForMeeting,
  runDraw,
} from "./meetings";
import {
  cancelOpenDayRegistration,
  createOpenDay,
  publishOpenDayFeedback,
  registerForOpenDay,
} from "./open-days";
import { publicOpenDay, publicSurvey, publishOpenDayOut } from "./present";
import { createSurvey, publishSurveyFeedback, submitSurveyResponse, surveyResults } from "./surveys";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
const ZCreated = z.object({ id: z.number() });
const ZAny = z.record(z.string(), z.unknown());
const ZDrawOut = z.object({ seed: z.string(), selected: z.array(z.number()) });
const ZResults = z.object({
  responses: z.number(),
  questions: z.array(z.object({ counts: z.array(z.number()).nullable(), mean: z.number().nullable() })),
});
const TAG = "公众参与";

/** The record's unit, for the unit check: a record the caller may not manage answers 404. */
async function staffRecord<T extends { unitId: number }>(c: TCtx, find: Promise<T | undefined>): Promise<T> {
  const row = await find;
  if (!row) throw new AppError("not_found", MSG.notFound);
  requireUnitPermission(c, "engagement.manage", row.unitId);
  return row;
}

/** Participation endpoints: meetings and their draw, open days, surveys (see docs/API.md). */
export function registerEngagementApi(api: TApi, deps: TDeps) {
  const { db } = deps;

  // ---- meetings (列席)

  api.openapi(
    createRoute({
      method: "post",
      path: "/meetings",
      tags: [TAG],
      summary: "新建设有公众列席席位的会议",
      security: bearerSecurity,
      request: body(ZCreateMeetingBody),
      responses: { 201: json(ZCreated, "已新建"), ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      requireUnitPermission(c, "engagement.manage", input.unitId);
      const row = await createMeeting(db, actorOf(c), input);
      return c.json({ id: row.id }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/meetings",
      tags: [TAG],
      summary: "会议列表（公开）",
      responses: { 200: json(z.object({ total: z.number(), items: z.array(ZAny) }), "列表") },
    }),
    async (c) => {
      const rows = await listMeetings(db);
      const items = rows.map((m) => ({
        id: m.id,
        unitId: m.unitId,
        title: m.title,
        heldAt: m.heldAt,
        seats: m.seats,
        registrationClosesAt: m.registrationClosesAt,
        isDrawPublished: m.drawPublishedAt !== null,
      }));
      return c.json({ total: items.length, items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/meetings/{id}",
      tags: [TAG],
      summary: "会议（公开）：公布的抽签结果只显示隐去名字的姓名，从不显示电话",
      request: { params: ZId },
      responses: { 200: json(ZAny, "会议"), ...errorResponses(404) },
    }),
    async (c) => c.json(await readPublicMeeting(db, c.req.valid("param").id, todayInChina()), 200),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/public/meetings/{id}/registrations",
      tags: [TAG],
      summary: "报名列席（无需登录）；报名截止或抽签结果公布后 409；同一电话号码只能报名一次",
      request: { params: ZId, ...body(ZMeetingRegistrationBody) },
      responses: { 201: json(ZCreated, "已报名"), ...errorResponses(400, 404, 409, 429) },
    }),
    async (c) => {
      const r = await registerForMeeting(
        db,
        actorOf(c),
        c.req.valid("param").id,
        c.req.valid("json"),
        todayInChina(),
      );
      return c.json({ id: r.id }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/meetings/{id}/registrations",
      tags: [TAG],
      summary: "报名名单（工作人员，含联系电话）",
      security: bearerSecurity,
      request: { params: ZId },
      responses: {
        200: json(z.object({ total: z.number(), items: z.array(ZAny) }), "名单"),
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      const m = await staffRecord(c, findMeeting(db, c.req.valid("param").id));
      const items = (await meetingRegistrationsOf(db, m.id)).map((r) => ({
        id: r.id,
        name: r.name,
        phone: r.phone,
        kind: r.kind,
        reason: r.reason,
        registeredAt: r.createdAt.toISOString(),
      }));
      return c.json({ total: items.length, items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/meetings/{id}/draw",
      tags: [TAG],
      summary:
        "以公开的种子抽签（算法见 docs/ENGAGEMENT.md）：同一种子、同一报名名单得出同一结果；结果公布后 409",
      security: bearerSecurity,
      request: { params: ZId, ...body(ZDrawBody) },
      responses: { 200: json(ZDrawOut, "抽签结果（按抽中顺序）"), ...errorResponses(400, 401, 404, 409) },
    }),
    async (c) => {
      const m = await staffRecord(c, findMeeting(db, c.req.valid("param").id));
      return c.json(await runDraw(db, actorOf(c), m.id, c.req.valid("json")), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/meetings/{id}/draw/publish",
      tags: [TAG],
      summary: "公布最近一次抽签结果；此后不能再抽签；未抽签或抽签后又有报名时 409",
      security: bearerSecurity,
      request: { params: ZId },
      responses: { 200: json(ZDrawOut, "已公布"), ...errorResponses(401, 404, 409) },
    }),
    async (c) => {
      const m = await staffRecord(c, findMeeting(db, c.req.valid("param").id));
      const r = await publishDraw(db, actorOf(c), m.id);
      return c.json({ seed: r.seed, selected: r.selected }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/meetings/{id}/opinions",
      tags: [TAG],
      summary: "登记列席代表在会上发表的意见及采纳情况（公开显示，发言人只显示隐去名字的姓名）",
      security: bearerSecurity,
      request: { params: ZId, ...body(ZOpinionBody) },
      responses: { 201: json(ZCreated, "已登记"), ...errorResponses(400, 401, 404, 422) },
    }),
    async (c) => {
      const m = await staffRecord(c, findMeeting(db, c.req.valid("param").id));
      const row = await addOpinion(db, actorOf(c), m.id, c.req.valid("json"));
      return c.json({ id: row.id }, 201);
    },
  );

  // ---- open days (政府开放活动)

  api.openapi(
    createRoute({
      method: "post",
      path: "/open-days",
      tags: [TAG],
      summary: "新建政府开放活动",
      security: bearerSecurity,
      request: body(ZCreateOpenDayBody),
      responses: { 201: json(ZCreated, "已新建"), ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      requireUnitPermission(c, "engagement.manage", input.unitId);
      return c.json({ id: (await createOpenDay(db, actorOf(c), input)).id }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/open-days",
      tags: [TAG],
      summary: "开放活动列表（公开）",
      responses: { 200: json(z.object({ total: z.number(), items: z.array(ZAny) }), "列表") },
    }),
    async (c) => {
      const rows = await listOpenDays(db);
      const counts = await openDayCounts(
        db,
        rows.map((r) => r.id),
      );
      const items = rows.map((d) => publicOpenDay(d, counts.get(d.id)));
      return c.json({ total: items.length, items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/open-days/{id}",
      tags: [TAG],
      summary: "开放活动（公开）：名额、已确认与候补人数、意见建议采纳情况",
      request: { params: ZId },
      responses: { 200: json(ZAny, "开放活动"), ...errorResponses(404) },
    }),
    async (c) => {
      const d = await findOpenDay(db, c.req.valid("param").id);
      if (!d) throw new AppError("not_found", MSG.notFound);
      return c.json(publicOpenDay(d, (await openDayCounts(db, [d.id])).get(d.id)), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/public/open-days/{id}/registrations",
      tags: [TAG],
      summary:
        "报名参加开放活动（无需登录）：名额未满为 confirmed，已满为 waiting（候补）；返回的 token 用于取消报名，只给出一次",
      request: { params: ZId, ...body(ZOpenDayRegistrationBody) },
      responses: {
        201: json(
          z.object({
            id: z.number(),
            status: z.enum(["confirmed", "waiting"]),
            token: z.string(),
            position: z.number(),
          }),
          "已报名",
        ),
        ...errorResponses(400, 404, 409, 429),
      },
    }),
    async (c) =>
      c.json(
        await registerForOpenDay(
          db,
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("json"),
          todayInChina(),
        ),
        201,
      ),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/public/open-days/{id}/registrations/cancel",
      tags: [TAG],
      summary: "凭报名时给出的 token 取消报名；取消已确认的名额后，候补第一位自动递补",
      request: { params: ZId, ...body(ZCancelBody) },
      responses: {
        200: json(z.object({ id: z.number(), promoted: z.number().nullable() }), "已取消"),
        ...errorResponses(400, 404, 409, 422, 429),
      },
    }),
    async (c) =>
      c.json(
        await cancelOpenDayRegistration(
          db,
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("json").token,
          todayInChina(),
        ),
        200,
      ),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/open-days/{id}/feedback",
      tags: [TAG],
      summary: "公开活动中收集的意见建议及吸收采纳情况",
      security: bearerSecurity,
      request: { params: ZId, ...body(ZFeedbackBody) },
      responses: { 200: json(ZAny, "已公开"), ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const d = await staffRecord(c, findOpenDay(db, c.req.valid("param").id));
      const row = await publishOpenDayFeedback(db, actorOf(c), d.id, c.req.valid("json").feedback);
      return c.json(publishOpenDayOut(row), 200);
    },
  );

  // ---- surveys (问卷调查)

  api.openapi(
    createRoute({
      method: "post",
      path: "/surveys",
      tags: [TAG],
      summary: "新建问卷：题型 single（单选）、multiple（多选）、scale（1–5 分）、text（文字）",
      security: bearerSecurity,
      request: body(ZCreateSurveyBody),
      responses: { 201: json(ZCreated, "已新建"), ...errorResponses(400, 401, 404, 422) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      requireUnitPermission(c, "engagement.manage", input.unitId);
      return c.json({ id: (await createSurvey(db, actorOf(c), input)).id }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/surveys",
      tags: [TAG],
      summary: "问卷列表（公开）",
      responses: { 200: json(z.object({ total: z.number(), items: z.array(ZAny) }), "列表") },
    }),
    async (c) => {
      const today = todayInChina();
      const items = (await listSurveys(db)).map((s) => publicSurvey(s, today));
      return c.json({ total: items.length, items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/surveys/{id}",
      tags: [TAG],
      summary: "问卷及其题目（公开）",
      request: { params: ZId },
      responses: { 200: json(ZAny, "问卷"), ...errorResponses(404) },
    }),
    async (c) => {
      const s = await findSurvey(db, c.req.valid("param").id);
      if (!s) throw new AppError("not_found", MSG.notFound);
      return c.json(publicSurvey(s, todayInChina()), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/public/surveys/{id}/responses",
      tags: [TAG],
      summary:
        "提交问卷（无需登录）：answers 按题目顺序，单选为选项序号（从 0 起），多选为序号数组，量表为 1–5，文字为字符串；同一 respondentToken 只能提交一次（409）",
      request: { params: ZId, ...body(ZSurveyResponseBody) },
      responses: { 201: json(ZCreated, "已提交"), ...errorResponses(400, 404, 409, 422, 429) },
    }),
    async (c) => {
      const r = await submitSurveyResponse(db, c.req.valid("param").id, c.req.valid("json"), todayInChina());
      return c.json({ id: r.id }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/surveys/{id}/results",
      tags: [TAG],
      summary: "问卷结果（公开）：每题各选项的人数（量表为 1–5 分各几人）及量表平均分；文字题不公开原文",
      request: { params: ZId },
      responses: { 200: json(ZResults, "结果"), ...errorResponses(404) },
    }),
    async (c) => {
      const { responses, questions } = await surveyResults(db, c.req.valid("param").id);
      return c.json({ responses, questions }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/surveys/{id}/feedback",
      tags: [TAG],
      summary: "公开问卷意见建议的分析及采纳情况",
      security: bearerSecurity,
      request: { params: ZId, ...body(ZFeedbackBody) },
      responses: { 200: json(ZAny, "已公开"), ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const s = await staffRecord(c, findSurvey(db, c.req.valid("param").id));
      const row = await publishSurveyFeedback(db, actorOf(c), s.id, c.req.valid("json").feedback);
      return c.json(publicSurvey(row, todayInChina()), 200);
    },
  );
}
