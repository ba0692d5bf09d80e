import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

const dbTests = ["src/**/*.db.test.{ts,tsx}"];

// Four projects: pure logic; database and route tests on PGlite and again on PostgreSQL; browser
// journeys in Chromium. Each database test file gets its own fresh, migrated database, and each
// browser file its own server, so files of every project run side by side: much of a file's time is
// spent waiting on PostgreSQL or Chromium, which run in processes of their own (Vitest's default on
// 2 cores is one file at a time). One limit for all: a project with a limit of its own would run in a
// group of its own, after the others.
export default defineConfig({
  test: {
    maxWorkers: Number(process.env.GONGKAI_TEST_WORKERS ?? Math.max(3, availableParallelism() + 1)),
    // A worker runs its files one after another in one module graph: the app, jieba's dictionary and
    // the other libraries are loaded once per worker, not once per file (about 2 s of CPU each, some
    // 450 times a run). Files stay apart where it matters: each opens its own database or server, and
    // the app's module-level state is either keyed by database or registered under a fixed name.
    isolate: false,
    reporters: ["default", "./test/summary-reporter.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["src/**/*.test.{ts,tsx}"], exclude: dbTests },
      },
      {
        extends: true,
        test: {
          name: "pglite",
          include: dbTests,
          env: { TEST_DB: "pglite" },
          globalSetup: ["./test/global-setup-db.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: dbTests,
          env: { TEST_DB: "postgres" },
          globalSetup: ["./test/global-setup-db.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["e2e/**/*.e2e.test.ts"],
          globalSetup: ["./test/global-setup-browser.ts"],
          testTimeout: 60_000,
          // A file's server and Chromium start while three other files load theirs.
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
