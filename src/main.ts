import path from "node:path";
import { serve } from "@hono/node-server";
import { createApp, pageCacheFor } from "./app";
import { prepareDatabase } from "./bootstrap";
import { loadWorkCalendar, todayInChina } from "./features/calendar";
import { sendOverdueReminders } from "./features/ledger";
import { refreshPausedDueDates, sendDueReminders } from "./features/requests";
import { purgeExpiredSessions } from "./platform/auth/sessions";
import { loadConfig } from "./platform/config";
import { localBlobStore } from "./platform/files";
import { createLogger } from "./platform/logger";
import { createMailer } from "./platform/mailer";
import { purgeRateLimits } from "./platform/rate-limit";

// Process entry: config → database → migrations → app → listen; SIGTERM drains and closes cleanly.
const config = loadConfig();
const logger = createLogger(config.logLevel);
const { database, notes } = await prepareDatabase(config, logger);
const blobs = localBlobStore(path.join(config.dataDir, "files"));
const deps = { database, db: database.db, config, logger, blobs };
const pageCache = pageCacheFor(deps);
const app = createApp(deps, { pageCache });

const housekeeping = setInterval(
  () => {
    Promise.all([
      purgeExpiredSessions(database.db),
      purgeRateLimits(database.db),
      // Paused requests' "at least" due dates move on with each paused working day.
      refreshPausedDueDates(database.db),
    ]).catch((err) => logger.warn({ err }, "housekeeping failed"));
  },
  10 * 60 * 1000,
);
housekeeping.unref();

// PGlite runs no autovacuum: without fresh statistics its planner ignores the indexes on big tables.
if (database.kind === "pglite") {
  const analyze = () => database.exec("analyze").catch((err) => logger.warn({ err }, "analyze failed"));
  await analyze();
  setInterval(analyze, 60 * 60 * 1000).unref();
}

// Deadline reminders by e-mail, when SMTP is configured; each is sent once, whichever process runs first.
const mailer = createMailer(config.smtpUrl, config.mailFrom);
if (mailer.isConfigured) {
  const remind = () =>
    loadWorkCalendar(database.db)
      .then((calendar) => sendDueReminders(database.db, mailer, todayInChina(), calendar))
      .then((r) => r.sent && logger.info(r, "deadline reminders sent"))
      .catch((err) => logger.warn({ err }, "deadline reminders failed"));
  setTimeout(remind, 60_000).unref();
  setInterval(remind, 15 * 60 * 1000).unref();
  // Overdue work-plan tasks to each unit's liaison, once per task and unit.
  const remindLedger = () =>
    sendOverdueReminders(database.db, mailer, todayInChina())
      .then((r) => r.sent && logger.info(r, "ledger overdue reminders sent"))
      .catch((err) => logger.warn({ err }, "ledger overdue reminders failed"));
  setInterval(remindLedger, 60 * 60 * 1000).unref();
}

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const host = info.family === "IPv6" ? `[${info.address === "::" ? "::1" : info.address}]` : info.address;
  const local = `http://localhost:${info.port}`;
  logger.info({ address: info.address, port: info.port, database: database.kind }, "listening");
  for (const n of notes) console.log(n);
  console.log(`门户：${local}/  （也可通过 http://${host}:${info.port}/ 访问）`);
  console.log(`工作人员登录：${local}/login`);
});

let isStopping = false;
async function shutdown(signal: string) {
  if (isStopping) return;
  isStopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => {
    logger.error("in-flight requests did not finish within 10 s; exiting");
    process.exit(1);
  }, 10_000);
  force.unref();
  // close() stops accepting connections and waits for in-flight requests to finish.
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await pageCache.close();
  await database.close();
  logger.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
