import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  describeBrowser,
  expectNoAxeViolations,
  launchBrowser,
  logIn,
  newPage,
  startServer,
  submitAndWait,
  type TTestServer,
} from "../server";

// The head of 区卫生健康局 opens last year's annual report from the dashboard, reads the official
// tables, writes section 一 and saves it; the page passes the accessibility checks.

const UNIT = "区卫生健康局";
const lastYear = () => Number(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 4)) - 1;

describeBrowser("年度报告：从工作台打开、查看统计表、撰写并保存", () => {
  let server: TTestServer;
  let browser: Browser;
  let head: Page;
  let axeContext: BrowserContext;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    head = await newPage(browser, server.baseUrl);
    await logIn(head, "wj.head");
  });
  afterAll(async () => {
    await axeContext?.close();
    await browser?.close();
    await server?.close();
  });

  it("shows the legal dates on the dashboard and leads to the unit's report", async () => {
    await head.goto("/admin");
    const card = head.locator("section", { has: head.getByRole("heading", { name: "年度报告" }) });
    await expect(card.textContent()).resolves.toContain("1 月 31 日前公布");
    await expect(card.textContent()).resolves.toContain(`${UNIT}：尚未编写`);
    await submitAndWait(head, () => card.getByRole("link", { name: "编写年度报告" }).click());
    const row = head.getByRole("row", { name: new RegExp(`^${UNIT}`) });
    await submitAndWait(head, () => row.getByRole("link", { name: /编写/ }).click());
    expect(new URL(head.url()).pathname).toBe(`/admin/reports/${lastYear()}`);
    await expect(head.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      `${UNIT}${lastYear()}年政府信息公开工作年度报告`,
    );
  });

  it("prints table 三 with its two-level headings, every row of the official form", async () => {
    const table = head.getByRole("table", { name: "三、收到和处理政府信息公开申请情况" });
    for (const header of ["申请人情况", "自然人", "法人或其他组织", "商业企业", "法律服务机构", "总计"])
      await expect(table.getByRole("columnheader", { name: header, exact: true }).count()).resolves.toBe(1);
    for (const row of [
      "一、本年新收政府信息公开申请数量",
      "（七）总计",
      "四、结转下年度继续办理",
      "8.属于行政查询事项",
    ])
      await expect(table.getByRole("rowheader", { name: row }).count()).resolves.toBe(1);
    const appeals = head.getByRole("table", { name: "四、政府信息公开行政复议、行政诉讼情况" });
    await expect(appeals.getByRole("columnheader", { name: "尚未审结" }).count()).resolves.toBe(3);
  });

  it("saves section 一, which then appears in the report", async () => {
    await head.getByLabel("一、总体情况").fill("本局坚持以公开为常态、不公开为例外。");
    await head.getByLabel("行政许可：本年处理决定数量").fill("12");
    await submitAndWait(head, () => head.getByRole("button", { name: "保存" }).click());
    await expect(head.locator(".flash").textContent()).resolves.toContain("已保存年度报告");
    await expect(head.locator("main").textContent()).resolves.toContain(
      "本局坚持以公开为常态、不公开为例外。",
    );
    const proactive = head.getByRole("table", { name: "二、主动公开政府信息情况" });
    await expect(proactive.getByRole("cell", { name: "12", exact: true }).count()).resolves.toBe(1);
  });

  it("passes the accessibility checks", async () => {
    axeContext = await browser.newContext({ baseURL: server.baseUrl, locale: "zh-CN", bypassCSP: true });
    const page = await axeContext.newPage();
    await logIn(page, "wj.head");
    await page.goto(head.url());
    await expectNoAxeViolations(page);
  });
});
