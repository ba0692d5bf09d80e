-- 重大行政决策事项目录 (decision catalogue), public consultations on drafts (征求意见), the comments
-- the public sends, each comment's disposition (采纳情况) and the published feedback report.
-- 《重大行政决策程序暂行条例》 Art. 3, 14–15, 18, 25, 30–32, 36 and seed tasks 30–31.

create table decisions (
  id serial primary key,
  unit_id integer not null references units (id),
  year integer not null check (year between 2000 and 2100),
  title text not null,
  summary text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index decisions_year_unit on decisions (year, unit_id);

-- One row per stage of a decision; recording a stage again replaces its date and document.
create table decision_stages (
  id serial primary key,
  decision_id integer not null references decisions (id),
  stage text not null check (stage in ('draft', 'consultation', 'hearing', 'expert_review', 'risk_assessment',
    'legality_review', 'collective_decision', 'published', 'evaluation')),
  date date not null,
  document_id integer references documents (id),
  note text not null default '',
  -- The procedural warnings shown when the stage was recorded (a required earlier stage missing or
  -- dated later), kept so the catalogue shows them to staff afterwards.
  warnings jsonb not null default '[]'::jsonb,
  recorded_at timestamptz not null default now(),
  unique (decision_id, stage)
);

create table consultations (
  id serial primary key,
  unit_id integer not null references units (id),
  decision_id integer references decisions (id),
  title text not null,
  draft text not null,
  explanation text not null default '',
  opens_at date not null,
  closes_at date not null check (closes_at >= opens_at),
  -- Required (and published) when the period is shorter than 30 days (条例 Art. 15).
  short_period_reason text,
  feedback_published_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index consultations_closes on consultations (closes_at desc);

create table consultation_comments (
  id serial primary key,
  consultation_id integer not null references consultations (id),
  body text not null,
  -- The article the comment is about, as written (第三条); null when the comment is general.
  clause text,
  -- Personal data: shown to staff only, never on a public page, feed, export or public API.
  name text,
  contact text,
  created_at timestamptz not null default now(),
  disposition text check (disposition in ('adopted', 'partly_adopted', 'not_adopted', 'not_relevant')),
  reason text,
  disposed_at timestamptz,
  disposed_by text,
  hidden_at timestamptz,
  hidden_reason text,
  hidden_by text,
  check ((hidden_at is null) = (hidden_reason is null))
);
-- Statistics are one index-only count per disposition; the page lists comments in id order.
create index consultation_comments_by_disposition on consultation_comments (consultation_id, disposition) include (hidden_at);
create index consultation_comments_in_order on consultation_comments (consultation_id, id);
