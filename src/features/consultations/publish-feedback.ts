import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { todayInChina } from "../calendar";
import { assertUnitAccess, canPublishFeedback } from "./access";
import {
  commentCounts,
  findConsultation,
  lockConsultation,
  markFeedbackPublished,
} from "./consultations.repository";
import { adoptionRate } from "./feedback-statistics";

export const NOT_CLOSED = "征求意见期间尚未结束，不能公布采纳情况反馈。";
export const ALREADY_PUBLISHED = "采纳情况反馈已经公布。";
export const pendingLeft = (n: number) => `还有 ${n} 条意见没有处理意见，全部处理后才能公布反馈。`;

/**
 * The office publishes the feedback report (task 31: 意见收集、采纳情况及不予采纳的原因) once the
 * window has closed and every comment has a disposition; otherwise 409 and nothing changes.
 */
export async function publishFeedback(db: Db, actor: TActor, p: TPrincipal, consultationId: number) {
  const c = await findConsultation(db, consultationId);
  if (!c) throw new AppError("not_found", MSG.notFound);
  assertUnitAccess(p, c.unitId);
  if (!canPublishFeedback(p)) throw new AppError("forbidden", MSG.forbidden);
  return db.transaction(async (tx) => {
    const locked = await lockConsultation(tx, consultationId);
    if (!locked) throw new AppError("not_found", MSG.notFound);
    if (locked.feedbackPublishedAt) throw new AppError("conflict", ALREADY_PUBLISHED);
    if (todayInChina() <= locked.closesAt) throw new AppError("conflict", NOT_CLOSED);
    const counts = await commentCounts(tx, consultationId);
    if (counts.pending > 0) throw new AppError("conflict", pendingLeft(counts.pending));
    await markFeedbackPublished(tx, consultationId);
    await recordAudit(tx, actor, {
      action: "consultation.feedback_publish",
      entity: "consultation",
      entityId: consultationId,
      unitId: c.unitId,
      after: { ...counts, adoptionRate: adoptionRate(counts) },
    });
    return { id: consultationId, published: true };
  });
}
