import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { describe, inject } from "vitest";
import { createApp, type TAppOptions } from "../src/app";
import type { TConfig } from "../src/platform/config";
import { openDatabase, type TDatabase } from "../src/platform/db";
import { localBlobStore } from "../src/platform/files";
import type { TDeps } from "../src/platform/http/context";
import { createLogger } from "../src/platform/logger";

const skipReason = inject("dbSkipReason");

/** `describe` for database tests: skipped, with the reason in its name, when the database is missing. */
export const describeDb = (name: string, fn: () => void) =>
  skipReason ? describe.skip(`${name}（跳过：${skipReason}）`, fn) : describe(name, fn);

/** A fresh, migrated PostgreSQL database copied from the run's template; drop() removes it. */
export async function createPostgresTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = inject("pgTemplate");
  const adminUrl = inject("pgAdminUrl");
  const name = `${template}_${randomBytes(5).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database ${name} template ${template}`);
      break;
    } catch (err) {
      // Two workers copying the template at the same instant: try again shortly.
      if (attempt >= 10) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 300));
    }
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** A fresh migrated database of the project's kind under test (TEST_DB=pglite|postgres). */
export async function openTestDatabase(): Promise<TDatabase> {
  if (process.env.TEST_DB === "postgres") {
    const { url, drop } = await createPostgresTestDatabase();
    const database = await openDatabase({ databaseUrl: url });
    return {
      ...database,
      close: async () => {
        await database.close();
        await drop();
      },
    };
  }
  const dump = new Blob([readFileSync(inject("pgliteDumpPath"))]);
  return openDatabase({ pgliteDump: dump });
}

export const TEST_CONFIG: TConfig = {
  port: 0,
  host: "127.0.0.1",
  databaseUrl: undefined,
  dataDir: "",
  adminPassword: undefined,
  isDemo: false,
  trustProxy: true,
  logLevel: "silent",
  smtpUrl: undefined,
  mailFrom: "gongkai@localhost",
  publicUrl: undefined,
  redisUrl: undefined,
  workers: 1,
};

/** The whole app on a fresh database, called through app.request() with no server. */
export async function createTestApp(opts: { config?: Partial<TConfig>; app?: TAppOptions } = {}) {
  const database = await openTestDatabase();
  const filesDir = mkdtempSync(path.join(tmpdir(), "gongkai-files-"));
  const deps: TDeps = {
    database,
    db: database.db,
    config: { ...TEST_CONFIG, ...opts.config },
    // GONGKAI_TEST_LOG=error shows the stack of an unexpected 500 while debugging a test.
    logger: createLogger(process.env.GONGKAI_TEST_LOG ?? "silent"),
    blobs: localBlobStore(filesDir),
  };
  const app = createApp(deps, opts.app);
  const close = async () => {
    await database.close();
    rmSync(filesDir, { recursive: true, force: true });
  };
  return { app, deps, database, db: database.db, close };
}

export type TTestApp = Awaited<ReturnType<typeof createTestApp>>;
