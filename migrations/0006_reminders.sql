-- E-mail reminders of reply deadlines: staff e-mail addresses, and a record of each reminder sent
-- so that several app processes never send the same one twice.

alter table users add column email text not null default '';

create table request_reminders (
  request_id integer not null references requests(id),
  kind text not null check (kind in ('due_in_5', 'due_in_2', 'overdue')),
  due_date date not null,
  recipients text[] not null,
  sent_at timestamptz not null default now(),
  primary key (request_id, kind, due_date)
);
