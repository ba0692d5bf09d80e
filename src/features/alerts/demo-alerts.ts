import { sql } from "drizzle-orm";
import type { Db } from "../../platform/db";
import { saveEligibility } from "./alerts.repository";
import { ZPolicyEligibility } from "./alerts.schemas";

/**
 * Demo data for policy services: who three demo policies are for, a few subscriptions (example.org
 * addresses) and a year of sent alerts, so that 政策找人 answers and the reach page has figures.
 */
export async function loadDemoAlerts(db: Db): Promise<void> {
  const docs = await db.execute(
    sql`select id, title from documents where status = 'published' and validity = 'valid' order by id`,
  );
  const rows = (Array.isArray(docs) ? docs : (docs as unknown as { rows: unknown[] }).rows) as {
    id: number;
    title: string;
  }[];
  const find = (title: string) => rows.find((r) => r.title === title)?.id;
  const rules: [number | undefined, object][] = [
    [find("市中区城乡居民最低生活保障实施办法"), { audiences: ["person"] }],
    [
      find("市中区促进高校毕业生就业创业若干措施"),
      { audiences: ["person"], attributes: ["高校毕业生"], ageMin: 16, ageMax: 35 },
    ],
    [find("关于做好2025年度城乡居民医疗保险参保缴费工作的通知"), { audiences: ["person"] }],
  ];
  for (const [id, rule] of rules) if (id) await saveEligibility(db, id, ZPolicyEligibility.parse(rule));
  await db.execute(
    sql`insert into alert_subscriptions (email, topic, frequency, token, status, confirmed_at)
        select 'reader' || i || '@example.org', case when i % 2 = 0 then null else '社会保障' end,
               case when i % 3 = 0 then 'daily' else 'immediate' end, md5('demo' || i) || 'demo', 'active', now()
        from generate_series(1, 60) i on conflict do nothing`,
  );
  // A year of alerts already sent about the demo documents: most delivered, a few bounced.
  await db.execute(
    sql`insert into alert_outbox (kind, recipient, document_id, status, attempts, sent_at, created_at, not_before)
        select 'document', 'reader' || r || '@example.org', d.id,
               case when r % 17 = 0 then 'bounced' else 'sent' end, 1,
               make_timestamptz(extract(year from now())::int, 1 + (d.id % 11), 10, 9, 0, 0, 'Asia/Shanghai'),
               make_timestamptz(extract(year from now())::int, 1 + (d.id % 11), 10, 8, 0, 0, 'Asia/Shanghai'),
               now()
        from documents d cross join generate_series(1, 20 + (d.id % 7) * 5) r
        where d.status = 'published' and d.validity = 'valid' and d.id <= 12
        on conflict do nothing`,
  );
}
