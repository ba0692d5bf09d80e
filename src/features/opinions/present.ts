import { clocksOf } from "./board";
import { toChinaIso } from "./compute-clocks";
import type { TOpinionRow, TTopicRow } from "./opinions.tables";

const isoOrNull = (d: Date | null) => (d ? toChinaIso(d) : null);

/** An item for staff (API): everything including the writer of a letter, times in Beijing time. */
export function presentOpinion(row: TOpinionRow, topics: TTopicRow[], now: Date) {
  const topic = topics.find((t) => t.id === row.topicId);
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    source: row.source,
    topic: topic?.code ?? null,
    topicName: topic?.name ?? null,
    isTopicConfirmed: row.isTopicConfirmed,
    unitId: row.unitId,
    severity: row.severity,
    discoveredAt: toChinaIso(row.discoveredAt),
    releaseDueAt: isoOrNull(row.releaseDueAt),
    pressConferenceDueAt: isoOrNull(row.pressConferenceDueAt),
    responseDueAt: isoOrNull(row.responseDueAt),
    releasedAt: isoOrNull(row.releasedAt),
    pressConferenceAt: isoOrNull(row.pressConferenceAt),
    respondedAt: isoOrNull(row.respondedAt),
    nextDueAt: isoOrNull(row.nextDueAt),
    clocks: clocksOf(row, now).map((c) => ({
      kind: c.kind,
      dueAt: toChinaIso(c.dueAt),
      doneAt: isoOrNull(c.doneAt),
      state: c.state,
    })),
    workOrderNo: row.workOrderNo,
    handledAt: isoOrNull(row.handledAt),
    satisfaction: row.satisfaction,
    receiptNo: row.receiptNo,
    writer: row.source === "mailbox" ? { name: row.writerName, contact: row.writerContact } : null,
    publishedAt: isoOrNull(row.publishedAt),
  };
}
