-- 会签: the units that must sign a document before it may be published, and each one's decision.
create table document_signoffs (
  document_id integer not null references documents(id),
  unit_id integer not null references units(id),
  decision text check (decision in ('signed', 'returned')),
  comment text not null default '',
  decided_by integer references users(id),
  decided_at timestamptz,
  requested_at timestamptz not null default now(),
  primary key (document_id, unit_id)
);
create index document_signoffs_unit_idx on document_signoffs (unit_id, decision, document_id);
