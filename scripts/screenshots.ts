// npm run screenshots: the main pages' first screen, desktop and phone, normal and elder mode, as PNGs
// in docs/screenshots/ (shown to operators in docs/PORTAL.md). Starts its own server on the demo data
// in memory, or uses BASE_URL when given (e.g. a running demo server).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { type Browser, chromium, type Page } from "playwright-core";
import { createApp } from "../src/app";
import { prepareDatabase } from "../src/bootstrap";
import { DEMO_PASSWORD } from "../src/demo";
import { localBlobStore } from "../src/platform/files";
import { createLogger } from "../src/platform/logger";
import { DEMO_CONFIG } from "../test/demo-config";

// SCREENSHOTS_DIR writes elsewhere, e.g. to look at pages under work without touching docs/.
const OUT_DIR =
  process.env.SCREENSHOTS_DIR ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../docs/screenshots");

type TShot = {
  name: string;
  title: string;
  /** A path, or how to find one on the demo data. */
  path: string | ((baseUrl: string) => Promise<string>);
  /** Staff pages: the demo account to sign in as. */
  user?: string;
};

/** The first document whose title is exactly this, found through the public API. */
const documentTitled = (title: string) => async (baseUrl: string) => {
  const res = await fetch(`${baseUrl}/api/v1/documents?q=${encodeURIComponent(title)}&pageSize=20`);
  const { items } = (await res.json()) as { items: { id: number; title: string }[] };
  const doc = items.find((d) => d.title === title) ?? items[0];
  if (!doc) throw new Error(`no demo document titled ${title}`);
  return `/documents/${doc.id}`;
};

/** Every page of the set, in the order docs/PORTAL.md shows them. */
export const SHOTS: TShot[] = [
  { name: "home", title: "首页", path: "/" },
  { name: "catalogue", title: "信息公开目录", path: "/documents" },
  {
    name: "search",
    title: "检索结果",
    path: "/documents?q=%E6%9C%80%E4%BD%8E%E7%94%9F%E6%B4%BB%E4%BF%9D%E9%9A%9C",
  },
  { name: "normative", title: "现行有效规范性文件", path: "/normative" },
  { name: "document", title: "文件页", path: documentTitled("市中区城乡居民最低生活保障实施办法") },
  { name: "guide", title: "政府信息公开指南", path: "/guide" },
  { name: "request-form", title: "依申请公开申请表", path: "/requests/new" },
  { name: "statistics", title: "公开统计", path: "/statistics" },
  { name: "services", title: "政策服务", path: "/services" },
  {
    name: "answers",
    title: "政策问答",
    path: "/answers?q=%E4%BA%A7%E5%81%87%E6%9C%89%E5%A4%9A%E5%B0%91%E5%A4%A9",
  },
  { name: "eligibility", title: "政策找人", path: "/eligibility" },
  { name: "participation", title: "公众参与", path: "/participation" },
  { name: "consultations", title: "意见征集", path: "/consultations" },
  { name: "responsiveness", title: "回应关切", path: "/responsiveness" },
  { name: "mailbox", title: "领导信箱", path: "/mailbox" },
  { name: "grassroots", title: "基层公开", path: "/grassroots" },
  { name: "villages", title: "村（居）务公开", path: "/villages" },
  { name: "staff-dashboard", title: "工作台（公开办）", path: "/admin", user: "office" },
  { name: "staff-coverage", title: "标准目录“回头看”", path: "/admin/catalogues/coverage", user: "office" },
  { name: "staff-opinions", title: "政务舆情", path: "/admin/opinions", user: "office" },
  { name: "staff-notices", title: "置顶公告管理", path: "/admin/notices", user: "office" },
];

const VIEWPORTS = [
  { name: "desktop", width: 1366, height: 768 },
  { name: "phone", width: 390, height: 844 },
] as const;
const MODES = ["normal", "elder"] as const;

async function startDemoServer() {
  const logger = createLogger("silent");
  const { database } = await prepareDatabase(DEMO_CONFIG, logger);
  const app = createApp({
    database,
    db: database.db,
    config: DEMO_CONFIG,
    logger,
    blobs: localBlobStore(mkdtempSync(path.join(tmpdir(), "gongkai-screenshots-"))),
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once("listening", resolve)));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      if ("closeAllConnections" in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

async function signIn(page: Page, user: string) {
  await page.goto("/login");
  const form = page.locator("form").nth(1);
  await form.locator('input[name="username"]').fill(user);
  await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== "/login"),
    form.locator('button[type="submit"]').click(),
  ]);
}

async function shoot(browser: Browser, baseUrl: string) {
  mkdirSync(OUT_DIR, { recursive: true });
  const written: string[] = [];
  for (const viewport of VIEWPORTS)
    for (const mode of MODES) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: viewport.width, height: viewport.height },
        locale: "zh-CN",
      });
      if (mode === "elder") await context.addCookies([{ name: "gk_elder", value: "1", url: baseUrl }]);
      const page = await context.newPage();
      let signedIn = "";
      for (const shot of SHOTS) {
        if (shot.user && shot.user !== signedIn) {
          await signIn(page, shot.user);
          signedIn = shot.user;
        }
        const target = typeof shot.path === "string" ? shot.path : await shot.path(baseUrl);
        const res = await page.goto(target);
        if (!res || res.status() >= 400) {
          console.warn(`跳过 ${shot.name}（${target}）：HTTP ${res?.status()}`);
          continue;
        }
        const file = `${shot.name}-${viewport.name}-${mode}.png`;
        writeFileSync(path.join(OUT_DIR, file), await page.screenshot({ fullPage: false }));
        written.push(file);
      }
      await context.close();
    }
  return written;
}

const external = process.env.BASE_URL;
const server = external ? null : await startDemoServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
try {
  const written = await shoot(browser, external ?? server?.baseUrl ?? "");
  console.log(`已写入 ${written.length} 张截图到 ${path.relative(process.cwd(), OUT_DIR)}/`);
} finally {
  await browser.close();
  await server?.close();
}
