-- Clauses are only ever looked for within the few documents the document search picked (by
-- document_id, then tested one by one), never across the whole index: the GIN index on their text
-- vectors saved no measurable time there and was most of the cost of indexing a large import
-- (14 of 30 seconds for the whole law corpus).
drop index if exists answer_clauses_vector_idx;
