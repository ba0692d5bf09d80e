// The request workflow, written once: for each action, the states it is allowed in, who may take it
// and the rules the law sets for it. applyAction enforces this table; the staff page offers exactly
// the actions it allows.

import { can, type TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { addDays, type WorkCalendar } from "../calendar";
import { findUnit } from "../org";
import { clockOf, MAX_EXTENSION_WORKDAYS, type TClock, type TClockState } from "./compute-due-date";
import { perRequestFee, perVolumeFee } from "./fees";
import { OUTCOMES, WORKFLOW_OUTCOMES } from "./outcomes";
import { monthlyRank, type TActionRow, type TRequestRow } from "./requests.repository";
import type { TAction, TActionType } from "./requests.schemas";

export const refuse = (message: string) => new AppError("conflict", message);
export const unlawful = (message: string, path = "date") =>
  new AppError("unprocessable", message, { issues: [{ path, message }] });

/**
 * Who may take an action. `lead`: the assigned unit or the office; `head`: the assigned unit's head
 * or the office's head (Art. 33 extension); `office`: the office only; `contributor`: also a
 * co-handling unit (协查), which helps but neither replies, concludes nor moves the clock.
 */
export type TWho = "lead" | "head" | "office" | "contributor";

/** The office and other district roles handle every request. */
const isDistrict = (p: TPrincipal) => can(p, "requests.handle");

/** The assigned (lead) unit or a district role; anyone else who sees the request is a co-handler. */
export const isLead = (p: TPrincipal, unitId: number | null) =>
  isDistrict(p) || (unitId !== null && can(p, "requests.handle", unitId));

function mayAct(p: TPrincipal, unitId: number | null, who: TWho): boolean {
  if (who === "contributor") return true;
  if (who === "office") return isDistrict(p);
  if (who === "head") return can(p, "requests.extend", unitId ?? undefined);
  return isLead(p, unitId);
}

const WHO_REFUSAL: Record<TWho, string> = {
  lead: "只有承办单位或政务公开办公室可以办理此项；协查单位可以记录协查意见、沟通情况和材料。",
  head: "延长答复期限须经单位负责人或政务公开办公室负责人批准。",
  office: "只有政务公开办公室可以交办或指定协查单位。",
  contributor: "",
};

export type TRuleContext<A extends TAction = TAction> = {
  db: Db;
  r: TRequestRow;
  actions: TActionRow[];
  /** The clock before the action, as of today. */
  clock: TClock;
  calendar: WorkCalendar;
  a: A;
};

type TRule<A extends TAction> = {
  states: readonly TClockState[];
  who: TWho;
  /** Why the action does not fit the current state (409). */
  wrongState?: string;
  /** The law's checks for this action; throws 409/422. */
  check?: (c: TRuleContext<A>) => void | Promise<void>;
  /** Fills in what the clerk may leave out, so the recorded action holds every date the clock uses. */
  complete?: (c: TRuleContext<A>) => A | Promise<A>;
};

const OPEN: readonly TClockState[] = ["running", "awaiting_correction", "paused"];
const ANY_OPEN: readonly TClockState[] = ["awaiting_confirmation", ...OPEN];

/** A pause (consultation, fee notice) may only start while the reply is not yet overdue. */
function assertBeforeDue({ r, actions, calendar, a }: TRuleContext, what: string) {
  const clock = clockOf(r, actions, calendar, a.date);
  if (clock.dueDate && a.date > clock.dueDate)
    throw unlawful(`答复期限（${clock.dueDate}）已届满，不能再${what}暂停计时；请尽快答复。`);
}

function assertDeliveredAfterIssue(date: string, deliveredOn: string | undefined) {
  if (deliveredOn && deliveredOn < date) throw unlawful("送达日期不能早于发出日期。", "deliveredOn");
}

const isElectronic = (delivery: string) => delivery === "email" || delivery === "online";

export const WORKFLOW: { [K in TActionType]: TRule<Extract<TAction, { type: K }>> } = {
  confirm_receipt: { states: ["awaiting_confirmation"], who: "lead", wrongState: "该申请已确认受理。" },
  reply: {
    states: ["running"],
    who: "lead",
    wrongState: "补正、征求意见或缴费期间不能作出答复，请先记录其结果。",
    check: ({ actions, a }) => {
      if (WORKFLOW_OUTCOMES.includes(a.outcome))
        throw unlawful("该处理结果由“视为放弃”操作产生，不能直接答复。", "outcome");
      const issues = [];
      if (OUTCOMES[a.outcome].isRefusal && !a.reason)
        issues.push({ path: "reason", message: "不予公开、部分公开、无法提供或不予处理的，须说明理由。" });
      if (OUTCOMES[a.outcome].isRefusal && !a.legalBasis)
        issues.push({ path: "legalBasis", message: "须写明法律依据。" });
      if (
        a.outcome === "unavailable.unclear_after_correction" &&
        !actions.some((x) => x.type === "correction_received")
      )
        issues.push({
          path: "outcome",
          message: "只有告知补正并收到补正后，才能以“补正后申请内容仍不明确”答复。",
        });
      if (issues.length) throw new AppError("unprocessable", MSG.validation, { issues });
    },
  },
  request_correction: {
    states: ["running"],
    who: "lead",
    wrongState: "当前状态不能告知补正。",
    check: ({ clock, a }) => {
      if (clock.correction) throw refuse("补正只能一次性告知，本申请已告知过补正。");
      if (a.correctBy <= a.date) throw unlawful("补正期限应晚于告知日期。", "correctBy");
    },
  },
  correction_received: {
    states: ["awaiting_correction"],
    who: "lead",
    wrongState: "本申请没有待补正的告知。",
  },
  abandon_no_correction: {
    states: ["awaiting_correction"],
    who: "lead",
    wrongState: "本申请没有待补正的告知。",
    check: ({ clock, a }) => {
      const correctBy = clock.correction?.correctBy;
      // Notices recorded before the period became required have none: one is set by recording no
      // abandonment until the applicant has been given a period.
      if (!correctBy) throw unlawful("该补正告知没有写明补正期限，不能视为放弃；请与申请人确认补正期限。");
      if (a.date <= correctBy) throw unlawful(`补正期限（${correctBy}）尚未届满，不能视为放弃。`);
    },
  },
  consultation_started: {
    states: ["running", "paused"],
    who: "lead",
    wrongState: "当前状态不能征求意见。",
    check: (c) => {
      assertDeliveredAfterIssue(c.a.date, c.a.deliveredOn);
      assertBeforeDue(c, "以征求意见");
    },
    complete: ({ a }) => ({ ...a, deliveredOn: a.deliveredOn ?? a.date }),
  },
  consultation_ended: {
    states: ["paused"],
    who: "lead",
    wrongState: "没有正在进行的征求意见。",
    check: ({ clock, a }) => {
      if (!clock.openPauses.some((o) => o.kind === "consultation" && (!a.party || o.party === a.party)))
        throw refuse("没有正在进行的征求意见。");
    },
  },
  extend: {
    states: ["running"],
    who: "head",
    wrongState: "只有在计时中的申请才能延期。",
    check: ({ clock, a }) => {
      if (!clock.dueDate) throw refuse("只有在计时中的申请才能延期。");
      if (clock.extensionWorkdays + a.workdays > MAX_EXTENSION_WORKDAYS)
        throw unlawful(
          `延长答复期限合计不得超过 ${MAX_EXTENSION_WORKDAYS} 个工作日（已延长 ${clock.extensionWorkdays} 个）。`,
          "workdays",
        );
      if (a.date > clock.dueDate) throw unlawful(`延期须在答复期限（${clock.dueDate}）届满前决定。`);
    },
  },
  // Allowed during a consultation too: both pauses may run at once and count once (STATUTES §3).
  fee_notice: {
    states: ["running", "paused"],
    who: "lead",
    wrongState: "当前状态不能发出收费通知。",
    check: async (c) => {
      const { db, r, actions, a } = c;
      if (actions.some((x) => x.type === "fee_notice")) throw refuse("同一申请只能发出一次收费通知。");
      assertDeliveredAfterIssue(a.date, a.deliveredOn);
      assertBeforeDue(c, "以收费通知");
      let expected: number;
      if (a.basis === "按件计收") expected = perRequestFee(await monthlyRank(db, r));
      else {
        if (!a.pages) throw unlawful("按量计收须填写页数。", "pages");
        expected = perVolumeFee(a.pages);
      }
      if (expected === 0) throw unlawful(`依${a.basis}标准，本申请不应收费。`, "amount");
      if (a.amount !== expected) throw unlawful(`依${a.basis}标准，本申请应收 ${expected} 元。`, "amount");
    },
    complete: async ({ db, r, a }) => ({
      ...a,
      deliveredOn: a.deliveredOn ?? (await defaultDelivery(db, r, a.date)),
    }),
  },
  fee_paid: {
    states: ["paused"],
    who: "lead",
    wrongState: "本申请没有待缴的费用。",
    check: ({ clock }) => {
      if (!clock.openPauses.some((o) => o.kind === "fee")) throw refuse("本申请没有待缴的费用。");
    },
  },
  abandon_no_fee: {
    states: ["paused"],
    who: "lead",
    wrongState: "本申请没有待缴的费用。",
    check: ({ clock, a }) => {
      if (!clock.openPauses.some((o) => o.kind === "fee")) throw refuse("本申请没有待缴的费用。");
      if (clock.feePaymentDeadline && a.date <= clock.feePaymentDeadline)
        throw unlawful(`缴费期限（${clock.feePaymentDeadline}）尚未届满，不能视为放弃。`);
    },
  },
  assign: { states: ANY_OPEN, who: "office", check: async ({ db, a }) => assertUnits(db, [a.unitId]) },
  cohandle: { states: ANY_OPEN, who: "office", check: async ({ db, a }) => assertUnits(db, a.unitIds) },
  withdraw: { states: ANY_OPEN, who: "lead" },
  opinion: { states: OPEN, who: "contributor" },
};

async function assertUnits(db: Db, ids: number[]) {
  for (const id of ids) if (!(await findUnit(db, id))) throw unlawful(MSG.unknownUnit, "unitId");
}

/**
 * When the applicant is taken to receive a notice: the day it is sent when delivered by e-mail or
 * online, otherwise after the unit's posted-mail allowance (calendar days). The clerk may correct it.
 */
export async function defaultDelivery(db: Db, r: TRequestRow, date: string): Promise<string> {
  if (isElectronic(r.delivery)) return date;
  const unit = r.unitId ? await findUnit(db, r.unitId) : undefined;
  return addDays(date, unit?.postedMailDays ?? 3);
}

/** The state refusal of an action: concluded, unconfirmed, or the action's own reason. */
function stateRefusal(type: TActionType, state: TClockState): AppError {
  if (state === "concluded") return refuse("该申请已办结，不能再办理。");
  if (state === "awaiting_confirmation") return refuse("请先确认受理该申请。");
  return refuse(WORKFLOW[type].wrongState ?? "当前状态不能办理此项。");
}

/** Whether the principal may take the action at all on this request (before its date and rules). */
export function assertMayTake(p: TPrincipal, r: TRequestRow, type: TActionType, state: TClockState) {
  if (state === "concluded") throw stateRefusal(type, state);
  const rule = WORKFLOW[type];
  if (!mayAct(p, r.unitId, rule.who)) throw new AppError("forbidden", WHO_REFUSAL[rule.who]);
  if (!rule.states.includes(state)) throw stateRefusal(type, state);
}

/** Runs the action's rule checks, then fills in its defaulted dates. */
export async function checkRules<A extends TAction>(c: TRuleContext<A>): Promise<A> {
  const rule = WORKFLOW[c.a.type] as unknown as TRule<A>;
  await rule.check?.(c);
  return rule.complete ? rule.complete(c) : c.a;
}

/** The actions this principal may take on a request in its current state, for the staff page. */
export function availableActions(
  p: TPrincipal | null,
  r: { unitId: number | null; status: TClockState },
): TActionType[] {
  if (!p) return [];
  return (Object.keys(WORKFLOW) as TActionType[]).filter(
    (type) => WORKFLOW[type].states.includes(r.status) && mayAct(p, r.unitId, WORKFLOW[type].who),
  );
}
