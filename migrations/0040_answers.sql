-- Policy Q&A (政策问答): the clause index that answers questions from the document library, the
-- question queue with its 问答库, and the log of phone and in-person enquiries.

-- One row per article (第X条) of a published document whose own validity is 有效, or per paragraph of
-- a document without articles. Whether it may answer today (published and due, not repealed by a date
-- that has come) is checked at query time against document_search, so a scheduled repeal needs no
-- reindexing. src/features/answers/clause-index.ts keeps it in step.
create table answer_clauses (
  id serial primary key,
  document_id integer not null references documents (id) on delete cascade,
  seq integer not null,
  label text not null,
  anchor text not null default '',
  chapter text not null default '',
  body text not null,
  search_vector tsvector not null
);
create index answer_clauses_document_idx on answer_clauses (document_id, seq);
create index answer_clauses_vector_idx on answer_clauses using gin (search_vector);

-- Which version (updated_at) of each document the clause index holds, so that documents written in
-- bulk without the document hooks (the legal-text import) are found and indexed afterwards.
create table answer_indexed_documents (
  document_id integer primary key references documents (id) on delete cascade,
  updated_at timestamptz not null,
  indexed_at timestamptz not null default now()
);

-- Questions left by the public. The contact is never shown publicly; a published answer is the 问答库.
create table policy_questions (
  id serial primary key,
  question text not null,
  contact text not null default '',
  status text not null default 'new',
  unit_id integer references units (id),
  due_on date,
  answer text not null default '',
  citations jsonb not null default '[]'::jsonb,
  answered_by text,
  answered_at timestamptz,
  published_at timestamptz,
  search_vector tsvector not null default ''::tsvector,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint policy_questions_status_check check (status in ('new', 'routed', 'answered', 'published', 'closed'))
);
create index policy_questions_status_idx on policy_questions (status, due_on);
create index policy_questions_unit_idx on policy_questions (unit_id, status);
create index policy_questions_vector_idx on policy_questions using gin (search_vector);

-- Phone and in-person enquiries (seed task 39), logged by staff with topic and answer.
create table policy_enquiries (
  id serial primary key,
  channel text not null,
  unit_id integer not null references units (id),
  occurred_on date not null,
  topic text not null,
  answer text not null default '',
  created_by text not null,
  created_at timestamptz not null default now(),
  constraint policy_enquiries_channel_check check (channel in ('phone', 'in_person'))
);
create index policy_enquiries_unit_idx on policy_enquiries (unit_id, occurred_on);
