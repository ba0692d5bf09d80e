import type { Reporter, TestModule } from "vitest/node";

/**
 * Prints the closing line `N passed, N failed` that CI reads. Under CI=true a skipped test counts
 * as a failure: CI must run everything, PostgreSQL and Chromium included.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      if (m.state() === "failed" && [...m.children.allTests()].length === 0) failed++;
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
    }
    failed += unhandledErrors.length;
    const isCi = process.env.CI === "true" || process.env.CI === "1";
    if (isCi && skipped > 0) {
      console.log(`CI=true: ${skipped} tests were skipped; every test must run in CI.`);
      failed += skipped;
      process.exitCode = 1;
    }
    console.log(`\n${passed} passed, ${failed} failed${skipped && !isCi ? `, ${skipped} skipped` : ""}`);
  }
}
