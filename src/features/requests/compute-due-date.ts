import { addDays, type TPause, type WorkCalendar } from "../calendar";

// The statutory clock of a request (STATUTES §2–5), computed from its recorded actions alone, so the
// due date can always be explained and recomputed when the calendar changes.

export const REPLY_WORKDAYS = 20;
export const MAX_EXTENSION_WORKDAYS = 20;
export const CORRECTION_NOTICE_WORKDAYS = 7;
export const FEE_PAYMENT_WORKDAYS = 20;
/** Art. 32 and 34: a consulted third party or agency has 15 working days to answer. */
export const CONSULTATION_ANSWER_WORKDAYS = 15;

/** The actions that move the clock; others (assignment, contacts) are ignored here. */
export type TClockAction =
  | { type: "request_correction"; date: string; correctBy?: string | null }
  | { type: "correction_received"; date: string }
  | { type: "consultation_started"; date: string; party?: string | null }
  | { type: "consultation_ended"; date: string; party?: string | null }
  | { type: "extend"; date: string; workdays: number }
  | { type: "fee_notice"; date: string }
  | { type: "fee_paid"; date: string }
  | { type: "reply" | "withdraw" | "abandon_no_correction" | "abandon_no_fee"; date: string }
  | { type: string; date: string };

export type TClockState =
  | "awaiting_confirmation"
  | "running"
  | "awaiting_correction"
  | "paused"
  | "concluded";

export type TClock = {
  state: TClockState;
  /** The day the 20 working days are counted from: the received date, or the day a correction came in. */
  startDate: string | null;
  dueDate: string | null;
  isProvisional: boolean;
  extensionWorkdays: number;
  pauses: (TPause & { kind: "consultation" | "fee"; party?: string | null })[];
  openPauses: { kind: "consultation" | "fee"; from: string; party?: string | null }[];
  /** Working days still to run when the clock is paused. */
  remainingWorkdays: number | null;
  correction: { noticeDate: string; correctBy: string | null; isLate: boolean } | null;
  /** Last day to send a correction notice (7 working days after receipt). */
  correctionNoticeDeadline: string | null;
  /** Last day to pay an open fee notice (20 working days from the day after the notice). */
  feePaymentDeadline: string | null;
  concludedOn: string | null;
  /** How the due date was reached, step by step, for staff and applicants. */
  steps: string[];
};

const CONCLUDING = new Set(["reply", "withdraw", "abandon_no_correction", "abandon_no_fee"]);

