-- Art. 44: information given on request that is of general interest is then published for everyone;
-- the request keeps the document it became.
alter table requests add column disclosed_document_id integer references documents(id);
