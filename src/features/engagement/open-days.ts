// 政府开放活动: an event with a capacity, public registration, a waiting list that moves up when
// someone cancels (with the token given at registration), and the suggestions' adoption afterwards.
import { createHash, randomBytes } from "node:crypto";
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import {
  findOpenDay,
  findOpenDayRegistrationByToken,
  firstWaiting,
  insertOpenDay,
  insertOpenDayRegistration,
  openDayCounts,
  setOpenDayRegistration,
  type TOpenDayRow,
  updateOpenDay,
} from "./engagement.repository";
import type { TCreateOpenDayBody, TOpenDayRegistrationBody } from "./engagement.schemas";
import { normalizePhone } from "./meetings";

export const OPEN_DAY_MSG = {
  closed: "报名已截止。",
  duplicatePhone: "该电话号码已报名本次活动。",
  badToken: "取消凭证不正确，请核对报名时给出的取消凭证。",
  cancelled: "该报名已经取消。",
  over: "活动已经举行，不能再取消报名。",
} as const;

export const REGISTRATION_STATUS_LABELS: Record<string, string> = {
  confirmed: "已确认",
  waiting: "候补",
  cancelled: "已取消",
};

const hashToken = (token: string) => createHash("sha256").update(`open-day:${token}`).digest("hex");

/** Creates an open day (the caller checked the unit permission). */
export async function createOpenDay(db: Db, actor: TActor, body: TCreateOpenDayBody): Promise<TOpenDayRow> {
  return db.transaction(async (tx) => {
    const row = await insertOpenDay(tx, {
      unitId: body.unitId,
      title: body.title,
      summary: body.summary ?? "",
      place: body.place ?? "",
      heldAt: body.heldAt,
      registrationClosesAt: body.registrationClosesAt,
      capacity: body.capacity,
    });
    await recordAudit(tx, actor, {
      action: "open_day.create",
      entity: "open_day",
      entityId: row.id,
      unitId: row.unitId,
      after: { title: row.title, heldAt: row.heldAt, capacity: row.capacity },
    });
    return row;
  });
}

export type TOpenDayReceipt = {
  id: number;
  status: "confirmed" | "waiting";
  token: string;
  position: number;
};

/**
 * A public registration: confirmed while places are left, else on the waiting list. The open day's
 * row is locked, so two registrations for the last place cannot both be confirmed.
 */
export async function registerForOpenDay(
  db: Db,
  actor: TActor,
  openDayId: number,
  body: TOpenDayRegistrationBody,
  today: string,
): Promise<TOpenDayReceipt> {
  const token = randomBytes(12).toString("base64url");
  if (body.website) return { id: 0, status: "confirmed", token, position: 0 };
  return db.transaction(async (tx) => {
    const day = await findOpenDay(tx, openDayId, { lock: true });
    if (!day) throw new AppError("not_found", MSG.notFound);
    if (today > day.registrationClosesAt) throw new AppError("conflict", OPEN_DAY_MSG.closed);
    const counts = (await openDayCounts(tx, [openDayId])).get(openDayId) ?? { confirmed: 0, waiting: 0 };
    const status = counts.confirmed < day.capacity ? "confirmed" : "waiting";
    const row = await insertOpenDayRegistration(tx, {
      openDayId,
      name: body.name,
      phone: normalizePhone(body.phone),
      tokenHash: hashToken(token),
      status,
    });
    if (!row) throw new AppError("conflict", OPEN_DAY_MSG.duplicatePhone);
    await recordAudit(tx, actor, {
      action: "open_day.register",
      entity: "open_day_registration",
      entityId: row.id,
      unitId: day.unitId,
      after: { openDayId, status },
    });
    const position = status === "confirmed" ? counts.confirmed + 1 : counts.waiting + 1;
    return { id: row.id, status, token, position };
  });
}

/** Cancels with the registration's token; a confirmed place goes to the first on the waiting list. */
export async function cancelOpenDayRegistration(
  db: Db,
  actor: TActor,
  openDayId: number,
  token: string,
  today: string,
): Promise<{ id: number; promoted: number | null }> {
  return db.transaction(async (tx) => {
    const day = await findOpenDay(tx, openDayId, { lock: true });
    if (!day) throw new AppError("not_found", MSG.notFound);
    const reg = await findOpenDayRegistrationByToken(tx, openDayId, hashToken(token));
    if (!reg) throw new AppError("unprocessable", OPEN_DAY_MSG.badToken);
    if (reg.status === "cancelled") throw new AppError("conflict", OPEN_DAY_MSG.cancelled);
    if (today > day.heldAt) throw new AppError("conflict", OPEN_DAY_MSG.over);
    await setOpenDayRegistration(tx, reg.id, { status: "cancelled", cancelledAt: new Date() });
    let promoted: number | null = null;
    if (reg.status === "confirmed") {
      const next = await firstWaiting(tx, openDayId);
      if (next) {
        await setOpenDayRegistration(tx, next.id, { status: "confirmed", promotedAt: new Date() });
        promoted = next.id;
      }
    }
    await recordAudit(tx, actor, {
      action: "open_day.cancel",
      entity: "open_day_registration",
      entityId: reg.id,
      unitId: day.unitId,
      before: { status: reg.status },
      after: { status: "cancelled", promoted },
    });
    return { id: reg.id, promoted };
  });
}

/** Publishes what the visitors suggested and what was adopted (may be revised; each change audited). */
export async function publishOpenDayFeedback(db: Db, actor: TActor, openDayId: number, feedback: string) {
  return db.transaction(async (tx) => {
    const day = await findOpenDay(tx, openDayId, { lock: true });
    if (!day) throw new AppError("not_found", MSG.notFound);
    const row = await updateOpenDay(tx, openDayId, { feedback, feedbackPublishedAt: new Date() });
    await recordAudit(tx, actor, {
      action: "open_day.feedback_publish",
      entity: "open_day",
      entityId: openDayId,
      unitId: day.unitId,
      before: { feedback: day.feedback },
      after: { feedback },
    });
    return row;
  });
}
