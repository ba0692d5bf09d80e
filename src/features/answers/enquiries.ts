import { recordAudit, type TActor } from "../../platform/audit";
import { can, type TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { todayInChina } from "../calendar";
import { findUnit } from "../org";
import { insertEnquiry } from "./answers.repository";
import type { TLogEnquiryBody } from "./answers.schemas";

/**
 * Logs a phone or in-person enquiry (seed task 39) for a unit the caller answers for: its topic and
 * the answer given, no caller's name or number, so the log is only counts and subjects.
 */
export async function logEnquiry(
  db: Db,
  actor: TActor,
  principal: TPrincipal,
  body: TLogEnquiryBody,
): Promise<{ id: number }> {
  if (!can(principal, "answers.reply", body.unitId)) throw new AppError("not_found", MSG.notFound);
  if (!(await findUnit(db, body.unitId))) throw new AppError("not_found", MSG.notFound);
  if (body.occurredOn > todayInChina()) throw new AppError("unprocessable", "咨询日期不能晚于今天");
  return db.transaction(async (tx) => {
    const id = await insertEnquiry(tx, { ...body, createdBy: actor.name });
    await recordAudit(tx, actor, {
      action: "policy_enquiry.log",
      entity: "policy_enquiry",
      entityId: id,
      unitId: body.unitId,
      after: body,
    });
    return { id };
  });
}
