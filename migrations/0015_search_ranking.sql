-- Keep the rows narrow (long text goes to TOAST), so that counting facets over many matches reads few
-- pages. Set first: the update below rewrites every row under the new target.
alter table documents set (toast_tuple_target = 256);

-- Ranking reads a small vector of the title, 文号, keywords and topics (the weights A and B of the
-- search vector); the full vector is only matched through its index, never read row by row.
alter table documents add column rank_vector tsvector not null default ''::tsvector;
-- Ranking reads it for every match: keep it in the row, not in TOAST.
alter table documents alter column rank_vector set storage main;
update documents set rank_vector = ts_filter(search_vector, '{a,b}');
