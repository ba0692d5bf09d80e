-- 政府信息公开工作年度报告 (条例第四十九、五十条; format 国办公开办函〔2021〕30号): per year, one report for
-- each unit and one for the district government itself (unit_id null). The statistics are computed from
-- the records when the report is read; only what staff write or enter is stored here.

create table annual_reports (
  id serial primary key,
  year integer not null check (year between 2000 and 2100),
  unit_id integer references units(id),
  -- The issuing authority as printed in the title (e.g. 济南市市中区卫生健康局).
  issuer_name text not null default '',
  -- 一、总体情况; 五、存在的主要问题及改进情况; 六、其他需要报告的事项.
  overview text not null default '',
  problems text not null default '',
  other_matters text not null default '',
  -- Whether 六 also shows the year's work-plan progress from the ledger.
  include_plan_progress boolean not null default false,
  -- Figures kept by other systems (第二十条第（五）（六）（八）项): staff enter them.
  licensing_count integer not null default 0 check (licensing_count >= 0),
  penalty_count integer not null default 0 check (penalty_count >= 0),
  enforcement_count integer not null default 0 check (enforcement_count >= 0),
  -- 行政事业性收费, in 万元.
  fee_amount numeric(14, 4) not null default 0 check (fee_amount >= 0),
  status text not null default 'draft' check (status in ('draft', 'published')),
  document_id integer references documents(id),
  published_at timestamptz,
  updated_by text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'published') = (document_id is not null))
);
-- One report per year and unit; the district's own report (unit_id null) counts as unit 0.
create unique index annual_reports_year_unit_idx on annual_reports (year, coalesce(unit_id, 0));

-- The report's statistics read one unit's requests by received date (上年结转, 本年新收, 结转下年度).
create index requests_unit_received_idx on requests (unit_id, received_at);
