-- When each periodic job last started. Every server process (and every instance behind a load balancer)
-- runs the same timers; a job runs only in the process whose UPDATE moves its row forward, so it runs
-- once per interval across all of them (see src/scheduler.ts).
create table scheduled_job_runs (
  job text primary key,
  last_started_at timestamptz not null default '-infinity'
);
