-- Each process keeps the search index's document facts and the postings of the terms searched for in
-- memory (features/documents/search-library.ts). Every statement that changes the index adds a row
-- here, in its own transaction: a reader that sees the highest id in the same snapshot as the rows it
-- loads knows exactly which state it holds, and any process sees a committed change on its next search.
-- Inserting rows (never updating one) keeps concurrent writers from waiting on each other; the
-- housekeeping job removes all but the highest.
create table document_search_changes (
  id bigserial primary key,
  at timestamptz not null default now()
);

create function document_search_changed() returns trigger language plpgsql as $$
begin
  insert into document_search_changes default values;
  return null;
end
$$;

create trigger document_search_changed
  after insert or update or delete or truncate on document_search
  for each statement execute function document_search_changed();

insert into document_search_changes default values;
