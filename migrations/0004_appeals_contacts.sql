-- Appeals against replies (行政复议、行政诉讼, task 54) and the contact log with applicants (task 53).

create table request_appeals (
  id serial primary key,
  request_id integer not null references requests(id),
  kind text not null check (kind in ('reconsideration', 'litigation_direct', 'litigation_after_reconsideration')),
  filed_at date not null,
  result text check (result in ('upheld', 'corrected', 'other')),
  decided_at date,
  -- The reconsideration body or the court, and its case number.
  authority text not null default '',
  case_no text not null default '',
  note text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((result is null) = (decided_at is null)),
  check (decided_at is null or decided_at >= filed_at)
);
create index request_appeals_request_idx on request_appeals (request_id);
create index request_appeals_filed_idx on request_appeals (filed_at);

create table request_contacts (
  id serial primary key,
  request_id integer not null references requests(id),
  method text not null check (method in ('phone', 'email', 'letter', 'meeting', 'sms', 'other')),
  date date not null,
  summary text not null,
  actor_id integer references users(id),
  actor_name text not null,
  created_at timestamptz not null default now()
);
create index request_contacts_request_idx on request_contacts (request_id, id);
