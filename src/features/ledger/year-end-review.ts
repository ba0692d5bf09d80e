// 回头看 (task 63 of the plan): at year end the office checks every task and closes it or carries it
// over, with a reason, into another plan, where it appears as a new task with the same units.

import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { zId } from "../../platform/validation";
import { findPlan, findTask } from "./ledger.repository";
import { ledgerTasks, ledgerTaskUnits } from "./ledger.tables";

export const YEAR_END_LABELS = { closed: "销号", carried_over: "结转" } as const;

export const ZYearEndBody = z
  .object({
    outcome: z.enum(["closed", "carried_over"], "请选择“销号”或“结转”。"),
    reason: z.string().trim().max(2000).default(""),
    targetPlanId: zId.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.outcome !== "carried_over") return;
    if (!b.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "结转时请写明原因。" });
    if (!b.targetPlanId)
      ctx.addIssue({ code: "custom", path: ["targetPlanId"], message: "请选择结转到的工作要点。" });
  });
export type TYearEndBody = z.infer<typeof ZYearEndBody>;

const invalid = (path: string, message: string) =>
  new AppError("validation_failed", message, { issues: [{ path, message }] });

/** Closes a task or carries it over into the target plan (a new task there); each task is checked once. Audited. */
export async function checkTaskAtYearEnd(db: Db, actor: TActor, taskId: number, body: TYearEndBody) {
  const task = await findTask(db, taskId);
  if (!task) throw new AppError("not_found", MSG.notFound);
  if (task.reviewOutcome) throw new AppError("conflict", "该任务已回头看，不能重复处理。");
  const target =
    body.outcome === "carried_over" ? await findPlan(db, body.targetPlanId as number) : undefined;
  if (body.outcome === "carried_over") {
    if (!target) throw invalid("targetPlanId", "结转到的工作要点不存在。");
    if (target.id === task.planId) throw invalid("targetPlanId", "不能结转到同一份工作要点。");
  }
  const source = await findPlan(db, task.planId);
  return db.transaction(async (tx) => {
    const [checked] = await tx
      .update(ledgerTasks)
      .set({
        reviewOutcome: body.outcome,
        reviewReason: body.reason,
        reviewedBy: actor.name,
        reviewedAt: new Date(),
      })
      .where(and(eq(ledgerTasks.id, taskId), sql`${ledgerTasks.reviewOutcome} is null`))
      .returning();
    if (!checked) throw new AppError("conflict", "该任务已回头看，不能重复处理。");
    let carriedTaskId: number | null = null;
    if (target) {
      const [{ next } = { next: 1 }] = await tx
        .select({ next: sql<number>`coalesce(max(${ledgerTasks.no}), 0)::int + 1` })
        .from(ledgerTasks)
        .where(eq(ledgerTasks.planId, target.id));
      const [carried] = await tx
        .insert(ledgerTasks)
        .values({
          planId: target.id,
          no: Number(next),
          section: task.section,
          group: task.group,
          requirement: task.requirement,
          unitsText: task.unitsText,
          deadlineText: `全年（${source?.year ?? ""}年第${task.no}项结转：${body.reason}）`.slice(0, 200),
          dueDate: `${target.year}-12-31`,
          ongoing: task.ongoing,
          carriedFromTaskId: task.id,
        })
        .returning();
      if (!carried) throw new Error("insert returned no row");
      carriedTaskId = carried.id;
      if (task.units.length)
        await tx.insert(ledgerTaskUnits).values(
          task.units.map((u) => ({
            taskId: carried.id,
            name: u.name,
            role: u.role,
            unitId: u.unitId,
            collective: u.collective,
          })),
        );
    }
    await recordAudit(tx, actor, {
      action: "ledger.year_end",
      entity: "ledger_task",
      entityId: taskId,
      before: { reviewOutcome: null },
      after: { reviewOutcome: body.outcome, reason: body.reason, targetPlanId: target?.id, carriedTaskId },
    });
    return { id: taskId, outcome: body.outcome, carriedTaskId };
  });
}
