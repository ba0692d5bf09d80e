import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { describe, expect, inject } from "vitest";
import { createApp, pageCacheFor } from "../src/app";
import { prepareDatabase } from "../src/bootstrap";
import { DEMO_PASSWORD } from "../src/demo";
import { openDatabase, type TDatabase } from "../src/platform/db";
import { localBlobStore } from "../src/platform/files";
import { createLogger } from "../src/platform/logger";
import { createHttpServer } from "../src/server";
import { DEMO_CONFIG } from "../test/demo-config";
import { CHROMIUM } from "../test/global-setup-browser";

const skipReason = inject("browserSkipReason");

/** `describe` for browser tests: skipped, with the reason in its name, when Chromium is missing. */
export const describeBrowser = (name: string, fn: () => void) =>
  skipReason ? describe.skip(`${name}（跳过：${skipReason}）`, fn) : describe(name, fn);

export type TTestServer = {
  baseUrl: string;
  /** Reads the server's database, for tests that check what a page did (or did not) write. */
  query: TDatabase["query"];
  close: () => Promise<void>;
};

/**
 * The real app over HTTP on an ephemeral port, on a fresh in-memory embedded database with the demo
 * data: a copy of the one the browser project's setup loaded (test/global-setup-browser.ts).
 */
export async function startServer(): Promise<TTestServer> {
  const config = DEMO_CONFIG;
  const logger = createLogger("silent");
  const dumpPath = inject("demoDumpPath");
  let database: TDatabase | undefined;
  try {
    if (dumpPath) database = await openDatabase({ pgliteDump: new Blob([readFileSync(dumpPath)]) });
    ({ database } = await prepareDatabase(config, logger, database));
    const filesDir = mkdtempSync(path.join(tmpdir(), "gongkai-e2e-files-"));
    const deps = { database, db: database.db, config, logger, blobs: localBlobStore(filesDir) };
    const pageCache = pageCacheFor(deps);
    // The production server, with its fast path for cached pages.
    const server = createHttpServer(createApp(deps, { pageCache }), pageCache, config.host);
    await new Promise<void>((resolve, reject) => {
      server.once("listening", () => resolve());
      server.once("error", reject);
      server.listen(0, config.host);
    });
    const { port } = server.address() as AddressInfo;
    const db = database;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      query: (text, params) => db.query(text, params),
      close: async () => {
        // Keep-alive sockets left by the browser would otherwise hold close() open.
        if ("closeAllConnections" in server) server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await pageCache.close();
        await db.close();
        rmSync(filesDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await database?.close();
    throw err;
  }
}

/** Debian's Chromium, headless, with everything that would reach the network switched off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A page in its own context, so cookies never leak between tests. */
export async function newPage(
  browser: Browser,
  baseUrl: string,
  opts: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: "zh-CN", ...opts });
  return context.newPage();
}

/**
 * Runs `action` (a click that submits a form) and waits until the next document has loaded. Needed
 * where the answer is a page at the same address, which waitForURL cannot tell from the old one.
 */
export async function submitAndWait(page: Page, action: () => Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForEvent("framenavigated", (f) => f === page.mainFrame()), action()]);
  await page.waitForLoadState("load");
}

/** Signs in through the login form and waits for the page it leads to. */
export async function logIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== "/login"),
    page.getByRole("button", { name: "登录" }).click(),
  ]);
}

const AXE_SOURCE = readFileSync(
  path.join(path.dirname(createRequire(import.meta.url).resolve("axe-core")), "axe.min.js"),
  "utf8",
);

type TAxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
};

/**
 * Runs axe-core against WCAG 2.1 A and AA. The page must come from a context opened with
 * `bypassCSP: true`: the app's CSP forbids inline scripts, and axe is injected as one.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: TAxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  const report = violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes
          .map(
            (n) =>
              `    ${JSON.stringify(n.target)}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`,
          )
          .join("\n"),
    )
    .join("\n");
  expect(violations, `axe 在 ${page.url()} 发现无障碍问题：\n${report}`).toEqual([]);
}
