import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError, type TFieldIssue } from "../../platform/errors";
import type { TBlobStore } from "../../platform/files";
import { todayInChina } from "../calendar";
import { attachGeneratedFile, createDocument } from "../documents";
import { listUnits } from "../org";
import { computeAnnualReport } from "./compute-annual-report";
import { planProgress } from "./plan-progress";
import { renderReportDocx } from "./render-docx";
import { renderReportHtml } from "./render-html";
import { renderReportMarkdown, type TReportModel } from "./render-markdown";
import { assertCanEditReport } from "./report-access";
import { reportTitle } from "./report-layout";
import { insertReport, lockReport, updateReport } from "./reports.repository";
import type { TChecks } from "./reports.schemas";
import { readNarrative } from "./save-narrative";

/** Each failing check as an issue staff can act on: the column and its numbers, or the request. */
export function checkIssues(c: TChecks): TFieldIssue[] {
  return [
    ...c.unbalanced.map((u) => ({
      path: `checks.unbalanced.${u.column}`,
      message: `“${u.label}”列：一（${u.newThisYear}）+ 二（${u.carriedOver}）≠ 三（七）（${u.concluded}）+ 四（${u.carriedForward}）。`,
    })),
    ...c.withoutOutcome.map((r) => ({
      path: `checks.withoutOutcome.${r.receiptNo}`,
      message: `${r.receiptNo}（${r.unitName}）已于 ${r.date} 办结，但没有有效的处理结果。`,
    })),
    ...c.overdueOpen.map((r) => ({
      path: `checks.overdueOpen.${r.receiptNo}`,
      message: `${r.receiptNo}（${r.unitName}）答复期限为 ${r.date}，至今未办结。`,
    })),
  ];
}

/** Everything the report shows, for the page, the Word file and the published document. */
export async function reportModel(db: Db, year: number, unitId: number | null): Promise<TReportModel> {
  const today = todayInChina();
  const end = `${year}-12-31`;
  const [report, narrative, plan] = await Promise.all([
    computeAnnualReport(db, year, unitId, today),
    readNarrative(db, year, unitId),
    planProgress(db, year, unitId, today < end ? today : end),
  ]);
  return { report, narrative, plan };
}

/** The unit a report is published under: its own, or for the district's report the government. */
async function publishingUnit(db: Db, unitId: number | null): Promise<number> {
  if (unitId !== null) return unitId;
  const units = await listUnits(db);
  const unit = units.find((u) => u.kind === "government") ?? units.find((u) => u.kind === "office");
  if (!unit)
    throw new AppError("unprocessable", "请先在机构管理中登记区人民政府，区政府本级的年度报告以其名义发布。");
  return unit.id;
}

/**
 * Publishes the year's report: refused (422, every failing check listed) while a check fails;
 * otherwise the full report becomes a published notice in the catalogue, and the report is final.
 */
export async function publishReport(
  db: Db,
  blobs: TBlobStore,
  actor: TActor,
  p: TPrincipal,
  year: number,
  unitId: number | null,
): Promise<{ documentId: number }> {
  await assertCanEditReport(db, p, unitId);
  const docUnit = await publishingUnit(db, unitId);
  return db.transaction(async (tx) => {
    const locked = await lockReport(tx, year, unitId);
    if (locked?.status === "published") throw new AppError("conflict", "本年度报告已经发布。");
    const model = await reportModel(tx, year, unitId);
    const issues = checkIssues(model.report.checks);
    if (issues.length > 0)
      throw new AppError("unprocessable", `年度报告未通过校验，不能发布：${issues.length} 处问题须先处理。`, {
        issues,
      });
    const { status: _s, documentId: _d, isCarriedOver: _c, ...fields } = model.narrative;
    const before = locked ?? (await insertReport(tx, { year, unitId, ...fields, updatedBy: actor.name }));
    const today = todayInChina();
    // Holding reports.edit for a unit includes publishing its annual report (条例第五十条), so the
    // catalogue entry is made with that unit's reviewer rights even by a head without editor rights.
    const publisher: TPrincipal = { ...p, roles: [...p.roles, { role: "unit_reviewer", unitId: docUnit }] };
    const title = reportTitle(model.narrative.issuerName, year);
    // The page shows the official tables with merged headers (HTML rendered here); the Markdown
    // body stays as the searchable text, and the Word file goes along as the printable original.
    const doc = await createDocument(
      tx,
      actor,
      publisher,
      {
        title,
        kind: "notice",
        unitId: docUnit,
        writtenAt: today,
        publishedAt: today,
        summary: `${model.narrative.issuerName}${year}年政府信息公开工作年度报告（条例第四十九条、第五十条）。`,
        body: renderReportMarkdown(model),
        status: "published",
      },
      { bodyHtml: renderReportHtml(model) },
    );
    await attachGeneratedFile(tx, blobs, actor, doc.id, {
      data: new Uint8Array(await renderReportDocx(model)),
      name: `${title}.docx`,
    });
    const after = await updateReport(tx, before.id, {
      status: "published",
      documentId: doc.id,
      publishedAt: new Date(),
      updatedBy: actor.name,
    });
    await recordAudit(tx, actor, {
      action: "report.publish",
      entity: "annual_report",
      entityId: after.id,
      unitId,
      before,
      after,
    });
    return { documentId: doc.id };
  });
}
