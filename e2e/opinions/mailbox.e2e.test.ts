import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  describeBrowser,
  expectNoAxeViolations,
  launchBrowser,
  logIn,
  newPage,
  startServer,
  type TTestServer,
} from "../server";

// 领导信箱 without JavaScript (a letter, its receipt, no second letter on a refresh), and every new
// public page axe-clean at desktop and phone sizes, in normal and elder mode.

describeBrowser("领导信箱与回应关切", () => {
  let server: TTestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const lettersFrom = async (name: string) =>
    (
      await server.query<{ n: number }>("select count(*)::int as n from opinions where writer_name = $1", [
        name,
      ])
    )[0]?.n;

  it("sends a letter without JavaScript and shows its receipt; a refresh sends nothing more", async () => {
    const page = await newPage(browser, server.baseUrl, { javaScriptEnabled: false });
    await page.goto("/mailbox");
    await page.getByLabel("姓名").fill("无脚本来信人");
    await page.getByLabel("联系电话或电子邮箱").fill("13700001234");
    await page.getByLabel("标题").fill("路灯损坏");
    await page.getByLabel("内容").fill("某路段路灯损坏多日，夜间出行不便。");
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/mailbox/receipt"),
      page.getByRole("button", { name: "提交来信" }).click(),
    ]);
    await expect(page.locator("dd").first().textContent()).resolves.toMatch(/^LDXX\d{10}$/);
    await page.reload();
    expect(await lettersFrom("无脚本来信人")).toBe(1);
    await page.context().close();
  });

  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ])
    for (const isElder of [false, true])
      it(`axe：${viewport.width}×${viewport.height}${isElder ? "，适老模式" : ""}`, async () => {
        // bypassCSP: axe is injected as an inline script, which the app's CSP rightly forbids.
        const page = await newPage(browser, server.baseUrl, { viewport, bypassCSP: true });
        if (isElder) await page.context().addCookies([{ name: "gk_elder", value: "1", url: server.baseUrl }]);
        for (const path of ["/mailbox", "/responses"]) {
          await page.goto(path);
          await expectNoAxeViolations(page);
        }
        // The form with its mistakes shown.
        await page.goto("/mailbox");
        await page.getByRole("button", { name: "提交来信" }).click();
        await page.waitForSelector(".error-summary");
        await expectNoAxeViolations(page);
        await page.context().close();
      });

  it("shows the published demo answer on 回应关切", async () => {
    const page = await newPage(browser, server.baseUrl);
    await page.goto("/responses");
    await expect(page.getByText("老旧小区加装电梯").first().isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it("shows the staff board with countdowns, axe-clean", async () => {
    const page = await newPage(browser, server.baseUrl, { bypassCSP: true });
    await logIn(page, "office");
    await page.goto("/admin/opinions");
    await expect(page.locator(".clock[data-due]").first().isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await page.goto("/admin/opinions/trends");
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
