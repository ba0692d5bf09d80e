-- 修改 is not 废止. An amendment used to write the amended document's 废止日期 (repealed_at, with
-- ends_as = 'amended'), so the page called the amendment date 废止日期 and the annual report counted
-- the amended document as 本年废止. The amendment date now has a column of its own (修改日期), and
-- repealed_at / ends_as hold only real endings (失效, 废止).
alter table documents add column amended_at date;
alter table document_search add column amended_at date;

-- A repeal or amendment of another document takes effect only when the target's own unit or a
-- district role publishes it; otherwise it waits as a proposal for the target's unit (or the office)
-- to accept or decline. `prior` keeps the target's dates as they were before it took effect, so that
-- withdrawing the repealing or amending document restores them. `pending`: the source is not
-- published yet; `revoked`: the source was withdrawn.
alter table document_relations
  add column state text not null default 'pending'
    check (state in ('pending', 'applied', 'proposed', 'declined', 'revoked')),
  add column prior jsonb,
  add column decided_by text,
  add column decided_at timestamptz;

-- Existing repeals and amendments of published or withdrawn documents have taken effect. Their prior
-- dates come from the audit entry that recorded the effect (its "before"); an amendment's prior
-- amendment date is the 废止日期 an earlier amendment had written.
update document_relations r
set state = 'applied',
    decided_at = r.created_at,
    prior = (
      select case r.kind
        when 'repeals' then jsonb_build_object(
          'repealedAt', case when a.before ->> 'endsAs' = 'amended' then null else a.before -> 'repealedAt' end,
          'endsAs', case when a.before ->> 'endsAs' = 'repealed' then 'repealed' else 'invalid' end)
        else jsonb_build_object(
          'amendedAt', case when a.before ->> 'endsAs' = 'amended' then a.before -> 'repealedAt' end)
        end
      from (
        select (select l.before from audit_log l
                where l.entity = 'document' and l.action in ('document.repealed', 'document.amended')
                  and l.entity_id = r.to_id::text and l.after ->> 'by' = r.from_id::text
                order by l.id limit 1) as before
      ) a)
where r.kind in ('repeals', 'amends')
  and exists (select 1 from documents s where s.id = r.from_id and s.status in ('published', 'withdrawn'));

-- Amended documents: the date moves to amended_at, and the 废止日期 the first amendment overwrote
-- comes back from the audit log (cleared when there was none).
with first_amendment as (
  select d.id,
    (select l.before from audit_log l
     where l.entity = 'document' and l.action = 'document.amended' and l.entity_id = d.id::text
     order by l.id limit 1) as before
  from documents d
  where d.ends_as = 'amended'
)
update documents d
set amended_at = d.repealed_at,
    repealed_at = case when f.before ->> 'endsAs' in ('invalid', 'repealed')
      then (f.before ->> 'repealedAt')::date end,
    ends_as = case when f.before ->> 'endsAs' = 'repealed' then 'repealed' else 'invalid' end
from first_amendment f
where f.id = d.id;

alter table documents drop constraint documents_ends_as_check;
alter table documents add constraint documents_ends_as_check check (ends_as in ('invalid', 'repealed'));

update document_search s
set repealed_at = d.repealed_at, ends_as = d.ends_as, amended_at = d.amended_at
from documents d
where d.id = s.document_id;
