// Trends (seed task 28): items per topic per day, and the monthly analysis with its XLSX export.

import ExcelJS from "exceljs";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { listUnits } from "../org";
import { opinionScope } from "./access";
import { countsPerTopicDay, listAlerts, listTopics, periodSummary } from "./opinions.repository";
import { SOURCE_LABELS, type TSource } from "./opinions.schemas";

/** The days of a month "YYYY-MM", as "YYYY-MM-DD". */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

/** Midnight in Beijing at the start of a day "YYYY-MM-DD". */
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

const nextMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};

export type TMonthlyAnalysis = Awaited<ReturnType<typeof monthlyAnalysis>>;

/** One month's figures in the caller's units: per topic and day, per source, per unit, spike alerts. */
export async function monthlyAnalysis(db: Db, p: TPrincipal, month: string) {
  const scope = opinionScope(p);
  const days = daysOfMonth(month);
  const from = chinaMidnight(`${month}-01`);
  const to = chinaMidnight(`${nextMonth(month)}-01`);
  const [topics, counts, summary, units, alerts] = await Promise.all([
    listTopics(db),
    countsPerTopicDay(db, days[0] as string, days[days.length - 1] as string, scope),
    periodSummary(db, from, to, scope),
    listUnits(db),
    listAlerts(db, { from, to, limit: 200 }),
  ]);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const rows = new Map<number | null, number[]>();
  for (const c of counts) {
    const perDay = rows.get(c.topicId) ?? days.map(() => 0);
    const i = dayIndex.get(c.day);
    if (i !== undefined) perDay[i] = (perDay[i] ?? 0) + c.count;
    rows.set(c.topicId, perDay);
  }
  const byTopic = [
    ...topics.map((t) => ({
      topicId: t.id as number | null,
      name: t.name,
      perDay: rows.get(t.id) ?? days.map(() => 0),
    })),
    { topicId: null, name: "未归类", perDay: rows.get(null) ?? days.map(() => 0) },
  ]
    .map((t) => ({ ...t, total: t.perDay.reduce((a, b) => a + b, 0) }))
    .filter((t) => t.total > 0 || topics.some((x) => x.id === t.topicId && x.isBuiltin));
  const perDay = days.map((_, i) => byTopic.reduce((a, t) => a + (t.perDay[i] ?? 0), 0));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return {
    month,
    days,
    byTopic,
    perDay,
    total: perDay.reduce((a, b) => a + b, 0),
    bySource: summary.bySource.map((s) => ({ ...s, label: SOURCE_LABELS[s.source as TSource] ?? s.source })),
    byUnit: summary.byUnit.map((u) => ({
      ...u,
      unitName: u.unitId ? (unitName.get(u.unitId) ?? "") : "（未指定单位）",
    })),
    // Alerts concern topics across units: shown to district roles only.
    alerts: scope === "all" ? alerts : [],
  };
}

/** The monthly analysis as a workbook: one sheet per table of the page. */
export async function monthlyAnalysisXlsx(a: TMonthlyAnalysis): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const topics = wb.addWorksheet("按主题按日");
  topics.addRow(["主题", ...a.days.map((d) => d.slice(5)), "合计"]);
  for (const t of a.byTopic) topics.addRow([t.name, ...t.perDay, t.total]);
  topics.addRow(["合计", ...a.perDay, a.total]);
  const sources = wb.addWorksheet("按来源");
  sources.addRow(["来源", "件数"]);
  for (const s of a.bySource) sources.addRow([s.label, s.count]);
  const units = wb.addWorksheet("按单位");
  units.addRow(["承办单位", "件数", "按时办结", "超时办结", "超时未办结"]);
  for (const u of a.byUnit) units.addRow([u.unitName, u.count, u.onTime, u.late, u.openOverdue]);
  const alerts = wb.addWorksheet("集中舆情预警");
  alerts.addRow(["主题", "24 小时窗口结束（北京时间）", "件数", "阈值"]);
  for (const al of a.alerts)
    alerts.addRow([
      al.topicName,
      `${new Date(al.windowEnd.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ")}`,
      al.itemCount,
      al.threshold,
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
