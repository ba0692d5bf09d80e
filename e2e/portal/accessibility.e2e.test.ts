import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  describeBrowser,
  expectNoAxeViolations,
  launchBrowser,
  logIn,
  startServer,
  type TTestServer,
} from "../server";

const PUBLIC_PAGES = [
  "/",
  "/guide",
  "/units",
  "/login",
  "/documents",
  "/normative",
  // A search with an active filter: chips, sort and numbered pages all show.
  `/documents?q=${encodeURIComponent("条例")}&validity=valid`,
];
const ADMIN_PAGES = [
  "/admin",
  "/admin/users",
  "/admin/units",
  "/admin/liaisons",
  "/admin/audit",
  "/admin/guide",
  "/admin/notices",
  "/admin/account",
];

describeBrowser("无障碍（axe-core，WCAG 2.1 AA）", () => {
  let server: TTestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // bypassCSP only here: axe is injected as an inline script, which the app's CSP rightly forbids.
  async function axePage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: "zh-CN", bypassCSP: true });
    return { context, page: await context.newPage() };
  }

  describe.each(PUBLIC_PAGES)("公开页面 %s", (path) => {
    it("没有违反 WCAG 2.1 AA 的问题", async () => {
      const { context, page } = await axePage();
      const res = await page.goto(path);
      expect(res?.status()).toBe(200);
      await expectNoAxeViolations(page);
      await context.close();
    });
  });

  it("404 页面没有无障碍问题", async () => {
    const { context, page } = await axePage();
    const res = await page.goto("/no-such-page");
    expect(res?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("页面不存在");
    await expectNoAxeViolations(page);
    await context.close();
  });

  it("登录页显示校验错误时没有无障碍问题", async () => {
    const { context, page } = await axePage();
    await page.goto("/login");
    await page.getByRole("button", { name: "登录" }).click();
    await page.locator(".error-summary").waitFor();
    expect(await page.locator(".field-error").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it("适老模式下的首页没有无障碍问题", async () => {
    const { context, page } = await axePage();
    await page.goto("/");
    await page.getByRole("button", { name: "适老模式", exact: true }).click();
    await page.waitForFunction(() => document.documentElement.classList.contains("elder"));
    await expectNoAxeViolations(page);
    await context.close();
  });

  describe("后台页面（系统管理员）", () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      ({ context, page } = await axePage());
      await logIn(page, "admin");
    });
    afterAll(async () => {
      await context?.close();
    });

    it.each(ADMIN_PAGES)("%s 没有违反 WCAG 2.1 AA 的问题", async (path) => {
      const res = await page.goto(path);
      expect(res?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe(path);
      await expectNoAxeViolations(page);
    });
  });
});
