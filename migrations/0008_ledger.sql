-- The work-plan ledger (工作台账): a plan's tasks, the units responsible, and their progress reports.

create table ledger_plans (
  id serial primary key,
  title text not null,
  issued_at date not null,
  year integer not null check (year between 2000 and 2100),
  created_by text not null,
  created_at timestamptz not null default now()
);

create table ledger_tasks (
  id serial primary key,
  plan_id integer not null references ledger_plans(id),
  no integer not null,
  section text not null,
  grp text not null default '',
  requirement text not null,
  units_text text not null,
  deadline_text text not null,
  due_date date,
  ongoing boolean not null default false,
  -- Why the deadline text could not be read; the office fixes it by hand.
  deadline_problem text,
  status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'done', 'ongoing')),
  unique (plan_id, no)
);

create table ledger_task_units (
  id serial primary key,
  task_id integer not null references ledger_tasks(id),
  name text not null,
  role text not null check (role in ('lead', 'support')),
  unit_id integer references units(id),
  collective text check (collective in ('departments', 'subdistricts', 'relevant_departments'))
);
create index ledger_task_units_task_idx on ledger_task_units (task_id);
create index ledger_task_units_unit_idx on ledger_task_units (unit_id);
