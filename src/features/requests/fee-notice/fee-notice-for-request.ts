import type { Db } from "../../../platform/db";
import { AppError } from "../../../platform/errors";
import { loadWorkCalendar } from "../../calendar";
import { findUnit } from "../../org";
import { getGuide } from "../../portal";
import { clockOf } from "../compute-due-date";
import { perRequestFee, type TFeeBasis } from "../fees";
import { monthlyRank, type TActionRow, type TRequestRow } from "../requests.repository";
import { buildFeeNotice, type TFeeNotice, type TFeeNoticeModel } from "./fee-notice-text";
import { renderFeeNoticeDocx } from "./render-fee-notice-docx";

type TFeeNoticePayload = { amount: number; basis: TFeeBasis; pages?: number; deliveredOn?: string };

/** The fee notice's facts for a request with a recorded fee notice: amount, basis, deadline, unit. */
export async function feeNoticeModelFor(
  db: Db,
  r: TRequestRow,
  actions: TActionRow[],
): Promise<TFeeNoticeModel> {
  const at = actions.findIndex((a) => a.type === "fee_notice");
  const action = actions[at];
  if (!action || !r.receivedAt) throw new AppError("not_found", "该申请没有发出收费通知。");
  const payload = action.payload as TFeeNoticePayload;
  // The deadline as the clock set it when the notice went out: a later payment clears it from the clock.
  const clock = clockOf(r, actions.slice(0, at + 1), await loadWorkCalendar(db));
  if (!clock.feePaymentDeadline) throw new AppError("not_found", "该申请没有发出收费通知。");
  const rank = payload.basis === "按件计收" ? await monthlyRank(db, r) : undefined;
  if (rank !== undefined && perRequestFee(rank) !== payload.amount)
    throw new AppError(
      "conflict",
      `该申请人本月的申请件数已有变化：按件计收现应为 ${perRequestFee(rank)} 元，与收费通知记录的 ${payload.amount} 元不符，请核对后处理。`,
    );
  const guide = await getGuide(db);
  const unit = r.unitId ? await findUnit(db, r.unitId) : undefined;
  return {
    agencyName: unit?.name ?? guide.officeName,
    receiptNo: r.receiptNo,
    applicantName: r.applicant.name,
    receivedAt: r.receivedAt,
    description: r.description,
    noticeDate: action.date,
    basis: payload.basis,
    monthlyRank: rank,
    pages: payload.pages,
    amount: payload.amount,
    // Notices recorded before the delivery date was kept count from the issue date, as the clock does.
    deliveredOn: payload.deliveredOn ?? action.date,
    paymentDeadline: clock.feePaymentDeadline,
    officeAddress: unit?.address || guide.address,
    officeHours: guide.hours,
    contactPhone: unit?.phone || guide.phone,
  };
}

/** The fee notice of a request as text. */
export async function feeNoticeFor(db: Db, r: TRequestRow, actions: TActionRow[]): Promise<TFeeNotice> {
  return buildFeeNotice(await feeNoticeModelFor(db, r, actions));
}

/** The fee notice of a request as a Word file. */
export async function feeNoticeDocxFor(db: Db, r: TRequestRow, actions: TActionRow[]): Promise<Buffer> {
  return renderFeeNoticeDocx(await feeNoticeFor(db, r, actions));
}
