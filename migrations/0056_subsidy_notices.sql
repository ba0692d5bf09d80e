-- 惠民惠农补贴 results published per village (村) or community (社区): a notice with its period
-- (Beijing calendar days, both inclusive) and one row per payee. The full 居民身份证号 is never
-- stored: it is checked when entered and only its masked form (first 6 and last 4 digits) is kept,
-- so no later page, export or leak can reveal it. Rows stay on file for the village after the
-- notice period, until the office-set retention (settings key subsidies.retention_years) runs out.

create table subsidy_notices (
  id serial primary key,
  unit_id integer not null references units (id),
  title text not null check (length(title) between 2 and 200),
  starts_on date not null,
  ends_on date not null,
  row_count integer not null check (row_count > 0),
  total_fen bigint not null check (total_fen > 0),
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  check (ends_on >= starts_on)
);
create index subsidy_notices_unit_idx on subsidy_notices (unit_id, ends_on desc);
create index subsidy_notices_period_idx on subsidy_notices (starts_on, ends_on);

create table subsidy_rows (
  id serial primary key,
  notice_id integer not null references subsidy_notices (id) on delete cascade,
  position integer not null,
  name text not null check (length(name) between 2 and 30),
  -- Never more than six digits in a row: a full (or nearly full) number cannot be stored.
  id_masked text not null check (id_masked !~ '[0-9]{7}'),
  item text not null check (length(item) between 1 and 60),
  amount_fen bigint not null check (amount_fen > 0),
  unique (notice_id, position)
);
create index subsidy_rows_name_idx on subsidy_rows (name);

-- The key of each village's own query terminal (村务公开查询终端): only its SHA-256 is kept.
create table village_terminals (
  unit_id integer primary key references units (id),
  key_hash text not null unique,
  created_at timestamptz not null default now()
);
