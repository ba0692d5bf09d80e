import type { Db } from "../../platform/db";
import { todayInChina } from "../calendar";
import type { TDocumentEvent } from "../documents";
import {
  activeProfiles,
  cancelDocumentMails,
  eligibilityOf,
  queueProfileAlerts,
  queueSubscriberAlerts,
  queueWebhooks,
} from "./alerts.repository";
import { sendTimes } from "./digest-times";
import { matchEligibility } from "./match-eligibility";

type TDoc = TDocumentEvent["document"];
/** What matching needs of a document. */
export type TDocState = Pick<TDoc, "id" | "unitId" | "status" | "validity" | "repealedAt" | "publishAt">;

const isInForce = (d: TDocState, today: string) =>
  d.validity === "valid" && (!d.repealedAt || d.repealedAt > today);

/** What integrators receive about a document: public fields only. */
function webhookPayload(event: string, d: TDoc) {
  return {
    event,
    document: {
      id: d.id,
      indexNo: d.indexNo,
      title: d.title,
      docNumber: d.docNumber,
      kind: d.kind,
      unitId: d.unitId,
      publishedAt: d.publishedAt,
      validity: d.validity,
      topics: d.topics,
      url: `/documents/${d.id}`,
    },
  };
}

/**
 * Queues the profiles' alerts for a published document whose eligibility is recorded. Run at
 * publication and again when the eligibility is saved (matches already queued are not queued again).
 */
export async function queueProfileMatches(db: Db, d: TDocState, now = new Date()): Promise<void> {
  const rule = await eligibilityOf(db, d.id);
  if (!rule || d.status !== "published" || !isInForce(d, todayInChina(now))) return;
  const visibleAt = d.publishAt && d.publishAt > now ? d.publishAt : now;
  const day = todayInChina(visibleAt);
  const matches = [];
  for (const p of await activeProfiles(db)) {
    const m = matchEligibility(
      rule,
      {
        audience: p.audience,
        attributes: p.attributes,
        age: p.age ?? undefined,
        industry: p.industry ?? undefined,
        size: p.size ?? undefined,
        subdistrict: p.subdistrict ?? undefined,
      },
      day,
    );
    if (m.isMatch) matches.push({ profileId: p.id, email: p.email, reasons: m.reasons });
  }
  await queueProfileAlerts(db, d.id, visibleAt, matches);
}

/**
 * The documents hook, inside the transaction of the change: a publication queues its alerts
 * (subscribers, then profiles) and webhook calls, to go out no earlier than the document shows; a
 * withdrawal cancels the alerts not yet sent and tells the webhooks.
 */
export async function queueForDocumentEvent(tx: Db, event: TDocumentEvent, now = new Date()): Promise<void> {
  const d = event.document;
  if (event.kind === "published") {
    const at = sendTimes(d.publishAt ?? now, now);
    await queueWebhooks(tx, d.id, "published", at.immediate, webhookPayload("published", d));
    if (!isInForce(d, todayInChina(now))) return;
    await queueSubscriberAlerts(tx, d.id, at);
    await queueProfileMatches(tx, d, now);
  } else if (event.kind === "withdrawn") {
    await cancelDocumentMails(tx, d.id);
    await queueWebhooks(tx, d.id, "withdrawn", now, webhookPayload("withdrawn", d));
  } else if (event.kind === "validity_changed" && !isInForce(d, todayInChina(now))) {
    await cancelDocumentMails(tx, d.id);
  }
}
