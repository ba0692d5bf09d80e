-- The board and the lists look only at open requests (a small share of a year's): index them alone.
create index requests_open_due_idx on requests (due_date, id) where status <> 'concluded';
create index requests_open_unit_idx on requests (unit_id, due_date) where status <> 'concluded';
