import { createRoute, z } from "@hono/zod-openapi";
import { can, type TPrincipal } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { bearerSecurity, errorResponses, type TApi, ZIdParam } from "../../platform/http/api";
import { actorOf, type TDeps } from "../../platform/http/context";
import { requirePermission, requireUser } from "../../platform/http/guards";
import { MSG } from "../../platform/messages";
import { parseOrThrow } from "../../platform/validation";
import { todayInChina } from "../calendar";
import { listUnits } from "../org";
import { publicProgress, setPlanPublic, ZPublicPartBody } from "./accountability";
import { assessPlan, saveWeights, ZWeights } from "./assessment";
import { importPlan, readPlanCsv, ZPlanMeta } from "./import-plan";
import { findPlan, tasksOf } from "./ledger.repository";
import { readPlanXlsx, XLSX_MIME } from "./read-plan-xlsx";
import {
  readTask,
  reportableUnits,
  reportFormInput,
  reviewReport,
  submitReport,
  ZReportBody,
  ZReviewBody,
} from "./report-progress";
import { responsibleUnits, taskStatus } from "./task-status";
import { checkTaskAtYearEnd, ZYearEndBody } from "./year-end-review";

export { taskStatus } from "./task-status";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** Reads the posted task breakdown, CSV or XLSX by its content type. */
async function planRows(contentType: string, body: () => Promise<ArrayBuffer>) {
  if (contentType.startsWith("text/csv")) return readPlanCsv(new TextDecoder().decode(await body()));
  if (contentType.startsWith(XLSX_MIME)) return readPlanXlsx(new Uint8Array(await body()));
  throw new AppError("unsupported_media_type", "请以 text/csv 或 XLSX（Excel 工作簿）提交任务分解表。");
}

/** Whether the principal sees every task (the office) or only those of its own units. */
const seesAll = (p: TPrincipal) => can(p, "ledger.manage");

