import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  describeBrowser,
  expectNoAxeViolations,
  launchBrowser,
  startServer,
  submitAndWait,
  type TTestServer,
} from "../server";

const VIEWPORTS = [
  { title: "桌面 1366×768", viewport: { width: 1366, height: 768 } },
  { title: "手机 390×844", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
];

describeBrowser("订阅与政策找人（不用 JavaScript）", () => {
  let server: TTestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(
    vp: (typeof VIEWPORTS)[number],
    elder: boolean,
    javaScriptEnabled = false,
  ): Promise<Page> {
    const context = await browser.newContext({
      viewport: vp.viewport,
      isMobile: vp.isMobile,
      hasTouch: vp.hasTouch,
      baseURL: server.baseUrl,
      locale: "zh-CN",
      bypassCSP: true,
      javaScriptEnabled,
    });
    if (elder) await context.addCookies([{ name: "gk_elder", value: "1", url: server.baseUrl }]);
    return context.newPage();
  }

  const noHorizontalOverflow = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(
      true,
    );

  describe.each(VIEWPORTS)("$title", (vp) => {
    it.each([
      { mode: "普通模式", elder: false },
      { mode: "适老模式", elder: true },
    ])("$mode：从目录订阅、确认、退订", async ({ elder }) => {
      const page = await open(vp, elder);
      const email = `e2e-${vp.viewport.width}-${elder ? "elder" : "plain"}@example.org`;
      await page.goto("/documents?q=%E4%BD%8E%E4%BF%9D");
      await submitAndWait(page, () => page.getByRole("link", { name: /^订阅/ }).click());
      expect(new URL(page.url()).pathname).toBe("/alerts/subscribe");
      await expect(page.locator("main").textContent()).resolves.toContain("含“低保”");
      await noHorizontalOverflow(page);
      await page.getByLabel("电子邮箱").fill(email);
      await page.getByLabel("发送频率").selectOption("daily");
      await submitAndWait(page, () => page.getByRole("button", { name: "订阅" }).click());
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("请查收确认邮件");
      const [row] = await server.query<{ token: string; status: string; frequency: string }>(
        "select token, status, frequency from alert_subscriptions where email = $1",
        [email],
      );
      expect(row).toMatchObject({ status: "pending", frequency: "daily" });
      // The link in the confirmation mail.
      await page.goto(`/alerts/confirm/${row?.token}`);
      await submitAndWait(page, () => page.getByRole("button", { name: "确认订阅" }).click());
      await expect(page.locator("main").textContent()).resolves.toContain("订阅已生效");
      await noHorizontalOverflow(page);
      // axe runs as a script: the same pages again in a context with JavaScript.
      const checker = await open(vp, elder, true);
      for (const path of [
        "/alerts/subscribe?q=%E4%BD%8E%E4%BF%9D",
        `/alerts/confirm/${row?.token}`,
        `/alerts/manage/${row?.token}`,
      ]) {
        await checker.goto(path);
        await expectNoAxeViolations(checker);
      }
      await checker.context().close();
      await submitAndWait(page, () => page.getByRole("button", { name: "退订" }).click());
      await expect(page.locator("main").textContent()).resolves.toContain("此订阅已退订");
      const [after] = await server.query<{ status: string }>(
        "select status from alert_subscriptions where email = $1",
        [email],
      );
      expect(after?.status).toBe("ended");
      await page.context().close();
    });

    it.each([
      { mode: "普通模式", elder: false },
      { mode: "适老模式", elder: true },
    ])("$mode：政策找人给出适用政策和理由", async ({ elder }) => {
      const page = await open(vp, elder);
      await page.goto("/");
      // From the home page: 政策找人 is in the main navigation (适老模式 keeps a shorter one).
      if (!elder)
        await submitAndWait(page, () =>
          page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "政策找人" }).click(),
        );
      else await page.goto("/eligibility");
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("政策找人");
      const ask = async (p: Page) => {
        await p.getByLabel("您是").selectOption("person");
        await p.getByLabel("年龄（周岁）").fill("24");
        await p.getByLabel("高校毕业生").check();
        await submitAndWait(p, () => p.getByRole("button", { name: "查找适用政策" }).click());
      };
      await ask(page);
      const results = page.locator(".eligibility-results");
      // The demo's 医保 notice is for every person; its 高校毕业生 measures ended on 2026-04-30, and a
      // policy no longer in force is never offered.
      const text = (await results.textContent()) ?? "";
      expect(text).toContain("关于做好2025年度城乡居民医疗保险参保缴费工作的通知");
      expect(text).toContain("适用理由：面向个人");
      expect(text).not.toContain("市中区促进高校毕业生就业创业若干措施");
      await noHorizontalOverflow(page);
      await page.context().close();
      const checker = await open(vp, elder, true);
      await checker.goto("/eligibility");
      await expectNoAxeViolations(checker);
      await ask(checker);
      await expectNoAxeViolations(checker);
      await checker.screenshot({
        path: `/tmp/eligibility-${vp.viewport.width}-${elder ? "elder" : "plain"}.png`,
        fullPage: true,
      });
      await checker.context().close();
    });
  });
});