/** Computes the clock of one request from its received date and its actions in recorded order. */
export function computeClock(
  receivedAt: string | null,
  actions: TClockAction[],
  calendar: WorkCalendar,
): TClock {
  const clock: TClock = {
    state: "awaiting_confirmation",
    startDate: null,
    dueDate: null,
    isProvisional: false,
    extensionWorkdays: 0,
    pauses: [],
    openPauses: [],
    remainingWorkdays: null,
    correction: null,
    correctionNoticeDeadline: null,
    feePaymentDeadline: null,
    concludedOn: null,
    steps: [],
  };
  if (!receivedAt) {
    clock.steps.push("尚未确认受理：答复期限自确认收到申请之日起计算。");
    return clock;
  }
  const steps = clock.steps;
  clock.state = "running";
  clock.startDate = receivedAt;
  const noticeLimit = calendar.addWorkdays(receivedAt, CORRECTION_NOTICE_WORKDAYS);
  clock.correctionNoticeDeadline = noticeLimit.date;
  steps.push(`${receivedAt} 收到申请（当日不计入），自次日起计算 ${REPLY_WORKDAYS} 个工作日。`);

  for (const a of actions) {
    switch (a.type) {
      case "request_correction": {
        const correctBy = "correctBy" in a ? (a.correctBy ?? null) : null;
        const isLate = a.date > noticeLimit.date;
        clock.correction = { noticeDate: a.date, correctBy, isLate };
        clock.state = "awaiting_correction";
        steps.push(
          `${a.date} 一次性告知申请人补正${correctBy ? `（补正期限 ${correctBy}）` : ""}` +
            (isLate
              ? `；已超过收到申请后 ${CORRECTION_NOTICE_WORKDAYS} 个工作日（${noticeLimit.date}）的告知期限。`
              : "。") +
            "答复期限待收到补正后重新计算。",
        );
        break;
      }
      case "correction_received":
        clock.state = "running";
        clock.startDate = a.date;
        // The deadline restarts from the corrected request: earlier pauses no longer matter.
        clock.pauses = [];
        steps.push(
          `${a.date} 收到补正后的申请：答复期限自该日（不计入）起重新计算 ${REPLY_WORKDAYS} 个工作日。`,
        );
        break;
      case "consultation_started": {
        const party = "party" in a ? (a.party ?? null) : null;
        clock.openPauses.push({ kind: "consultation", from: a.date, party });
        const answerBy = calendar.addWorkdays(a.date, CONSULTATION_ANSWER_WORKDAYS).date;
        steps.push(
          `${a.date} 开始征求${party ? `“${party}”` : "第三方或其他机关"}意见（应于 ${answerBy} 前答复，` +
            `${CONSULTATION_ANSWER_WORKDAYS} 个工作日）：征求意见期间不计入答复期限。`,
        );
        break;
      }
      case "consultation_ended": {
        const party = "party" in a ? (a.party ?? null) : null;
        const i = clock.openPauses.findIndex(
          (p) => p.kind === "consultation" && (!party || p.party === party),
        );
        const open = i >= 0 ? clock.openPauses.splice(i, 1)[0] : undefined;
        if (open) {
          clock.pauses.push({ kind: "consultation", from: open.from, to: a.date, party: open.party });
          steps.push(
            `${a.date} 征求意见结束：${open.from} 之后至 ${a.date}（含）的 ${calendar.workdaysBetween(open.from, a.date)} 个工作日不计入。`,
          );
        }
        break;
      }
      case "fee_notice":
        clock.openPauses.push({ kind: "fee", from: a.date });
        clock.feePaymentDeadline = calendar.addWorkdays(a.date, FEE_PAYMENT_WORKDAYS).date;
        steps.push(
          `${a.date} 发出收费通知：缴费前答复期限暂停；申请人应于 ${clock.feePaymentDeadline} 前缴费。`,
        );
        break;
      case "fee_paid": {
        const i = clock.openPauses.findIndex((p) => p.kind === "fee");
        const open = i >= 0 ? clock.openPauses.splice(i, 1)[0] : undefined;
        if (open) {
          clock.pauses.push({ kind: "fee", from: open.from, to: a.date });
          clock.feePaymentDeadline = null;
          steps.push(
            `${a.date} 申请人缴费：${open.from} 之后至 ${a.date}（含）的 ${calendar.workdaysBetween(open.from, a.date)} 个工作日不计入。`,
          );
        }
        break;
      }
      case "extend": {
        const workdays = "workdays" in a ? a.workdays : 0;
        clock.extensionWorkdays += workdays;
        steps.push(`${a.date} 经批准延长答复期限 ${workdays} 个工作日。`);
        break;
      }
      default:
        if (CONCLUDING.has(a.type)) clock.concludedOn = a.date;
    }
  }

  const total = REPLY_WORKDAYS + clock.extensionWorkdays;
  if (clock.state === "awaiting_correction") {
    if (clock.concludedOn) clock.state = "concluded";
    return clock;
  }
  if (clock.openPauses.length > 0) {
    clock.state = "paused";
    const pauseStart = clock.openPauses.map((p) => p.from).sort()[0] as string;
    const used = countUnpaused(calendar, clock.startDate as string, pauseStart, clock.pauses);
    clock.remainingWorkdays = Math.max(0, total - used);
    steps.push(`目前暂停计时，尚余 ${clock.remainingWorkdays} 个工作日；恢复后重新计算答复期限。`);
  } else {
    const due = calendar.addWorkdays(clock.startDate as string, total, clock.pauses);
    clock.dueDate = due.date;
    clock.isProvisional = due.isProvisional;
    steps.push(
      `答复期限：${due.date}（${clock.startDate} 之后第 ${total} 个计入的工作日）。` +
        (due.isProvisional ? "其中部分年份的节假日安排尚未公布，暂按周末计算，期限为临时结果。" : ""),
    );
  }
  if (clock.concludedOn) clock.state = "concluded";
  return clock;
}

/** Working days in (from, to] outside every pause. */
function countUnpaused(calendar: WorkCalendar, from: string, to: string, pauses: TPause[]): number {
  if (to <= from) return 0;
  const all = calendar.workdaysBetween(from, to);
  let paused = 0;
  // Count each paused working day once even when pauses overlap.
  const seen = new Set<string>();
  for (const p of pauses) {
    let d = p.from;
    while (d < p.to) {
      d = addDays(d, 1);
      if (d > from && d <= to && !seen.has(d) && calendar.isWorkday(d)) {
        seen.add(d);
        paused++;
      }
    }
  }
  return all - paused;
}
