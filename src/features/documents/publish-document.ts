import { recordAudit, type TActor } from "../../platform/audit";
import { can, type TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError, type TFieldIssue } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { findPersonalData } from "../../platform/text";
import { markdownToPlainText } from "../../platform/ui/markdown";
import { todayInChina } from "../calendar";
import { announceDocumentChange, runBeforePublish } from "./document-hooks";
import { applyOutgoingRelations, revokeOutgoingRelations } from "./document-relations";
import { snapshotOf } from "./document-snapshot";
import {
  attachmentsOf,
  insertVersion,
  interpretationsOf,
  lockDocument,
  type TDocumentRow,
  updateDocumentRow,
} from "./documents.repository";
import { STATUS_LABELS, type TDocumentStatus, type TPublishBody } from "./documents.schemas";

type TFinding = { kind: string; masked: string };

/** Publishing refused by a check a reviewer can answer; the refusal itself is audited. */
export class PublishBlocked extends AppError {
  constructor(
    readonly documentId: number,
    readonly unitId: number,
    issues: TFieldIssue[],
    readonly findings: TFinding[],
  ) {
    super("unprocessable", issues.map((i) => i.message).join(" "), { issues });
  }
}

const FINDING_LABELS: Record<string, string> = {
  id_card: "身份证号",
  mobile: "手机号",
  bank_card: "银行卡号",
};

/** Personal data in the text a reader would get: title, summary, body and attachments. */
async function personalDataIn(db: Db, row: TDocumentRow): Promise<TFinding[]> {
  const texts = (await attachmentsOf(db, row.id)).map((a) => a.extractedText ?? "");
  const text = [row.title, row.summary, markdownToPlainText(row.body), ...texts].join("\n");
  return findPersonalData(text).map((f) => ({ kind: f.kind, masked: f.masked }));
}

/**
 * The checks that stop a publication: a policy that needs an interpretation has one or a recorded
 * reason (三同步), and personal data found in it has been confirmed by a reviewer.
 */
export async function assertPublishable(db: Db, row: TDocumentRow, body: TPublishBody): Promise<void> {
  const issues: TFieldIssue[] = [];
  if (row.needsInterpretation && !body.interpretationWaiver && !row.interpretationWaiver) {
    if ((await interpretationsOf(db, row.id)).length === 0)
      issues.push({
        path: "interpretationWaiver",
        message: "本文件须同步解读：请先关联解读材料，或由审核人填写不同步解读的理由。",
      });
  }
  let findings: TFinding[] = [];
  if (!row.privacyConfirmedBy && !body.confirmPrivacy) {
    findings = await personalDataIn(db, row);
    if (findings.length > 0) {
      const list = findings
        .slice(0, 10)
        .map((f) => `${FINDING_LABELS[f.kind] ?? f.kind} ${f.masked}`)
        .join("、");
      issues.push({
        path: "confirmPrivacy",
        message: `正文或附件中疑似含有个人信息（${list}），须由审核人核实并确认后才能发布。`,
      });
    }
  }
  if (issues.length > 0) throw new PublishBlocked(row.id, row.unitId, issues, findings);
  await runBeforePublish(db, row);
}

/** Records a refused publication in its own transaction (the refused one was rolled back). */
export async function recordPublishBlocked(db: Db, actor: TActor, err: unknown): Promise<void> {
  if (!(err instanceof PublishBlocked) || err.documentId === 0) return;
  await db.transaction((tx) =>
    recordAudit(tx, actor, {
      action: "document.publish_blocked",
      entity: "document",
      entityId: err.documentId,
      unitId: err.unitId,
      after: { reasons: err.issues?.map((i) => i.path), findings: err.findings },
    }),
  );
}

