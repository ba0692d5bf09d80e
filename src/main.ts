import cluster from "node:cluster";
import { prepareDatabase } from "./bootstrap";
import { loadConfig } from "./platform/config";
import { openDatabase } from "./platform/db";
import { createLogger } from "./platform/logger";
import { runServer, welcomeLines } from "./server";

// Process entry: config → database → migrations and demo data → serve. With GONGKAI_WORKERS > 1 this
// process becomes the cluster's primary: it prepares the database once, then forks the server
// processes, which share the port, and replaces any that dies.
const config = loadConfig();
const logger = createLogger(config.logLevel);

/** A worker that dies within this time of starting is restarted only after a pause, not in a tight loop. */
const RESTART_PAUSE_MS = 1_000;

if (cluster.isWorker) {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  runServer(config, logger, database, () => {});
} else {
  const { database, notes } = await prepareDatabase(config, logger);
  const welcome = (info: { address: string; family: string; port: number }) => {
    for (const n of notes) console.log(n);
    for (const line of welcomeLines(info)) console.log(line);
  };
  if (config.workers === 1) runServer(config, logger, database, welcome);
  else {
    await database.close();
    runPrimary(config.workers, welcome);
  }
}

function runPrimary(
  count: number,
  welcome: (info: { address: string; family: string; port: number }) => void,
) {
  let isStopping = false;
  let hasWelcomed = false;
  const started = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork();
    started.set(worker.id, Date.now());
    logger.info({ pid: worker.process.pid }, "worker started");
  };
  cluster.on("listening", (_worker, address) => {
    if (hasWelcomed) return;
    hasWelcomed = true;
    const family = address.addressType === 6 ? "IPv6" : "IPv4";
    welcome({ address: address.address ?? "::", family, port: address.port });
  });
  cluster.on("exit", (worker, code, signal) => {
    if (isStopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, "worker died; starting another");
    const livedMs = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    setTimeout(fork, livedMs < RESTART_PAUSE_MS ? RESTART_PAUSE_MS : 0);
  });
  for (let i = 0; i < count; i++) fork();

  const stop = (signal: NodeJS.Signals) => {
    if (isStopping) return;
    isStopping = true;
    logger.info({ signal }, "stopping workers");
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
