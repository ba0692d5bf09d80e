// The steps of handling a proposal after registration: the co-units' opinions, the lead unit's
// reply, and the deputy's view, which may open a second round.

import { recordAudit, type TActor } from "../../platform/audit";
import { can, type TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { addDays, loadWorkCalendar, todayInChina } from "../calendar";
import { addCalendarMonths } from "./compute-proposal-due-date";
import {
  coUnitsOf,
  insertReply,
  lockProposal,
  repliesOf,
  setCoOpinion,
  setSatisfaction,
  type TProposalRow,
  updateProposal,
} from "./proposals.repository";
import type { TCoOpinionBody, TReplyBody, TSatisfactionBody } from "./proposals.schemas";
import { visibleProposal } from "./read-proposal";

const refuse = (path: string, message: string) =>
  new AppError("unprocessable", message, { issues: [{ path, message }] });

/** Locks a proposal the caller may see; 404 otherwise. */
async function lockVisible(tx: Db, p: TPrincipal, id: number): Promise<TProposalRow> {
  await visibleProposal(tx, p, id);
  const row = await lockProposal(tx, id);
  if (!row) throw new AppError("not_found", MSG.notFound);
  return row;
}

function assertDate(path: string, date: string, row: TProposalRow) {
  if (date > todayInChina()) throw refuse(path, "日期不能晚于今天。");
  if (date < row.assignedAt) throw refuse(path, `日期不能早于交办日期 ${row.assignedAt}。`);
}

/**
 * The lead unit's reply for the current round: its category, the full text and whether it is
 * published (a reply kept back needs its reason). Only while the round waits for a reply (else 409).
 */
export async function replyToProposal(db: Db, actor: TActor, p: TPrincipal, id: number, body: TReplyBody) {
  return db.transaction(async (tx) => {
    const row = await lockVisible(tx, p, id);
    if (!can(p, "proposals.reply", row.leadUnitId)) throw new AppError("forbidden", "只有主办单位可以答复。");
    if (row.status !== "handling") throw new AppError("conflict", "本轮已答复，不能再次答复。");
    assertDate("date", body.date, row);
    const reason = body.privateReason?.trim() ?? "";
    if (!body.publish && !reason) throw refuse("privateReason", "不公开答复全文时须说明理由。");
    const reply = await insertReply(tx, {
      proposalId: row.id,
      round: row.round,
      repliedAt: body.date,
      category: body.category,
      body: body.text,
      isPublic: body.publish,
      privateReason: body.publish ? "" : reason,
    });
    await updateProposal(tx, row.id, { status: "replied" });
    await recordAudit(tx, actor, {
      action: "proposal.reply",
      entity: "proposal",
      entityId: row.id,
      unitId: row.leadUnitId,
      before: { status: row.status },
      after: {
        status: "replied",
        round: reply.round,
        date: reply.repliedAt,
        category: reply.category,
        isPublic: reply.isPublic,
        privateReason: reply.privateReason,
      },
    });
    return reply;
  });
}

/**
 * The deputy's view of the latest reply, recorded by the office. Satisfied or basically satisfied
 * closes it; dissatisfied after the first reply opens the second round, due one month later by the
 * same month rule (Convention, docs/proposals.md); after the second reply any view closes it.
 */
export async function recordSatisfaction(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  id: number,
  body: TSatisfactionBody,
) {
  const calendar = await loadWorkCalendar(db);
  return db.transaction(async (tx) => {
    const row = await lockVisible(tx, p, id);
    if (!can(p, "proposals.manage")) throw new AppError("forbidden", MSG.forbidden);
    if (row.status !== "replied") throw new AppError("conflict", "尚未答复或已办结，不能登记满意度。");
    const date = body.date ?? todayInChina();
    const reply = (await repliesOf(tx, row.id)).find((r) => r.round === row.round);
    if (!reply) throw new AppError("conflict", MSG.conflict);
    if (date > todayInChina()) throw refuse("date", "日期不能晚于今天。");
    if (date < reply.repliedAt) throw refuse("date", `日期不能早于答复日期 ${reply.repliedAt}。`);
    await setSatisfaction(tx, row.id, row.round, body.result, date);
    const reopen = body.result === "dissatisfied" && row.round === 1;
    let next: Partial<TProposalRow> = { status: "closed" };
    if (reopen) {
      let due = addCalendarMonths(date, 1);
      while (!calendar.isWorkday(due)) due = addDays(due, 1);
      next = {
        status: "handling",
        round: 2,
        dueDate: due,
        dueDateProvisional: calendar.schedule(Number(due.slice(0, 4)))?.official !== true,
      };
    }
    await updateProposal(tx, row.id, next);
    await recordAudit(tx, actor, {
      action: "proposal.satisfaction",
      entity: "proposal",
      entityId: row.id,
      unitId: row.leadUnitId,
      before: { status: row.status, round: row.round, dueDate: row.dueDate },
      after: { result: body.result, date, ...next },
    });
    return { ...row, ...next };
  });
}

/** A co-unit's opinion to the lead unit (会办意见), while the proposal waits for its reply. */
export async function sendCoOpinion(db: Db, actor: TActor, p: TPrincipal, id: number, body: TCoOpinionBody) {
  return db.transaction(async (tx) => {
    const row = await lockVisible(tx, p, id);
    const mine = (await coUnitsOf(tx, row.id)).filter((c) => can(p, "proposals.reply", c.unitId));
    const unit =
      body.unitId === undefined
        ? mine.length === 1
          ? mine[0]
          : undefined
        : mine.find((c) => c.unitId === body.unitId);
    if (!unit)
      throw refuse(
        "unitId",
        mine.length > 1 ? "请选择以哪个会办单位的名义提出意见。" : "您所在单位不是本件的会办单位。",
      );
    if (row.status !== "handling") throw new AppError("conflict", "主办单位已经答复，会办意见不再接收。");
    const date = body.date ?? todayInChina();
    assertDate("date", date, row);
    await setCoOpinion(tx, row.id, unit.unitId, body.text, date);
    await recordAudit(tx, actor, {
      action: "proposal.co_opinion",
      entity: "proposal",
      entityId: row.id,
      unitId: unit.unitId,
      before: { opinion: unit.opinion, opinionAt: unit.opinionAt },
      after: { opinion: body.text, opinionAt: date, isLate: !!row.coOpinionDue && date > row.coOpinionDue },
    });
    return { unitId: unit.unitId, opinionAt: date };
  });
}
