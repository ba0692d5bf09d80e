import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  describeBrowser,
  launchBrowser,
  newPage,
  startServer,
  submitAndWait,
  type TTestServer,
} from "../server";

// The label says what pressing does: the way out of elder mode is named as such.
const TURN_ON = "适老模式";
const TURN_OFF = "退出适老模式";

async function rootState(page: Page) {
  const [isElder, fontSize] = await Promise.all([
    page.locator("html").evaluate((el) => el.classList.contains("elder")),
    page.locator("html").evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
  ]);
  return { isElder, fontSize };
}

/** Submits the toggle; the server redirects back to the page it was pressed on. */
function pressToggle(page: Page, label: string) {
  return submitAndWait(page, () => page.getByRole("button", { name: label, exact: true }).click());
}

describeBrowser("适老模式", () => {
  let server: TTestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe.each([
    { title: "启用 JavaScript", javaScriptEnabled: true },
    { title: "禁用 JavaScript", javaScriptEnabled: false },
  ])("$title", ({ javaScriptEnabled }) => {
    let page: Page;

    beforeAll(async () => {
      page = await newPage(browser, server.baseUrl, { javaScriptEnabled });
    });
    afterAll(async () => {
      await page?.context().close();
    });

    it("按钮开启后根元素有 elder 类、字号变大，刷新和换页后仍保持，再按一次关闭", async () => {
      await page.goto("/");
      const normal = await rootState(page);
      expect(normal.isElder).toBe(false);
      expect(await page.getByRole("button", { name: TURN_OFF, exact: true }).count()).toBe(0);

      await pressToggle(page, TURN_ON);
      expect(new URL(page.url()).pathname).toBe("/");
      const elder = await rootState(page);
      expect(elder.isElder).toBe(true);
      expect(elder.fontSize).toBeGreaterThan(normal.fontSize);
      expect(await page.getByRole("button", { name: TURN_OFF, exact: true }).count()).toBe(1);
      expect(await page.getByRole("button", { name: TURN_ON, exact: true }).count()).toBe(0);

      const cookie = (await page.context().cookies()).find((c) => c.name === "gk_elder");
      expect(cookie?.value).toBe("1");
      await page.reload();
      expect(await rootState(page)).toEqual(elder);

      await page
        .getByRole("navigation", { name: "主导航" })
        .getByRole("link", { name: "政府信息公开指南" })
        .click();
      await page.waitForURL((u) => u.pathname === "/guide");
      expect(await rootState(page)).toEqual(elder);

      // Turned off on another page than it was turned on: the cookie, not the page, holds it.
      await pressToggle(page, TURN_OFF);
      expect(new URL(page.url()).pathname).toBe("/guide");
      expect(await rootState(page)).toEqual(normal);
      await page.goto("/");
      expect(await rootState(page)).toEqual(normal);
      expect(await page.getByRole("button", { name: TURN_ON, exact: true }).count()).toBe(1);
    });
  });
});
