import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { submitOnce } from "../../platform/http/form-token";
import { MSG } from "../../platform/messages";
import { hitRateLimit } from "../../platform/rate-limit";
import { todayInChina } from "../calendar";
import { findConsultation, insertComment } from "./consultations.repository";
import type { TCommentBody } from "./consultations.schemas";
import { consultationStatus } from "./feedback-statistics";

/** The purpose under which the comment form's one-time tokens are kept. */
export const COMMENT_FORM_PURPOSE = "consultation-comment";

// Beyond the general limit on public posts: twenty comments per address and hour.
const COMMENTS_PER_HOUR = 20;

export const outsideWindow = (opensAt: string, closesAt: string) =>
  `本次征求意见的期间为 ${opensAt} 至 ${closesAt}（北京时间），现在不在期间内，意见未提交。`;

/**
 * A comment from the public, without an account. Only within the window (Beijing dates, both ends
 * included), otherwise 409 and nothing is stored; a filled honeypot is answered as accepted and
 * dropped; twenty an hour per address. Comments are not audited: they are the public's, not
 * staff writes, and each one is its own dated record. With the form's one-time token, a second post
 * of the same form returns the first comment's id and stores nothing.
 */
export async function submitComment(
  db: Db,
  ip: string,
  consultationId: number,
  body: TCommentBody,
  formToken?: string,
): Promise<{ id: number }> {
  const c = await findConsultation(db, consultationId);
  if (!c) throw new AppError("not_found", MSG.notFound);
  if (consultationStatus(c, todayInChina()) !== "open")
    throw new AppError("conflict", outsideWindow(c.opensAt, c.closesAt));
  if (body.website) return { id: 0 };
  const limit = await hitRateLimit(db, `comment-submit:${ip}`, COMMENTS_PER_HOUR, 3600);
  if (!limit.isAllowed)
    throw new AppError("too_many_requests", MSG.tooManyRequests, {
      retryAfterSeconds: limit.retryAfterSeconds,
    });
  const write = (tx: Db) =>
    insertComment(tx, {
      consultationId,
      body: body.body,
      clause: body.clause ?? null,
      name: body.name || null,
      contact: body.contact || null,
    });
  return formToken ? submitOnce(db, COMMENT_FORM_PURPOSE, formToken, write) : db.transaction(write);
}
