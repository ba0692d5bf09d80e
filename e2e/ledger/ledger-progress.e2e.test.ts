import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
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

// The demo plan of 2022: the liaison of 区卫生健康局 reports that task 23 is finished, the office
// accepts it, and the board by unit counts one more task done and one fewer overdue.

const UNIT = "区卫生健康局";
const TASK_NO = "23";

const text = async (l: Locator) => ((await l.textContent()) ?? "").trim();

const REPORT = "已在政府网站公开辖区医疗卫生机构名录和服务信息。";

/** The newest report on the task page. */
const newestReport = (page: Page) => page.locator("article.ledger-report").last();

/** The board-by-unit cells of the unit: [name, tasks, done, overdue, awaiting review]. */
async function unitCounts(page: Page): Promise<string[]> {
  const row = page.locator(`table.ledger-units tr[data-unit="${UNIT}"] td`);
  return Promise.all((await row.all()).map(text));
}

/** Opens the demo plan's board from the ledger home page. */
async function openBoard(page: Page) {
  await page.goto("/admin/ledger");
  await submitAndWait(page, () => page.getByRole("link", { name: /2022年.*政务公开工作要点/ }).click());
}

describeBrowser("工作台账：单位报告进展，公开办审核，看板随之变化", () => {
  let server: TTestServer;
  let browser: Browser;
  let liaison: Page;
  let office: Page;
  let axeContext: BrowserContext;
  let before: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    [liaison, office] = await Promise.all([
      newPage(browser, server.baseUrl),
      newPage(browser, server.baseUrl),
    ]);
    await Promise.all([logIn(liaison, "wj.liaison"), logIn(office, "office")]);
    // Loading the demo data set into a fresh database takes a while on a busy machine.
  }, 120_000);
  afterAll(async () => {
    await axeContext?.close();
    await browser?.close();
    await server?.close();
  });

  it("联络员在任务页报告完成", async () => {
    await openBoard(office);
    before = await unitCounts(office);
    expect(before[0]).toBe(UNIT);

    await openBoard(liaison);
    // The liaison sees only the row of their own unit.
    expect(await liaison.locator("table.ledger-units tbody tr").count()).toBe(1);
    const card = liaison.getByRole("list", { name: "任务清单" }).locator(`li[data-task-no="${TASK_NO}"]`);
    await submitAndWait(liaison, () => card.getByRole("link").click());
    expect(await text(liaison.getByRole("heading", { level: 1 }))).toBe(`任务 ${TASK_NO}`);

    await liaison.getByLabel("工作进展").fill(REPORT);
    await liaison.getByLabel("报告日期").fill("2022-09-20");
    await liaison.getByLabel("本单位已完成该任务（报公开办审核）").check();
    await liaison.getByLabel("佐证：网址").fill("https://www.example.gov.cn/wsjk/2022");
    await submitAndWait(liaison, () => liaison.getByRole("button", { name: "提交报告" }).click());
    const report = newestReport(liaison);
    expect(await text(report.locator("p").first())).toBe(REPORT);
    expect(await text(report.locator("h3"))).toContain("待审核");
  });

  it("公开办在待审核列表中打开报告并通过", async () => {
    await office.goto("/admin/ledger/review");
    // The queue links each report as "<task no>. <requirement>".
    const link = office.getByRole("link", { name: new RegExp(`^${TASK_NO}\\. `) });
    await submitAndWait(office, () => link.click());
    const report = newestReport(office);
    expect(await text(report.locator("p").first())).toBe(REPORT);
    await report.getByLabel("审核意见（退回时必填）").fill("佐证齐全。");
    await submitAndWait(office, () => report.getByRole("button", { name: "通过" }).click());
    expect(await text(newestReport(office).locator("h3"))).toContain("已通过");
  });

  it("看板：该单位已完成加一、逾期减一", async () => {
    await openBoard(office);
    const after = await unitCounts(office);
    const n = (cells: string[], i: number) => Number(cells[i]);
    expect(n(after, 1)).toBe(n(before, 1));
    expect(n(after, 2)).toBe(n(before, 2) + 1);
    expect(n(after, 3)).toBe(n(before, 3) - 1);
    expect(n(after, 4)).toBe(n(before, 4));
  });

  it("看板页面无障碍检查（axe）", async () => {
    axeContext = await browser.newContext({ baseURL: server.baseUrl, locale: "zh-CN", bypassCSP: true });
    const page = await axeContext.newPage();
    await logIn(page, "office");
    await openBoard(page);
    await expectNoAxeViolations(page);
    await submitAndWait(page, () =>
      page.getByRole("list", { name: "任务清单" }).getByRole("listitem").first().getByRole("link").click(),
    );
    await expectNoAxeViolations(page);
    const taskPath = new URL(page.url()).pathname;
    for (const path of ["/admin/ledger", "/admin/ledger/review"]) {
      await page.goto(path);
      await expectNoAxeViolations(page);
    }
    await page.goto("/admin/ledger");
    await submitAndWait(page, () => page.getByRole("link", { name: /2022年.*政务公开工作要点/ }).click());
    for (const link of ["回头看", "考核评分"]) {
      await submitAndWait(page, () => page.getByRole("link", { name: link, exact: true }).click());
      await expectNoAxeViolations(page);
      await page.goBack();
    }
    expect(taskPath).toMatch(/^\/admin\/ledger\/tasks\/\d+$/);
  });
});
