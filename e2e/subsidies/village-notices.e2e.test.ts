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

// The demo gives 西渴马村 (党家街道) two notices: the 耕地地力保护补贴 one, public from two days ago to
// five days on, and a 低保金 one whose period ended weeks ago (kept on file, not public).
const VIEWPORTS = [
  { title: "桌面 1366×768", viewport: { width: 1366, height: 768 } },
  { title: "手机 390×844", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
];

describeBrowser("村（社区）补贴公示", () => {
  let server: TTestServer;
  let browser: Browser;
  let villageId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const [row] = await server.query<{ id: number }>("select id from units where name = '西渴马村'");
    villageId = Number(row?.id);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(
    vp: { viewport: { width: number; height: number }; isMobile?: boolean; hasTouch?: boolean },
    elder: boolean,
  ): Promise<{ context: BrowserContext; page: Page }> {
    // bypassCSP: axe is injected as an inline script, which the app's CSP rightly forbids.
    const context = await browser.newContext({
      ...vp,
      baseURL: server.baseUrl,
      locale: "zh-CN",
      bypassCSP: true,
    });
    if (elder) await context.addCookies([{ name: "gk_elder", value: "1", url: server.baseUrl }]);
    return { context, page: await context.newPage() };
  }

  describe.each(VIEWPORTS)("$title", (vp) => {
    it.each([
      { mode: "普通模式", elder: false },
      { mode: "适老模式", elder: true },
    ])("$mode：从村（社区）列表进入，看到公示期内的名单，身份证号已遮盖，axe 无问题", async ({ elder }) => {
      const { context, page } = await open(vp, elder);
      await page.goto("/villages");
      expect(await page.locator("html").evaluate((el) => el.classList.contains("elder"))).toBe(elder);
      await expectNoAxeViolations(page);
      await page.getByRole("link", { name: "西渴马村" }).click();
      await page.waitForURL(`**/villages/${villageId}`);
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
        "党家街道办事处西渴马村公示",
      );

      const table = page.getByRole("table", { name: /耕地地力保护补贴发放情况公示/ });
      const row = table.getByRole("row", { name: /王秀英/ });
      const cells = await row.getByRole("cell").allTextContents();
      // 序号, 姓名, 身份证号 (area 370103, birth 19580312 hidden, last four shown), 项目, 金额.
      expect(cells[1]).toBe("王秀英");
      expect(cells[2]).toMatch(/^370103\*{8}102[0-9X]$/);
      expect(cells[4]).toBe("1,260.50");
      const body = (await page.locator("main").textContent()) ?? "";
      expect(body).not.toContain("19580312");
      // The 低保金 notice is past its period: not on the public page.
      expect(body).not.toContain("赵玉珍");

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page);
      await context.close();
    });
  });

  it("村里的工作人员在后台仍能查到已过公示期的名单", async () => {
    const { context, page } = await open(VIEWPORTS[0] ?? { viewport: { width: 1366, height: 768 } }, false);
    await logIn(page, "xkm.editor");
    await page.goto("/admin/subsidies?payee=赵玉珍");
    const link = page.getByRole("link", { name: /农村低保金发放公示/ });
    await expect(link.count()).resolves.toBe(1);
    await link.click();
    await page.waitForURL(/\/admin\/subsidies\/\d+$/);
    await expect(page.getByRole("cell", { name: "赵玉珍" }).count()).resolves.toBe(1);
    expect(await page.locator("main").textContent()).toContain("已过公示期");
    await expectNoAxeViolations(page);
    await context.close();
  });
});
