import { type SQL, sql } from "drizzle-orm";
import { type Db, selectRows } from "../../platform/db";
import type { TFrequency, TPolicyEligibility, TReach, TSize, TSubscriptionFilter } from "./alerts.schemas";
import type { TAnswers } from "./match-eligibility";

// The only place with SQL for alerts, 政策找人, the outbox and reach. E-mail addresses are read here
// only for the sender, the manage page of the token's owner, and counts; never for a public list.

/** A document a reader may see and that is in force: only those are mailed or matched. */
export const VISIBLE_VALID = sql`(d.status = 'published' and d.publish_at <= now() and d.validity = 'valid'
  and (d.repealed_at is null or d.repealed_at > (now() at time zone 'Asia/Shanghai')::date))`;

export type TSubscriptionRow = {
  id: number;
  email: string;
  unit_id: number | null;
  topic: string | null;
  kind: string | null;
  q: string | null;
  frequency: TFrequency;
  token: string;
  status: "pending" | "active" | "ended";
};

export type TProfileRow = {
  id: number;
  email: string;
  token: string;
  status: "pending" | "active" | "ended";
  audience: "person" | "enterprise";
  attributes: string[];
  age: number | null;
  industry: string | null;
  size: TSize | null;
  subdistrict: string | null;
};

/**
 * Creates the subscription, or finds the one for the same address and filter. A pending or ended one
 * takes the new frequency and waits for confirmation again; an active one is left as it is (whoever
 * knows an address must not change its subscriptions: the manage link in each mail does that).
 */
export async function upsertSubscription(
  db: Db,
  v: {
    email: string;
    filter: TSubscriptionFilter;
    qTsquery: string | null;
    frequency: TFrequency;
    token: string;
  },
): Promise<TSubscriptionRow> {
  const [row] = await selectRows<TSubscriptionRow>(
    db,
    sql`insert into alert_subscriptions (email, unit_id, topic, kind, q, q_tsquery, frequency, token)
        values (${v.email}, ${v.filter.unit ?? null}, ${v.filter.topic ?? null}, ${v.filter.kind ?? null},
                ${v.filter.q ?? null}, ${v.qTsquery}, ${v.frequency}, ${v.token})
        on conflict (lower(email), coalesce(unit_id, 0), coalesce(topic, ''), coalesce(kind, ''), coalesce(q, ''))
        do update set
          frequency = case when alert_subscriptions.status = 'active' then alert_subscriptions.frequency
                           else excluded.frequency end,
          status = case when alert_subscriptions.status = 'ended' then 'pending' else alert_subscriptions.status end,
          ended_at = case when alert_subscriptions.status = 'ended' then null else alert_subscriptions.ended_at end
        returning id::int, email, unit_id, topic, kind, q, frequency, token, status`,
  );
  if (!row) throw new Error("upsert returned no row");
  return row;
}

/** Queues the confirmation mail, unless one for the same record was queued in the last 10 minutes. */
export async function queueConfirmation(
  db: Db,
  v: { email: string; subscriptionId?: number; profileId?: number },
) {
  const owner = v.subscriptionId
    ? sql`subscription_id = ${v.subscriptionId}`
    : sql`profile_id = ${v.profileId ?? 0}`;
  await db.execute(
    sql`insert into alert_outbox (kind, recipient, subscription_id, profile_id)
        select 'confirm', ${v.email.toLowerCase()}, ${v.subscriptionId ?? null}, ${v.profileId ?? null}
        where not exists (select 1 from alert_outbox where kind = 'confirm' and ${owner}
                          and created_at > now() - interval '10 minutes')`,
  );
}

export async function subscriptionByToken(db: Db, token: string): Promise<TSubscriptionRow | null> {
  const [row] = await selectRows<TSubscriptionRow>(
    db,
    sql`select id::int, email, unit_id, topic, kind, q, frequency, token, status
        from alert_subscriptions where token = ${token}`,
  );
  return row ?? null;
}

export async function profileByToken(db: Db, token: string): Promise<TProfileRow | null> {
  const [row] = await selectRows<TProfileRow>(
    db,
    sql`select id::int, email, token, status, audience, attributes, age, industry, size, subdistrict
        from alert_profiles where token = ${token}`,
  );
  return row ?? null;
}

