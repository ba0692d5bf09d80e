-- 政务新媒体 registry (work plan task 45): every government account with its operator unit and
-- 备案 status, and the office's inspections against the national indicators. The score and veto are
-- computed by the application when an inspection is recorded and kept as recorded.

create table new_media_accounts (
  id serial primary key,
  unit_id integer not null references units (id),
  platform text not null
    check (platform in ('wechat', 'weibo', 'douyin', 'toutiao', 'kuaishou', 'bilibili', 'app', 'other')),
  name text not null check (length(name) between 1 and 100),
  purpose text not null default '',
  registered_on date not null,
  closed_on date,
  filing_status text not null check (filing_status in ('filed', 'pending', 'not_filed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (platform, name),
  check (closed_on is null or closed_on >= registered_on)
);
create index new_media_accounts_unit_idx on new_media_accounts (unit_id);

create table new_media_inspections (
  id serial primary key,
  account_id integer not null references new_media_accounts (id),
  inspected_on date not null,
  -- The account's latest post as seen at the inspection; null: nothing ever posted.
  last_updated_on date,
  broken_links integer not null default 0 check (broken_links between 0 and 10000),
  wrong_items integer not null default 0 check (wrong_items between 0 and 10000),
  unanswered_messages integer not null default 0 check (unanswered_messages between 0 and 10000),
  note text not null default '',
  score integer not null check (score between 0 and 100),
  is_vetoed boolean not null,
  created_at timestamptz not null default now()
);
create index new_media_inspections_account_idx on new_media_inspections (account_id, inspected_on);
