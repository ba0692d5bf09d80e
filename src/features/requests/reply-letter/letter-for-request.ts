import type { Db } from "../../../platform/db";
import { AppError } from "../../../platform/errors";
import { findUnit } from "../../org";
import { getGuide } from "../../portal";
import type { TReplyVariant } from "../reply-variants";
import type { TActionRow, TRequestRow } from "../requests.repository";
import { DELIVERY_LABELS, FORM_LABELS } from "../requests.schemas";
import { renderReplyDocx } from "./render-docx";
import { buildReplyLetter, type TReplyLetter } from "./render-text";
import { loadReplyTemplates } from "./reply-templates";
import type { TReplyLetterModel } from "./templates";

/** The reply letter's facts for a concluded request: its unit, applicant, outcome and remedies. */
export async function letterModelFor(
  db: Db,
  r: TRequestRow,
  actions: TActionRow[],
): Promise<TReplyLetterModel> {
  if (r.status !== "concluded" || !r.outcome || !r.closedAt || !r.receivedAt)
    throw new AppError("not_found", "该申请尚未答复，没有答复告知书。");
  const guide = await getGuide(db);
  const unit = r.unitId ? await findUnit(db, r.unitId) : undefined;
  const reply = actions.findLast((a) => a.type === "reply")?.payload as
    | { provisionNote?: string; variant?: TReplyVariant; whereToObtain?: string }
    | undefined;
  const applicant = r.applicant;
  return {
    agencyName: unit?.name ?? guide.officeName,
    receiptNo: r.receiptNo,
    applicantName: applicant.name,
    receivedAt: r.receivedAt,
    description: r.description,
    outcome: r.outcome,
    reason: r.outcomeReason || undefined,
    legalBasis: r.legalBasis || undefined,
    otherAgency: r.otherAgency || undefined,
    provisionNote:
      reply?.provisionNote || `以${FORM_LABELS[r.form]}形式，通过${DELIVERY_LABELS[r.delivery]}方式提供`,
    variant: reply?.variant,
    whereToObtain: reply?.whereToObtain || undefined,
    replyDate: r.closedAt,
    reconsiderationBody: guide.reconsiderationBody,
    courtName: guide.courtName,
    contactPhone: unit?.phone || guide.phone,
  };
}

export async function letterFor(db: Db, r: TRequestRow, actions: TActionRow[]): Promise<TReplyLetter> {
  return buildReplyLetter(await letterModelFor(db, r, actions), await loadReplyTemplates(db));
}

/** The reply as a Word file, with the office's templates. */
export async function letterDocxFor(db: Db, r: TRequestRow, actions: TActionRow[]): Promise<Buffer> {
  return renderReplyDocx(await letterModelFor(db, r, actions), await loadReplyTemplates(db));
}
