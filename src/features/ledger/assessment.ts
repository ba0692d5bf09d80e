// Assessment (task 60 of the plan): the office weighs three measures, each unit is scored from the
// ledger's own data, and the table is exported to Excel.
//   on-time rate:   of the unit's tasks due by today, the share it finished (accepted completion
//                   report dated on or before the due date);
//   returned:       one minus the share of the unit's reports the office returned;
//   review result:  of the unit's tasks, the share closed at 回头看.
// Further indicators come from the records themselves (record-indicators.ts): publication on time,
// request timeliness, appeal corrections, spot checks and catalogue coverage, each with its weight.

import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { z } from "zod";
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { findPlan } from "./ledger.repository";
import { ledgerAssessmentWeights } from "./ledger.tables";
import { planBoard } from "./plan-board";
import {
  combineScore,
  INDICATOR_LABELS,
  PENDING_INDICATORS,
  RECORD_INDICATORS,
  recordIndicators,
  type TRecordIndicator,
} from "./record-indicators";
import type { TReportLike } from "./task-status";

export type TWeights = { onTime: number; returned: number; review: number } & Record<
  TRecordIndicator,
  number
>;
export const DEFAULT_WEIGHTS: TWeights = {
  onTime: 50,
  returned: 25,
  review: 25,
  latePublication: 0,
  requestTimeliness: 0,
  appealCorrection: 0,
  spotCheck: 0,
  catalogueCoverage: 0,
};

const weight = z.coerce.number("请填写 0 到 100 的整数。").int("请填写整数。").min(0).max(100);
// The record indicators are optional (0 when left out), so clients that send the first three still work.
const optionalWeight = z.preprocess((v) => (v === "" || v === undefined ? 0 : v), weight);
export const ZWeights = z
  .object({
    onTime: weight,
    returned: weight,
    review: weight,
    latePublication: optionalWeight,
    requestTimeliness: optionalWeight,
    appealCorrection: optionalWeight,
    spotCheck: optionalWeight,
    catalogueCoverage: optionalWeight,
  })
  .refine((w) => Object.values(w).reduce((a, b) => a + b, 0) === 100, {
    path: ["onTime"],
    message: "各项权重之和须为 100。",
  });

type TTaskFacts = {
  dueDate: string | null;
  reviewOutcome: string | null;
  reports: (TReportLike & { reportedOn: string })[];
};

/** One unit's measures (each 0–1) and score (0–100, one decimal) from its tasks and reports. */
export function scoreUnit(
  unitId: number,
  tasks: TTaskFacts[],
  weights: Pick<TWeights, "onTime" | "returned" | "review">,
  today: string,
) {
  const due = tasks.filter((t) => t.dueDate !== null && t.dueDate <= today);
  const onTime = due.filter((t) =>
    t.reports.some(
      (r) =>
        r.unitId === unitId &&
        r.status === "accepted" &&
        r.isComplete &&
        r.reportedOn <= (t.dueDate as string),
    ),
  ).length;
  const own = tasks.flatMap((t) => t.reports.filter((r) => r.unitId === unitId));
  const returned = own.filter((r) => r.status === "returned").length;
  const closed = tasks.filter((t) => t.reviewOutcome === "closed").length;
  const measures = {
    onTimeRate: due.length ? onTime / due.length : 1,
    notReturnedRate: own.length ? 1 - returned / own.length : 1,
    closedRate: tasks.length ? closed / tasks.length : 0,
  };
  const score =
    weights.onTime * measures.onTimeRate +
    weights.returned * measures.notReturnedRate +
    weights.review * measures.closedRate;
  return {
    ...measures,
    counts: { due: due.length, onTime, reports: own.length, returned, tasks: tasks.length, closed },
    score: Math.round(score * 10) / 10,
  };
}

/** The weights the office set for a plan, or the defaults. */
export async function weightsOf(db: Db, planId: number): Promise<TWeights> {
  const [row] = await db
    .select()
    .from(ledgerAssessmentWeights)
    .where(eq(ledgerAssessmentWeights.planId, planId));
  return row
    ? {
        onTime: row.onTime,
        returned: row.returned,
        review: row.review,
        latePublication: row.latePublication,
        requestTimeliness: row.requestTimeliness,
        appealCorrection: row.appealCorrection,
        spotCheck: row.spotCheck,
        catalogueCoverage: row.catalogueCoverage,
      }
    : DEFAULT_WEIGHTS;
}

