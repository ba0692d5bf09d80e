import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { loadWorkCalendar, todayInChina, type WorkCalendar } from "../calendar";
import type { TClock } from "./compute-due-date";
import { clockOf } from "./compute-due-date";
import type { TOutcome } from "./outcomes";
import {
  addCohandlers,
  insertAction,
  type TActionRow,
  type TRequestRow,
  updateRequestRow,
} from "./requests.repository";
import type { TAction } from "./requests.schemas";
import { loadVisibleRequest } from "./visible-request";
import { assertMayTake, checkRules, unlawful } from "./workflow";

/**
 * Whether the workflow table allows this action now, by this principal; throws 409/422/403 if not.
 * Returns the action with its defaulted dates filled in.
 */
async function check(
  db: Db,
  p: TPrincipal,
  r: TRequestRow,
  actions: TActionRow[],
  clock: TClock,
  a: TAction,
  today: string,
  calendar: WorkCalendar,
): Promise<TAction> {
  assertMayTake(p, r, a.type, clock.state);
  if (a.date > today) throw unlawful("办理日期不能晚于今天。");
  const last = actions.at(-1);
  if (last && a.date < last.date) throw unlawful(`办理日期不能早于上一项办理记录的日期（${last.date}）。`);
  if (a.type === "confirm_receipt") {
    const submitted = todayInChina(r.submittedAt);
    if (a.date < submitted) throw unlawful(`确认受理日期不能早于申请提交日期（${submitted}）。`);
  }
  if (r.receivedAt && a.date < r.receivedAt)
    throw unlawful(`办理日期不能早于收到申请的日期（${r.receivedAt}）。`);
  return checkRules({ db, r, actions, clock, calendar, a });
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

/** The last day of the earliest open consultation's answer period, kept on the row for lists. */
function earliestAnswerBy(clock: TClock): string | null {
  const days = clock.openPauses.flatMap((o) => (o.answerBy ? [o.answerBy] : [])).sort();
  return days[0] ?? null;
}

/**
 * Records one action on a request, if the state and the law allow it, and recomputes its clock.
 * Refused actions change nothing. Every action is audited.
 */
export async function applyAction(db: Db, actor: TActor, p: TPrincipal, requestId: number, a: TAction) {
  const calendar = await loadWorkCalendar(db);
  const today = todayInChina();
  return db.transaction(async (tx) => {
    const {
      r,
      actions,
      clock: before,
    } = await loadVisibleRequest(tx, p, requestId, {
      lock: true,
      calendar,
      asOf: today,
    });
    const checked = await check(tx, p, r, actions, before, a, today, calendar);

    const { type, date, ...payload } = checked;
    const row = await insertAction(tx, {
      requestId: r.id,
      type,
      date,
      payload,
      actorId: actor.userId,
      actorName: actor.name,
    });
    const receivedAt = type === "confirm_receipt" ? date : r.receivedAt;
    const clock = clockOf({ ...r, receivedAt }, [...actions, row], calendar, today);
    const done = conclusion(a);
    const patch = {
      receivedAt,
      status: done ? "concluded" : clock.state,
      dueDate: clock.dueDate,
      dueDateProvisional: clock.isProvisional,
      consultationAnswerBy: earliestAnswerBy(clock),
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
