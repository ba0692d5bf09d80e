import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { canHandle } from "./access";
import { findTopicByKey, lockOpinion, updateOpinion } from "./opinions.repository";

/** Staff confirm the suggested topic or choose another; trends count the confirmed one from then on. */
export async function confirmTopic(db: Db, actor: TActor, p: TPrincipal, id: number, key: string) {
  return db.transaction(async (tx) => {
    const row = await lockOpinion(tx, id);
    if (!row || !canHandle(p, row.unitId)) throw new AppError("not_found", MSG.notFound);
    const topic = await findTopicByKey(tx, key);
    if (!topic?.isActive) {
      const message = `没有名为“${key}”的舆情主题。`;
      throw new AppError("unprocessable", message, { issues: [{ path: "topic", message }] });
    }
    await updateOpinion(tx, row.id, { topicId: topic.id, isTopicConfirmed: true });
    await recordAudit(tx, actor, {
      action: "opinion.confirm_topic",
      entity: "opinion",
      entityId: row.id,
      unitId: row.unitId,
      before: { topicId: row.topicId, isTopicConfirmed: row.isTopicConfirmed },
      after: { topicId: topic.id, isTopicConfirmed: true },
    });
    return { id: row.id, topicId: topic.id, topic: topic.name };
  });
}
