import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { findUnit, listUnits } from "../org";
import { assertCanEditReport } from "./report-access";
import { findReport, insertReport, lockReport, updateReport } from "./reports.repository";
import type { TNarrativeBody, TNarrativeOut } from "./reports.schemas";
import type { TAnnualReportRow } from "./reports.tables";

/** The authority whose report it is, as the title prints it: the unit, or the district government. */
export async function defaultIssuerName(db: Db, unitId: number | null): Promise<string> {
  if (unitId !== null) return (await findUnit(db, unitId))?.name ?? "";
  const units = await listUnits(db);
  return units.find((u) => u.kind === "government")?.name ?? "区人民政府";
}

const fieldsOf = (row: TAnnualReportRow): TNarrativeBody => ({
  issuerName: row.issuerName,
  overview: row.overview,
  problems: row.problems,
  otherMatters: row.otherMatters,
  includePlanProgress: row.includePlanProgress,
  licensingCount: row.licensingCount,
  penaltyCount: row.penaltyCount,
  enforcementCount: row.enforcementCount,
  feeAmount: Number(row.feeAmount),
});

/**
 * What staff wrote for the report. A year not yet started shows last year's text (sections 一、五、六
 * and the issuer) to be revised; the figures from other systems start at zero, being the year's own.
 */
export async function readNarrative(db: Db, year: number, unitId: number | null): Promise<TNarrativeOut> {
  const row = await findReport(db, year, unitId);
  if (row)
    return {
      ...fieldsOf(row),
      status: row.status,
      documentId: row.documentId,
      isCarriedOver: false,
    };
  const last = await findReport(db, year - 1, unitId);
  return {
    issuerName: last?.issuerName || (await defaultIssuerName(db, unitId)),
    overview: last?.overview ?? "",
    problems: last?.problems ?? "",
    otherMatters: last?.otherMatters ?? "",
    includePlanProgress: last?.includePlanProgress ?? false,
    licensingCount: 0,
    penaltyCount: 0,
    enforcementCount: 0,
    feeAmount: 0,
    status: "new",
    documentId: null,
    isCarriedOver: last !== undefined,
  };
}

/** Saves sections 一、五、六 and the entered figures of a draft report; audited. */
export async function saveNarrative(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  year: number,
  unitId: number | null,
  body: TNarrativeBody,
): Promise<TNarrativeOut> {
  await assertCanEditReport(db, p, unitId);
  await db.transaction(async (tx) => {
    const before = await lockReport(tx, year, unitId);
    if (before?.status === "published") throw new AppError("conflict", "本年度报告已经发布，不能再修改。");
    const values = { ...body, updatedBy: actor.name };
    const after = before
      ? await updateReport(tx, before.id, values)
      : await insertReport(tx, { year, unitId, ...values });
    await recordAudit(tx, actor, {
      action: "report.save",
      entity: "annual_report",
      entityId: after.id,
      unitId,
      before,
      after,
    });
  });
  return readNarrative(db, year, unitId);
}
