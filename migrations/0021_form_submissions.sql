-- One row per one-time form token that has been used. The primary key is what makes a refresh, a
-- double click or two parallel posts of the same form create one record: the second insert of the
-- same token conflicts. Only a hash of the token is kept, and the receipt shown to the sender is
-- sealed with a key derived from the token, so this table alone reveals no query code.
create table form_submissions (
  token_hash text primary key,
  purpose text not null,
  sealed_receipt text,
  created_at timestamptz not null default now()
);
