// 列席: a meeting with public seats, public registration, the reproducible draw and its publication,
// and the opinions given at the meeting with what came of them.
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { drawSeats, maskName } from "./draw";
import {
  findMeeting,
  insertMeeting,
  insertMeetingRegistration,
  insertOpinion,
  meetingRegistrationsOf,
  opinionsOf,
  type TMeetingRow,
  updateMeeting,
} from "./engagement.repository";
import {
  REGISTRANT_KIND_LABELS,
  type TCreateMeetingBody,
  type TDrawBody,
  type TMeetingRegistrationBody,
  type TOpinionBody,
  type TRegistrantKind,
} from "./engagement.schemas";

export const MEETING_MSG = {
  closed: "报名已截止。",
  drawPublished: "抽签结果已公布，不能再抽签或报名。",
  noDraw: "尚未抽签，不能公布结果。",
  stale: "抽签后又有新的报名，请重新抽签后再公布。",
  duplicatePhone: "该电话号码已报名本次会议。",
} as const;

/** A phone number as stored and compared: digits and a leading + only. */
export const normalizePhone = (phone: string) => phone.replace(/[\s-]/g, "");

/** Creates a meeting with public seats (the caller checked the unit permission). */
export async function createMeeting(db: Db, actor: TActor, body: TCreateMeetingBody): Promise<TMeetingRow> {
  return db.transaction(async (tx) => {
    const row = await insertMeeting(tx, {
      unitId: body.unitId,
      title: body.title,
      summary: body.summary ?? "",
      heldAt: body.heldAt,
      seats: body.seats,
      registrationClosesAt: body.registrationClosesAt,
    });
    await recordAudit(tx, actor, {
      action: "meeting.create",
      entity: "meeting",
      entityId: row.id,
      unitId: row.unitId,
      after: { title: row.title, heldAt: row.heldAt, seats: row.seats },
    });
    return row;
  });
}

/** Whether a meeting still takes registrations on `today` (Beijing date). */
export const isMeetingOpen = (m: TMeetingRow, today: string) =>
  !m.drawPublishedAt && today <= m.registrationClosesAt;

/**
 * A public registration. Refused (409) once registration has closed or the draw is published, or
 * when the phone number has registered already. A filled honeypot gets an answer and nothing is stored.
 */
export async function registerForMeeting(
  db: Db,
  actor: TActor,
  meetingId: number,
  body: TMeetingRegistrationBody,
  today: string,
): Promise<{ id: number }> {
  if (body.website) return { id: 0 };
  return db.transaction(async (tx) => {
    // Locked, so that a registration and a publication of the draw cannot cross.
    const m = await findMeeting(tx, meetingId, { lock: true });
    if (!m) throw new AppError("not_found", MSG.notFound);
    if (m.drawPublishedAt) throw new AppError("conflict", MEETING_MSG.drawPublished);
    if (today > m.registrationClosesAt) throw new AppError("conflict", MEETING_MSG.closed);
    const row = await insertMeetingRegistration(tx, {
      meetingId,
      name: body.name,
      phone: normalizePhone(body.phone),
      kind: body.kind,
      reason: body.reason,
    });
    if (!row) throw new AppError("conflict", MEETING_MSG.duplicatePhone);
    await recordAudit(tx, actor, {
      action: "meeting.register",
      entity: "meeting_registration",
      entityId: row.id,
      unitId: m.unitId,
      after: { meetingId, kind: body.kind },
    });
    return row;
  });
}

/**
 * Runs the draw with a public seed over every registration so far (see draw.ts), at any time, even
 * before anyone has registered. It may be run again with another seed until the result is
 * published; afterwards it is refused (409).
 */
export async function runDraw(
  db: Db,
  actor: TActor,
  meetingId: number,
  body: TDrawBody,
): Promise<{ seed: string; selected: number[] }> {
  return db.transaction(async (tx) => {
    const m = await findMeeting(tx, meetingId, { lock: true });
    if (!m) throw new AppError("not_found", MSG.notFound);
    if (m.drawPublishedAt) throw new AppError("conflict", MEETING_MSG.drawPublished);
    const ids = (await meetingRegistrationsOf(tx, meetingId)).map((r) => r.id);
    // With nobody registered the draw selects nobody (min(seats, 0)); published, it records that.
    const selected = drawSeats(body.seed, meetingId, ids, m.seats);
    await updateMeeting(tx, meetingId, {
      drawSeed: body.seed,
      drawSelected: selected,
      drawRegistrationIds: ids,
      drawnAt: new Date(),
    });
    await recordAudit(tx, actor, {
      action: "meeting.draw",
      entity: "meeting",
      entityId: meetingId,
      unitId: m.unitId,
      before: m.drawSeed ? { seed: m.drawSeed, selected: m.drawSelected } : null,
      after: { seed: body.seed, selected, registrations: ids.length },
    });
    return { seed: body.seed, selected };
  });
}

