// Progress reports: a responsible unit reports on a task with evidence; the office accepts or
// returns each report. Reports are seen by the office and by the task's own units only.

import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit, type TActor } from "../../platform/audit";
import { can, isInUnitScope, type TPrincipal, unitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { findFile, storeFile, type TBlobStore, type TFileRow } from "../../platform/files";
import { MSG } from "../../platform/messages";
import { zId } from "../../platform/validation";
import { todayInChina } from "../calendar";
import { listUnits } from "../org";
import { evidenceRecordLabels, resolveEvidenceRecord } from "./evidence-records";
import {
  evidenceOf,
  findReport,
  findTask,
  publishedDocuments,
  reportsOf,
  setTaskStatus,
  type TTaskWithUnits,
} from "./ledger.repository";
import { ledgerReportEvidence, ledgerReports } from "./ledger.tables";
import { progressStatus, responsibleUnits } from "./task-status";

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** A web address, or the path of a record on this site ("/consultations/3"), which must exist. */
const evidenceLink = z
  .string()
  .trim()
  .max(1000)
  .refine(
    (u) => (/^https?:\/\/[^\s]+$/i.test(u) && URL.canParse(u)) || /^\/[^\s/][^\s]*$/.test(u),
    "请填写以 http:// 或 https:// 开头的网址，或本平台记录的链接（以 / 开头）。",
  );

export const ZReportBody = z.object({
  body: z.string().trim().min(1, "请填写工作进展。").max(5000),
  reportedOn: z.iso.date("请填写日期（年-月-日）。"),
  isComplete: z.boolean().default(false),
  unitId: zId.optional(),
  documentIds: z.array(zId).max(20).default([]),
  urls: z.array(evidenceLink).max(20).default([]),
});
export type TReportBody = z.infer<typeof ZReportBody>;

export const ZReviewBody = z
  .object({
    decision: z.enum(["accept", "return"], "请选择“通过”或“退回”。"),
    comment: z.string().trim().max(2000).default(""),
  })
  .refine((b) => b.decision === "accept" || b.comment.length > 0, {
    path: ["comment"],
    message: "退回时请写明意见。",
  });
export type TReviewBody = z.infer<typeof ZReviewBody>;

export type TEvidenceUpload = { data: Uint8Array; name: string };

const toNumber = (v: unknown) =>
  typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v === "" || v === undefined ? undefined : v;

/** A report posted as a form (page or multipart API call), as the report schema expects it. */
export function reportFormInput(values: Record<string, string | string[]>) {
  const one = (k: string) => (Array.isArray(values[k]) ? values[k][0] : values[k]) ?? "";
  const list = (k: string, sep: RegExp) =>
    String(one(k))
      .split(sep)
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    body: one("body"),
    reportedOn: one("reportedOn"),
    isComplete: [values.isComplete].flat().includes("1"),
    unitId: toNumber(one("unitId")),
    documentIds: list("documentIds", /[,，、\s]+/).map(toNumber),
    urls: list("urls", /\r?\n/),
  };
}

const invalid = (path: string, message: string) =>
  new AppError("validation_failed", message, { issues: [{ path, message }] });

/** The site paths among the links, each resolved to the record it names; one that names none is refused. */
async function citedRecords(db: Db, urls: string[]) {
  const records = new Map<string, { kind: "record"; name: string }>();
  for (const [i, url] of urls.entries()) {
    if (!url.startsWith("/")) continue;
    const found = await resolveEvidenceRecord(db, url);
    if ("name" in found) records.set(url, { kind: "record", name: found.name });
    else if (found.problem === "not_found") throw invalid(`urls.${i}`, `本平台没有这条记录：${url}`);
    else {
      const kinds = evidenceRecordLabels().join("、");
      throw invalid(`urls.${i}`, `这个链接不是可作为佐证的本平台记录${kinds ? `（${kinds}）` : ""}：${url}`);
    }
  }
  return records;
}

/**
 * A task with the units responsible for it today, if the principal may see it: the office sees
 * every task, a unit only the tasks it is responsible for (others answer 404).
 */
export async function visibleTask(db: Db, p: TPrincipal, taskId: number) {
  const task = await findTask(db, taskId);
  if (!task) throw new AppError("not_found", MSG.notFound);
  const responsible = responsibleUnits(task.units, await listUnits(db));
  const own = reportableUnits(p, responsible);
  if (!can(p, "ledger.manage") && own.length === 0) throw new AppError("not_found", MSG.notFound);
  return { task, responsible, own };
}

/** The task's units for which the principal may report. */
export function reportableUnits(p: TPrincipal, responsible: Map<number, unknown>): number[] {
  const scope = unitScope(p, "ledger.report");
  return [...responsible.keys()].filter((id) => isInUnitScope(scope, id));
}

/** A task with its reports and their evidence, for those who may see it. */
export async function readTask(db: Db, p: TPrincipal, taskId: number) {
  const access = await visibleTask(db, p, taskId);
  const reports = await reportsOf(db, [taskId]);
  const evidence = await evidenceOf(
    db,
    reports.map((r) => r.id),
  );
  return {
    ...access,
    reports: reports.map((r) => ({ ...r, evidence: evidence.filter((e) => e.reportId === r.id) })),
  };
}