/** Activates a pending subscription or profile; true when the token names one that is now active. */
export async function confirmToken(db: Db, token: string): Promise<boolean> {
  const rows = await selectRows<{ id: number }>(
    db,
    sql`with s as (update alert_subscriptions set status = 'active', confirmed_at = coalesce(confirmed_at, now())
                   where token = ${token} and status <> 'ended' returning id),
             p as (update alert_profiles set status = 'active', confirmed_at = coalesce(confirmed_at, now())
                   where token = ${token} and status <> 'ended' returning id)
        select id::int from s union all select id::int from p`,
  );
  return rows.length > 0;
}

/**
 * Ends the subscription or profile of this token (idempotent: an ended one stays ended, with the
 * document of the first unsubscribe). Its queued mails are cancelled. False when no record has the token.
 */
export async function endToken(db: Db, token: string, documentId: number | null): Promise<boolean> {
  const rows = await selectRows<{ kind: string; id: number }>(
    db,
    sql`with s as (update alert_subscriptions set status = 'ended', ended_at = coalesce(ended_at, now()),
                     ended_by_document = case when status = 'ended' then ended_by_document else ${documentId}::int end
                   where token = ${token} returning id),
             p as (update alert_profiles set status = 'ended', ended_at = coalesce(ended_at, now()),
                     ended_by_document = case when status = 'ended' then ended_by_document else ${documentId}::int end
                   where token = ${token} returning id)
        select 's' as kind, id::int from s union all select 'p' as kind, id::int from p`,
  );
  for (const r of rows)
    await db.execute(
      r.kind === "s"
        ? sql`update alert_outbox set status = 'cancelled' where subscription_id = ${r.id} and status = 'queued'`
        : sql`update alert_outbox set status = 'cancelled' where profile_id = ${r.id} and status = 'queued'`,
    );
  return rows.length > 0;
}

export async function setFrequency(db: Db, token: string, frequency: TFrequency): Promise<void> {
  await db.execute(
    sql`update alert_subscriptions set frequency = ${frequency} where token = ${token} and status = 'active'`,
  );
}

