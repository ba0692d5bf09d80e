-- Progress on the work-plan ledger: each responsible unit reports per task with evidence, the office
-- accepts or returns each report; overdue reminders sent once; the year-end review (回头看) of each
-- task; and the office's assessment weights.

create table ledger_reports (
  id serial primary key,
  task_id integer not null references ledger_tasks(id),
  unit_id integer not null references units(id),
  body text not null check (length(body) between 1 and 5000),
  reported_on date not null,
  -- The unit says the task is finished; the task is done once the office accepts such a report.
  is_complete boolean not null default false,
  status text not null default 'submitted' check (status in ('submitted', 'accepted', 'returned')),
  review_comment text not null default '',
  reviewed_by text,
  reviewed_at timestamptz,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index ledger_reports_task_idx on ledger_reports (task_id);
create index ledger_reports_submitted_idx on ledger_reports (status) where status = 'submitted';

create table ledger_report_evidence (
  id serial primary key,
  report_id integer not null references ledger_reports(id),
  kind text not null check (kind in ('document', 'url', 'file')),
  document_id integer references documents(id),
  url text,
  file_id integer references files(id),
  name text not null default ''
);
create index ledger_report_evidence_report_idx on ledger_report_evidence (report_id);

create table ledger_reminders (
  task_id integer not null references ledger_tasks(id),
  unit_id integer not null references units(id),
  kind text not null check (kind in ('overdue')),
  recipients text[] not null,
  sent_at timestamptz not null default now(),
  primary key (task_id, unit_id, kind)
);

-- 回头看: at year end every task is checked, then closed or carried over into another plan.
alter table ledger_tasks
  add column review_outcome text check (review_outcome in ('closed', 'carried_over')),
  add column review_reason text not null default '',
  add column reviewed_by text,
  add column reviewed_at timestamptz,
  add column carried_from_task_id integer references ledger_tasks(id);

create table ledger_assessment_weights (
  plan_id integer primary key references ledger_plans(id),
  on_time integer not null check (on_time between 0 and 100),
  returned integer not null check (returned between 0 and 100),
  review integer not null check (review between 0 and 100),
  updated_by text not null,
  updated_at timestamptz not null default now()
);
