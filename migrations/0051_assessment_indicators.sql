-- Assessment from the records (task 60): weights of the indicators computed from what the platform
-- holds besides the ledger itself. Existing plans keep their weights; the new ones start at 0.
alter table ledger_assessment_weights
  add column late_publication integer not null default 0 check (late_publication between 0 and 100),
  add column request_timeliness integer not null default 0 check (request_timeliness between 0 and 100),
  add column appeal_correction integer not null default 0 check (appeal_correction between 0 and 100),
  add column spot_check integer not null default 0 check (spot_check between 0 and 100),
  add column catalogue_coverage integer not null default 0 check (catalogue_coverage between 0 and 100);
