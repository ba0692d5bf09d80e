import { parse } from "csv-parse/sync";
import { z } from "zod";
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { listUnits } from "../org";
import { ledgerPlans, ledgerTasks, ledgerTaskUnits } from "./ledger.tables";
import { parseDeadline } from "./parse-deadline";
import { resolveUnitRefs } from "./resolve-units";

export const PLAN_COLUMNS = ["no", "section", "group", "requirement", "units", "deadline"] as const;

export const ZPlanMeta = z.object({
  title: z.string().trim().min(2).max(200),
  issuedAt: z.iso.date(),
  year: z.coerce.number().int().min(2000).max(2100),
});
export type TPlanMeta = z.infer<typeof ZPlanMeta>;

const ZRow = z.object({
  no: z.coerce.number().int().min(1).max(10000),
  section: z.string().trim().min(1).max(200),
  group: z.string().trim().max(200).default(""),
  requirement: z.string().trim().min(1).max(5000),
  units: z.string().trim().min(1).max(1000),
  deadline: z.string().trim().min(1).max(200),
});
export type TPlanRow = z.infer<typeof ZRow>;

/** Reads the task breakdown CSV (header row with the columns of the seed plan); every bad row is named. */
export function readPlanCsv(text: string): TPlanRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { columns: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    throw new AppError("bad_request", `CSV 格式有误：${(err as Error).message}`);
  }
  return readPlanRecords(records, "CSV");
}

/** Checks the rows of a task breakdown (CSV or XLSX, header already read); every bad row is named. */
export function readPlanRecords(
  records: Record<string, string>[],
  format: string,
  header = Object.keys(records[0] ?? {}),
): TPlanRow[] {
  const missing = PLAN_COLUMNS.filter((c) => !header.includes(c));
  if (records.length === 0 || missing.length)
    throw new AppError(
      "validation_failed",
      `${format} 须有表头 ${PLAN_COLUMNS.join(",")}${missing.length ? `，缺少：${missing.join("、")}` : "，且至少一行任务"}。`,
    );
  const issues: { path: string; message: string }[] = [];
  const rows: TPlanRow[] = [];
  records.forEach((rec, i) => {
    const r = ZRow.safeParse(rec);
    if (r.success) rows.push(r.data);
    else
      for (const issue of r.error.issues)
        issues.push({ path: `第${i + 2}行.${issue.path.join(".")}`, message: issue.message });
  });
  const seen = new Set<number>();
  for (const r of rows) {
    if (seen.has(r.no)) issues.push({ path: `序号${r.no}`, message: "序号重复。" });
    seen.add(r.no);
  }
  if (issues.length) throw new AppError("validation_failed", MSG.validation, { issues });
  return rows;
}

/**
 * Imports a plan: each row becomes a task with its units (named, aliased or collective; unknown
 * names kept for the office to map) and its deadline read from the Chinese text (unreadable text is
 * reported, never guessed). One transaction: a plan is imported whole or not at all.
 */
export async function importPlan(db: Db, actor: TActor, meta: TPlanMeta, rows: TPlanRow[]) {
  const units = (await listUnits(db)).map((u) => ({
    id: u.id,
    name: u.name,
    kind: u.kind as never,
    aliases: u.aliases,
  }));
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .insert(ledgerPlans)
      .values({ ...meta, createdBy: actor.name })
      .returning();
    if (!plan) throw new Error("insert returned no row");
    const unresolved: { no: number; name: string }[] = [];
    const unreadable: { no: number; text: string; reason: string }[] = [];
    for (const row of rows) {
      const deadline = parseDeadline(row.deadline, { issuedAt: meta.issuedAt, year: meta.year });
      const refs = resolveUnitRefs(row.units, units);
      if (!deadline.ok) unreadable.push({ no: row.no, text: row.deadline, reason: deadline.reason });
      for (const name of refs.unresolved) unresolved.push({ no: row.no, name });
      const [task] = await tx
        .insert(ledgerTasks)
        .values({
          planId: plan.id,
          no: row.no,
          section: row.section,
          group: row.group,
          requirement: row.requirement,
          unitsText: row.units,
          deadlineText: row.deadline,
          dueDate: deadline.ok ? deadline.dueDate : null,
          ongoing: deadline.ok ? deadline.ongoing : false,
          deadlineProblem: deadline.ok ? null : deadline.reason,
        })
        .returning();
      if (!task) throw new Error("insert returned no row");
      if (refs.refs.length)
        await tx.insert(ledgerTaskUnits).values(
          refs.refs.map((r) => ({
            taskId: task.id,
            name: r.name,
            role: r.role,
            unitId: r.unitId,
            collective: r.collective ?? null,
          })),
        );
    }
    const summary = {
      id: plan.id,
      taskCount: rows.length,
      unresolvedUnits: unresolved,
      unreadableDeadlines: unreadable,
    };
    await recordAudit(tx, actor, {
      action: "ledger.import",
      entity: "ledger_plan",
      entityId: plan.id,
      after: { ...meta, ...summary },
    });
    return summary;
  });
}