async function recomputeStatus(tx: Db, task: TTaskWithUnits, responsible: Map<number, "lead" | "support">) {
  const status = progressStatus(responsible, await reportsOf(tx, [task.id]));
  if (status !== task.status) await setTaskStatus(tx, task.id, status);
  return status;
}

/** Stores a unit's progress report with its evidence; audited. Attachments are checked by content. */
export async function submitReport(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  taskId: number,
  body: TReportBody,
  files?: { blobs: TBlobStore; uploads: TEvidenceUpload[] },
) {
  const { task, responsible, own } = await visibleTask(db, p, taskId);
  if (own.length === 0) throw new AppError("forbidden", "只有该任务的责任单位可以报告进展。");
  let unitId = body.unitId;
  if (unitId === undefined) {
    if (own.length > 1) throw invalid("unitId", "请选择报告单位。");
    unitId = own[0] as number;
  } else if (!own.includes(unitId)) throw invalid("unitId", "只能以本单位名义报告。");
  if (body.reportedOn > todayInChina()) throw invalid("reportedOn", "日期不能晚于今天。");
  const docs = await publishedDocuments(db, [...new Set(body.documentIds)]);
  const missing = body.documentIds.filter((id) => !docs.some((d) => d.id === id));
  if (missing.length) throw invalid("documentIds", `以下文件不存在或未发布：${missing.join("、")}。`);
  const records = await citedRecords(db, body.urls);
  const stored: { name: string; file: TFileRow }[] = [];
  for (const u of files?.uploads ?? [])
    stored.push({
      name: u.name.slice(0, 200),
      file: await storeFile(db, files?.blobs as TBlobStore, u.data, {
        maxBytes: EVIDENCE_MAX_BYTES,
        field: "files",
      }),
    });
  return db.transaction(async (tx) => {
    const [report] = await tx
      .insert(ledgerReports)
      .values({
        taskId,
        unitId,
        body: body.body,
        reportedOn: body.reportedOn,
        isComplete: body.isComplete,
        createdBy: actor.name,
      })
      .returning();
    if (!report) throw new Error("insert returned no row");
    const evidence = [
      ...docs.map((d) => ({ reportId: report.id, kind: "document", documentId: d.id, name: d.title })),
      ...body.urls.map((url) => ({
        reportId: report.id,
        url,
        ...(records.get(url) ?? { kind: "url", name: url }),
      })),
      ...stored.map((s) => ({
        reportId: report.id,
        kind: "file",
        fileId: s.file.id,
        name: s.name || `附件.${s.file.ext}`,
      })),
    ];
    if (evidence.length) await tx.insert(ledgerReportEvidence).values(evidence);
    const status = await recomputeStatus(tx, task, responsible);
    await recordAudit(tx, actor, {
      action: "ledger.report",
      entity: "ledger_report",
      entityId: report.id,
      unitId,
      after: {
        ...report,
        evidence: evidence.map((e) => ({ kind: e.kind, name: e.name })),
        taskStatus: status,
      },
    });
    return { id: report.id, taskId, unitId, status: report.status, taskStatus: status };
  });
}

/** The office accepts a report or returns it with a comment; a report is reviewed once. Audited. */
export async function reviewReport(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  reportId: number,
  body: TReviewBody,
) {
  if (!can(p, "ledger.manage")) throw new AppError("forbidden", MSG.forbidden);
  const report = await findReport(db, reportId);
  if (!report) throw new AppError("not_found", MSG.notFound);
  if (report.status !== "submitted") throw new AppError("conflict", "该报告已审核，不能重复审核。");
  const { task, responsible } = await visibleTask(db, p, report.taskId);
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(ledgerReports)
      .set({
        status: body.decision === "accept" ? "accepted" : "returned",
        reviewComment: body.comment,
        reviewedBy: actor.name,
        reviewedAt: new Date(),
      })
      .where(and(eq(ledgerReports.id, reportId), eq(ledgerReports.status, "submitted")))
      .returning();
    // Another reviewer was quicker: nothing to change.
    if (!after) throw new AppError("conflict", "该报告已审核，不能重复审核。");
    const status = await recomputeStatus(tx, task, responsible);
    await recordAudit(tx, actor, {
      action: "ledger.review",
      entity: "ledger_report",
      entityId: reportId,
      unitId: report.unitId,
      before: { status: report.status },
      after: { status: after.status, comment: after.reviewComment, taskStatus: status },
    });
    return { id: reportId, taskId: task.id, status: after.status, taskStatus: status };
  });
}

/** An attachment of a report, for those who may see the report's task. */
export async function openEvidence(db: Db, blobs: TBlobStore, p: TPrincipal, evidenceId: number) {
  const [e] = await db.select().from(ledgerReportEvidence).where(eq(ledgerReportEvidence.id, evidenceId));
  const report = e?.kind === "file" ? await findReport(db, e.reportId) : undefined;
  if (!e || !report || !e.fileId) throw new AppError("not_found", MSG.notFound);
  await visibleTask(db, p, report.taskId);
  const file = await findFile(db, e.fileId);
  if (!file) throw new AppError("not_found", MSG.notFound);
  return { name: e.name, mime: file.mime, data: await blobs.get(file.sha256) };
}
