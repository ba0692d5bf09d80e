import { z } from "zod";
import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal, TUnitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { todayInChina } from "../calendar";
import {
  appealCountsOfYear,
  insertAppeal,
  lockAppeal,
  type TRequestRow,
  updateAppeal,
} from "./requests.repository";
import { assertLead, loadVisibleRequest } from "./visible-request";

export const APPEAL_KINDS = [
  "reconsideration",
  "litigation_direct",
  "litigation_after_reconsideration",
] as const;
export const APPEAL_RESULTS = ["upheld", "corrected", "other"] as const;

export const ZAppealBody = z.object({
  kind: z.enum(APPEAL_KINDS),
  filedAt: z.iso.date(),
  result: z.enum(APPEAL_RESULTS).optional(),
  decidedAt: z.iso.date().optional(),
  authority: z.string().trim().max(100).optional().default(""),
  caseNo: z.string().trim().max(100).optional().default(""),
  note: z.string().trim().max(2000).optional().default(""),
});
export type TAppealBody = z.infer<typeof ZAppealBody>;

export const ZAppealDecision = z.object({ result: z.enum(APPEAL_RESULTS), decidedAt: z.iso.date() });

/** Appeals answer for the request's reply: the lead unit's or the office's business, not a co-handler's. */
async function requestForAppeal(db: Db, p: TPrincipal, requestId: number): Promise<TRequestRow> {
  const { r } = await loadVisibleRequest(db, p, requestId);
  assertLead(p, r, "只有承办单位或政务公开办公室可以登记行政复议或诉讼。");
  return r;
}

/**
 * The dates of an appeal: not before the request was received nor in the future. An appeal is
 * against the reply, filed after it, or against a failure to reply (Art. 51; 行政复议法 第十一条),
 * filed after the due date passed with no reply yet.
 */
function checkDates(
  r: TRequestRow,
  filedAt: string,
  decidedAt: string | undefined,
  result: string | undefined,
) {
  const today = todayInChina();
  const issues = [];
  if (!r.receivedAt) throw new AppError("conflict", "尚未确认受理的申请没有行政复议或诉讼。");
  const isConcluded = r.status === "concluded" && r.closedAt;
  const isOverdueOnFiling = r.dueDate !== null && filedAt > r.dueDate;
  if (filedAt < r.receivedAt)
    issues.push({ path: "filedAt", message: `提起日期不能早于收到申请的日期（${r.receivedAt}）。` });
  else if (isConcluded && filedAt < (r.closedAt as string) && !isOverdueOnFiling)
    issues.push({
      path: "filedAt",
      message: `提起日期不能早于答复日期（${r.closedAt}）；针对未答复提起的，须在答复期限（${r.dueDate}）届满之后。`,
    });
  else if (!isConcluded && !isOverdueOnFiling)
    throw new AppError(
      "conflict",
      `该申请尚未答复，答复期限${r.dueDate ? `（${r.dueDate}）` : ""}届满前不能就未答复提起行政复议或诉讼。`,
    );
  if (filedAt > today) issues.push({ path: "filedAt", message: "提起日期不能晚于今天。" });
  if ((result === undefined) !== (decidedAt === undefined))
    issues.push({ path: "decidedAt", message: "结果和结案日期须同时填写。" });
  if (decidedAt && decidedAt < filedAt)
    issues.push({ path: "decidedAt", message: "结案日期不能早于提起日期。" });
  if (decidedAt && decidedAt > today) issues.push({ path: "decidedAt", message: "结案日期不能晚于今天。" });
  if (issues.length) throw new AppError("unprocessable", MSG.validation, { issues });
}

/** Records a reconsideration or lawsuit against a request's reply or its failure to reply; audited. */
export async function recordAppeal(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  requestId: number,
  body: TAppealBody,
) {
  const r = await requestForAppeal(db, p, requestId);
  checkDates(r, body.filedAt, body.decidedAt, body.result);
  return db.transaction(async (tx) => {
    const row = await insertAppeal(tx, {
      requestId,
      ...body,
      result: body.result ?? null,
      decidedAt: body.decidedAt ?? null,
    });
    await recordAudit(tx, actor, {
      action: "appeal.create",
      entity: "appeal",
      entityId: row.id,
      unitId: r.unitId,
      after: row,
    });
    return row;
  });
}

/** Records the result of a pending appeal; audited. A decided appeal is not decided again. */
export async function decideAppeal(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  requestId: number,
  appealId: number,
  body: z.infer<typeof ZAppealDecision>,
) {
  const r = await requestForAppeal(db, p, requestId);
  return db.transaction(async (tx) => {
    const before = await lockAppeal(tx, requestId, appealId);
    if (!before) throw new AppError("not_found", MSG.notFound);
    if (before.result) throw new AppError("conflict", "该案件已经结案。");
    checkDates(r, before.filedAt, body.decidedAt, body.result);
    const after = await updateAppeal(tx, appealId, { result: body.result, decidedAt: body.decidedAt });
    await recordAudit(tx, actor, {
      action: "appeal.decide",
      entity: "appeal",
      entityId: appealId,
      unitId: r.unitId,
      before,
      after,
    });
    return after;
  });
}

/**
 * Per unit, appeals filed in `year` with the result known at the end of that year (STATUTES §7):
 * 纠错率 = corrected ÷ decided reconsiderations; 败诉率 = corrected ÷ decided lawsuits.
 */
export async function appealRates(db: Db, year: number, scope: TUnitScope) {
  const rows = await appealCountsOfYear(db, year, scope);
  const units = [...new Set(rows.map((r) => r.unitId))];
  const rate = (corrected: number, decided: number) =>
    decided ? Math.round((corrected / decided) * 10000) / 10000 : null;
  return units.map((unitId) => {
    const of = (kinds: string[]) => {
      const list = rows.filter((r) => r.unitId === unitId && kinds.includes(r.kind));
      const sum = (k: "total" | "decided" | "corrected") => list.reduce((n, r) => n + r[k], 0);
      return { total: sum("total"), decided: sum("decided"), corrected: sum("corrected") };
    };
    const reconsideration = of(["reconsideration"]);
    const litigation = of(["litigation_direct", "litigation_after_reconsideration"]);
    return {
      unitId,
      reconsideration: {
        ...reconsideration,
        correctionRate: rate(reconsideration.corrected, reconsideration.decided),
      },
      litigation: { ...litigation, lossRate: rate(litigation.corrected, litigation.decided) },
    };
  });
}
