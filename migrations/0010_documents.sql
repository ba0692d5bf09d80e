-- 主动公开: the document library (policies, 规范性文件, 公报, 解读), its topics, versions, links,
-- attachments, 公报 issues and the search synonyms that staff manage.

-- The organ code that 索引号 start with (e.g. the unit's 统一社会信用代码); empty until the office sets it.
alter table units add column index_code text not null default '';

-- 主题分类: the State Council's subject classes plus the office's own 特色主题.
create table document_topics (
  id serial primary key,
  name text not null unique,
  kind text not null check (kind in ('state', 'special')),
  sort_order integer not null default 0
);

insert into document_topics (name, kind, sort_order) values
  ('国务院组织机构', 'state', 1), ('综合政务', 'state', 2), ('国民经济管理、国有资产监管', 'state', 3),
  ('财政、金融、审计', 'state', 4), ('国土资源、能源', 'state', 5), ('农业、林业、水利', 'state', 6),
  ('工业、交通', 'state', 7), ('商贸、海关、旅游', 'state', 8), ('市场监管、安全生产监管', 'state', 9),
  ('城乡建设、环境保护', 'state', 10), ('科技、教育', 'state', 11), ('文化、广电、新闻出版', 'state', 12),
  ('卫生、体育', 'state', 13), ('人口与计划生育、妇女儿童工作', 'state', 14), ('劳动、人事、监察', 'state', 15),
  ('公安、安全、司法', 'state', 16), ('民政、扶贫、救灾', 'state', 17), ('民族、宗教', 'state', 18),
  ('对外事务', 'state', 19), ('港澳台侨工作', 'state', 20), ('国防', 'state', 21), ('其他', 'state', 22);

create table documents (
  id serial primary key,
  -- 索引号, assigned once when the document is created, from the configured pattern.
  index_no text not null unique,
  kind text not null check (kind in ('policy', 'normative', 'interpretation', 'gazette', 'notice', 'other')),
  -- 效力级别 of imported legal texts (行政法规, 地方性法规, …); empty for the district's own documents.
  level text not null default '',
  title text not null check (length(title) between 1 and 500),
  doc_number text not null default '',
  -- The 文号 in its canonical form, whatever way it was typed, for exact lookups.
  doc_number_key text,
  unit_id integer not null references units(id),
  issuer text not null default '',
  written_at date,
  published_at date,
  effective_at date,
  -- Validity as entered; from repealed_at on it reads as ends_as (see documents.repository).
  validity text not null default 'valid' check (validity in ('valid', 'invalid', 'repealed', 'amended')),
  repealed_at date,
  ends_as text not null default 'invalid' check (ends_as in ('invalid', 'repealed', 'amended')),
  topics text[] not null default '{}',
  keywords text[] not null default '{}',
  summary text not null default '',
  disclosure text not null default 'proactive' check (disclosure in ('proactive', 'on_request')),
  body text not null default '',
  status text not null default 'draft' check (status in ('draft', 'review', 'published', 'withdrawn')),
  -- A published document is public from this moment (scheduled publishing).
  publish_at timestamptz,
  interprets_id integer references documents(id),
  interpretation_form text not null default 'text' check (interpretation_form in ('text', 'graphic', 'video')),
  video_url text not null default '',
  needs_interpretation boolean not null default false,
  interpretation_waiver text not null default '',
  privacy_confirmed_by text,
  privacy_confirmed_at timestamptz,
  withdrawal_notice text not null default '',
  withdrawn_at timestamptz,
  -- Identity of an imported file, so that importing the same folder again updates instead of duplicating.
  source_key text unique,
  -- 成文日期 + 20 working days (Art. 26), kept so that late publications can be listed by index.
  publish_due date,
  version integer not null default 1,
  search_vector tsvector not null default ''::tsvector,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status <> 'published' or (publish_at is not null and published_at is not null)),
  check (status <> 'withdrawn' or length(withdrawal_notice) > 0)
);
create index documents_search_idx on documents using gin (search_vector);
create index documents_title_trgm_idx on documents using gin (title gin_trgm_ops);
create index documents_doc_number_idx on documents (doc_number_key);
create index documents_unit_status_idx on documents (unit_id, status);
create index documents_published_idx on documents (published_at desc, id desc) where status = 'published';
create index documents_topics_idx on documents using gin (topics);
create index documents_interprets_idx on documents (interprets_id);

-- Every saved state of a document, with the change note that explains it.
create table document_versions (
  id serial primary key,
  document_id integer not null references documents(id),
  version integer not null,
  snapshot jsonb not null,
  change_note text not null default '',
  created_by text not null,
  created_at timestamptz not null default now(),
  unique (document_id, version)
);

-- A document that repeals, amends or corrects another.
create table document_relations (
  id serial primary key,
  from_id integer not null references documents(id),
  to_id integer not null references documents(id),
  kind text not null check (kind in ('repeals', 'amends', 'corrects')),
  created_at timestamptz not null default now(),
  unique (from_id, to_id, kind),
  check (from_id <> to_id)
);
create index document_relations_to_idx on document_relations (to_id);

create table document_attachments (
  id serial primary key,
  document_id integer not null references documents(id),
  file_id integer not null references files(id),
  name text not null,
  sort_order integer not null default 0,
  -- Text extracted for search and the privacy check; null when the format has none.
  extracted_text text,
  created_at timestamptz not null default now()
);
create index document_attachments_document_idx on document_attachments (document_id);

-- 问答式解读: question-and-answer items carried by a policy or an interpretation.
create table document_qa (
  id serial primary key,
  document_id integer not null references documents(id),
  question text not null,
  answer text not null,
  sort_order integer not null default 0
);
create index document_qa_document_idx on document_qa (document_id);

-- Per unit and year, the last 索引号 sequence number handed out.
create table document_index_counters (
  unit_id integer not null references units(id),
  year integer not null,
  last integer not null,
  primary key (unit_id, year)
);

-- 政府公报 issues and their tables of contents.
create table gazette_issues (
  id serial primary key,
  year integer not null check (year between 1949 and 2100),
  number integer not null check (number > 0),
  published_on date not null,
  title text not null default '',
  created_at timestamptz not null default now(),
  unique (year, number)
);

create table gazette_items (
  id serial primary key,
  issue_id integer not null references gazette_issues(id),
  document_id integer not null references documents(id),
  section text not null default '',
  sort_order integer not null default 0,
  unique (issue_id, document_id)
);

-- Groups of search terms that mean the same (医保 ↔ 医疗保险), managed by the office.
create table search_synonyms (
  id serial primary key,
  terms text[] not null check (cardinality(terms) >= 2),
  created_by text not null,
  created_at timestamptz not null default now()
);
insert into search_synonyms (terms, created_by) values
  ('{医保,医疗保险,医疗保障}', 'system'), ('{社保,社会保险}', 'system'), ('{低保,最低生活保障}', 'system'),
  ('{公积金,住房公积金}', 'system');
