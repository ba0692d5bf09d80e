// Indicators of the assessment computed from the records (task 60), beside the ledger's own three.
// Each is a share from 0 to 1 for one unit over the plan's year (up to today), or null when the unit
// has nothing to measure: its weight then goes to the indicators that have data (see combineScore).
//   latePublication   of the documents it published in the year with an 应公开日期 (Art. 26), the
//                     share published on or before it;
//   requestTimeliness of the requests it concluded in the year with a due date, the share replied
//                     on or before it;
//   appealCorrection  one minus the share of its appeals decided in the year that were corrected;
//   spotCheck         the average spot-check score (0–100) of its requests drawn in the year, / 100;
//   catalogueCoverage of its catalogue items the coverage check (回头看) judges over the year, the
//                     share published in time on a named channel.
// New-media inspection scores and training records come from registers not yet in the platform:
// they are listed with no data and cannot be weighted until those registers exist.

import { sql } from "drizzle-orm";
import { type Db, selectRows } from "../../platform/db";
import { checkCoverage, coverageByUnit } from "../catalogues";

export const RECORD_INDICATORS = [
  "latePublication",
  "requestTimeliness",
  "appealCorrection",
  "spotCheck",
  "catalogueCoverage",
] as const;
export type TRecordIndicator = (typeof RECORD_INDICATORS)[number];

export const INDICATOR_LABELS: Record<TRecordIndicator | "newMedia" | "training", string> = {
  latePublication: "主动公开按时率（条例第二十六条）",
  requestTimeliness: "依申请公开按时答复率",
  appealCorrection: "复议诉讼未被纠错率",
  spotCheck: "办理质量抽查平均分",
  catalogueCoverage: "标准目录落实率（回头看）",
  newMedia: "政务新媒体巡查得分",
  training: "政务公开培训完成情况",
};

/** Indicators named by the plan but not yet backed by records: shown as "暂无数据" with this note. */
export const PENDING_INDICATORS = [
  { key: "newMedia", note: "政务新媒体巡查记录尚未接入平台，暂无数据，不计分。" },
  { key: "training", note: "培训记录尚未接入平台，暂无数据，不计分。" },
] as const;

export type TMeasure = { value: number | null; detail: string };

const share = (good: number, all: number): TMeasure => ({
  value: all ? good / all : null,
  detail: all ? `${good}/${all}` : "无记录",
});

/** Every unit's record indicators over [from, to]. */
export async function recordIndicators(db: Db, from: string, to: string) {
  const [docs, reqs, appeals, spots, coverage] = await Promise.all([
    selectRows<{ unit_id: number; all: number; good: number }>(
      db,
      sql`select unit_id, count(*)::int as all, (count(*) filter (where published_at <= publish_due))::int as good
            from documents where status = 'published' and publish_due is not null
             and published_at between ${from}::date and ${to}::date group by unit_id`,
    ),
    selectRows<{ unit_id: number; all: number; good: number }>(
      db,
      sql`select unit_id, count(*)::int as all, (count(*) filter (where closed_at <= due_date))::int as good
            from requests where unit_id is not null and closed_at is not null and due_date is not null
             and closed_at between ${from}::date and ${to}::date group by unit_id`,
    ),
    selectRows<{ unit_id: number; all: number; corrected: number }>(
      db,
      sql`select r.unit_id, count(*)::int as all, (count(*) filter (where a.result = 'corrected'))::int as corrected
            from request_appeals a join requests r on r.id = a.request_id
           where r.unit_id is not null and a.decided_at between ${from}::date and ${to}::date group by r.unit_id`,
    ),
    selectRows<{ unit_id: number; n: number; total: number }>(
      db,
      sql`select r.unit_id, count(*)::int as n, sum(i.score)::int as total
            from spot_check_items i join spot_checks s on s.id = i.spot_check_id
            join requests r on r.id = i.request_id
           where i.score is not null and r.unit_id is not null
             and (s.drawn_at at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date
           group by r.unit_id`,
    ),
    checkCoverage(db, null, from, to).then(coverageByUnit),
  ]);
  const out = new Map<number, Record<TRecordIndicator, TMeasure>>();
  const get = (unitId: number) => {
    let row = out.get(unitId);
    if (!row) {
      const none = { value: null, detail: "无记录" };
      row = {
        latePublication: none,
        requestTimeliness: none,
        appealCorrection: none,
        spotCheck: none,
        catalogueCoverage: none,
      };
      out.set(unitId, row);
    }
    return row;
  };
  for (const r of docs) get(r.unit_id).latePublication = share(r.good, r.all);
  for (const r of reqs) get(r.unit_id).requestTimeliness = share(r.good, r.all);
  for (const r of appeals)
    get(r.unit_id).appealCorrection = {
      value: 1 - r.corrected / r.all,
      detail: `纠错 ${r.corrected}/${r.all}`,
    };
  for (const r of spots)
    get(r.unit_id).spotCheck = {
      value: r.total / r.n / 100,
      detail: `${r.n} 件平均 ${Math.round((r.total / r.n) * 10) / 10} 分`,
    };
  for (const [unitId, c] of coverage) if (c.checked) get(unitId).catalogueCoverage = share(c.ok, c.checked);
  return (unitId: number) => out.get(unitId) ?? get(unitId);
}

/**
 * The score from 0 to 100: the weighted mean of the measures that have data. An indicator without
 * data for a unit is left out and the others keep their proportions, so a unit is neither rewarded
 * nor punished for having no requests. With only the ledger's three weighted (the new weights at 0)
 * this is exactly the earlier score: their weights add up to 100.
 */
export function combineScore(parts: { weight: number; value: number | null }[]): number {
  const used = parts.filter((p) => p.value !== null && p.weight > 0);
  const total = used.reduce((s, p) => s + p.weight, 0);
  if (total === 0) return 0;
  const score = (used.reduce((s, p) => s + p.weight * (p.value as number), 0) / total) * 100;
  return Math.round(score * 10) / 10;
}
