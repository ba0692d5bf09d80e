// 12345 work orders into 政务舆情: one transaction, idempotent on 工单编号 (a re-import of the same
// file changes nothing; a changed row updates its item), every bad row named with its reason.

import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { listUnits } from "../org";
import { canHandle } from "./access";
import { computeClocks, nextDueAt } from "./compute-clocks";
import {
  findByWorkOrders,
  insertOpinions,
  listTopics,
  type TNewOpinion,
  type TWorkOrderUpdate,
  updateWorkOrders,
} from "./opinions.repository";
import { WORK_ORDER_COLUMNS as COL, parseChinaTime, type TWorkOrderSheet } from "./read-work-orders";
import { checkSpikes } from "./spikes";
import { suggestTopic } from "./suggest-topic";

export type TImportResult = {
  created: number;
  updated: number;
  unchanged: number;
  failed: { row: number; reason: string }[];
  unknownColumns: string[];
  alerts: number;
};

const BATCH = 1000;
const TITLE_CHARS = 40;

type TParsed = {
  row: number;
  workOrderNo: string;
  title: string;
  body: string;
  unitId: number;
  discoveredAt: Date;
  handledAt: Date | null;
  satisfaction: string;
  topicId: number | null;
};

/** The item's title: the first line of the complaint, cut to forty characters. */
export function titleOf(content: string): string {
  const first = content.split(/\r?\n/)[0]?.trim() ?? "";
  return first.length > TITLE_CHARS ? `${first.slice(0, TITLE_CHARS)}…` : first;
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * Imports the records read from a work-order export. Orders go to the unit named in 承办单位 (its name
 * or an alias); a caller who handles only some units may import only those units' orders. Topics are
 * suggested by the keyword rules and left for staff to confirm; a confirmed topic is never overwritten.
 */
export async function importWorkOrders(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  sheet: TWorkOrderSheet,
  fileName: string,
): Promise<TImportResult> {
  const units = await listUnits(db);
  const unitByName = new Map<string, (typeof units)[number]>();
  for (const u of units) for (const n of [u.name, ...u.aliases]) unitByName.set(n, u);
  const topics = await listTopics(db, { isActiveOnly: true });
  const failed: TImportResult["failed"] = [];
  const parsed: TParsed[] = [];
  const seen = new Map<string, number>();
  const now = Date.now();
  for (const { row, values: v } of sheet.records) {
    const fail = (reason: string) => failed.push({ row, reason });
    const no = v.workOrderNo ?? "";
    if (!no) {
      fail(`缺少${COL.workOrderNo}`);
      continue;
    }
    if (no.length > 64 || /[\p{Cc}]/u.test(no)) {
      fail(`${COL.workOrderNo}“${no.slice(0, 20)}”格式不对`);
      continue;
    }
    const first = seen.get(no);
    if (first !== undefined) {
      fail(`${COL.workOrderNo} ${no} 与第 ${first} 行重复`);
      continue;
    }
    seen.set(no, row);
    const discoveredAt = parseChinaTime(v.acceptedAt ?? "");
    if (!discoveredAt) {
      fail(`${COL.acceptedAt}“${(v.acceptedAt ?? "").slice(0, 30)}”不是有效的时间`);
      continue;
    }
    if (discoveredAt.getTime() > now + 5 * 60_000) {
      fail(`${COL.acceptedAt}晚于当前时间`);
      continue;
    }
    const content = (v.content ?? "").replace(/\r\n/g, "\n");
    if (!content) {
      fail(`缺少${COL.content}`);
      continue;
    }
    if (content.length > 10_000) {
      fail(`${COL.content}超过 10000 字`);
      continue;
    }
    const unit = unitByName.get(v.unit ?? "");
    if (!unit) {
      fail(`${COL.unit}“${(v.unit ?? "").slice(0, 30)}”不在机构名录中`);
      continue;
    }
    if (!canHandle(p, unit.id)) {
      fail(`无权导入${unit.name}的工单`);
      continue;
    }
    let handledAt: Date | null = null;
    if (v.handledAt) {
      handledAt = parseChinaTime(v.handledAt);
      if (!handledAt) {
        fail(`${COL.handledAt}“${v.handledAt.slice(0, 30)}”不是有效的时间`);
        continue;
      }
      if (handledAt < discoveredAt) {
        fail(`${COL.handledAt}早于${COL.acceptedAt}`);
        continue;
      }
    }
    const satisfaction = v.satisfaction ?? "";
    if (satisfaction.length > 20) {
      fail(`${COL.satisfaction}超过 20 字`);
      continue;
    }
    parsed.push({
      row,
      workOrderNo: no,
      title: titleOf(content),
      body: content,
      unitId: unit.id,
      discoveredAt,
      handledAt,
      satisfaction,
      topicId: suggestTopic(content, topics),
    });
  }

  return db.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const touchedTopics = new Set<number>();
    let from: Date | null = null;
    let to: Date | null = null;
    for (let i = 0; i < parsed.length; i += BATCH) {
      const batch = parsed.slice(i, i + BATCH);
      const existing = new Map(
        (
          await findByWorkOrders(
            tx,
            batch.map((r) => r.workOrderNo),
          )
        ).map((e) => [e.workOrderNo as string, e]),
      );
      const inserts: TNewOpinion[] = [];
      const updates: TWorkOrderUpdate[] = [];
      for (const r of batch) {
        const old = existing.get(r.workOrderNo);
        if (
          old &&
          old.title === r.title &&
          old.body === r.body &&
          old.unitId === r.unitId &&
          sameTime(old.discoveredAt, r.discoveredAt) &&
          sameTime(old.handledAt, r.handledAt) &&
          old.satisfaction === r.satisfaction
        ) {
          unchanged++;
          continue;
        }
        const clocks = computeClocks("ordinary", r.discoveredAt);
        // A response staff recorded themselves stays; otherwise 办结 is the response.
        const respondedAt =
          (old && !sameTime(old.respondedAt, old.handledAt) ? old.respondedAt : null) ?? r.handledAt;
        const next = nextDueAt(clocks, { releasedAt: null, pressConferenceAt: null, respondedAt });
        if (r.topicId) touchedTopics.add(r.topicId);
        if (!from || r.discoveredAt < from) from = r.discoveredAt;
        if (!to || r.discoveredAt > to) to = r.discoveredAt;
        if (old) {
          updates.push({
            id: old.id,
            title: r.title,
            body: r.body,
            unitId: r.unitId,
            discoveredAt: r.discoveredAt.toISOString(),
            responseDueAt: (clocks.responseDueAt as Date).toISOString(),
            respondedAt: respondedAt?.toISOString() ?? null,
            nextDueAt: next?.toISOString() ?? null,
            handledAt: r.handledAt?.toISOString() ?? null,
            satisfaction: r.satisfaction,
            topicId: r.topicId,
            isTopicKept: old.isTopicConfirmed,
          });
        } else
          inserts.push({
            title: r.title,
            body: r.body,
            source: "hotline_12345",
            topicId: r.topicId,
            suggestedTopicId: r.topicId,
            isTopicConfirmed: false,
            unitId: r.unitId,
            severity: "ordinary",
            discoveredAt: r.discoveredAt,
            ...clocks,
            respondedAt,
            nextDueAt: next,
            workOrderNo: r.workOrderNo,
            handledAt: r.handledAt,
            satisfaction: r.satisfaction,
          });
      }
      await insertOpinions(tx, inserts);
      await updateWorkOrders(tx, updates);
      created += inserts.length;
      updated += updates.length;
    }
    const alerts = from && to ? await checkSpikes(tx, [...touchedTopics], from, to) : [];
    if (created + updated > 0)
      await recordAudit(tx, actor, {
        action: "opinion.import",
        entity: "opinion",
        after: { fileName, created, updated, unchanged, failed: failed.length, alerts: alerts.length },
      });
    return {
      created,
      updated,
      unchanged,
      failed,
      unknownColumns: sheet.unknownColumns,
      alerts: alerts.length,
    };
  });
}