/** The ledger endpoints of the stable API: import a plan's tasks, list them, report and review progress. */
export function registerLedgerApi(api: TApi, deps: TDeps) {
  const { db } = deps;

  api.openapi(
    createRoute({
      method: "post",
      path: "/ledger/plans/import",
      tags: ["工作台账"],
      summary: "导入工作要点的任务分解表（CSV 或 XLSX，列 no,section,group,requirement,units,deadline）",
      security: bearerSecurity,
      request: {
        query: ZPlanMeta,
        body: {
          content: {
            "text/csv": { schema: z.string() },
            [XLSX_MIME]: { schema: z.string().meta({ format: "binary" }) },
          },
          required: true,
        },
      },
      responses: {
        201: json(
          z.object({
            id: z.number(),
            taskCount: z.number(),
            unresolvedUnits: z.array(z.object({ no: z.number(), name: z.string() })),
            unreadableDeadlines: z.array(z.object({ no: z.number(), text: z.string(), reason: z.string() })),
          }),
          "已导入；无法识别的单位名称和期限逐条列出",
        ),
        // 413: an XLSX beyond the limits of read-plan-xlsx (unpacked size, rows, cells).
        ...errorResponses(400, 401, 403, 413),
      },
    }),
    async (c) => {
      requirePermission(c, "ledger.manage");
      const rows = await planRows(c.req.header("content-type") ?? "", () => c.req.arrayBuffer());
      return c.json(await importPlan(db, actorOf(c), c.req.valid("query"), rows), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/ledger/plans/{id}/tasks",
      tags: ["工作台账"],
      summary: "工作要点的任务、责任单位（牵头、配合、集合）、期限和状态；单位用户只看到本单位负责的任务",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: {
        200: json(z.object({ total: z.number(), items: z.array(z.record(z.string(), z.unknown())) }), "任务"),
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      const p = requireUser(c);
      const id = c.req.valid("param").id;
      if (!(await findPlan(db, id))) throw new AppError("not_found", MSG.notFound);
      const today = todayInChina();
      const units = seesAll(p) ? [] : await listUnits(db);
      const items = (await tasksOf(db, id))
        .filter((t) => seesAll(p) || reportableUnits(p, responsibleUnits(t.units, units)).length > 0)
        .map((t) => ({
          id: t.id,
          no: t.no,
          section: t.section,
          group: t.group,
          requirement: t.requirement,
          units: t.units.map((u) => ({
            name: u.name,
            role: u.role,
            unitId: u.unitId,
            ...(u.collective ? { collective: u.collective } : {}),
          })),
          deadlineText: t.deadlineText,
          dueDate: t.dueDate,
          ongoing: t.ongoing,
          deadlineProblem: t.deadlineProblem,
          status: taskStatus(t, today),
        }));
      return c.json({ total: items.length, items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/ledger/tasks/{id}",
      tags: ["工作台账"],
      summary: "一项任务及其进展报告（公开办和该任务的责任单位可见）",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: {
        200: json(z.record(z.string(), z.unknown()), "任务及进展报告"),
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      const p = requireUser(c);
      const { task, responsible, reports } = await readTask(db, p, c.req.valid("param").id);
      return c.json(
        {
          id: task.id,
          planId: task.planId,
          no: task.no,
          section: task.section,
          requirement: task.requirement,
          dueDate: task.dueDate,
          ongoing: task.ongoing,
          status: taskStatus(task, todayInChina()),
          responsibleUnits: [...responsible].map(([unitId, role]) => ({ unitId, role })),
          reports: reports.map((r) => ({
            id: r.id,
            unitId: r.unitId,
            body: r.body,
            reportedOn: r.reportedOn,
            isComplete: r.isComplete,
            status: r.status,
            reviewComment: r.reviewComment,
            evidence: r.evidence.map((e) => ({
              kind: e.kind,
              name: e.name,
              ...(e.documentId ? { documentId: e.documentId } : {}),
              ...(e.url ? { url: e.url } : {}),
              ...(e.fileId ? { fileId: e.fileId } : {}),
            })),
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/ledger/tasks/{id}/reports",
      tags: ["工作台账"],
      summary:
        "责任单位报告任务进展（文字、日期、是否完成、佐证：已发布文件编号、网址）；附件以 multipart/form-data 的 files 字段提交",
      security: bearerSecurity,
      request: {
        params: ZIdParam,
        body: {
          content: {
            "application/json": { schema: ZReportBody },
            // Same fields as the page's form (documentIds comma-separated, urls one per line), plus files.
            "multipart/form-data": { schema: { type: "object" } },
          },
        },
      },
      responses: {
        201: json(
          z.object({
            id: z.number(),
            taskId: z.number(),
            unitId: z.number(),
            status: z.string(),
            taskStatus: z.string(),
          }),
          "已报告，等待公开办审核",
        ),
        ...errorResponses(400, 401, 403, 404, 415),
      },
    }),
    async (c) => {
      const p = requireUser(c);
      const id = c.req.valid("param").id;
      const type = c.req.header("content-type") ?? "";
      if (type.startsWith("multipart/form-data")) {
        const form = await c.req.parseBody({ all: true });
        const fields = Object.fromEntries(
          Object.entries(form).filter((e): e is [string, string | string[]] =>
            [e[1]].flat().every((v) => typeof v === "string"),
          ),
        );
        const files = [form.files].flat().filter((f): f is File => f instanceof File && f.size > 0);
        const uploads = await Promise.all(
          files.map(async (f) => ({ data: new Uint8Array(await f.arrayBuffer()), name: f.name })),
        );
        const body = parseOrThrow(ZReportBody, reportFormInput(fields));
        return c.json(await submitReport(db, actorOf(c), p, id, body, { blobs: deps.blobs, uploads }), 201);
      }
      // JSON bodies were parsed and checked against the schema before the handler ran.
      if (!type.startsWith("application/json"))
        throw new AppError("unsupported_media_type", "请以 application/json 或 multipart/form-data 提交。");
      const body = parseOrThrow(ZReportBody, await c.req.json());
      return c.json(await submitReport(db, actorOf(c), p, id, body), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/ledger/reports/{id}/review",
      tags: ["工作台账"],
      summary: "公开办审核进展报告：通过（accept）或退回（return，须写明意见）",
      security: bearerSecurity,
      request: {
        params: ZIdParam,
        body: { content: { "application/json": { schema: ZReviewBody } }, required: true },
      },
      responses: {
        200: json(
          z.object({ id: z.number(), taskId: z.number(), status: z.string(), taskStatus: z.string() }),
          "已审核",
        ),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const p = requirePermission(c, "ledger.manage");
      return c.json(await reviewReport(db, actorOf(c), p, c.req.valid("param").id, c.req.valid("json")), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/ledger/tasks/{id}/year-end",
      tags: ["工作台账"],
      summary: "回头看：任务销号（closed）或结转（carried_over，须写明原因并指定结转到的工作要点）",
      security: bearerSecurity,
      request: {
        params: ZIdParam,
        body: { content: { "application/json": { schema: ZYearEndBody } }, required: true },
      },
      responses: {
        200: json(
          z.object({ id: z.number(), outcome: z.string(), carriedTaskId: z.number().nullable() }),
          "已处理；结转时给出新任务的编号",
        ),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      requirePermission(c, "ledger.manage");
      return c.json(
        await checkTaskAtYearEnd(db, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      );
    },
  );

  const ZAssessment = z.object({
    weights: z.object({ onTime: z.number(), returned: z.number(), review: z.number() }),
    items: z.array(z.record(z.string(), z.unknown())),
  });

  api.openapi(
    createRoute({
      method: "get",
      path: "/ledger/plans/{id}/assessment",
      tags: ["工作台账"],
      summary:
        "考核评分：权重和各单位得分（按时完成率、未被退回率、回头看销号率，以及主动公开按时率、依申请按时答复率、复议诉讼未被纠错率、抽查平均分、标准目录落实率；每项的数值和依据在 indicators 中）",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: { 200: json(ZAssessment, "各单位得分，高分在前"), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      requirePermission(c, "ledger.manage");
      const r = await assessPlan(db, c.req.valid("param").id, todayInChina());
      return c.json({ weights: r.weights, items: r.items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/ledger/plans/{id}/assessment/weights",
      tags: ["工作台账"],
      summary:
        "设置考核权重（各项之和为 100）：onTime、returned、review，以及按记录计算的 latePublication、requestTimeliness、appealCorrection、spotCheck、catalogueCoverage（不填为 0）",
      security: bearerSecurity,
      request: {
        params: ZIdParam,
        body: { content: { "application/json": { schema: ZWeights } }, required: true },
      },
      responses: {
        200: json(z.object({ onTime: z.number(), returned: z.number(), review: z.number() }), "已保存"),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      requirePermission(c, "ledger.manage");
      return c.json(await saveWeights(db, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/ledger/plans/{id}/public",
      tags: ["工作台账"],
      summary: "向社会公开整个计划或其中一个板块的进展（isPublic: false 停止公开）",
      security: bearerSecurity,
      request: {
        params: ZIdParam,
        body: { content: { "application/json": { schema: ZPublicPartBody } }, required: true },
      },
      responses: {
        200: json(
          z.object({
            planId: z.number(),
            section: z.string().nullable(),
            isPublic: z.boolean(),
            isChanged: z.boolean(),
          }),
          "已保存",
        ),
        ...errorResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      requirePermission(c, "ledger.manage");
      return c.json(await setPlanPublic(db, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/accountability/plans/{id}",
      tags: ["工作台账"],
      summary:
        "公开的工作进展（无需登录）：只含已公开的板块，每项的责任单位、状态、完成比例、最新一次经审核的进展及佐证和历次进展；未公开的计划 404",
      request: { params: ZIdParam },
      responses: { 200: json(z.record(z.string(), z.unknown()), "进展"), ...errorResponses(404) },
    }),
    async (c) => c.json(await publicProgress(db, c.req.valid("param").id, todayInChina()), 200),
  );
}
