import { mask } from "./access";
import type { TClock } from "./compute-due-date";
import { canDisclose } from "./disclose-reply";
import { OUTCOMES } from "./outcomes";
import type { TActionRow, TRequestRow } from "./requests.repository";
import { ACTION_LABELS, type TActionType, type TApplicant } from "./requests.schemas";

export const STATUS_LABELS: Record<string, string> = {
  awaiting_confirmation: "待确认受理",
  running: "办理中",
  awaiting_correction: "待申请人补正",
  paused: "暂停计时（征求意见或待缴费）",
  concluded: "已办结",
};

/** The applicant for staff: ID number and phone masked unless the caller asked to reveal (audited). */
export function presentApplicant(a: TApplicant, isRevealed = false) {
  return {
    ...a,
    idNumber: isRevealed ? (a.idNumber ?? "") : mask(a.idNumber, 4, 4),
    phone: isRevealed ? a.phone : mask(a.phone, 3, 4),
  };
}

export function presentAction(a: TActionRow) {
  return {
    id: a.id,
    type: a.type,
    label: ACTION_LABELS[a.type as TActionType] ?? a.type,
    date: a.date,
    actor: a.actorName,
    ...a.payload,
  };
}

/** The staff view of a request (API and back office). */
export function presentRequest(r: TRequestRow, actions: TActionRow[], clock: TClock, isRevealed = false) {
  return {
    id: r.id,
    receiptNo: r.receiptNo,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status] ?? r.status,
    applicant: presentApplicant(r.applicant, isRevealed),
    channel: r.channel,
    description: r.description,
    form: r.form,
    delivery: r.delivery,
    unitId: r.unitId,
    submittedAt: r.submittedAt.toISOString(),
    receivedAt: r.receivedAt,
    dueDate: r.dueDate,
    dueDateProvisional: r.dueDateProvisional,
    consultationAnswerBy: r.consultationAnswerBy,
    outcome: r.outcome,
    outcomeLabel: r.outcome ? OUTCOMES[r.outcome].label : null,
    outcomeReason: r.outcomeReason,
    legalBasis: r.legalBasis,
    otherAgency: r.otherAgency,
    closedAt: r.closedAt,
    disclosedDocumentId: r.disclosedDocumentId,
    canDisclose: canDisclose(r),
    clock: {
      state: clock.state,
      startDate: clock.startDate,
      /** While paused: the due date as if the pause ended today, a lower bound. */
      dueDate: clock.dueDate,
      isDueDateAtLeast: clock.isDueDateAtLeast,
      overdueConsultations: clock.overdueConsultations,
      suggestedCorrectBy: clock.suggestedCorrectBy,
      extensionWorkdays: clock.extensionWorkdays,
      remainingWorkdays: clock.remainingWorkdays,
      correctionNoticeDeadline: clock.correctionNoticeDeadline,
      feePaymentDeadline: clock.feePaymentDeadline,
      isCorrectionNoticeLate: clock.correction?.isLate ?? false,
      steps: clock.steps,
    },
    actions: actions.map(presentAction),
  };
}

/** What the applicant sees with receipt number and query code: the state, never personal data. */
export function presentPublicStatus(r: TRequestRow, clock: TClock) {
  return {
    receiptNo: r.receiptNo,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status] ?? r.status,
    submittedAt: r.submittedAt.toISOString(),
    receivedAt: r.receivedAt,
    dueDate: r.dueDate,
    dueDateProvisional: r.dueDateProvisional,
    outcome: r.outcome,
    outcomeLabel: r.outcome ? OUTCOMES[r.outcome].label : null,
    closedAt: r.closedAt,
    steps: clock.steps,
  };
}
