import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../../platform/errors";
import { bearerSecurity, errorResponses, type TApi } from "../../platform/http/api";
import { actorOf, type TDeps } from "../../platform/http/context";
import { requirePermission, requireUser } from "../../platform/http/guards";
import { MSG } from "../../platform/messages";
import { todayInChina } from "../calendar";
import { importPlan, readPlanCsv, ZPlanMeta } from "./import-plan";
import { findPlan, tasksOf } from "./ledger.repository";

/** A task's status as shown: overdue is derived from the due date, never stored. */
export function taskStatus(t: { status: string; dueDate: string | null }, today: string): string {
  if ((t.status === "not_started" || t.status === "in_progress") && t.dueDate && t.dueDate < today)
    return "overdue";
  return t.status;
}

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** The ledger endpoints of the stable API: import a plan's tasks, list them. */
export function registerLedgerApi(api: TApi, deps: TDeps) {
  const { db } = deps;

  api.openapi(
    createRoute({
      method: "post",
      path: "/ledger/plans/import",
      tags: ["工作台账"],
      summary: "导入工作要点的任务分解表（CSV，列 no,section,group,requirement,units,deadline）",
      security: bearerSecurity,
      request: {
        query: ZPlanMeta,
        body: { content: { "text/csv": { schema: z.string() } }, required: true },
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
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      requirePermission(c, "ledger.manage");
      if (!(c.req.header("content-type") ?? "").startsWith("text/csv"))
        throw new AppError("unsupported_media_type", "请以 text/csv 提交任务分解表。");
      const rows = readPlanCsv(await c.req.text());
      return c.json(await importPlan(db, actorOf(c), c.req.valid("query"), rows), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/ledger/plans/{id}/tasks",
      tags: ["工作台账"],
      summary: "工作要点的任务、责任单位（牵头、配合、集合）和期限",
      security: bearerSecurity,
      request: { params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }) },
      responses: {
        200: json(z.object({ total: z.number(), items: z.array(z.record(z.string(), z.unknown())) }), "任务"),
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      requireUser(c);
      const id = c.req.valid("param").id;
      if (!(await findPlan(db, id))) throw new AppError("not_found", MSG.notFound);
      const today = todayInChina();
      const items = (await tasksOf(db, id)).map((t) => ({
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
}
