import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { assertUnitAccess } from "./access";
import { findComment, findConsultation, lockConsultation, updateComment } from "./consultations.repository";
import type { TDispositionBody, THideBody } from "./consultations.schemas";

export const REASON_REQUIRED = "不予采纳或部分采纳的，须说明理由（将向社会公开）。";
export const FEEDBACK_FIXED = "采纳情况反馈已公布，不能再修改处理意见。";
export const ALREADY_HIDDEN = "该意见已被隐藏。";

async function loadForStaff(db: Db, p: TPrincipal, consultationId: number, commentId: number) {
  const c = await findConsultation(db, consultationId);
  if (!c) throw new AppError("not_found", MSG.notFound);
  assertUnitAccess(p, c.unitId);
  const comment = await findComment(db, consultationId, commentId);
  if (!comment) throw new AppError("not_found", MSG.notFound);
  return { c, comment };
}

/**
 * The responsible unit's disposition of one comment (task 31): adopted, partly adopted, not adopted
 * or not relevant; partly or not adopted needs a reason, which is published. Fixed once the
 * feedback report is published (409). The consultation row is locked so that a disposition and the
 * publication cannot cross.
 */
export async function setDisposition(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  consultationId: number,
  commentId: number,
  body: TDispositionBody,
) {
  const { c } = await loadForStaff(db, p, consultationId, commentId);
  const reason = body.reason?.trim() || null;
  if ((body.disposition === "not_adopted" || body.disposition === "partly_adopted") && !reason)
    throw new AppError("unprocessable", REASON_REQUIRED, {
      issues: [{ path: "reason", message: REASON_REQUIRED }],
    });
  return db.transaction(async (tx) => {
    const locked = await lockConsultation(tx, consultationId);
    if (locked?.feedbackPublishedAt) throw new AppError("conflict", FEEDBACK_FIXED);
    const before = await findComment(tx, consultationId, commentId);
    await updateComment(tx, commentId, {
      disposition: body.disposition,
      reason,
      disposedAt: new Date(),
      disposedBy: actor.name,
    });
    // A private entity: dispositions change no public page until the report is published (which is
    // audited on the consultation), so 20,000 of them do not empty the page cache 20,000 times.
    await recordAudit(tx, actor, {
      action: "consultation.comment_dispose",
      entity: "consultation_comment",
      entityId: commentId,
      unitId: c.unitId,
      before: { disposition: before?.disposition ?? null, reason: before?.reason ?? null },
      after: { consultationId, disposition: body.disposition, reason },
    });
    return { id: commentId, disposition: body.disposition, reason };
  });
}

/**
 * Hides an abusive comment with a reason (audited). It stays in the counts and keeps its
 * disposition; the public sees that it was hidden and why, never its text.
 */
export async function hideComment(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  consultationId: number,
  commentId: number,
  body: THideBody,
) {
  const { c } = await loadForStaff(db, p, consultationId, commentId);
  return db.transaction(async (tx) => {
    const locked = await lockConsultation(tx, consultationId);
    const before = await findComment(tx, consultationId, commentId);
    if (before?.hiddenAt) throw new AppError("conflict", ALREADY_HIDDEN);
    await updateComment(tx, commentId, {
      hiddenAt: new Date(),
      hiddenReason: body.reason,
      hiddenBy: actor.name,
    });
    const entries = [
      {
        action: "consultation.comment_hide",
        entity: "consultation_comment",
        entityId: commentId,
        unitId: c.unitId,
        after: { consultationId, reason: body.reason },
      },
    ];
    // Once the report is public, hiding changes a public page: an entry on the consultation tells the
    // page caches.
    if (locked?.feedbackPublishedAt)
      entries.push({
        action: "consultation.feedback_update",
        entity: "consultation",
        entityId: consultationId,
        unitId: c.unitId,
        after: { consultationId, reason: `隐藏意见 ${commentId}` },
      });
    await recordAudit(tx, actor, entries);
    return { id: commentId, hidden: true };
  });
}
