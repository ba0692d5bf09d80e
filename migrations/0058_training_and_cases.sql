-- Training records (work plan tasks 58–59: at least one 政务公开通识培训 per unit per year) and the
-- staff-only case library of anonymised request replies and appeal outcomes (task 52).

create table training_sessions (
  id serial primary key,
  unit_id integer not null references units (id),
  title text not null check (length(title) between 2 and 200),
  kind text not null check (kind in ('general', 'special', 'new_staff', 'law_study')),
  held_on date not null,
  hours numeric(4, 1) not null check (hours > 0 and hours <= 200),
  trainer text not null default '',
  -- Staff who attended (names of public servants, back office only).
  attendees text[] not null default '{}',
  created_at timestamptz not null default now()
);
create index training_sessions_unit_idx on training_sessions (unit_id, held_on);

create table case_entries (
  id serial primary key,
  kind text not null check (kind in ('request_reply', 'appeal_outcome')),
  title text not null check (length(title) between 2 and 200),
  -- Anonymised when saved: personal data found in it and the source request's applicant fields
  -- are replaced before the text is stored.
  body text not null,
  outcome text not null default '',
  lesson text not null default '',
  source_request_id integer,
  created_at timestamptz not null default now()
);
