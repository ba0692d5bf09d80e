-- Fee notices and requests for a third party's opinion count from the day they are received
-- (国办函〔2020〕109号; 条例第三十二条). For notices sent by ordinary post the clerk proposes the issue
-- date plus this many calendar days, set per unit.
alter table units add column posted_mail_days integer not null default 3
  check (posted_mail_days between 0 and 30);

-- The last day of the earliest open consultation's answer period, kept with the request so lists
-- and the board can flag a consultation left open longer than the consulted party's 15 working days.
alter table requests add column consultation_answer_by date;
