-- The search index moves into a narrow table of its own: one row per document with only what a search
-- filters, ranks and counts by, and the text vector (kept in TOAST). A search that matches tens of
-- thousands of documents then reads a small heap that stays in memory, instead of the wide documents
-- rows and their TOAST (docs/PERFORMANCE.md). documents.repository writes it with every document write.

-- The vector a document is found by: its words by weight (title and 文号 A, keywords, topics and issuer
-- B, text C) and, once more with a leading '^', the A and B words alone. The search index can then
-- answer "is the query in the title or keywords" by itself (rank_query), without reading any vector.
create function document_search_vector(title_words text, keyword_words text, body_words text)
returns tsvector language sql immutable parallel safe as $$
  select setweight(to_tsvector('simple', title_words), 'A')
    || setweight(to_tsvector('simple', keyword_words), 'B')
    || setweight(to_tsvector('simple', body_words), 'C')
    || array_to_tsvector(array(
         select '^' || lexeme from unnest(to_tsvector('simple', title_words || ' ' || keyword_words))))
$$;

-- The same query over the '^' words only: every quoted lexeme of the normalised query gets the prefix.
create function document_rank_query(q tsquery) returns tsquery language sql immutable parallel safe as $$
  select regexp_replace(q::text, '''((?:[^'']|'''')*)''', '''^\1''', 'g')::tsquery
$$;

create table document_search (
  document_id integer primary key references documents (id) on delete cascade,
  unit_id integer not null,
  kind text not null,
  status text not null,
  publish_at timestamptz,
  published_at date,
  validity text not null,
  repealed_at date,
  ends_as text not null,
  topics text[] not null default '{}',
  title text not null,
  doc_number_key text,
  search_vector tsvector not null default ''::tsvector
);

insert into document_search (document_id, unit_id, kind, status, publish_at, published_at, validity,
    repealed_at, ends_as, topics, title, doc_number_key, search_vector)
  select id, unit_id, kind, status, publish_at, published_at, validity, repealed_at, ends_as, topics, title,
    doc_number_key,
    search_vector || array_to_tsvector(array(select '^' || lexeme from unnest(rank_vector)))
  from documents;

create index document_search_vector_idx on document_search using gin (search_vector);
create index document_search_doc_number_idx on document_search (doc_number_key);
create index document_search_published_idx on document_search (published_at desc, document_id desc);
create index document_search_topics_idx on document_search using gin (topics);

drop index documents_search_idx;
alter table documents drop column search_vector, drop column rank_vector;
alter table documents reset (toast_tuple_target);
