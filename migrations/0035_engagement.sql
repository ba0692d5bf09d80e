-- Public participation (公众参与): meetings with public seats (列席) filled by a reproducible draw,
-- government open days with capacity and a waiting list, and surveys with one answer per
-- respondent token. Personal data (names, phones) stays in the registration tables and is never
-- shown publicly except as a masked name.

create table meetings (
  id serial primary key,
  unit_id integer not null references units(id),
  title text not null check (length(title) between 1 and 200),
  summary text not null default '',
  held_at date not null,
  registration_closes_at date not null,
  seats integer not null check (seats between 1 and 1000),
  -- The latest draw: the public seed and the registration ids in draw order. Fixed once published.
  draw_seed text,
  draw_selected integer[],
  draw_registration_ids integer[],
  drawn_at timestamptz,
  draw_published_at timestamptz,
  created_at timestamptz not null default now()
);
create index meetings_unit_idx on meetings (unit_id);

create table meeting_registrations (
  id serial primary key,
  meeting_id integer not null references meetings(id),
  name text not null check (length(name) between 1 and 50),
  phone text not null check (length(phone) between 1 and 30),
  kind text not null check (kind in ('citizen', 'expert', 'media', 'stakeholder')),
  reason text not null check (length(reason) between 1 and 2000),
  created_at timestamptz not null default now()
);
create index meeting_registrations_meeting_idx on meeting_registrations (meeting_id, id);

-- Opinions given at the meeting by those who attended and what came of them (采纳情况).
create table meeting_opinions (
  id serial primary key,
  meeting_id integer not null references meetings(id),
  registration_id integer references meeting_registrations(id),
  speaker text not null default '',
  opinion text not null check (length(opinion) between 1 and 5000),
  outcome text not null default '' check (length(outcome) <= 5000),
  created_at timestamptz not null default now()
);
create index meeting_opinions_meeting_idx on meeting_opinions (meeting_id);

create table open_days (
  id serial primary key,
  unit_id integer not null references units(id),
  title text not null check (length(title) between 1 and 200),
  summary text not null default '',
  place text not null default '',
  held_at date not null,
  registration_closes_at date not null,
  capacity integer not null check (capacity between 1 and 100000),
  -- What the visitors suggested and what was adopted, published after the event.
  feedback text not null default '',
  feedback_published_at timestamptz,
  created_at timestamptz not null default now()
);
create index open_days_unit_idx on open_days (unit_id);

create table open_day_registrations (
  id serial primary key,
  open_day_id integer not null references open_days(id),
  name text not null check (length(name) between 1 and 50),
  phone text not null check (length(phone) between 1 and 30),
  -- Only a hash of the cancellation token given at registration is kept.
  token_hash text not null unique,
  status text not null check (status in ('confirmed', 'waiting', 'cancelled')),
  created_at timestamptz not null default now(),
  promoted_at timestamptz,
  cancelled_at timestamptz
);
create index open_day_registrations_day_idx on open_day_registrations (open_day_id, status, id);

create table surveys (
  id serial primary key,
  unit_id integer not null references units(id),
  open_day_id integer references open_days(id),
  title text not null check (length(title) between 1 and 200),
  summary text not null default '',
  opens_at date not null,
  closes_at date not null,
  questions jsonb not null,
  feedback text not null default '',
  feedback_published_at timestamptz,
  created_at timestamptz not null default now(),
  check (closes_at >= opens_at)
);
create index surveys_unit_idx on surveys (unit_id);

create table survey_responses (
  id bigserial primary key,
  survey_id integer not null references surveys(id),
  -- Hash of the respondent token: one answer per token and survey.
  respondent_hash text not null,
  answers jsonb not null,
  created_at timestamptz not null default now(),
  unique (survey_id, respondent_hash)
);

-- Public accountability of the work plan (任务 5): the office makes a whole plan (section null) or
-- one section of it public; the portal then shows its tasks with accepted progress only.
create table ledger_public_parts (
  id serial primary key,
  plan_id integer not null references ledger_plans(id),
  section text,
  published_by text not null,
  published_at timestamptz not null default now()
);
create unique index ledger_public_parts_unique on ledger_public_parts (plan_id, coalesce(section, ''));

-- One registration per phone number and meeting or open day, so that nobody enters a draw twice.
create unique index meeting_registrations_phone_unique on meeting_registrations (meeting_id, phone);
create unique index open_day_registrations_phone_unique on open_day_registrations (open_day_id, phone)
  where status <> 'cancelled';
