import type { Db } from "../../platform/db";
import { todayInChina } from "../calendar";
import type { TUnitRow } from "../org";
import { computeAnnualReport } from "../reports";
import { OUTCOME_CODES, OUTCOMES } from "../requests";
import { documentsByUnitMonth, requestsByMonth } from "./statistics.repository";

// The public statistics of one year, for the district or one unit. Outcomes and appeals are the
// annual report's own counts (one way to count); the monthly and per-unit figures are grouped
// counts of the same tables. Only counts leave this module: nothing that identifies an applicant.

/** corrected ÷ decided, as STATUTES §7 defines 纠错率; null when nothing was decided. */
export const rate = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null;

export type TRequestMonth = {
  month: number;
  received: number;
  onTime: number;
  late: number;
  openOverdue: number;
  openInTime: number;
  untimed: number;
  /** In time ÷ (in time + late + still open past the due date); null when none is judged yet. */
  onTimeShare: number | null;
};

export type TAppealSummary = {
  total: number;
  upheld: number;
  corrected: number;
  other: number;
  pending: number;
  /** 纠错率: corrected ÷ decided (upheld + corrected + other). */
  correctionRate: number | null;
};

export type TUnitDocuments = {
  unitId: number;
  unitName: string;
  published: number;
  late: number;
  undated: number;
};

export type TStatistics = {
  year: number;
  unitId: number | null;
  /** The day open requests are judged on: today while the year runs, else its last day. */
  asOf: string;
  requests: { months: TRequestMonth[]; total: TRequestMonth };
  outcomes: { group: string; count: number }[];
  concluded: number;
  appeals: { reconsideration: TAppealSummary; litigation: TAppealSummary };
  documents: {
    months: { month: number; published: number; late: number }[];
    units: TUnitDocuments[];
    total: { published: number; late: number; undated: number };
  };
};

/** The six groups of table 三 (（一）予以公开 … （六）其他处理), in the report's order. */
export const OUTCOME_GROUPS = [
  "予以公开",
  "部分公开",
  "不予公开",
  "无法提供",
  "不予处理",
  "其他处理",
] as const;
const GROUP_PREFIXES = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"];
const groupOf = (code: (typeof OUTCOME_CODES)[number]) =>
  GROUP_PREFIXES.findIndex((p) => OUTCOMES[code].row.startsWith(p));

function withShare(m: Omit<TRequestMonth, "onTimeShare">): TRequestMonth {
  return { ...m, onTimeShare: rate(m.onTime, m.onTime + m.late + m.openOverdue) };
}

function summary(
  rows: { upheld: number; corrected: number; other: number; pending: number; total: number }[],
) {
  const sum = (k: keyof (typeof rows)[number]) => rows.reduce((n, r) => n + r[k], 0);
  const s = {
    total: sum("total"),
    upheld: sum("upheld"),
    corrected: sum("corrected"),
    other: sum("other"),
    pending: sum("pending"),
  };
  return { ...s, correctionRate: rate(s.corrected, s.upheld + s.corrected + s.other) };
}

export async function computeStatistics(
  db: Db,
  year: number,
  unitId: number | null,
  units: TUnitRow[],
  today: string = todayInChina(),
): Promise<TStatistics> {
  const end = `${year}-12-31`;
  const asOf = today < end ? today : end;
  const [monthRows, docRows, report] = await Promise.all([
    requestsByMonth(db, year, unitId, asOf),
    documentsByUnitMonth(db, year, unitId),
    computeAnnualReport(db, year, unitId, today),
  ]);

  const months = Array.from({ length: 12 }, (_, i) => {
    const r = monthRows.find((x) => x.month === i + 1);
    return withShare({
      month: i + 1,
      received: r?.received ?? 0,
      onTime: r?.on_time ?? 0,
      late: r?.late ?? 0,
      openOverdue: r?.open_overdue ?? 0,
      openInTime: r?.open_in_time ?? 0,
      untimed: r?.untimed ?? 0,
    });
  });
  const add = (k: keyof Omit<TRequestMonth, "onTimeShare" | "month">) => months.reduce((n, m) => n + m[k], 0);
  const total = withShare({
    month: 0,
    received: add("received"),
    onTime: add("onTime"),
    late: add("late"),
    openOverdue: add("openOverdue"),
    openInTime: add("openInTime"),
    untimed: add("untimed"),
  });

  const groupCounts = OUTCOME_GROUPS.map(() => 0);
  for (const code of OUTCOME_CODES) {
    const g = groupOf(code);
    if (g >= 0) groupCounts[g] = (groupCounts[g] ?? 0) + report.requests.outcomes[code].total;
  }

  const docMonths = Array.from({ length: 12 }, (_, i) => {
    const rows = docRows.filter((r) => r.month === i + 1);
    return {
      month: i + 1,
      published: rows.reduce((n, r) => n + r.published, 0),
      late: rows.reduce((n, r) => n + r.late, 0),
    };
  });
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const byUnit = new Map<number, TUnitDocuments>();
  for (const r of docRows) {
    const u = byUnit.get(r.unit_id) ?? {
      unitId: r.unit_id,
      unitName: unitName.get(r.unit_id) ?? "其他机构",
      published: 0,
      late: 0,
      undated: 0,
    };
    u.published += r.published;
    u.late += r.late;
    u.undated += r.undated;
    byUnit.set(r.unit_id, u);
  }
  const docUnits = [...byUnit.values()].sort((a, b) => b.published - a.published || a.unitId - b.unitId);

  return {
    year,
    unitId,
    asOf,
    requests: { months, total },
    outcomes: OUTCOME_GROUPS.map((group, i) => ({ group, count: groupCounts[i] ?? 0 })),
    concluded: report.requests.outcomes.total.total,
    appeals: {
      reconsideration: summary([report.appeals.reconsideration]),
      litigation: summary([
        report.appeals.litigation_direct,
        report.appeals.litigation_after_reconsideration,
      ]),
    },
    documents: {
      months: docMonths,
      units: docUnits,
      total: {
        published: docUnits.reduce((n, u) => n + u.published, 0),
        late: docUnits.reduce((n, u) => n + u.late, 0),
        undated: docUnits.reduce((n, u) => n + u.undated, 0),
      },
    },
  };
}
