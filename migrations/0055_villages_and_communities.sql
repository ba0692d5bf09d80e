-- Units below the 街道: 村 (village) and 社区 (community), each under its 街道办事处 (parent_id).
-- Only villages and communities have a parent; the application checks that the parent is a
-- subdistrict (a check constraint cannot look at another row).

alter table units drop constraint if exists units_kind_check;
alter table units add constraint units_kind_check
  check (kind in ('government', 'office', 'department', 'subdistrict', 'village', 'community', 'other'));

alter table units add column parent_id integer references units (id);
alter table units add constraint units_parent_only_below_subdistrict
  check ((kind in ('village', 'community')) = (parent_id is not null));
create index units_parent_id_idx on units (parent_id) where parent_id is not null;
