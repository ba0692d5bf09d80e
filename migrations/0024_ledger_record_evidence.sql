-- A progress report may cite a record elsewhere on the site (a consultation, an opinion item, a
-- proposal reply, …) by its path; the name is the record's kind and title when it was cited.
alter table ledger_report_evidence drop constraint ledger_report_evidence_kind_check;
alter table ledger_report_evidence
  add constraint ledger_report_evidence_kind_check check (kind in ('document', 'url', 'file', 'record'));
