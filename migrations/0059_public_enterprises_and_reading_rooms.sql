-- Public enterprises and institutions (schools, hospitals, water, power, gas, heating, buses)
-- registered by sector with their supervising department, what they disclose and where to complain;
-- and the directory of 政府信息查阅点 (work plan task 47).

create table public_enterprises (
  id serial primary key,
  name text not null unique check (length(name) between 2 and 100),
  sector text not null
    check (sector in ('school', 'hospital', 'water', 'power', 'gas', 'heating', 'bus', 'other')),
  supervisor_unit_id integer not null references units (id),
  disclosure_items text[] not null default '{}',
  website text not null default '',
  service_phone text not null default '',
  address text not null default '',
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index public_enterprises_sector_idx on public_enterprises (sector);

create table reading_rooms (
  id serial primary key,
  name text not null unique check (length(name) between 2 and 100),
  address text not null,
  hours text not null default '',
  phone text not null default '',
  map_url text not null default '',
  services text not null default '',
  sort_order integer not null default 0,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
