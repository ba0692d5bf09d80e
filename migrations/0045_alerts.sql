-- E-mail alerts, 政策找人 profiles, policy eligibility, the outgoing mail and webhook queue, and
-- webhook endpoints (src/features/alerts). Subscriber e-mails are personal data: no public page,
-- feed, export or public API reads these tables' e-mail columns.

-- A subscription to a catalogue filter (unit, topic, kind, search words); pending until the link in
-- the confirmation mail is used (double opt-in), ended by the one-click unsubscribe.
create table alert_subscriptions (
  id bigserial primary key,
  email text not null,
  unit_id integer,
  topic text,
  kind text,
  q text,
  -- The search words as the text of to_tsquery('simple', …), made once when subscribing, so that
  -- matching a publication against every subscription is one SQL statement.
  q_tsquery text,
  frequency text not null check (frequency in ('immediate', 'daily', 'weekly')),
  token text not null unique,
  status text not null default 'pending' check (status in ('pending', 'active', 'ended')),
  created_at timestamptz not null default now(),
  confirmed_at timestamptz,
  ended_at timestamptz,
  -- The document whose mail carried the unsubscribe link that ended it (for 到达率).
  ended_by_document integer
);
-- One subscription per address and filter: subscribing again changes its frequency.
create unique index alert_subscriptions_filter on alert_subscriptions
  (lower(email), coalesce(unit_id, 0), coalesce(topic, ''), coalesce(kind, ''), coalesce(q, ''));
create index alert_subscriptions_active on alert_subscriptions (id) where status = 'active';

-- 政策找人: the answers of a questionnaire kept, with consent, to push new matching policies.
create table alert_profiles (
  id bigserial primary key,
  email text not null,
  token text not null unique,
  status text not null default 'pending' check (status in ('pending', 'active', 'ended')),
  audience text not null check (audience in ('person', 'enterprise')),
  attributes text[] not null default '{}',
  age integer,
  industry text,
  size text,
  subdistrict text,
  consent_at timestamptz not null default now(),
  confirmed_at timestamptz,
  ended_at timestamptz,
  ended_by_document integer
);
create index alert_profiles_active on alert_profiles (id) where status = 'active';

-- Who a policy is for. An empty list or a null bound means "no condition on this".
create table policy_eligibility (
  document_id integer primary key references documents (id),
  audiences text[] not null default '{}',
  subdistricts text[] not null default '{}',
  industries text[] not null default '{}',
  sizes text[] not null default '{}',
  attributes text[] not null default '{}',
  age_min integer,
  age_max integer,
  starts_on date,
  ends_on date,
  updated_at timestamptz not null default now()
);

-- The attributes the office offers in the questionnaire (高新技术企业, 低保, …), per audience.
create table eligibility_attributes (
  id serial primary key,
  audience text not null check (audience in ('person', 'enterprise')),
  name text not null,
  sort_order integer not null default 0,
  unique (audience, name)
);
insert into eligibility_attributes (audience, name, sort_order) values
  ('person', '低保', 1), ('person', '特困供养', 2), ('person', '残疾', 3), ('person', '退役军人', 4),
  ('person', '高校毕业生', 5), ('person', '失业人员', 6), ('person', '60岁以上', 7),
  ('person', '农村户籍', 8),
  ('enterprise', '高新技术企业', 1), ('enterprise', '科技型中小企业', 2), ('enterprise', '个体工商户', 3),
  ('enterprise', '专精特新企业', 4), ('enterprise', '外贸企业', 5), ('enterprise', '新设立企业', 6);

-- Endpoints that receive a signed POST (HMAC-SHA256) on each document event.
create table alert_webhooks (
  id serial primary key,
  url text not null,
  secret text not null,
  is_active boolean not null default true,
  created_by text not null,
  created_at timestamptz not null default now()
);

-- The durable outgoing queue: confirmation mails, alert mails (immediate, or held for a digest) and
-- webhook calls. A row is sent inside a transaction that holds its row lock (FOR UPDATE SKIP
-- LOCKED): a sender that dies mid-send loses its connection, the lock goes with it and the row is
-- sent again by the next sender, at once.
create table alert_outbox (
  id bigserial primary key,
  kind text not null check (kind in ('confirm', 'document', 'webhook')),
  -- An e-mail address (lower case), or 'webhook:<id>'.
  recipient text not null,
  event text not null default 'published',
  document_id integer,
  subscription_id bigint,
  profile_id bigint,
  frequency text not null default 'immediate' check (frequency in ('immediate', 'daily', 'weekly')),
  -- Why the document matched (subscription filter or eligibility reasons), shown in the mail.
  reasons text[] not null default '{}',
  payload jsonb,
  status text not null default 'queued'
    check (status in ('queued', 'sent', 'bounced', 'failed', 'cancelled')),
  attempts integer not null default 0,
  not_before timestamptz not null default now(),
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now()
);
-- Exactly one mail per recipient and document (and one webhook call per endpoint and event), however
-- many subscriptions match and however often the enqueueing runs.
create unique index alert_outbox_once on alert_outbox (document_id, recipient, event, kind)
  where document_id is not null;
create index alert_outbox_due on alert_outbox (not_before, id) where status = 'queued';
-- Reach and cancellation read a document's rows through alert_outbox_once (document_id first); no
-- other index, so that queueing 100,000 alerts in the publishing transaction stays quick.
create index alert_outbox_subscription on alert_outbox (subscription_id) where status = 'queued';
