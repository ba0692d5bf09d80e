-- Spot checks of concluded requests (task 52): a recorded, reproducible random draw and a checklist score.

create table spot_checks (
  id serial primary key,
  closed_from date not null,
  closed_to date not null,
  unit_id integer references units(id),
  seed text not null,
  sample_size integer not null check (sample_size > 0),
  population_count integer not null,
  drawn_by text not null,
  drawn_at timestamptz not null default now(),
  check (closed_to >= closed_from)
);

create table spot_check_items (
  spot_check_id integer not null references spot_checks(id),
  request_id integer not null references requests(id),
  position integer not null,
  checklist jsonb,
  score integer check (score between 0 and 100),
  comment text not null default '',
  scored_by text,
  scored_at timestamptz,
  primary key (spot_check_id, request_id)
);
