-- Stored files, kept once per content (SHA-256) in the file store; rows say what they are.

create table files (
  id serial primary key,
  sha256 text not null unique,
  size integer not null check (size >= 0),
  mime text not null,
  ext text not null,
  created_at timestamptz not null default now()
);

-- Attachments of a request: the ID copy and other papers the applicant or staff add.
create table request_attachments (
  id serial primary key,
  request_id integer not null references requests(id),
  file_id integer not null references files(id),
  kind text not null check (kind in ('id_copy', 'other')),
  name text not null,
  created_at timestamptz not null default now()
);
create index request_attachments_request_idx on request_attachments (request_id);
