import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { documentTitles } from "../documents";
import { canHandle } from "./access";
import { CLOCK_OF_EVENT, nextDueAt, type TDone, toChinaIso } from "./compute-clocks";
import { insertEvent, lockOpinion, updateOpinion } from "./opinions.repository";
import { EVENT_LABELS, type TEventType, type TOpinionEventBody } from "./opinions.schemas";

const FUTURE_SLACK_MS = 5 * 60_000;

const DONE_FIELD = {
  release: "releasedAt",
  press_conference: "pressConferenceAt",
  response: "respondedAt",
} as const satisfies Record<TEventType, keyof TDone>;

const refuse = (path: string, message: string) =>
  new AppError("unprocessable", message, { issues: [{ path, message }] });

/**
 * Records what stopped a clock: an authoritative release, a press conference or a response. Refused
 * (422) when that clock does not apply to the item, when it is dated before discovery or in the future,
 * or when the document named is not published; a second event of the same kind is a conflict (409).
 */
export async function recordOpinionEvent(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  id: number,
  body: TOpinionEventBody,
) {
  return db.transaction(async (tx) => {
    const row = await lockOpinion(tx, id);
    if (!row || !canHandle(p, row.unitId)) throw new AppError("not_found", MSG.notFound);
    const clock = CLOCK_OF_EVENT[body.type];
    if (!row[clock])
      throw refuse(
        "type",
        row.severity === "major_emergency"
          ? "特别重大、重大突发事件舆情应记录“发布权威信息”和“举行新闻发布会”。"
          : "一般舆情应记录“回应”；发布权威信息和新闻发布会时限只适用于特别重大、重大突发事件。",
      );
    const doneField = DONE_FIELD[body.type];
    if (row[doneField]) throw new AppError("conflict", `该舆情已记录“${EVENT_LABELS[body.type]}”。`);
    if (body.at.getTime() < row.discoveredAt.getTime())
      throw refuse("at", `时间不能早于发现时间 ${toChinaIso(row.discoveredAt)}。`);
    if (body.at.getTime() > Date.now() + FUTURE_SLACK_MS) throw refuse("at", "时间不能晚于当前时间。");
    if (body.documentId) {
      const [doc] = await documentTitles(tx, [body.documentId]);
      if (doc?.status !== "published") throw refuse("documentId", "所关联的文件不存在或尚未发布。");
    }
    const done: TDone = {
      releasedAt: row.releasedAt,
      pressConferenceAt: row.pressConferenceAt,
      respondedAt: row.respondedAt,
      [doneField]: body.at,
    };
    const next = nextDueAt(row, done);
    const eventId = await insertEvent(tx, {
      opinionId: row.id,
      type: body.type,
      at: body.at,
      documentId: body.documentId ?? null,
      note: body.note,
      actorName: actor.name,
    });
    await updateOpinion(tx, row.id, { [doneField]: body.at, nextDueAt: next });
    await recordAudit(tx, actor, {
      action: "opinion.event",
      entity: "opinion",
      entityId: row.id,
      unitId: row.unitId,
      after: {
        type: body.type,
        at: body.at,
        documentId: body.documentId ?? null,
        isOnTime: body.at <= (row[clock] as Date),
      },
    });
    return {
      id: eventId,
      opinionId: row.id,
      type: body.type,
      at: body.at,
      isOnTime: body.at <= (row[clock] as Date),
      nextDueAt: next,
    };
  });
}
