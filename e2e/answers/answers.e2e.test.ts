import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  describeBrowser,
  expectNoAxeViolations,
  launchBrowser,
  newPage,
  startServer,
  type TTestServer,
} from "../server";

// Asking from the home page and leaving a question, without JavaScript, on a desktop and a phone,
// also in elder mode (适老模式); each page axe clean.
const VARIANTS = [
  { name: "桌面无脚本", viewport: { width: 1366, height: 768 }, elder: false },
  { name: "手机无脚本适老模式", viewport: { width: 390, height: 844 }, elder: true },
];

describeBrowser("政策问答：不用脚本提问、看到条款出处、留下问题", () => {
  let server: TTestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const v of VARIANTS) {
    it(`${v.name}：首页提问得到带条号和链接的条款；无关问题拒答并可留下问题`, async () => {
      const page: Page = await newPage(browser, server.baseUrl, {
        javaScriptEnabled: false,
        viewport: v.viewport,
      });
      if (v.elder) await page.context().addCookies([{ name: "gk_elder", value: "1", url: server.baseUrl }]);
      await page.goto("/");
      await page.getByLabel("用日常的话问一个政策问题，答案附条款原文和出处").fill("生孩子产假有多少天");
      await Promise.all([
        page.waitForURL((u) => u.pathname === "/answers"),
        page.getByRole("button", { name: "提问" }).click(),
      ]);
      const first = page.locator(".citation").first();
      await expect.poll(() => first.textContent()).toContain("第七条");
      const href = await first.locator("a").first().getAttribute("href");
      expect(href).toMatch(/^\/documents\/\d+#art-7$/);

      await page.goto(`/answers?q=${encodeURIComponent("火星移民签证怎么办理")}`);
      await expect.poll(() => page.locator(".refusal").textContent()).toContain("致电政务公开办公室");
      await page.getByLabel("您的问题").fill(`火星移民签证怎么办理（${v.name}）`);
      await Promise.all([
        page.waitForURL((u) => u.searchParams.get("sent") === "1"),
        page.getByRole("button", { name: "提交问题" }).click(),
      ]);
      expect(await page.getByRole("status").first().textContent()).toContain("您的问题已收到");
      const rows = await server.query<{ n: number }>(
        "select count(*)::int as n from policy_questions where question = $1",
        [`火星移民签证怎么办理（${v.name}）`],
      );
      expect(rows[0]?.n).toBe(1);
      await page.context().close();
      // axe runs as a script: the same pages, in the same mode, checked in a page that allows it.
      // bypassCSP only here: axe is injected as an inline script, which the app's CSP rightly forbids.
      const checker = await newPage(browser, server.baseUrl, { viewport: v.viewport, bypassCSP: true });
      if (v.elder)
        await checker.context().addCookies([{ name: "gk_elder", value: "1", url: server.baseUrl }]);
      for (const path of [
        `/answers?q=${encodeURIComponent("生孩子产假有多少天")}`,
        `/answers?q=${encodeURIComponent("火星移民签证怎么办理")}`,
        "/faq",
      ]) {
        await checker.goto(path);
        await expectNoAxeViolations(checker);
      }
      await checker.context().close();
    }, 120_000);
  }
});
