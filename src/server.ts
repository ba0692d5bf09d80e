import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { getRequestListener } from "@hono/node-server";
import { createApp, pageCacheFor } from "./app";
import { warmSearch } from "./features/documents";
import type { TConfig } from "./platform/config";
import type { TDatabase } from "./platform/db";
import { localBlobStore } from "./platform/files";
import type { TPageCache } from "./platform/http/page-cache";
import type { TLogger } from "./platform/logger";
import { createMailer } from "./platform/mailer";
import { appJobs, startScheduler } from "./scheduler";

/**
 * Serves the app on an open, migrated database: the HTTP server and the periodic jobs (which run
 * once per interval across all processes, see ./scheduler). `onListening` is called once the port is
 * bound. SIGTERM and SIGINT stop accepting connections, let in-flight requests finish and close.
 */
export function runServer(
  config: TConfig,
  logger: TLogger,
  database: TDatabase,
  onListening: (info: { address: string; family: string; port: number }) => void,
): void {
  const blobs = localBlobStore(path.join(config.dataDir, "files"));
  const deps = { database, db: database.db, config, logger, blobs };
  const pageCache = pageCacheFor(deps);
  const app = createApp(deps, { pageCache });
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  const stopScheduler = startScheduler(
    database,
    appJobs(database, mailer, logger, {
      baseUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    }),
    logger,
  );

  const server = createHttpServer(app, pageCache, config.host);
  server.listen(config.port, config.host, () => {
    const info = server.address() as AddressInfo;
    logger.info({ address: info.address, port: info.port, database: database.kind }, "listening");
    onListening(info);
    // The search's copy of the library (a second at 100,000 documents) is not the first visitor's wait.
    warmSearch(database.db).catch((err) => logger.warn({ err }, "search: cannot load the library ahead"));
  });

  let isStopping = false;
  async function shutdown(signal: string) {
    if (isStopping) return;
    isStopping = true;
    logger.info({ signal }, "shutting down");
    stopScheduler();
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
}

/**
 * The node HTTP server of the app: a page in the memory cache is answered before Hono sees the
 * request (see TPageCache.serveNode); everything else goes to the app.
 */
export function createHttpServer(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  pageCache: TPageCache,
  hostname?: string,
): Server {
  const toApp = getRequestListener(app.fetch, { hostname });
  return createServer((req, res) => {
    if (!pageCache.serveNode(req, res)) void toApp(req, res);
  });
}

/** The addresses printed once the server listens: only then is the printed URL true. */
export function welcomeLines(info: { address: string; family: string; port: number }): string[] {
  const host =
    info.family === "IPv6" || info.address.includes(":")
      ? `[${info.address === "::" ? "::1" : info.address}]`
      : info.address;
  const local = `http://localhost:${info.port}`;
  return [`门户：${local}/  （也可通过 http://${host}:${info.port}/ 访问）`, `工作人员登录：${local}/login`];
}
