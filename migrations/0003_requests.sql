-- 依申请公开: requests for government information and everything recorded about them.

create sequence request_receipt_seq;

create table requests (
  id serial primary key,
  receipt_no text not null unique,
  -- Only a hash of the applicant's query code is kept.
  query_code_hash text,
  channel text not null check (channel in ('online', 'in_person', 'mail', 'fax', 'email')),
  applicant_kind text not null check (applicant_kind in
    ('natural_person', 'commercial_enterprise', 'research_institution', 'public_interest_org', 'legal_service_org', 'other_org')),
  applicant jsonb not null,
  -- Identifies the same applicant across requests (按件 fees count per applicant and month).
  applicant_key text not null,
  description text not null,
  form text not null default 'paper' check (form in ('paper', 'email', 'disc', 'online')),
  delivery text not null default 'post' check (delivery in ('post', 'pickup', 'email', 'online')),
  submitted_at timestamptz not null default now(),
  received_at date,
  unit_id integer references units(id),
  status text not null check (status in ('awaiting_confirmation', 'running', 'awaiting_correction', 'paused', 'concluded')),
  due_date date,
  due_date_provisional boolean not null default false,
  outcome text,
  outcome_reason text not null default '',
  legal_basis text not null default '',
  other_agency text not null default '',
  closed_at date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'concluded') = (outcome is not null and closed_at is not null))
);
create index requests_unit_status_idx on requests (unit_id, status);
create index requests_status_due_idx on requests (status, due_date);
create index requests_received_idx on requests (received_at);
create index requests_closed_idx on requests (closed_at);
create index requests_applicant_key_idx on requests (applicant_key, received_at);

-- Units that help with a request (协查); they see it as the assigned unit does.
create table request_cohandlers (
  request_id integer not null references requests(id),
  unit_id integer not null references units(id),
  primary key (request_id, unit_id)
);

-- Every action on a request, in order: who, when, what, with its details.
create table request_actions (
  id serial primary key,
  request_id integer not null references requests(id),
  type text not null,
  date date not null,
  payload jsonb not null default '{}',
  actor_id integer references users(id),
  actor_name text not null,
  created_at timestamptz not null default now()
);
create index request_actions_request_idx on request_actions (request_id, id);
