-- 人大代表建议 and 政协委员提案 (STATUTES §9): each is assigned to one lead unit (主办) with co-units
-- (会办); the due date is computed once from the assignment date (3 months, 6 for complex ones) and
-- kept, with the flag that says whether a year of the working-day calendar was presumed.
create table proposals (
  id serial primary key,
  kind text not null check (kind in ('npc_suggestion', 'cppcc_proposal')),
  year integer not null,
  number text not null,
  title text not null,
  submitters text[] not null,
  lead_unit_id integer not null references units(id),
  assigned_at date not null,
  is_complex boolean not null default false,
  due_date date not null,
  due_date_provisional boolean not null default false,
  -- The date the office set by which co-units send their opinion to the lead unit.
  co_opinion_due date,
  -- handling: waiting for the reply of the current round; replied: waiting for the deputy's view;
  -- closed: satisfied, or the second round answered and its view recorded.
  status text not null default 'handling' check (status in ('handling', 'replied', 'closed')),
  round integer not null default 1 check (round in (1, 2)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (kind, year, number)
);
create index proposals_year_idx on proposals (year, kind, number);
create index proposals_lead_unit_idx on proposals (lead_unit_id, status, due_date);

-- The co-units and the opinion each sent to the lead unit.
create table proposal_co_units (
  proposal_id integer not null references proposals(id),
  unit_id integer not null references units(id),
  opinion text,
  opinion_at date,
  primary key (proposal_id, unit_id)
);
create index proposal_co_units_unit_idx on proposal_co_units (unit_id, proposal_id);

-- One reply per round; a dissatisfied deputy opens the second round.
create table proposal_replies (
  id serial primary key,
  proposal_id integer not null references proposals(id),
  round integer not null check (round in (1, 2)),
  replied_at date not null,
  category text not null check (category in ('A', 'B', 'C')),
  body text not null,
  is_public boolean not null,
  private_reason text not null default '',
  satisfaction text check (satisfaction in ('satisfied', 'basically_satisfied', 'dissatisfied')),
  satisfaction_at date,
  created_at timestamptz not null default now(),
  unique (proposal_id, round),
  check (is_public or private_reason <> '')
);
create index proposal_replies_public_idx on proposal_replies (is_public, proposal_id);
