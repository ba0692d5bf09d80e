-- 置顶公告 on the portal's home page: a short text, an optional link, shown until its last day.
-- The disclosure office adds, edits and removes them; expired ones stay for the record but no longer show.
create table portal_notices (
  id serial primary key,
  text text not null check (length(text) between 2 and 200),
  link text not null default '',
  -- The last day the notice is shown (a calendar day in China), inclusive.
  ends_on date not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index portal_notices_ends_on_idx on portal_notices (ends_on);
