import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { findUnit } from "../org";
import { canHandle } from "./access";
import { computeClocks, nextDueAt } from "./compute-clocks";
import { findTopicByKey, insertOpinion, listTopics } from "./opinions.repository";
import type { TCreateOpinionBody, TSeverity, TSource } from "./opinions.schemas";
import type { TOpinionRow } from "./opinions.tables";
import { checkSpikes } from "./spikes";
import { suggestTopic } from "./suggest-topic";

/** How far ahead of the server's clock a discovery time may be (clocks of devices differ a little). */
const FUTURE_SLACK_MS = 5 * 60_000;

export const TOPIC_AUTO = "auto";

export type TIntake = {
  title: string;
  body: string;
  source: TSource;
  /** A topic's code or name; "auto" (or null) lets the keyword rules suggest one, left unconfirmed. */
  topic: string | null;
  unitId: number | null;
  severity: TSeverity;
  discoveredAt: Date;
  writerName?: string;
  writerContact?: string;
  receiptNo?: string | null;
};

/** Refusals that name their field, so a form shows them beside it and the API lists them. */
const refuse = (path: string, message: string) =>
  new AppError("unprocessable", message, { issues: [{ path, message }] });

/**
 * Registers one item inside `tx`: its topic (chosen, or suggested by the keyword rules and left for
 * staff to confirm), its clocks from the discovery time, and a spike check on its topic.
 */
export async function intakeOpinion(tx: Db, actor: TActor, input: TIntake): Promise<TOpinionRow> {
  if (input.discoveredAt.getTime() > Date.now() + FUTURE_SLACK_MS)
    throw refuse("discoveredAt", "发现时间不能晚于当前时间。");
  let topicId: number | null = null;
  let isConfirmed = false;
  const topics = await listTopics(tx, { isActiveOnly: true });
  const suggested = suggestTopic(`${input.title}\n${input.body}`, topics);
  if (input.topic && input.topic !== TOPIC_AUTO) {
    const topic = await findTopicByKey(tx, input.topic);
    if (!topic?.isActive) throw refuse("topic", `没有名为“${input.topic}”的舆情主题。`);
    topicId = topic.id;
    isConfirmed = true;
  } else topicId = suggested;
  const clocks = computeClocks(input.severity, input.discoveredAt);
  const row = await insertOpinion(tx, {
    title: input.title,
    body: input.body,
    source: input.source,
    topicId,
    suggestedTopicId: suggested,
    isTopicConfirmed: isConfirmed,
    unitId: input.unitId,
    severity: input.severity,
    discoveredAt: input.discoveredAt,
    ...clocks,
    nextDueAt: nextDueAt(clocks, { releasedAt: null, pressConferenceAt: null, respondedAt: null }),
    writerName: input.writerName ?? "",
    writerContact: input.writerContact ?? "",
    receiptNo: input.receiptNo ?? null,
  });
  await recordAudit(tx, actor, {
    action: "opinion.create",
    entity: "opinion",
    entityId: row.id,
    unitId: row.unitId,
    after: {
      title: row.title,
      source: row.source,
      topicId: row.topicId,
      severity: row.severity,
      discoveredAt: row.discoveredAt,
    },
  });
  if (topicId) await checkSpikes(tx, [topicId], input.discoveredAt, input.discoveredAt);
  return row;
}

/** POST /opinions: staff register an item for a unit they handle. */
export async function createOpinion(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  body: TCreateOpinionBody,
): Promise<TOpinionRow> {
  const unit = await findUnit(db, body.unitId);
  if (!unit?.isActive) throw refuse("unitId", "承办单位不存在或已撤销。");
  if (!canHandle(p, unit.id)) throw refuse("unitId", "您不能为其他单位登记舆情。");
  return db.transaction((tx) => intakeOpinion(tx, actor, { ...body, unitId: unit.id }));
}
