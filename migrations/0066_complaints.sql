-- Complaints that a public enterprise or institution (school, hospital, water, power, gas, heating,
-- buses …) failed to disclose what it must. The contact and description never show publicly; the
-- published outcome is the summary staff write.
create table complaints (
  id serial primary key,
  receipt_no text not null unique,
  query_code_hash text not null,
  organisation text not null,
  sector text not null check (sector in ('education', 'health', 'water', 'power', 'gas', 'heating', 'transit', 'other')),
  description text not null,
  contact text not null default '',
  submitted_at timestamptz not null default now(),
  submitted_on date not null,
  -- The supervising department it is routed to (null until the office routes it).
  unit_id integer references units(id),
  status text not null default 'submitted' check (status in ('submitted', 'assigned', 'rectifying', 'concluded')),
  rectify_by date,
  finding text check (finding in ('rectified', 'not_rectified', 'unfounded')),
  result text not null default '',
  concluded_on date,
  public_summary text not null default '',
  is_published boolean not null default false,
  published_at timestamptz,
  updated_at timestamptz not null default now()
);
create index complaints_unit_idx on complaints (unit_id, status, rectify_by);
create index complaints_published_idx on complaints (is_published, sector);