export async function insertProfile(
  db: Db,
  v: { email: string; token: string; answers: TAnswers },
): Promise<number> {
  const a = v.answers;
  const [row] = await selectRows<{ id: number }>(
    db,
    sql`insert into alert_profiles (email, token, audience, attributes, age, industry, size, subdistrict)
        values (${v.email}, ${v.token}, ${a.audience}, ${textArray(a.attributes)},
                ${a.age ?? null}, ${a.industry ?? null}, ${a.size ?? null}, ${a.subdistrict ?? null})
        returning id::int`,
  );
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

// ---- eligibility

export type TEligibilityRow = TPolicyEligibility & { documentId: number };

const textArray = (values: string[]) => sql`${`{${values.map((x) => JSON.stringify(x)).join(",")}}`}::text[]`;

const ELIGIBILITY_COLUMNS = sql`e.document_id::int as "documentId", e.audiences, e.subdistricts, e.industries,
  e.sizes, e.attributes, e.age_min as "ageMin", e.age_max as "ageMax",
  to_char(e.starts_on, 'YYYY-MM-DD') as "startsOn", to_char(e.ends_on, 'YYYY-MM-DD') as "endsOn"`;

export async function eligibilityOf(db: Db, documentId: number): Promise<TEligibilityRow | null> {
  const [row] = await selectRows<TEligibilityRow>(
    db,
    sql`select ${ELIGIBILITY_COLUMNS} from policy_eligibility e where e.document_id = ${documentId}`,
  );
  return row ?? null;
}

export async function saveEligibility(db: Db, documentId: number, v: TPolicyEligibility): Promise<void> {
  await db.execute(
    sql`insert into policy_eligibility (document_id, audiences, subdistricts, industries, sizes, attributes,
          age_min, age_max, starts_on, ends_on, updated_at)
        values (${documentId}, ${textArray(v.audiences)}, ${textArray(v.subdistricts)}, ${textArray(v.industries)},
          ${textArray(v.sizes)}, ${textArray(v.attributes)}, ${v.ageMin}, ${v.ageMax}, ${v.startsOn}::date,
          ${v.endsOn}::date, now())
        on conflict (document_id) do update set audiences = excluded.audiences, subdistricts = excluded.subdistricts,
          industries = excluded.industries, sizes = excluded.sizes, attributes = excluded.attributes,
          age_min = excluded.age_min, age_max = excluded.age_max, starts_on = excluded.starts_on,
          ends_on = excluded.ends_on, updated_at = now()`,
  );
}

/** Every visible, valid policy with recorded eligibility, for the questionnaire's matching. */
export function visibleEligibility(db: Db) {
  return selectRows<TEligibilityRow & { title: string; docNumber: string; publishedAt: string | null }>(
    db,
    sql`select ${ELIGIBILITY_COLUMNS}, d.title, d.doc_number as "docNumber",
          to_char(d.published_at, 'YYYY-MM-DD') as "publishedAt"
        from policy_eligibility e join documents d on d.id = e.document_id
        where ${VISIBLE_VALID}
        order by d.published_at desc nulls last, d.id desc`,
  );
}

/** The attributes offered in the questionnaire, per audience. */
export function eligibilityAttributes(db: Db) {
  return selectRows<{ audience: "person" | "enterprise"; name: string }>(
    db,
    sql`select audience, name from eligibility_attributes order by audience, sort_order, id`,
  );
}

export async function addEligibilityAttribute(db: Db, audience: string, name: string): Promise<boolean> {
  const rows = await selectRows<{ id: number }>(
    db,
    sql`insert into eligibility_attributes (audience, name, sort_order)
        values (${audience}, ${name}, (select coalesce(max(sort_order), 0) + 1 from eligibility_attributes))
        on conflict do nothing returning id`,
  );
  return rows.length > 0;
}

export async function activeProfiles(db: Db): Promise<TProfileRow[]> {
  return selectRows<TProfileRow>(
    db,
    sql`select id::int, email, token, status, audience, attributes, age, industry, size, subdistrict
        from alert_profiles where status = 'active' order by id`,
  );
}

// ---- the outbox

/**
 * Queues one alert per address for the document: every active subscription whose filter it meets
 * (unit, topic, kind, and the search words against the document's search index), the immediate one
 * first when an address has several, so that it gets exactly one mail about it. Returns how many
 * were queued now (already queued ones are not queued again).
 */
export async function queueSubscriberAlerts(
  db: Db,
  documentId: number,
  sendAt: { immediate: Date; daily: Date; weekly: Date },
): Promise<number> {
  const rows = await selectRows<{ n: number }>(
    db,
    sql`with matched as (
          select distinct on (lower(s.email)) lower(s.email) as recipient, s.id, s.frequency
          from alert_subscriptions s
          cross join documents d
          join document_search ds on ds.document_id = d.id
          where d.id = ${documentId} and s.status = 'active'
            and (s.unit_id is null or s.unit_id = d.unit_id)
            and (s.topic is null or s.topic = any(d.topics))
            and (s.kind is null or s.kind = d.kind)
            and (s.q_tsquery is null or ds.search_vector @@ to_tsquery('simple', s.q_tsquery))
          order by lower(s.email), case s.frequency when 'immediate' then 0 when 'daily' then 1 else 2 end, s.id
        ), inserted as (
          insert into alert_outbox (kind, recipient, document_id, subscription_id, frequency, not_before)
          select 'document', m.recipient, ${documentId}, m.id, m.frequency,
            case m.frequency when 'immediate' then ${sendAt.immediate.toISOString()}::timestamptz
                             when 'daily' then ${sendAt.daily.toISOString()}::timestamptz
                             else ${sendAt.weekly.toISOString()}::timestamptz end
          from matched m
          on conflict do nothing
          returning 1
        )
        select count(*)::int as n from inserted`,
  );
  return rows[0]?.n ?? 0;
}

/** Queues the alerts of matched profiles (immediate), each with its reasons. */
export async function queueProfileAlerts(
  db: Db,
  documentId: number,
  sendAt: Date,
  matches: { profileId: number; email: string; reasons: string[] }[],
): Promise<void> {
  for (let i = 0; i < matches.length; i += 1000) {
    const chunk = matches.slice(i, i + 1000);
    const values = sql.join(
      chunk.map(
        (m) =>
          sql`('document', ${m.email.toLowerCase()}, ${documentId}::int, ${m.profileId}::bigint, ${textArray(m.reasons)}, ${sendAt.toISOString()}::timestamptz)`,
      ),
      sql`, `,
    );
    await db.execute(
      sql`insert into alert_outbox (kind, recipient, document_id, profile_id, reasons, not_before)
          values ${values} on conflict do nothing`,
    );
  }
}

/** Queues one signed call per active webhook for the event. */
export async function queueWebhooks(
  db: Db,
  documentId: number,
  event: string,
  sendAt: Date,
  payload: unknown,
): Promise<void> {
  await db.execute(
    sql`insert into alert_outbox (kind, recipient, event, document_id, payload, not_before)
        select 'webhook', 'webhook:' || w.id, ${event}, ${documentId}, ${JSON.stringify(payload)}::jsonb,
               ${sendAt.toISOString()}::timestamptz
        from alert_webhooks w where w.is_active
        on conflict do nothing`,
  );
}

/** A withdrawn document's alerts not yet sent are not sent. */
export async function cancelDocumentMails(db: Db, documentId: number): Promise<void> {
  await db.execute(
    sql`update alert_outbox set status = 'cancelled'
        where document_id = ${documentId} and kind = 'document' and status = 'queued'`,
  );
}

export type TOutboxRow = {
  id: number;
  kind: "confirm" | "document" | "webhook";
  recipient: string;
  event: string;
  document_id: number | null;
  subscription_id: number | null;
  profile_id: number | null;
  frequency: TFrequency;
  reasons: string[];
  payload: unknown;
  attempts: number;
};

const OUTBOX_COLUMNS = sql`id::int, kind, recipient, event, document_id, subscription_id::int, profile_id::int,
  frequency, reasons, payload, attempts`;

/** Locks the next due row (skipping rows another sender holds); null when nothing is due. */
export async function lockNextDue(tx: Db, kinds: string[]): Promise<TOutboxRow | null> {
  const [row] = await selectRows<TOutboxRow>(
    tx,
    sql`select ${OUTBOX_COLUMNS} from alert_outbox
        where status = 'queued' and not_before <= now() and kind = any(${textArray(kinds)})
        order by not_before, id limit 1 for update skip locked`,
  );
  return row ?? null;
}

/** Locks the other due digest rows of the same subscription and frequency, to go in the same mail. */
export function lockDigestRows(tx: Db, first: TOutboxRow): Promise<TOutboxRow[]> {
  return selectRows<TOutboxRow>(
    tx,
    sql`select ${OUTBOX_COLUMNS} from alert_outbox
        where status = 'queued' and not_before <= now() and kind = 'document'
          and subscription_id = ${first.subscription_id} and frequency = ${first.frequency} and id <> ${first.id}
        order by id for update skip locked`,
  );
}

export type TMailDocument = {
  id: number;
  title: string;
  docNumber: string;
  unitName: string;
  publishedAt: string | null;
  isVisible: boolean;
  isLater: boolean;
  publishAt: string | null;
};

/** The documents of rows about to be sent, and whether each may still be mailed. */
export function mailDocuments(tx: Db, ids: number[]): Promise<TMailDocument[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return selectRows<TMailDocument>(
    tx,
    sql`select d.id, d.title, d.doc_number as "docNumber", coalesce(u.name, '') as "unitName",
          to_char(d.published_at, 'YYYY-MM-DD') as "publishedAt", ${VISIBLE_VALID} as "isVisible",
          (d.status = 'published' and d.publish_at > now()) as "isLater", d.publish_at::text as "publishAt"
        from documents d left join units u on u.id = d.unit_id
        where d.id in (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
  );
}

export async function markOutbox(
  tx: Db,
  ids: number[],
  set: { status: "sent" | "bounced" | "failed" | "cancelled" | "queued"; error?: string; retryAt?: Date },
): Promise<void> {
  if (ids.length === 0) return;
  const idList = sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  );
  const sentAt: SQL = set.status === "sent" || set.status === "bounced" ? sql`now()` : sql`sent_at`;
  await tx.execute(
    sql`update alert_outbox set status = ${set.status}, attempts = attempts + ${set.status === "cancelled" ? 0 : 1},
          last_error = ${set.error ?? null}, sent_at = ${sentAt},
          not_before = ${set.retryAt ? sql`${set.retryAt.toISOString()}::timestamptz` : sql`not_before`}
        where id in (${idList})`,
  );
}

/** A row to try later without counting an attempt (a scheduled publication moved later). */
export async function postpone(tx: Db, id: number, at: string): Promise<void> {
  await tx.execute(sql`update alert_outbox set not_before = ${at}::timestamptz where id = ${id}`);
}

export async function ownerState(tx: Db, row: TOutboxRow) {
  if (row.subscription_id) return subscriptionById(tx, row.subscription_id);
  if (row.profile_id) {
    const [p] = await selectRows<TProfileRow>(
      tx,
      sql`select id::int, email, token, status, audience, attributes, age, industry, size, subdistrict
          from alert_profiles where id = ${row.profile_id}`,
    );
    return p ?? null;
  }
  return null;
}

async function subscriptionById(tx: Db, id: number): Promise<TSubscriptionRow | null> {
  const [row] = await selectRows<TSubscriptionRow>(
    tx,
    sql`select id::int, email, unit_id, topic, kind, q, frequency, token, status from alert_subscriptions where id = ${id}`,
  );
  return row ?? null;
}

export async function webhookOf(tx: Db, recipient: string) {
  const id = Number(recipient.replace(/^webhook:/, ""));
  const [row] = await selectRows<{ id: number; url: string; secret: string; is_active: boolean }>(
    tx,
    sql`select id, url, secret, is_active from alert_webhooks where id = ${id}`,
  );
  return row ?? null;
}

export function unitName(db: Db, id: number) {
  return selectRows<{ name: string }>(db, sql`select name from units where id = ${id}`).then(
    (r) => r[0]?.name ?? null,
  );
}

// ---- webhooks (staff)

export function listWebhooks(db: Db) {
  return selectRows<{ id: number; url: string; is_active: boolean; created_by: string; created_at: string }>(
    db,
    sql`select id, url, is_active, created_by, created_at::text from alert_webhooks order by id`,
  );
}

export async function insertWebhook(db: Db, v: { url: string; secret: string; createdBy: string }) {
  const [row] = await selectRows<{ id: number }>(
    db,
    sql`insert into alert_webhooks (url, secret, created_by) values (${v.url}, ${v.secret}, ${v.createdBy}) returning id`,
  );
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

export async function deactivateWebhook(db: Db, id: number): Promise<boolean> {
  const rows = await selectRows<{ id: number }>(
    db,
    sql`update alert_webhooks set is_active = false where id = ${id} and is_active returning id`,
  );
  if (rows.length > 0)
    await db.execute(
      sql`update alert_outbox set status = 'cancelled' where recipient = ${`webhook:${id}`} and status = 'queued'`,
    );
  return rows.length > 0;
}

// ---- reach

/** 到达率 of one document: addresses matched, mails handed over, accepted, refused, and unsubscribes. */
export async function reachOf(db: Db, documentId: number): Promise<TReach> {
  const [row] = await selectRows<TReach>(
    db,
    sql`select
          (select count(*)::int from alert_outbox where document_id = ${documentId} and kind = 'document') as matched,
          (select count(*)::int from alert_outbox where document_id = ${documentId} and kind = 'document'
             and status in ('sent', 'bounced')) as sent,
          (select count(*)::int from alert_outbox where document_id = ${documentId} and kind = 'document'
             and status = 'sent') as delivered,
          (select count(*)::int from alert_outbox where document_id = ${documentId} and kind = 'document'
             and status = 'bounced') as bounced,
          ((select count(*) from alert_subscriptions where ended_by_document = ${documentId})
            + (select count(*) from alert_profiles where ended_by_document = ${documentId}))::int as unsubscribed`,
  );
  return row ?? { matched: 0, sent: 0, delivered: 0, bounced: 0, unsubscribed: 0 };
}

export type TMonthReach = TReach & { month: number };

/** The same figures per month of a year (by when the document's alerts were queued, Beijing time). */
export function reachByMonth(db: Db, year: number): Promise<TMonthReach[]> {
  return selectRows<TMonthReach>(
    db,
    sql`with m as (select generate_series(1, 12) as month),
        o as (select extract(month from created_at at time zone 'Asia/Shanghai')::int as month, status
              from alert_outbox where kind = 'document'
                and extract(year from created_at at time zone 'Asia/Shanghai') = ${year}),
        u as (select extract(month from ended_at at time zone 'Asia/Shanghai')::int as month from alert_subscriptions
              where ended_by_document is not null and extract(year from ended_at at time zone 'Asia/Shanghai') = ${year}
              union all
              select extract(month from ended_at at time zone 'Asia/Shanghai')::int from alert_profiles
              where ended_by_document is not null and extract(year from ended_at at time zone 'Asia/Shanghai') = ${year})
        select m.month,
          (select count(*)::int from o where o.month = m.month) as matched,
          (select count(*)::int from o where o.month = m.month and o.status in ('sent', 'bounced')) as sent,
          (select count(*)::int from o where o.month = m.month and o.status = 'sent') as delivered,
          (select count(*)::int from o where o.month = m.month and o.status = 'bounced') as bounced,
          (select count(*)::int from u where u.month = m.month) as unsubscribed
        from m order by m.month`,
  );
}

/** The documents with the most alerts in a year, with their figures. */
export function reachByDocument(db: Db, year: number, limit = 50) {
  return selectRows<TReach & { documentId: number; title: string }>(
    db,
    sql`select o.document_id::int as "documentId", d.title,
          count(*)::int as matched,
          (count(*) filter (where o.status in ('sent', 'bounced')))::int as sent,
          (count(*) filter (where o.status = 'sent'))::int as delivered,
          (count(*) filter (where o.status = 'bounced'))::int as bounced,
          ((select count(*) from alert_subscriptions s where s.ended_by_document = o.document_id)
            + (select count(*) from alert_profiles p where p.ended_by_document = o.document_id))::int as unsubscribed
        from alert_outbox o join documents d on d.id = o.document_id
        where o.kind = 'document' and extract(year from o.created_at at time zone 'Asia/Shanghai') = ${year}
        group by o.document_id, d.title
        order by count(*) desc, o.document_id desc limit ${limit}`,
  );
}

/** Active subscriptions and profiles, for the back-office page (counts only). */
export async function audienceCounts(db: Db) {
  const [row] = await selectRows<{
    subscriptions: number;
    pending: number;
    profiles: number;
    webhooks: number;
  }>(
    db,
    sql`select (select count(*)::int from alert_subscriptions where status = 'active') as subscriptions,
               (select count(*)::int from alert_subscriptions where status = 'pending') as pending,
               (select count(*)::int from alert_profiles where status = 'active') as profiles,
               (select count(*)::int from alert_webhooks where is_active) as webhooks`,
  );
  return row ?? { subscriptions: 0, pending: 0, profiles: 0, webhooks: 0 };
}

/** The state of a document that alerts and eligibility need; null when there is no such document. */
export async function documentState(db: Db, id: number) {
  const [row] = await selectRows<{
    id: number;
    unitId: number;
    status: string;
    validity: string;
    repealedAt: string | null;
    publishAt: Date | null;
    title: string;
  }>(
    db,
    sql`select id, unit_id as "unitId", status, validity, to_char(repealed_at, 'YYYY-MM-DD') as "repealedAt",
          publish_at as "publishAt", title
        from documents where id = ${id}`,
  );
  if (!row) return null;
  return { ...row, publishAt: row.publishAt ? new Date(row.publishAt) : null };
}