/** The state change of publishing, and its effect on the documents it repeals or amends. */
export async function applyPublish(
  tx: Db,
  actor: TActor,
  p: TPrincipal,
  row: TDocumentRow,
  body: TPublishBody,
  now = new Date(),
): Promise<TDocumentRow> {
  const publishAt = body.publishAt ? new Date(body.publishAt) : now;
  const publishedAt = row.publishedAt ?? todayInChina(publishAt);
  const privacy =
    body.confirmPrivacy && !row.privacyConfirmedBy
      ? { privacyConfirmedBy: actor.name, privacyConfirmedAt: now }
      : {};
  if (privacy.privacyConfirmedBy)
    await recordAudit(tx, actor, {
      action: "document.privacy_confirm",
      entity: "document",
      entityId: row.id,
      unitId: row.unitId,
      after: { findings: await personalDataIn(tx, row) },
    });
  const published = await updateDocumentRow(tx, row.id, {
    status: "published",
    publishAt,
    publishedAt,
    interpretationWaiver: body.interpretationWaiver ?? row.interpretationWaiver,
    version: row.version + 1,
    ...privacy,
  });
  await insertVersion(tx, {
    documentId: row.id,
    version: published.version,
    snapshot: snapshotOf(published),
    changeNote: publishAt > now ? `定时发布：${publishAt.toISOString()}` : "发布",
    createdBy: actor.name,
  });
  await recordAudit(tx, actor, {
    action: "document.publish",
    entity: "document",
    entityId: row.id,
    unitId: row.unitId,
    before: { status: row.status },
    after: {
      status: "published",
      publishAt,
      publishedAt,
      interpretationWaiver: published.interpretationWaiver,
    },
  });
  await applyOutgoingRelations(tx, actor, p, published);
  await announceDocumentChange(tx, { kind: "published", document: published });
  return published;
}

/** Locks the document and checks the caller's role on its unit (a unit the caller cannot see is 404). */
async function lockFor(tx: Db, p: TPrincipal, id: number, permission: "documents.edit" | "documents.review") {
  const row = await lockDocument(tx, id);
  if (!row || !(can(p, "documents.edit", row.unitId) || can(p, "documents.review", row.unitId)))
    throw new AppError("not_found", MSG.notFound);
  if (!can(p, permission, row.unitId)) throw new AppError("forbidden", MSG.forbidden);
  return row;
}

/** A reviewer publishes a draft or a document under review, now or at a set time. */
export async function publishDocument(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  id: number,
  body: TPublishBody,
): Promise<TDocumentRow> {
  try {
    return await db.transaction(async (tx) => {
      const row = await lockFor(tx, p, id, "documents.review");
      if (row.status !== "draft" && row.status !== "review")
        throw new AppError("conflict", "只有草稿或待审核的文件可以发布。");
      await assertPublishable(tx, row, body);
      return applyPublish(tx, actor, p, row, body);
    });
  } catch (e) {
    await recordPublishBlocked(db, actor, e);
    throw e;
  }
}

/** An editor sends a draft for review. */
export async function submitForReview(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  id: number,
): Promise<TDocumentRow> {
  return changeStatus(db, actor, p, id, {
    from: "draft",
    to: "review",
    permission: "documents.edit",
    note: "送审",
  });
}

/** A reviewer sends a document back to its editor with a comment. */
export async function returnToDraft(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  id: number,
  comment: string,
): Promise<TDocumentRow> {
  return changeStatus(db, actor, p, id, {
    from: "review",
    to: "draft",
    permission: "documents.review",
    note: comment,
  });
}

/** Withdrawal never deletes: the public page is replaced by the notice that says why. */
export async function withdrawDocument(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  id: number,
  notice: string,
): Promise<TDocumentRow> {
  return changeStatus(db, actor, p, id, {
    from: "published",
    to: "withdrawn",
    permission: "documents.review",
    note: notice,
  });
}

async function changeStatus(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  id: number,
  t: {
    from: TDocumentStatus;
    to: TDocumentStatus;
    permission: "documents.edit" | "documents.review";
    note?: string;
  },
): Promise<TDocumentRow> {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, p, id, t.permission);
    if (row.status !== t.from)
      throw new AppError("conflict", `文件当前状态不允许此操作（需要“${STATUS_LABELS[t.from]}”）。`);
    const withdrawal =
      t.to === "withdrawn" ? { withdrawalNotice: t.note ?? "", withdrawnAt: new Date() } : {};
    const updated = await updateDocumentRow(tx, id, {
      status: t.to,
      version: row.version + 1,
      ...withdrawal,
    });
    await insertVersion(tx, {
      documentId: id,
      version: updated.version,
      snapshot: snapshotOf(updated),
      changeNote: t.note ?? "",
      createdBy: actor.name,
    });
    await recordAudit(tx, actor, {
      action:
        t.to === "review" ? "document.submit" : t.to === "draft" ? "document.return" : "document.withdraw",
      entity: "document",
      entityId: id,
      unitId: row.unitId,
      before: { status: row.status },
      after: { status: t.to, note: t.note, indexNo: updated.indexNo },
    });
    // What a withdrawn document repealed or amended is as it was before.
    if (t.to === "withdrawn") {
      await revokeOutgoingRelations(tx, actor, updated);
      await announceDocumentChange(tx, { kind: "withdrawn", document: updated });
    }
    return updated;
  });
}
