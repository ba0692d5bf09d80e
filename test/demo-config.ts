import type { TConfig } from "../src/platform/config";

/** The app as the browser tests run it: in-memory embedded database with the demo data, on any free port. */
export const DEMO_CONFIG: TConfig = {
  port: 0,
  host: "127.0.0.1",
  databaseUrl: undefined,
  // In memory: an on-disk data directory is covered by src/main.db.test.ts, and memory starts faster.
  dataDir: "",
  adminPassword: undefined,
  isDemo: true,
  // The browser talks to us directly; no proxy headers are to be believed.
  trustProxy: false,
  logLevel: "silent",
  smtpUrl: undefined,
  mailFrom: "gongkai@localhost",
  publicUrl: undefined,
  redisUrl: undefined,
  workers: 1,
};
