// The spike rule (seed task 28: find what the public is worried about): at least N items on one
// topic within 24 hours raise an alert. N is the office's setting.

import type { Db } from "../../platform/db";
import { readSetting, writeSetting } from "../../platform/db/settings";
import { insertAlerts, latestAlertEnds, rollingTopicCounts } from "./opinions.repository";
import { type TSpikeRule, ZSpikeRule } from "./opinions.schemas";

const SETTING_KEY = "opinions.spike_rule";
export const DEFAULT_SPIKE_RULE: TSpikeRule = { threshold: 20 };
const DAY = 86_400_000;

export async function loadSpikeRule(db: Db): Promise<TSpikeRule> {
  const parsed = ZSpikeRule.safeParse(await readSetting(db, SETTING_KEY));
  return parsed.success ? parsed.data : DEFAULT_SPIKE_RULE;
}

export async function saveSpikeRule(db: Db, rule: TSpikeRule): Promise<void> {
  await writeSetting(db, SETTING_KEY, rule);
}

/**
 * Raises an alert for each 24-hour window, ending at an item discovered between `from` and `to`, that
 * holds at least the threshold of items on its topic. One alert covers a run: a new one is raised
 * for a topic only once the previous alert's window has ended 24 hours before. Returns the new alerts.
 */
export async function checkSpikes(db: Db, topicIds: number[], from: Date, to: Date) {
  const ids = [...new Set(topicIds)];
  if (ids.length === 0) return [];
  const { threshold } = await loadSpikeRule(db);
  const lastEnd = new Map<number, number>(
    (await latestAlertEnds(db, ids)).map((r) => [r.topicId, new Date(r.windowEnd).getTime()]),
  );
  const alerts: {
    topicId: number;
    windowStart: Date;
    windowEnd: Date;
    itemCount: number;
    threshold: number;
  }[] = [];
  for (const r of await rollingTopicCounts(db, ids, from, to)) {
    if (r.count < threshold) continue;
    const previous = lastEnd.get(r.topicId);
    if (previous !== undefined && r.at.getTime() - previous < DAY) continue;
    alerts.push({
      topicId: r.topicId,
      windowStart: new Date(r.at.getTime() - DAY),
      windowEnd: r.at,
      itemCount: r.count,
      threshold,
    });
    lastEnd.set(r.topicId, r.at.getTime());
  }
  return insertAlerts(db, alerts);
}
