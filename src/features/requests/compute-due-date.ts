import { addDays, PROVISIONAL_LABEL, type TPause, todayInChina, type WorkCalendar } from "../calendar";

// The statutory clock of a request (STATUTES §2–5), computed from its recorded actions alone, so the
// due date can always be explained and recomputed when the calendar changes.

export const REPLY_WORKDAYS = 20;
export const MAX_EXTENSION_WORKDAYS = 20;
export const CORRECTION_NOTICE_WORKDAYS = 7;
export const FEE_PAYMENT_WORKDAYS = 20;
/** Art. 32 and 34: a consulted third party or agency has 15 working days to answer. */
export const CONSULTATION_ANSWER_WORKDAYS = 15;
/** Art. 30 asks for a reasonable correction period; the form proposes this many working days. */
export const CORRECTION_PERIOD_WORKDAYS = 15;

/** The actions that move the clock; others (assignment, contacts) are ignored here. */
export type TClockAction =
  | { type: "request_correction"; date: string; correctBy?: string | null }
  | { type: "correction_received"; date: string }
  | { type: "consultation_started"; date: string; party?: string | null; deliveredOn?: string | null }
  | { type: "consultation_ended"; date: string; party?: string | null }
  | { type: "extend"; date: string; workdays: number }
  | { type: "fee_notice"; date: string; deliveredOn?: string | null }
  | { type: "fee_paid"; date: string }
  | { type: "reply" | "withdraw" | "abandon_no_correction" | "abandon_no_fee"; date: string }
  | { type: string; date: string };

export const CLOCK_STATES = [
  "awaiting_confirmation",
  "running",
  "awaiting_correction",
  "paused",
  "concluded",
] as const;
export type TClockState = (typeof CLOCK_STATES)[number];

export type TClock = {
  state: TClockState;
  /** The day the 20 working days are counted from: the received date, or the day a correction came in. */
  startDate: string | null;
  /** While paused: the due date as if the pause ended on the day the clock is read (a lower bound). */
  dueDate: string | null;
  /** The clock is paused, so the due date is only "at least": it moves on with every paused working day. */
  isDueDateAtLeast: boolean;
  isProvisional: boolean;
  extensionWorkdays: number;
  pauses: (TPause & { kind: "consultation" | "fee"; party?: string | null })[];
  /** Open pauses; a consultation carries the last day of the consulted party's 15 working days. */
  openPauses: { kind: "consultation" | "fee"; from: string; party?: string | null; answerBy?: string }[];
  /** Open consultations whose answer period (Art. 32, 34) has run out on the day the clock is read. */
  overdueConsultations: { party: string | null; answerBy: string }[];
  /** Working days still to run when the clock is paused. */
  remainingWorkdays: number | null;
  correction: { noticeDate: string; correctBy: string | null; isLate: boolean } | null;
  /** Last day to send a correction notice (7 working days after receipt). */
  correctionNoticeDeadline: string | null;
  /** The correction period the form proposes for a notice sent on `asOf`, while a notice may be sent. */
  suggestedCorrectBy: string | null;
  /** Last day to pay an open fee notice (20 working days from the day after the applicant receives it). */
  feePaymentDeadline: string | null;
  concludedOn: string | null;
  /** How the due date was reached, step by step, for staff and applicants. */
  steps: string[];
};

const CONCLUDING = new Set(["reply", "withdraw", "abandon_no_correction", "abandon_no_fee"]);

/**
 * Computes the clock of one request from its received date and its actions in recorded order, as it
 * stands on `asOf` (which only matters while a pause is open).
 */
