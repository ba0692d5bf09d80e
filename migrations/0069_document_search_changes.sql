-- Each process keeps the search index's document facts, and the postings of the terms searched for, in
-- memory (features/documents/search-library.ts). Every statement that changes the index adds a row
-- here naming the documents it changed, with its transaction id: a process that loaded its copy under
-- a snapshot asks for the rows that snapshot did not see, which are exactly the changes committed since,
-- whatever order their ids were given out in, and reloads only those documents.
-- Rows are only ever inserted, so concurrent writers never wait on each other. Housekeeping removes
-- old rows and records the newest transaction it removed: a copy loaded before that is loaded again whole.
create table document_search_changes (
  id bigserial primary key,
  xid xid8 not null default pg_current_xact_id(),
  at timestamptz not null default now(),
  -- Null: the whole index (a TRUNCATE).
  document_ids integer[]
);

create index document_search_changes_xid_idx on document_search_changes (xid);

create table document_search_pruned (
  only_row boolean primary key default true check (only_row),
  up_to xid8 not null
);
insert into document_search_pruned (up_to) values ('0'::xid8);

create function document_search_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    insert into document_search_changes (document_ids) values (null);
  elsif tg_op = 'INSERT' then
    insert into document_search_changes (document_ids) select array_agg(document_id) from new_rows having count(*) > 0;
  elsif tg_op = 'DELETE' then
    insert into document_search_changes (document_ids) select array_agg(document_id) from old_rows having count(*) > 0;
  else
    insert into document_search_changes (document_ids)
      select array_agg(document_id) from (select document_id from old_rows union select document_id from new_rows) ids
      having count(*) > 0;
  end if;
  return null;
end
$$;

create trigger document_search_inserted after insert on document_search
  referencing new table as new_rows for each statement execute function document_search_changed();
create trigger document_search_updated after update on document_search
  referencing old table as old_rows new table as new_rows for each statement execute function document_search_changed();
create trigger document_search_deleted after delete on document_search
  referencing old table as old_rows for each statement execute function document_search_changed();
create trigger document_search_truncated after truncate on document_search
  for each statement execute function document_search_changed();
