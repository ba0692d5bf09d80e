import { createRoute, z } from "@hono/zod-openapi";
import { can } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import {
  bearerSecurity,
  errorResponses,
  type TApi,
  ZIdParam as ZId,
  ZPageQuery,
} from "../../platform/http/api";
import { actorOf, type TDeps } from "../../platform/http/context";
import { requirePermission, requireUser } from "../../platform/http/guards";
import { zIdText } from "../../platform/validation";
import { loadWorkCalendar, todayInChina } from "../calendar";
import { requestScope } from "./access";
import { appealRates, decideAppeal, recordAppeal, ZAppealBody, ZAppealDecision } from "./appeals";
import { applyAction } from "./apply-action";
import { addAttachment } from "./attachments";
import { logContact, ZContactBody } from "./contacts";
import { registerRequest, submitPublicRequest } from "./create-request";
import { discloseReply, ZDiscloseReplyBody } from "./disclose-reply";
import { readPublicStatus, readRequest } from "./read-request";
import { boardByUnit, listRequests } from "./requests.repository";
import { ZAction, ZPublicRequestBody, ZRegisterRequestBody } from "./requests.schemas";
import { drawSpotCheck, readSpotCheck, scoreItem, verifyDraw, ZDrawBody, ZScoreBody } from "./spot-checks";

