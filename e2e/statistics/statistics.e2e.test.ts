import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  describeBrowser,
  expectNoAxeViolations,
  launchBrowser,
  startServer,
  type TTestServer,
} from "../server";

// The demo publishes district documents in 2019–2024; 2023 has the new 低保 办法 and its interpretation.
const PATH = "/statistics?year=2023";

const VIEWPORTS = [
  // The chart shares the row with its table on a desktop and has the whole width on a phone.
  { title: "桌面 1366×768", viewport: { width: 1366, height: 768 }, chartShare: 0.4 },
  {
    title: "手机 390×844",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    chartShare: 0.8,
  },
];

describeBrowser("公开统计页面", () => {
  let server: TTestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // bypassCSP: axe is injected as an inline script, which the app's CSP rightly forbids.
  async function open(
    {
      viewport,
      isMobile,
      hasTouch,
    }: { viewport: { width: number; height: number }; isMobile?: boolean; hasTouch?: boolean },
    elder: boolean,
    javaScriptEnabled = true,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport,
      isMobile,
      hasTouch,
      baseURL: server.baseUrl,
      locale: "zh-CN",
      bypassCSP: true,
      javaScriptEnabled,
    });
    if (elder) await context.addCookies([{ name: "gk_elder", value: "1", url: server.baseUrl }]);
    return { context, page: await context.newPage() };
  }

  describe.each(VIEWPORTS)("$title", (vp) => {
    it.each([
      { mode: "普通模式", elder: false },
      { mode: "适老模式", elder: true },
    ])("$mode：图表和数据表都可见，页面不横向溢出，axe 无问题", async ({ elder }) => {
      const { context, page } = await open(vp, elder);
      const res = await page.goto(PATH);
      expect(res?.status()).toBe(200);
      expect(await page.locator("html").evaluate((el) => el.classList.contains("elder"))).toBe(elder);
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
        "2023年政府信息公开统计",
      );

      const charts = page.getByRole("img");
      expect(await charts.count()).toBe(6);
      const chart = page.getByRole("img", { name: "2023年每月发布的文件" });
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(vp.viewport.width * vp.chartShare);
      expect(box && box.x + box.width).toBeLessThanOrEqual(vp.viewport.width);
      // The table beside the chart carries the figures the API gives for March.
      const api = await (await page.request.get("/api/v1/statistics?year=2023")).json();
      const march = page
        .getByRole("table", { name: "2023年每月发布的文件" })
        .getByRole("row", { name: /^3月/ });
      const published = api.documents.months[2].published;
      expect(published).toBeGreaterThanOrEqual(2);
      await expect(march.getByRole("cell").first().textContent()).resolves.toBe(String(published));

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page);
      await context.close();
    });
  });

  it("不用 JavaScript 也能按年度和单位筛选（GET 表单）", async () => {
    const { context, page } = await open(
      VIEWPORTS[0] ?? { viewport: { width: 1366, height: 768 } },
      false,
      false,
    );
    await page.goto("/statistics");
    await page.getByLabel("年度", { exact: true }).selectOption("2024");
    await page.getByLabel("单位", { exact: true }).selectOption({ label: "区医疗保障局" });
    await Promise.all([page.waitForURL(/year=2024/), page.getByRole("button", { name: "查看统计" }).click()]);
    expect(new URL(page.url()).searchParams.get("year")).toBe("2024");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "2024年政府信息公开统计（区医疗保障局）",
    );
    const units = page.getByRole("table", { name: "2024年各发布机构发布的文件" });
    await expect(
      units
        .getByRole("row", { name: /区医疗保障局/ })
        .getByRole("cell")
        .first()
        .textContent(),
    ).resolves.toBe("1");
    await context.close();
  });

  it("门户导航有“统计数据”入口；转载的法律显示其制定机关为发文机关", async () => {
    const { context, page } = await open(VIEWPORTS[0] ?? { viewport: { width: 1366, height: 768 } }, false);
    await page.goto("/");
    await Promise.all([
      page.waitForURL(/\/statistics$/),
      page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "统计数据" }).click(),
    ]);
    const found = await page.request.get("/api/v1/documents?q=中华人民共和国行政许可法");
    const law = (await found.json()).items.find(
      (d: { title: string }) => d.title === "中华人民共和国行政许可法",
    );
    expect(law.issuer).toBe("全国人民代表大会常务委员会");
    await page.goto(`/documents/${law.id}`);
    await expect(page.locator("main").textContent()).resolves.toContain("全国人民代表大会常务委员会");
    await context.close();
  });
});