/** Saves a plan's weights (they must add up to 100); audited. */
export async function saveWeights(db: Db, actor: TActor, planId: number, weights: TWeights) {
  if (!(await findPlan(db, planId))) throw new AppError("not_found", MSG.notFound);
  const before = await weightsOf(db, planId);
  await db.transaction(async (tx) => {
    await tx
      .insert(ledgerAssessmentWeights)
      .values({ planId, ...weights, updatedBy: actor.name })
      .onConflictDoUpdate({
        target: ledgerAssessmentWeights.planId,
        set: { ...weights, updatedBy: actor.name, updatedAt: new Date() },
      });
    await recordAudit(tx, actor, {
      action: "ledger.assessment_weights",
      entity: "ledger_plan",
      entityId: planId,
      before,
      after: weights,
    });
  });
  return weights;
}

/** Every responsible unit's score on a plan, best first. */
export async function assessPlan(db: Db, planId: number, today: string) {
  const plan = await findPlan(db, planId);
  if (!plan) throw new AppError("not_found", MSG.notFound);
  const weights = await weightsOf(db, planId);
  const board = await planBoard(db, planId, today);
  const yearEnd = `${plan.year}-12-31`;
  const records = await recordIndicators(db, `${plan.year}-01-01`, today < yearEnd ? today : yearEnd);
  const items = board.byUnit
    .map((row) => {
      const own = scoreUnit(
        row.unit.id,
        board.tasks.filter((t) => t.responsible.has(row.unit.id)),
        weights,
        today,
      );
      const measures = records(row.unit.id);
      const indicators = [
        {
          key: "onTime",
          label: "按时完成率",
          value: own.onTimeRate,
          detail: `${own.counts.onTime}/${own.counts.due}`,
        },
        {
          key: "returned",
          label: "未被退回率",
          value: own.notReturnedRate,
          detail: `退回 ${own.counts.returned}/${own.counts.reports}`,
        },
        {
          key: "review",
          label: "回头看销号率",
          value: own.closedRate,
          detail: `${own.counts.closed}/${own.counts.tasks}`,
        },
        ...RECORD_INDICATORS.map((key) => ({ key, label: INDICATOR_LABELS[key], ...measures[key] })),
      ].map((i) => ({ ...i, weight: weights[i.key as keyof TWeights] }));
      return {
        unitId: row.unit.id,
        unitName: row.unit.name,
        ...own,
        indicators,
        score: combineScore(indicators),
      };
    })
    .sort((a, b) => b.score - a.score || a.unitId - b.unitId);
  return { plan, weights, items };
}

const pct = (x: number) => Math.round(x * 1000) / 10;

/** The assessment as an Excel workbook: one row per unit with its measures and score. */
export async function assessmentXlsx(result: Awaited<ReturnType<typeof assessPlan>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("考核评分");
  const w = result.weights;
  sheet.addRow([`${result.plan.title} 考核评分`]);
  const first = result.items[0]?.indicators ?? [];
  sheet.addRow([
    `权重：${first.map((i) => `${i.label} ${i.weight}`).join("，") || `按时完成率 ${w.onTime}，未被退回率 ${w.returned}，回头看销号率 ${w.review}`}`,
  ]);
  sheet.addRow([
    "排名",
    "单位",
    "负责任务",
    "到期任务",
    "按时完成",
    "按时完成率(%)",
    "报告数",
    "被退回",
    "未被退回率(%)",
    "回头看销号",
    "销号率(%)",
    "得分",
    ...RECORD_INDICATORS.map((k) => `${INDICATOR_LABELS[k]}(%)`),
    "说明",
  ]);
  for (const [n, i] of result.items.entries())
    sheet.addRow([
      n + 1,
      i.unitName,
      i.counts.tasks,
      i.counts.due,
      i.counts.onTime,
      pct(i.onTimeRate),
      i.counts.reports,
      i.counts.returned,
      pct(i.notReturnedRate),
      i.counts.closed,
      pct(i.closedRate),
      i.score,
      ...RECORD_INDICATORS.map((k) => {
        const m = i.indicators.find((x) => x.key === k);
        return m && m.value !== null ? pct(m.value) : "无数据";
      }),
      i.indicators
        .slice(3)
        .map((x) => `${x.label}：${x.detail}`)
        .join("；"),
    ]);
  sheet.addRow([]);
  sheet.addRow([
    `无数据的指标不计分，其权重按比例分给有数据的指标。${PENDING_INDICATORS.map((p) => `${INDICATOR_LABELS[p.key]}：${p.note}`).join("")}`,
  ]);
  sheet.getRow(3).font = { bold: true };
  sheet.getColumn(2).width = 28;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
