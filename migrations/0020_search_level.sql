-- The search index keeps the document's 效力级别: among documents that cover a query equally, a
-- national law or administrative regulation (the one that applies everywhere) ranks before the local
-- rules of other places (search.repository's rank).
alter table document_search add column level text not null default '';
update document_search s set level = d.level from documents d where d.id = s.document_id and d.level <> '';
