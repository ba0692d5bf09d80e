-- Foundation: organisation, people, access, audit and platform state.

create extension if not exists pg_trgm;

-- Key/value settings the office edits (e.g. the 政府信息公开指南) and platform secrets.
create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

create table units (
  id serial primary key,
  name text not null unique,
  kind text not null check (kind in ('government', 'office', 'department', 'subdistrict', 'other')),
  aliases text[] not null default '{}',
  sort_order integer not null default 0,
  address text not null default '',
  phone text not null default '',
  duties text not null default '',
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index units_aliases_idx on units using gin (aliases);

create table users (
  id serial primary key,
  username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
  display_name text not null,
  password_hash text not null,
  is_active boolean not null default true,
  must_change_password boolean not null default false,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- District-wide roles have no unit; unit roles must name one.
create table user_roles (
  id serial primary key,
  user_id integer not null references users(id) on delete cascade,
  role text not null check (role in ('admin', 'office', 'office_head', 'unit_editor', 'unit_reviewer', 'unit_head', 'unit_liaison')),
  unit_id integer references units(id),
  check ((role in ('admin', 'office', 'office_head')) = (unit_id is null))
);
create unique index user_roles_unique on user_roles (user_id, role, coalesce(unit_id, 0));
create index user_roles_unit_idx on user_roles (unit_id);

-- Browser sessions. Only a hash of the cookie value is stored.
create table sessions (
  id text primary key,
  user_id integer not null references users(id) on delete cascade,
  csrf_token text not null,
  ip text not null default '',
  user_agent text not null default '',
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expires_idx on sessions (expires_at);

-- Bearer tokens for integrators. Only a hash of the token is stored.
create table api_tokens (
  id serial primary key,
  user_id integer not null references users(id) on delete cascade,
  token_hash text not null unique,
  label text not null default '',
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  expires_at timestamptz not null,
  revoked_at timestamptz
);

-- Fixed-window counters shared by every app process (login throttling, public POST limits).
create table rate_limits (
  key text not null,
  window_start timestamptz not null,
  count integer not null default 0,
  primary key (key, window_start)
);

-- The liaison roster (联络员): one row per term; a handover ends one term and starts the next.
create table liaison_terms (
  id serial primary key,
  unit_id integer not null references units(id),
  user_id integer references users(id),
  name text not null,
  position text not null default '',
  phone text not null default '',
  mobile text not null default '',
  email text not null default '',
  started_on date not null,
  ended_on date,
  previous_term_id integer references liaison_terms(id),
  handover_note text not null default '',
  created_at timestamptz not null default now(),
  check (ended_on is null or ended_on >= started_on)
);
create unique index liaison_terms_current on liaison_terms (unit_id) where ended_on is null;

-- Append-only, hash-chained audit log of every staff write.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null,
  actor_id integer,
  actor_name text not null,
  action text not null,
  entity text not null,
  entity_id text,
  unit_id integer,
  before jsonb,
  after jsonb,
  ip text not null default '',
  request_id text not null default '',
  prev_hash text not null,
  hash text not null unique
);
create index audit_log_entity_idx on audit_log (entity, entity_id);
create index audit_log_actor_idx on audit_log (actor_id);
create index audit_log_at_idx on audit_log (at);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();
