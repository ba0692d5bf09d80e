import { recordAudit, type TActor } from "../../platform/audit";
import { can, type TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import {
  documentBrief,
  lockSignoffs,
  replaceSignoffs,
  setDecision,
  signoffsOf,
  type TDocumentBrief,
  unitsExist,
} from "./signoffs.repository";
import type { TDecisionBody, TSetSignoffsBody } from "./signoffs.schemas";

const refuse = (path: string, message: string) =>
  new AppError("unprocessable", message, { issues: [{ path, message }] });

/** Whether the principal may decide who must sign this document: its own unit's editors and reviewers. */
export const canRequireSignoffs = (p: TPrincipal, doc: { unitId: number }) =>
  can(p, "documents.edit", doc.unitId) || can(p, "documents.review", doc.unitId);

/**
 * The document if the caller works on it (its unit's staff) or signs it (a named unit's head); 404
 * otherwise, so a draft of another unit does not reveal that it exists.
 */
export async function visibleDocument(db: Db, p: TPrincipal, documentId: number): Promise<TDocumentBrief> {
  const doc = await documentBrief(db, documentId);
  if (!doc) throw new AppError("not_found", MSG.notFound);
  if (canRequireSignoffs(p, doc)) return doc;
  const units = (await signoffsOf(db, documentId)).map((s) => s.unitId);
  if (units.some((u) => can(p, "signoffs.sign", u))) return doc;
  throw new AppError("not_found", MSG.notFound);
}

/**
 * Sets the units that must sign before publication (an empty list removes the requirement). Only
 * before the document is published (409 after); units kept keep their decision.
 */
export async function requireSignoffs(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  documentId: number,
  body: TSetSignoffsBody,
) {
  const unitIds = [...new Set(body.unitIds)];
  return db.transaction(async (tx) => {
    const doc = await visibleDocument(tx, p, documentId);
    if (!canRequireSignoffs(p, doc)) throw new AppError("forbidden", MSG.forbidden);
    await lockSignoffs(tx, documentId);
    const fresh = await documentBrief(tx, documentId);
    if (fresh?.status === "published") throw new AppError("conflict", "文件已发布，不能再更改会签单位。");
    const existing = await unitsExist(tx, unitIds);
    if (existing.length !== unitIds.length) throw refuse("unitIds", MSG.unknownUnit);
    const before = (await signoffsOf(tx, documentId)).map((s) => s.unitId);
    await replaceSignoffs(tx, documentId, unitIds);
    await recordAudit(tx, actor, {
      action: "signoff.require",
      entity: "document",
      entityId: documentId,
      unitId: doc.unitId,
      before: { unitIds: before },
      after: { unitIds },
    });
    return signoffsOf(tx, documentId);
  });
}

/**
 * A named unit's head signs, or returns the document with a comment (required). A returned unit
 * may sign later, after the document is revised; after publication nothing changes (409).
 */
export async function decideSignoff(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  documentId: number,
  unitId: number,
  body: TDecisionBody,
) {
  return db.transaction(async (tx) => {
    const doc = await visibleDocument(tx, p, documentId);
    await lockSignoffs(tx, documentId);
    const row = (await signoffsOf(tx, documentId)).find((s) => s.unitId === unitId);
    if (!row) throw new AppError("not_found", MSG.notFound);
    if (!can(p, "signoffs.sign", unitId)) throw new AppError("forbidden", "只有会签单位的负责人可以会签。");
    const fresh = await documentBrief(tx, documentId);
    if (fresh?.status === "published") throw new AppError("conflict", "文件已发布，会签已结束。");
    const comment = body.comment?.trim() ?? "";
    if (body.decision === "returned" && !comment) throw refuse("comment", "退回时须填写意见。");
    await setDecision(tx, documentId, unitId, { decision: body.decision, comment, decidedBy: p.userId });
    await recordAudit(tx, actor, {
      action: body.decision === "signed" ? "signoff.sign" : "signoff.return",
      entity: "document",
      entityId: documentId,
      unitId,
      before: { decision: row.decision, comment: row.comment },
      after: { decision: body.decision, comment },
    });
    return { document: doc, signoffs: await signoffsOf(tx, documentId) };
  });
}

/** The publication check: every named unit has signed (STATUTES: 会签 before release); else 409. */
export async function assertAllSigned(tx: Db, documentId: number): Promise<void> {
  const rows = await signoffsOf(tx, documentId);
  const waiting = rows.filter((r) => r.decision !== "signed");
  if (waiting.length === 0) return;
  const names = waiting
    .map((r) => `${r.unitName}（${r.decision === "returned" ? "已退回" : "未会签"}）`)
    .join("、");
  throw new AppError("conflict", `会签尚未完成，不能发布：${names}。`);
}
