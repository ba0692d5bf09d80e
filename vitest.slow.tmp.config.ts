import { defineConfig } from "vitest/config";

const dbTests = ["src/**/*.db.test.{ts,tsx}"];

// Four projects: pure logic; database and route tests on PGlite and again on PostgreSQL; browser
// journeys in Chromium. Each database test file gets its own fresh, migrated database.
export default defineConfig({
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    testTimeout: 300_000,
    hookTimeout: 600_000,
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
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
