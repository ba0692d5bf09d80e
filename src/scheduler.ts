import { sendOutbox } from "./features/alerts";
import { loadWorkCalendar, todayInChina } from "./features/calendar";
import { purgeSearchChanges } from "./features/documents";
import { sendOverdueReminders } from "./features/ledger";
import { sendOpinionReminders } from "./features/opinions";
import { refreshPausedDueDates, sendDueReminders } from "./features/requests";
import { purgeExpiredNotices } from "./features/subsidies";
import type { TActor } from "./platform/audit";
import { purgeExpiredSessions } from "./platform/auth/sessions";
import type { TDatabase } from "./platform/db";
import type { TLogger } from "./platform/logger";
import type { TMailer } from "./platform/mailer";
import { purgeRateLimits } from "./platform/rate-limit";

const SYSTEM_JOB: TActor = { userId: null, name: "定时任务", ip: "", requestId: "" };

export type TJob = { name: string; everyMs: number; run: () => Promise<unknown> };

/** How often each process looks for a job that is due; a job runs at most this late. */
const TICK_MS = 60_000;

/**
 * Claims this interval's run of a job: true in exactly one process, however many run the same timers
 * against the database (workers of one server, or several servers). The UPDATE takes the row lock; a
 * process that waited for it re-reads the row, finds it moved forward and matches nothing.
 */
export async function claimJobRun(database: TDatabase, job: string, everyMs: number): Promise<boolean> {
  await database.query("insert into scheduled_job_runs (job) values ($1) on conflict do nothing", [job]);
  const claimed = await database.query(
    `update scheduled_job_runs set last_started_at = now()
     where job = $1 and last_started_at <= now() - make_interval(secs => $2)
     returning job`,
    [job, everyMs / 1000],
  );
  return claimed.length > 0;
}

/** The periodic jobs of the app: housekeeping, statistics for PGlite's planner and, with SMTP, reminders. */
export function appJobs(
  database: TDatabase,
  mailer: TMailer,
  logger: TLogger,
  alerts: { baseUrl: string } = { baseUrl: "http://localhost:3000" },
): TJob[] {
  const { db } = database;
  const jobs: TJob[] = [
    {
      // Alerts, digests that are due, confirmations and webhook calls from the durable outbox. Every
      // process may send at once (each row is locked while sent); the claim only spaces the runs out.
      name: "alerts-outbox",
      everyMs: 60_000,
      run: async () => {
        const r = await sendOutbox(db, mailer, alerts);
        if (r.sent + r.bounced + r.failed > 0) logger.info(r, "alerts outbox sent");
      },
    },
    {
      name: "housekeeping",
      everyMs: 10 * 60_000,
      run: () =>
        Promise.all([
          purgeExpiredSessions(db),
          purgeRateLimits(db),
          purgeSearchChanges(db),
          // Paused requests' "at least" due dates move on with each paused working day.
          refreshPausedDueDates(db),
        ]),
    },
    // Village subsidy notices past their office-set retention leave the file (once a day is enough).
    { name: "subsidy-retention", everyMs: 24 * 3600_000, run: () => purgeExpiredNotices(db, SYSTEM_JOB) },
  ];
  // PGlite runs no autovacuum: without fresh statistics its planner ignores the indexes on big tables.
  if (database.kind === "pglite")
    jobs.push({ name: "analyze", everyMs: 60 * 60_000, run: () => database.exec("analyze") });
  if (mailer.isConfigured) {
    // Deadline reminders by e-mail; each is also claimed per request, so none is sent twice.
    jobs.push({
      name: "deadline-reminders",
      everyMs: 15 * 60_000,
      run: async () => {
        const r = await sendDueReminders(db, mailer, todayInChina(), await loadWorkCalendar(db));
        if (r.sent) logger.info(r, "deadline reminders sent");
      },
    });
    // Overdue work-plan tasks to each unit's liaison, once per task and unit.
    jobs.push({
      name: "ledger-reminders",
      everyMs: 60 * 60_000,
      run: async () => {
        const r = await sendOverdueReminders(db, mailer, todayInChina());
        if (r.sent) logger.info(r, "ledger overdue reminders sent");
      },
    });
    // 舆情 clocks run in hours: each unit's liaison hears of items due within the hour or overdue.
    jobs.push({
      name: "opinion-reminders",
      everyMs: 5 * 60_000,
      run: async () => {
        const r = await sendOpinionReminders(db, mailer, new Date());
        if (r.sent) logger.info(r, "opinion reminders sent");
      },
    });
  }
  return jobs;
}

/**
 * Runs each job once per interval across all processes sharing the database: every process checks at
 * start and then every minute, and only the one that claims the run does the work. A process that dies
 * mid-job leaves the run claimed; the job runs again at the next interval (every job is idempotent).
 * Returns a function that stops the timer.
 */
export function startScheduler(database: TDatabase, jobs: TJob[], logger: TLogger): () => void {
  let isRunning = false;
  const tick = async () => {
    if (isRunning) return;
    isRunning = true;
    for (const job of jobs) {
      try {
        if (!(await claimJobRun(database, job.name, job.everyMs))) continue;
        await job.run();
        logger.info({ job: job.name }, "scheduled job ran");
      } catch (err) {
        logger.warn({ err, job: job.name }, "scheduled job failed");
      }
    }
    isRunning = false;
  };
  void tick();
  const timer = setInterval(() => void tick(), TICK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
