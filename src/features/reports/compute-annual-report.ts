import type { Db } from "../../platform/db";
import { todayInChina } from "../calendar";
import { APPLICANT_KIND_CODES, APPLICANT_KINDS, OUTCOME_CODES } from "../requests";
import { NATURAL_PERSON_LABEL, TOTAL_LABEL } from "./report-layout";
import {
  appealCounts,
  concludedWithoutOutcome,
  documentCounts,
  findReport,
  overdueOpenRequests,
  requestCounts,
  type TListedRow,
  type TRequestCountRow,
  yearBounds,
} from "./reports.repository";
import type { TAnnualReport, TAppealRow, TApplicantRow, TChecks } from "./reports.schemas";

type TColumn = keyof TApplicantRow;
const COLUMNS: TColumn[] = [...APPLICANT_KIND_CODES, "total"];

const emptyRow = (): TApplicantRow => Object.fromEntries(COLUMNS.map((c) => [c, 0])) as TApplicantRow;
const emptyAppeal = (): TAppealRow => ({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });

/** Adds `n` to a row's applicant column and to its total; an unknown kind counts in the total only. */
function add(row: TApplicantRow, kind: string, n: number) {
  if (kind in APPLICANT_KINDS) row[kind as TColumn] += n;
  row.total += n;
}

/** Table 三 from the grouped counts: one pass, no per-request work. */
function requestTable(rows: TRequestCountRow[]): TAnnualReport["requests"] {
  const outcomes = Object.fromEntries(
    [...OUTCOME_CODES, "total"].map((c) => [c, emptyRow()]),
  ) as TAnnualReport["requests"]["outcomes"];
  const out = { newThisYear: emptyRow(), carriedOver: emptyRow(), outcomes, carriedForward: emptyRow() };
  for (const r of rows) {
    add(out.newThisYear, r.kind, r.new_this_year);
    add(out.carriedOver, r.kind, r.carried_over);
    add(out.carriedForward, r.kind, r.carried_forward);
    if (r.concluded === 0) continue;
    // （七）总计 counts every request concluded in the year, so that the balance check holds even
    // when an outcome is unknown; the checks list such requests separately.
    add(outcomes.total, r.kind, r.concluded);
    if (r.outcome && r.outcome in outcomes && r.outcome !== "total")
      add(outcomes[r.outcome as keyof typeof outcomes], r.kind, r.concluded);
  }
  return out;
}

const COLUMN_LABELS: Record<TColumn, string> = {
  ...APPLICANT_KINDS,
  natural_person: NATURAL_PERSON_LABEL,
  total: TOTAL_LABEL,
};

/** The columns where 一 + 二 ≠ 三（七） + 四, each with its four numbers. */
export function unbalancedColumns(t: TAnnualReport["requests"]): TChecks["unbalanced"] {
  return COLUMNS.filter(
    (c) => t.newThisYear[c] + t.carriedOver[c] !== t.outcomes.total[c] + t.carriedForward[c],
  ).map((c) => ({
    column: c,
    label: COLUMN_LABELS[c],
    newThisYear: t.newThisYear[c],
    carriedOver: t.carriedOver[c],
    concluded: t.outcomes.total[c],
    carriedForward: t.carriedForward[c],
  }));
}

const listed = (rows: TListedRow[]) =>
  rows.map((r) => ({
    requestId: r.request_id,
    receiptNo: r.receipt_no,
    unitName: r.unit_name ?? "",
    date: r.date,
  }));

/**
 * The statistics of the annual report for `year`, of one unit's requests (the assigned unit) or of
 * the whole district when `unitId` is null, counted by the conventions of STATUTES §7, with the
 * checks that must pass before it is published. `today` bounds the overdue check while the year runs.
 */
export async function computeAnnualReport(
  db: Db,
  year: number,
  unitId: number | null,
  today: string = todayInChina(),
): Promise<TAnnualReport> {
  const { end } = yearBounds(year);
  const asOf = today < end ? today : end;
  const [counts, appeals, docs, stored, overdue] = await Promise.all([
    requestCounts(db, year, unitId),
    appealCounts(db, year, unitId),
    documentCounts(db, year, unitId),
    findReport(db, year, unitId),
    overdueOpenRequests(db, year, unitId, asOf),
  ]);
  // The grouped counts already show whether any request concluded in the year lacks a known
  // outcome; only then are they looked up one by one (scanning a year's replies is the slow part).
  const known: readonly string[] = OUTCOME_CODES;
  const hasUnknown = counts.some((r) => r.concluded > 0 && !(r.outcome && known.includes(r.outcome)));
  const withoutOutcome = hasUnknown ? await concludedWithoutOutcome(db, year, unitId, OUTCOME_CODES) : [];
  const requests = requestTable(counts);
  const appealTable = {
    reconsideration: emptyAppeal(),
    litigation_direct: emptyAppeal(),
    litigation_after_reconsideration: emptyAppeal(),
  };
  for (const a of appeals) {
    const row = appealTable[a.kind as keyof typeof appealTable];
    if (!row) continue;
    if (a.result in row && a.result !== "total") row[a.result as keyof TAppealRow] += a.n;
    row.total += a.n;
  }
  const unbalanced = unbalancedColumns(requests);
  const checks: TChecks = {
    isPassing: unbalanced.length === 0 && withoutOutcome.length === 0 && overdue.length === 0,
    unbalanced,
    withoutOutcome: listed(withoutOutcome),
    overdueOpen: listed(overdue),
  };
  return {
    year,
    unitId,
    proactive: {
      regulations: { made: docs.rules_made, repealed: docs.rules_repealed, valid: docs.rules_valid },
      normative: {
        made: docs.normative_made,
        repealed: docs.normative_repealed,
        valid: docs.normative_valid,
      },
      licensing: stored?.licensingCount ?? 0,
      penalties: stored?.penaltyCount ?? 0,
      enforcement: stored?.enforcementCount ?? 0,
      feeAmount: Number(stored?.feeAmount ?? 0),
    },
    requests,
    appeals: appealTable,
    checks,
  };
}
