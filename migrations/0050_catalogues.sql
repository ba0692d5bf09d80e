-- Basic-level standard catalogues (基层政务公开标准目录, "26+1+n"), the documents and other postings
-- that carry out each item, and the rectification list of the coverage check (回头看).

-- The areas: the 26 State Council areas, the city's "+1" and each unit's "+n". Data, not code:
-- the office edits, adds and retires areas from the back office.
create table catalogue_areas (
  id serial primary key,
  name text not null,
  tier text not null check (tier in ('state', 'city', 'unit')),
  unit_id integer references units (id),
  source text not null default '',
  sort_order integer not null default 0,
  is_active boolean not null default true,
  check ((tier = 'unit') = (unit_id is not null))
);
create unique index catalogue_areas_name_idx on catalogue_areas (name, coalesce(unit_id, 0));

-- The 26 areas of the standard guidelines (基层政务公开标准指引) issued by State Council departments
-- in 2019, which 国办发〔2019〕54号 requires every county and township to catalogue.
insert into catalogue_areas (name, tier, source, sort_order)
select name, 'state', '国办发〔2019〕54号；国务院有关部门2019年印发的26个领域基层政务公开标准指引', ord
from unnest(array[
  '重大建设项目', '公共资源交易', '财政预决算', '安全生产', '税收管理', '征地补偿',
  '国有土地上房屋征收与补偿', '农村危房改造', '城乡规划', '生态环境', '公共文化服务', '公共法律服务',
  '扶贫', '救灾', '社会救助', '养老服务', '户籍管理', '涉农补贴', '食品药品监管', '城市综合执法',
  '义务教育', '卫生健康', '就业', '社会保险', '市政服务', '保障性住房'
]) with ordinality as a(name, ord);

create table catalogue_items (
  id serial primary key,
  unit_id integer not null references units (id),
  area_id integer not null references catalogue_areas (id),
  level1 text not null,
  level2 text not null,
  content text not null default '',
  basis text not null default '',
  time_limit text not null default '',
  -- The rule parsed from time_limit, when it could be: N working days after the information is made
  -- or changed. Null when the text says something the platform does not guess at.
  time_rule_kind text check (time_rule_kind in ('workdays_after_event')),
  time_rule_days integer check (time_rule_days between 1 and 365),
  subject text not null default '',
  channels text[] not null default '{}',
  audience text not null check (audience in ('public', 'specific')),
  mode text not null check (mode in ('proactive', 'on_request')),
  levels text[] not null default '{}',
  keywords text[] not null default '{}',
  sort_order integer not null default 0,
  is_active boolean not null default true,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((time_rule_kind is null) = (time_rule_days is null))
);
create index catalogue_items_unit_idx on catalogue_items (unit_id, area_id, sort_order, id);

-- Which catalogue items a published document carries out (suggested, then confirmed by staff).
create table document_catalogue_items (
  document_id integer not null references documents (id),
  item_id integer not null references catalogue_items (id),
  tagged_by text not null,
  tagged_at timestamptz not null default now(),
  primary key (document_id, item_id)
);
create index document_catalogue_items_item_idx on document_catalogue_items (item_id, document_id);

-- A posting on a channel other than the portal (公示栏, 公开查阅点, 两微一端, …), recorded by staff:
-- for a document also published here, or on its own (a notice that exists only on paper).
create table catalogue_postings (
  id serial primary key,
  item_id integer not null references catalogue_items (id),
  document_id integer references documents (id),
  channel text not null,
  title text not null default '',
  formed_on date,
  posted_on date not null,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index catalogue_postings_item_idx on catalogue_postings (item_id, posted_on);

-- The rectification list of the coverage check: a problem found, by when the unit must put it right,
-- and what the unit reported.
create table catalogue_rectifications (
  id serial primary key,
  unit_id integer not null references units (id),
  item_id integer not null references catalogue_items (id),
  problem text not null check (problem in ('missing', 'late', 'wrong_channel')),
  period_from date not null,
  period_to date not null,
  deadline date not null,
  status text not null default 'open' check (status in ('open', 'done')),
  follow_up text not null default '',
  created_by text not null,
  created_at timestamptz not null default now(),
  closed_by text,
  closed_at timestamptz
);
create index catalogue_rectifications_unit_idx on catalogue_rectifications (unit_id, status, deadline);