/** Fixes the latest draw as the published result; refused without a draw or when it is out of date. */
export async function publishDraw(db: Db, actor: TActor, meetingId: number) {
  return db.transaction(async (tx) => {
    const m = await findMeeting(tx, meetingId, { lock: true });
    if (!m) throw new AppError("not_found", MSG.notFound);
    if (m.drawPublishedAt) throw new AppError("conflict", MEETING_MSG.drawPublished);
    if (!m.drawSeed || !m.drawSelected || !m.drawRegistrationIds)
      throw new AppError("conflict", MEETING_MSG.noDraw);
    const ids = (await meetingRegistrationsOf(tx, meetingId)).map((r) => r.id);
    if (ids.join(",") !== m.drawRegistrationIds.join(",")) throw new AppError("conflict", MEETING_MSG.stale);
    const row = await updateMeeting(tx, meetingId, { drawPublishedAt: new Date() });
    await recordAudit(tx, actor, {
      action: "meeting.draw_publish",
      entity: "meeting",
      entityId: meetingId,
      unitId: m.unitId,
      after: { seed: m.drawSeed, selected: m.drawSelected },
    });
    return {
      seed: row.drawSeed as string,
      selected: row.drawSelected ?? [],
      publishedAt: row.drawPublishedAt,
    };
  });
}

/** Records an opinion given at the meeting and, when known, what came of it. */
export async function addOpinion(db: Db, actor: TActor, meetingId: number, body: TOpinionBody) {
  return db.transaction(async (tx) => {
    const m = await findMeeting(tx, meetingId);
    if (!m) throw new AppError("not_found", MSG.notFound);
    let speaker = body.speaker ?? "";
    if (body.registrationId !== undefined) {
      const reg = (await meetingRegistrationsOf(tx, meetingId)).find((r) => r.id === body.registrationId);
      if (!reg)
        throw new AppError("unprocessable", "该报名不属于本次会议。", {
          issues: [{ path: "registrationId", message: "该报名不属于本次会议。" }],
        });
      // Only the masked name is ever stored for display.
      speaker = `${maskName(reg.name)}（${REGISTRANT_KIND_LABELS[reg.kind as TRegistrantKind]}）`;
    }
    const row = await insertOpinion(tx, {
      meetingId,
      registrationId: body.registrationId ?? null,
      speaker,
      opinion: body.opinion,
      outcome: body.outcome ?? "",
    });
    await recordAudit(tx, actor, {
      action: "meeting.opinion_add",
      entity: "meeting",
      entityId: meetingId,
      unitId: m.unitId,
      after: { opinionId: row.id, speaker, outcome: row.outcome },
    });
    return row;
  });
}

export type TPublicMeeting = {
  id: number;
  unitId: number;
  title: string;
  summary: string;
  heldAt: string;
  seats: number;
  registrationClosesAt: string;
  registrationCount: number;
  isOpen: boolean;
  draw: null | {
    seed: string;
    publishedAt: string;
    /** Every registration that took part, in order of registration, with masked names. */
    registrations: { id: number; name: string; kind: string }[];
    selected: { id: number; name: string; kind: string }[];
  };
  opinions: { speaker: string; opinion: string; outcome: string }[];
};

/** What anyone may see of a meeting: never a phone or a full name. */
export async function readPublicMeeting(db: Db, id: number, today: string): Promise<TPublicMeeting> {
  const m = await findMeeting(db, id);
  if (!m) throw new AppError("not_found", MSG.notFound);
  const regs = await meetingRegistrationsOf(db, id);
  const pub = (r: { id: number; name: string; kind: string }) => ({
    id: r.id,
    name: maskName(r.name),
    kind: r.kind,
  });
  const byId = new Map(regs.map((r) => [r.id, r]));
  const opinions = await opinionsOf(db, id);
  return {
    id: m.id,
    unitId: m.unitId,
    title: m.title,
    summary: m.summary,
    heldAt: m.heldAt,
    seats: m.seats,
    registrationClosesAt: m.registrationClosesAt,
    registrationCount: regs.length,
    isOpen: isMeetingOpen(m, today),
    draw:
      m.drawPublishedAt && m.drawSeed
        ? {
            seed: m.drawSeed,
            publishedAt: m.drawPublishedAt.toISOString(),
            registrations: (m.drawRegistrationIds ?? []).flatMap((rid) => {
              const r = byId.get(rid);
              return r ? [pub(r)] : [];
            }),
            selected: (m.drawSelected ?? []).flatMap((rid) => {
              const r = byId.get(rid);
              return r ? [pub(r)] : [];
            }),
          }
        : null,
    opinions: opinions.map((o) => ({ speaker: o.speaker, opinion: o.opinion, outcome: o.outcome })),
  };
}
