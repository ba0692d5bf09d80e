import { recordAudit, type TActor } from "../../platform/audit";
import { can, type TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { loadWorkCalendar, todayInChina, type WorkCalendar } from "../calendar";
import { findUnit } from "../org";
import { assertCanSee } from "./access";
import { computeClock, MAX_EXTENSION_WORKDAYS, type TClock } from "./compute-due-date";
import { perRequestFee, perVolumeFee } from "./fees";
import { OUTCOMES, type TOutcome, WORKFLOW_OUTCOMES } from "./outcomes";
import {
  actionsOf,
  addCohandlers,
  cohandlersOf,
  insertAction,
  lockRequest,
  monthlyRank,
  type TActionRow,
  type TRequestRow,
  updateRequestRow,
} from "./requests.repository";
import type { TAction } from "./requests.schemas";

const refuse = (message: string) => new AppError("conflict", message);
const unlawful = (message: string, path = "date") =>
  new AppError("unprocessable", message, { issues: [{ path, message }] });

/** The clock of a request as its recorded actions say. */
export function clockOf(r: TRequestRow, actions: TActionRow[], calendar: WorkCalendar): TClock {
  return computeClock(
    r.receivedAt,
    actions.map((a) => ({ ...(a.payload as object), type: a.type, date: a.date })),
    calendar,
  );
}

/** Whether the state of the request and the law allow this action now; throws 409/422/403 if not. */
async function check(
  db: Db,
  p: TPrincipal,
  r: TRequestRow,
  actions: TActionRow[],
  clock: TClock,
  a: TAction,
  today: string,
) {
  if (r.status === "concluded") throw refuse("该申请已办结，不能再办理。");
  if (a.date > today) throw unlawful("办理日期不能晚于今天。");
  const last = actions.at(-1);
  if (last && a.date < last.date) throw unlawful(`办理日期不能早于上一项办理记录的日期（${last.date}）。`);
  if (a.type === "confirm_receipt") {
    if (clock.state !== "awaiting_confirmation") throw refuse("该申请已确认受理。");
    const submitted = todayInChina(r.submittedAt);
    if (a.date < submitted) throw unlawful(`确认受理日期不能早于申请提交日期（${submitted}）。`);
    return;
  }
  if (
    clock.state === "awaiting_confirmation" &&
    a.type !== "withdraw" &&
    a.type !== "assign" &&
    a.type !== "cohandle"
  )
    throw refuse("请先确认受理该申请。");
  if (r.receivedAt && a.date < r.receivedAt)
    throw unlawful(`办理日期不能早于收到申请的日期（${r.receivedAt}）。`);

  switch (a.type) {
    case "request_correction":
      if (clock.correction) throw refuse("补正只能一次性告知，本申请已告知过补正。");
      if (clock.state !== "running") throw refuse("当前状态不能告知补正。");
      if (a.correctBy && a.correctBy <= a.date) throw unlawful("补正期限应晚于告知日期。", "correctBy");
      return;
    case "correction_received":
      if (clock.state !== "awaiting_correction") throw refuse("本申请没有待补正的告知。");
      return;
    case "abandon_no_correction":
      if (clock.state !== "awaiting_correction") throw refuse("本申请没有待补正的告知。");
      if (!clock.correction?.correctBy || a.date <= clock.correction.correctBy)
        throw unlawful(
          `补正期限${clock.correction?.correctBy ? `（${clock.correction.correctBy}）` : ""}尚未届满，不能视为放弃。`,
        );
      return;
    case "consultation_started":
      if (clock.state !== "running" && clock.state !== "paused") throw refuse("当前状态不能征求意见。");
      return;
    case "consultation_ended":
      if (!clock.openPauses.some((o) => o.kind === "consultation" && (!a.party || o.party === a.party)))
        throw refuse("没有正在进行的征求意见。");
      return;
    case "extend": {
      if (!can(p, "requests.extend", r.unitId ?? undefined))
        throw new AppError("forbidden", "延长答复期限须经单位负责人或政务公开办公室负责人批准。");
      if (clock.state !== "running" || !clock.dueDate) throw refuse("只有在计时中的申请才能延期。");
      if (clock.extensionWorkdays + a.workdays > MAX_EXTENSION_WORKDAYS)
        throw unlawful(
          `延长答复期限合计不得超过 ${MAX_EXTENSION_WORKDAYS} 个工作日（已延长 ${clock.extensionWorkdays} 个）。`,
          "workdays",
        );
      if (a.date > clock.dueDate) throw unlawful(`延期须在答复期限（${clock.dueDate}）届满前决定。`);
      return;
    }
    case "fee_notice": {
      if (actions.some((x) => x.type === "fee_notice")) throw refuse("同一申请只能发出一次收费通知。");
      if (clock.state !== "running") throw refuse("当前状态不能发出收费通知。");
      let expected: number;
      if (a.basis === "按件计收") expected = perRequestFee(await monthlyRank(db, r));
      else {
        if (!a.pages) throw unlawful("按量计收须填写页数。", "pages");
        expected = perVolumeFee(a.pages);
      }
      if (expected === 0) throw unlawful(`依${a.basis}标准，本申请不应收费。`, "amount");
      if (a.amount !== expected) throw unlawful(`依${a.basis}标准，本申请应收 ${expected} 元。`, "amount");
      return;
    }
    case "fee_paid":
      if (!clock.openPauses.some((o) => o.kind === "fee")) throw refuse("本申请没有待缴的费用。");
      return;
    case "abandon_no_fee":
      if (!clock.openPauses.some((o) => o.kind === "fee")) throw refuse("本申请没有待缴的费用。");
      if (clock.feePaymentDeadline && a.date <= clock.feePaymentDeadline)
        throw unlawful(`缴费期限（${clock.feePaymentDeadline}）尚未届满，不能视为放弃。`);
      return;
    case "reply": {
      if (clock.state !== "running") throw refuse("补正、征求意见或缴费期间不能作出答复，请先记录其结果。");
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
      return;
    }
    case "assign":
    case "cohandle": {
      if (!can(p, "requests.handle"))
        throw new AppError("forbidden", "只有政务公开办公室可以交办或指定协查单位。");
      const ids = a.type === "assign" ? [a.unitId] : a.unitIds;
      for (const id of ids) if (!(await findUnit(db, id))) throw unlawful(MSG.unknownUnit, "unitId");
      return;
    }
    case "withdraw":
      return;
  }
}

/** The outcome and closing date an action sets, if it concludes the request. */
function conclusion(
  a: TAction,
): { outcome: TOutcome; reason?: string; legalBasis?: string; otherAgency?: string } | null {
  switch (a.type) {
    case "reply":
      return { outcome: a.outcome, reason: a.reason, legalBasis: a.legalBasis, otherAgency: a.otherAgency };
    case "withdraw":
      return { outcome: "other.other", reason: a.note || "申请人撤回申请" };
    case "abandon_no_correction":
      return { outcome: "other.no_correction" };
    case "abandon_no_fee":
      return { outcome: "other.no_fee" };
    default:
      return null;
  }
}

/**
 * Records one action on a request, if the state and the law allow it, and recomputes its clock.
 * Refused actions change nothing. Every action is audited.
 */
export async function applyAction(db: Db, actor: TActor, p: TPrincipal, requestId: number, a: TAction) {
  const calendar = await loadWorkCalendar(db);
  const today = todayInChina();
  return db.transaction(async (tx) => {
    const r = await lockRequest(tx, requestId);
    if (!r) throw new AppError("not_found", MSG.notFound);
    assertCanSee(p, r.unitId, await cohandlersOf(tx, r.id));
    const actions = await actionsOf(tx, r.id);
    await check(tx, p, r, actions, clockOf(r, actions, calendar), a, today);

    const { type, date, ...payload } = a;
    const row = await insertAction(tx, {
      requestId: r.id,
      type,
      date,
      payload,
      actorId: actor.userId,
      actorName: actor.name,
    });
    const receivedAt = type === "confirm_receipt" ? date : r.receivedAt;
    const clock = clockOf({ ...r, receivedAt }, [...actions, row], calendar);
    const done = conclusion(a);
    const patch = {
      receivedAt,
      status: done ? "concluded" : clock.state,
      dueDate: clock.dueDate,
      dueDateProvisional: clock.isProvisional,
      ...(a.type === "assign" ? { unitId: a.unitId } : {}),
      ...(done
        ? {
            outcome: done.outcome,
            outcomeReason: done.reason ?? "",
            legalBasis: done.legalBasis ?? "",
            otherAgency: done.otherAgency ?? "",
            closedAt: date,
          }
        : {}),
    };
    if (a.type === "cohandle") await addCohandlers(tx, r.id, a.unitIds);
    const after = await updateRequestRow(tx, r.id, patch);
    await recordAudit(tx, actor, {
      action: `request.${type}`,
      entity: "request",
      entityId: r.id,
      unitId: after.unitId,
      before: { status: r.status, dueDate: r.dueDate, unitId: r.unitId },
      after: {
        status: after.status,
        dueDate: after.dueDate,
        unitId: after.unitId,
        action: { type, date, ...payload },
      },
    });
    return after;
  });
}
