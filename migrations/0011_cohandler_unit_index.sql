-- A unit's lists include the requests it helps with (协查): find those by unit, not by scanning.
create index request_cohandlers_unit_idx on request_cohandlers (unit_id, request_id);