const ZRequestOut = z.object({
  id: z.number(),
  receiptNo: z.string(),
  status: z.string(),
  applicant: z.record(z.string(), z.unknown()),
  channel: z.string(),
  receivedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  dueDateProvisional: z.boolean(),
  outcome: z.string().nullable(),
  closedAt: z.string().nullable(),
  actions: z.array(z.record(z.string(), z.unknown())),
});
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** The request endpoints of the stable API: staff registration, actions, reading; the public form. */
export function registerRequestsApi(api: TApi, deps: TDeps) {
  const { db } = deps;

  api.openapi(
    createRoute({
      method: "post",
      path: "/requests",
      tags: ["依申请公开"],
      summary: "登记以信函、当面、传真等方式收到的申请",
      security: bearerSecurity,
      request: {
        body: { content: { "application/json": { schema: ZRegisterRequestBody } }, required: true },
      },
      responses: {
        201: json(
          z.object({
            id: z.number(),
            receiptNo: z.string(),
            status: z.string(),
            receivedAt: z.string(),
            dueDate: z.string().nullable(),
          }),
          "已登记",
        ),
        ...errorResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const p = requirePermission(c, "requests.handle");
      const r = await registerRequest(db, actorOf(c), p, c.req.valid("json"));
      return c.json(
        {
          id: r.id,
          receiptNo: r.receiptNo,
          status: r.status,
          receivedAt: r.receivedAt ?? "",
          dueDate: r.dueDate,
        },
        201,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/requests",
      tags: ["依申请公开"],
      summary: "本人有权查看的申请（本单位及协查）",
      security: bearerSecurity,
      request: {
        query: ZPageQuery.extend({
          status: z.string().max(30).optional(),
          unitId: zIdText.optional(),
          overdue: z.enum(["0", "1"]).optional(),
        }),
      },
      responses: {
        200: json(z.object({ total: z.number(), items: z.array(z.record(z.string(), z.unknown())) }), "列表"),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const p = requirePermission(c, "requests.handle");
      const q = c.req.valid("query");
      const today = todayInChina();
      const { total, items } = await listRequests(
        db,
        { scope: requestScope(p), status: q.status, unitId: q.unitId, isOverdueOnly: q.overdue === "1" },
        q.page,
        q.pageSize,
        today,
      );
      return c.json(
        {
          total,
          items: items.map((r) => ({
            id: r.id,
            receiptNo: r.receiptNo,
            status: r.status,
            unitId: r.unitId,
            applicantKind: r.applicantKind,
            receivedAt: r.receivedAt,
            dueDate: r.dueDate,
            dueDateProvisional: r.dueDateProvisional,
            isOverdue: r.status !== "concluded" && !!r.dueDate && r.dueDate < today,
            outcome: r.outcome,
            closedAt: r.closedAt,
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/requests/board",
      tags: ["依申请公开"],
      summary: "在办申请看板：按单位统计在办、5 个工作日内到期和逾期的件数",
      security: bearerSecurity,
      responses: {
        200: json(z.object({ today: z.string(), items: z.array(z.record(z.string(), z.unknown())) }), "看板"),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const p = requirePermission(c, "requests.handle");
      const today = todayInChina();
      const soon = (await loadWorkCalendar(db)).addWorkdays(today, 5).date;
      return c.json(
        { today, dueSoonUntil: soon, items: await boardByUnit(db, requestScope(p), today, soon) },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/requests/{id}",
      tags: ["依申请公开"],
      summary: "一件申请及其全部办理记录和期限计算过程；reveal=1 显示完整证件号码（记入操作日志）",
      security: bearerSecurity,
      request: { params: ZId, query: z.object({ reveal: z.enum(["0", "1"]).optional() }) },
      responses: { 200: json(ZRequestOut.passthrough(), "申请"), ...errorResponses(401, 404) },
    }),
    async (c) => {
      const p = requireUser(c);
      const r = await readRequest(
        db,
        actorOf(c),
        p,
        c.req.valid("param").id,
        c.req.valid("query").reveal === "1",
      );
      return c.json(r, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/requests/{id}/actions",
      tags: ["依申请公开"],
      summary:
        "办理一步（确认受理、补正、征求意见、延期、收费、答复等）；状态或法律不允许时 409/422，且不作任何修改",
      security: bearerSecurity,
      request: {
        params: ZId,
        body: { content: { "application/json": { schema: ZAction } }, required: true },
      },
      responses: {
        200: json(ZRequestOut.passthrough(), "办理后的申请"),
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const p = requireUser(c);
      const id = c.req.valid("param").id;
      await applyAction(db, actorOf(c), p, id, c.req.valid("json"));
      return c.json(await readRequest(db, actorOf(c), p, id), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/requests/{id}/disclose",
      tags: ["依申请公开"],
      summary: "把已公开的答复内容转为本单位的主动公开文件草稿（条例第四十四条），再经审核发布",
      security: bearerSecurity,
      request: {
        params: ZId,
        body: { content: { "application/json": { schema: ZDiscloseReplyBody } }, required: true },
      },
      responses: {
        201: json(z.object({ documentId: z.number() }), "已生成主动公开文件草稿"),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const p = requireUser(c);
      return c.json(
        await discloseReply(db, actorOf(c), p, c.req.valid("param").id, c.req.valid("json")),
        201,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/requests/{id}/appeals",
      tags: ["依申请公开"],
      summary: "登记针对答复的行政复议或行政诉讼",
      security: bearerSecurity,
      request: {
        params: ZId,
        body: { content: { "application/json": { schema: ZAppealBody } }, required: true },
      },
      responses: {
        201: json(z.record(z.string(), z.unknown()), "已登记"),
        ...errorResponses(400, 401, 404, 409, 422),
      },
    }),
    async (c) => {
      const p = requireUser(c);
      return c.json(await recordAppeal(db, actorOf(c), p, c.req.valid("param").id, c.req.valid("json")), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/requests/{id}/appeals/{appealId}",
      tags: ["依申请公开"],
      summary: "登记行政复议或诉讼的结果",
      security: bearerSecurity,
      request: {
        params: ZId.extend({ appealId: zIdText }),
        body: { content: { "application/json": { schema: ZAppealDecision } }, required: true },
      },
      responses: {
        200: json(z.record(z.string(), z.unknown()), "已登记结果"),
        ...errorResponses(400, 401, 404, 409, 422),
      },
    }),
    async (c) => {
      const p = requireUser(c);
      const { id, appealId } = c.req.valid("param");
      return c.json(await decideAppeal(db, actorOf(c), p, id, appealId, c.req.valid("json")), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/appeals/rates",
      tags: ["依申请公开"],
      summary: "各单位某年行政复议纠错率和行政诉讼败诉率",
      security: bearerSecurity,
      request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) },
      responses: {
        200: json(z.object({ year: z.number(), items: z.array(z.record(z.string(), z.unknown())) }), "统计"),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const p = requirePermission(c, "requests.handle");
      const { year } = c.req.valid("query");
      return c.json({ year, items: await appealRates(db, year, requestScope(p)) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/requests/{id}/contacts",
      tags: ["依申请公开"],
      summary: "记录与申请人的沟通（电话、邮件、信函、当面等）",
      security: bearerSecurity,
      request: {
        params: ZId,
        body: { content: { "application/json": { schema: ZContactBody } }, required: true },
      },
      responses: {
        201: json(z.record(z.string(), z.unknown()), "已记录"),
        ...errorResponses(400, 401, 404, 422),
      },
    }),
    async (c) => {
      const p = requireUser(c);
      return c.json(await logContact(db, actorOf(c), p, c.req.valid("param").id, c.req.valid("json")), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/requests/{id}/attachments",
      tags: ["依申请公开"],
      summary: "为申请添加材料（PDF、Word、Excel、PNG、JPEG，10 MB 以内，按内容识别类型）",
      security: bearerSecurity,
      request: {
        params: ZId,
        body: {
          content: {
            "multipart/form-data": {
              schema: z.object({
                file: z.any().openapi({ type: "string", format: "binary" }),
                kind: z.enum(["id_copy", "other"]).default("other"),
              }),
            },
          },
          required: true,
        },
      },
      responses: { 201: json(z.record(z.string(), z.unknown()), "已添加"), ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const p = requireUser(c);
      const { file, kind } = c.req.valid("form");
      if (!(file instanceof File))
        throw new AppError("validation_failed", "请选择文件。", {
          issues: [{ path: "file", message: "请选择文件。" }],
        });
      const upload = { data: new Uint8Array(await file.arrayBuffer()), name: file.name, kind };
      return c.json(await addAttachment(db, deps.blobs, actorOf(c), p, c.req.valid("param").id, upload), 201);
    },
  );

  /** Spot checks are the office's supervision of all units. */
  const requireOffice = (c: Parameters<typeof requireUser>[0]) => {
    const p = requireUser(c);
    if (!can(p, "requests.spotcheck")) throw new AppError("forbidden", "只有政务公开办公室可以组织抽查。");
    return p;
  };

  api.openapi(
    createRoute({
      method: "post",
      path: "/spot-checks",
      tags: ["依申请公开"],
      summary: "按期间随机抽取已办结的申请（记录随机种子，可复现）",
      security: bearerSecurity,
      request: { body: { content: { "application/json": { schema: ZDrawBody } }, required: true } },
      responses: {
        201: json(z.record(z.string(), z.unknown()), "已抽取"),
        ...errorResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      requireOffice(c);
      return c.json(await drawSpotCheck(db, actorOf(c), c.req.valid("json")), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/spot-checks/{id}",
      tags: ["依申请公开"],
      summary: "抽查结果：各件评分和各单位平均分；verified 表示按记录的种子重新抽取结果一致",
      security: bearerSecurity,
      request: { params: ZId },
      responses: { 200: json(z.record(z.string(), z.unknown()), "抽查"), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      requireOffice(c);
      const id = c.req.valid("param").id;
      return c.json({ ...(await readSpotCheck(db, id)), verified: await verifyDraw(db, id) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/spot-checks/{id}/items/{requestId}",
      tags: ["依申请公开"],
      summary: "按清单为抽中的一件评分",
      security: bearerSecurity,
      request: {
        params: ZId.extend({ requestId: zIdText }),
        body: { content: { "application/json": { schema: ZScoreBody } }, required: true },
      },
      responses: {
        200: json(z.record(z.string(), z.unknown()), "已评分"),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      requireOffice(c);
      const { id, requestId } = c.req.valid("param");
      return c.json(await scoreItem(db, actorOf(c), id, requestId, c.req.valid("json")), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/public/requests",
      tags: ["依申请公开"],
      summary:
        "在线提交政府信息公开申请（无需登录）：须 consent: true；同一地址每小时最多 10 件，与网页表单合计",
      request: { body: { content: { "application/json": { schema: ZPublicRequestBody } }, required: true } },
      responses: {
        201: json(z.object({ receiptNo: z.string(), queryCode: z.string() }), "已提交"),
        ...errorResponses(400, 422, 429),
      },
    }),
    async (c) =>
      c.json(
        await submitPublicRequest(db, deps.blobs, c.get("clientIp"), c.req.valid("json")).then(
          ({ receiptNo, queryCode }) => ({ receiptNo, queryCode }),
        ),
        201,
      ),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/public/requests/{receiptNo}",
      tags: ["依申请公开"],
      summary:
        "申请人凭受理编号和查询码查询办理状态，与网页查询相同：同一地址 10 分钟内查错 20 次后 429；选择电子邮件或网上获取且已办结的，附答复告知书（letter）",
      request: {
        params: z.object({ receiptNo: z.string().max(40) }),
        query: z.object({ queryCode: z.string().min(1).max(20) }),
      },
      responses: {
        200: json(z.record(z.string(), z.unknown()), "办理状态"),
        ...errorResponses(400, 404, 429),
      },
    }),
    async (c) =>
      c.json(
        await readPublicStatus(
          db,
          c.get("clientIp"),
          c.req.valid("param").receiptNo,
          c.req.valid("query").queryCode,
        ),
        200,
      ),
  );
}