export function computeClock(
  receivedAt: string | null,
  actions: TClockAction[],
  calendar: WorkCalendar,
  asOf = todayInChina(),
): TClock {
  const clock: TClock = {
    state: "awaiting_confirmation",
    startDate: null,
    dueDate: null,
    isDueDateAtLeast: false,
    isProvisional: false,
    extensionWorkdays: 0,
    pauses: [],
    openPauses: [],
    overdueConsultations: [],
    remainingWorkdays: null,
    correction: null,
    correctionNoticeDeadline: null,
    suggestedCorrectBy: null,
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
        // The consulted party's 15 working days run from the day after it receives the request for its opinion.
        const deliveredOn = ("deliveredOn" in a && a.deliveredOn) || a.date;
        const answerBy = calendar.addWorkdays(deliveredOn, CONSULTATION_ANSWER_WORKDAYS).date;
        clock.openPauses.push({ kind: "consultation", from: a.date, party, answerBy });
        steps.push(
          `${a.date} 开始征求${party ? `“${party}”` : "第三方或其他机关"}意见（${deliveredOn} 送达，` +
            `应自次日起 ${CONSULTATION_ANSWER_WORKDAYS} 个工作日内、即 ${answerBy} 前答复）：征求意见期间不计入答复期限。`,
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
      case "fee_notice": {
        // 109号: 20 working days from the day after the applicant receives the notice, not after it is issued.
        const deliveredOn = ("deliveredOn" in a && a.deliveredOn) || a.date;
        clock.openPauses.push({ kind: "fee", from: a.date });
        clock.feePaymentDeadline = calendar.addWorkdays(deliveredOn, FEE_PAYMENT_WORKDAYS).date;
        steps.push(
          `${a.date} 发出收费通知（申请人 ${deliveredOn} 收到）：缴费前答复期限暂停；` +
            `申请人应自收到次日起 ${FEE_PAYMENT_WORKDAYS} 个工作日内、即 ${clock.feePaymentDeadline} 前缴费。`,
        );
        break;
      }
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
    const until = clock.concludedOn ?? asOf;
    const pauseStart = clock.openPauses.map((p) => p.from).sort()[0] as string;
    const used = countUnpaused(calendar, clock.startDate as string, pauseStart, clock.pauses);
    clock.remainingWorkdays = Math.max(0, total - used);
    // A paused request keeps a due date: the one it would have if the pause ended today. So it stays on
    // the boards, and one already overdue when the pause began (recorded before this was refused) stays so.
    const open = clock.openPauses.map((p) => ({ from: p.from, to: until }));
    const due = calendar.addWorkdays(clock.startDate as string, total, [...clock.pauses, ...open]);
    clock.dueDate = due.date;
    clock.isDueDateAtLeast = true;
    clock.isProvisional = due.isProvisional;
    steps.push(
      `目前暂停计时，尚余 ${clock.remainingWorkdays} 个工作日；暂停中，期限不早于 ${due.date}` +
        `（按暂停至 ${until} 结束计算），恢复后重新计算答复期限。`,
    );
    for (const p of clock.openPauses)
      if (p.kind === "consultation" && p.answerBy && p.answerBy < until) {
        clock.overdueConsultations.push({ party: p.party ?? null, answerBy: p.answerBy });
        steps.push(
          `征求${p.party ? `“${p.party}”` : "第三方或其他机关"}意见已超过 ${CONSULTATION_ANSWER_WORKDAYS} 个工作日` +
            `（应于 ${p.answerBy} 前答复）：逾期未提出意见的，由本机关依法决定，请记录征求意见结束。`,
        );
      }
  } else {
    if (!clock.correction)
      clock.suggestedCorrectBy = calendar.addWorkdays(asOf, CORRECTION_PERIOD_WORKDAYS).date;
    const due = calendar.addWorkdays(clock.startDate as string, total, clock.pauses);
    clock.dueDate = due.date;
    clock.isProvisional = due.isProvisional;
    steps.push(
      `答复期限：${due.date}（${clock.startDate} 之后第 ${total} 个计入的工作日）。` +
        (due.isProvisional ? `期限为${PROVISIONAL_LABEL}。` : ""),
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

/** The clock of a request as its recorded actions say, on `asOf` (today unless given). */
export function clockOf(
  r: { receivedAt: string | null },
  actions: { type: string; date: string; payload: object }[],
  calendar: WorkCalendar,
  asOf?: string,
): TClock {
  return computeClock(
    r.receivedAt,
    actions.map((a) => ({ ...a.payload, type: a.type, date: a.date })),
    calendar,
    asOf,
  );
}
