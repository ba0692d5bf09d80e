import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { acknowledgeAlert, findTopic, insertTopic, listTopics, updateTopic } from "./opinions.repository";
import type { TSpikeRule } from "./opinions.schemas";
import { loadSpikeRule, saveSpikeRule } from "./spikes";

/** "噪音、异味, 污水" → ["噪音", "异味", "污水"]: split on Chinese or Latin commas, blanks dropped, no repeats. */
export function splitKeywords(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、;；\s]+/)
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
}

/** An office-defined topic, besides the twelve of the work plan. */
export async function createTopic(db: Db, actor: TActor, input: { name: string; keywords: string[] }) {
  return db.transaction(async (tx) => {
    const existing = await listTopics(tx);
    if (existing.some((t) => t.name === input.name))
      throw new AppError("conflict", "已有同名的舆情主题。", {
        issues: [{ path: "name", message: "已有同名的舆情主题。" }],
      });
    const topic = await insertTopic(tx, {
      code: `custom_${existing.length + 1}_${Date.now().toString(36)}`,
      name: input.name,
      keywords: input.keywords,
      sortOrder: 100 + existing.length,
    });
    await recordAudit(tx, actor, {
      action: "opinion_topic.create",
      entity: "opinion_topic",
      entityId: topic.id,
      after: { name: topic.name, keywords: topic.keywords },
    });
    return topic;
  });
}

export async function updateTopicKeywords(db: Db, actor: TActor, id: number, keywords: string[]) {
  return db.transaction(async (tx) => {
    const topic = await findTopic(tx, id);
    if (!topic) throw new AppError("not_found", MSG.notFound);
    await updateTopic(tx, id, { keywords });
    await recordAudit(tx, actor, {
      action: "opinion_topic.update",
      entity: "opinion_topic",
      entityId: id,
      before: { keywords: topic.keywords },
      after: { keywords },
    });
  });
}

export async function changeSpikeRule(db: Db, actor: TActor, rule: TSpikeRule) {
  return db.transaction(async (tx) => {
    const before = await loadSpikeRule(tx);
    await saveSpikeRule(tx, rule);
    await recordAudit(tx, actor, {
      action: "opinion_spike_rule.update",
      entity: "opinion_alert",
      before,
      after: rule,
    });
  });
}

export async function acknowledgeSpike(db: Db, actor: TActor, id: number) {
  return db.transaction(async (tx) => {
    if (!(await acknowledgeAlert(tx, id))) throw new AppError("not_found", MSG.notFound);
    await recordAudit(tx, actor, {
      action: "opinion_alert.acknowledge",
      entity: "opinion_alert",
      entityId: id,
    });
  });
}
