import type { Browser, Page } from "playwright-core";
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

// The office head reads the audit log; the office works from the ledger board's task cards; an
// editor picks a related document by its title. At a desktop and a phone size, without JavaScript
// for the picker, axe clean throughout.

const SIZES = [
  { name: "桌面", viewport: { width: 1366, height: 768 } },
  { name: "手机", viewport: { width: 390, height: 844 } },
] as const;

/** Whether the page fits the screen's width: nothing to scroll sideways. */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describeBrowser("工作人员页面：操作日志、台账看板、按标题关联文件", () => {
  let server: TTestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const pageFor = async (user: string, viewport: { width: number; height: number }, javaScript = true) => {
    const page = await newPage(browser, server.baseUrl, {
      viewport,
      bypassCSP: true,
      javaScriptEnabled: javaScript,
    });
    await logIn(page, user);
    return page;
  };

  for (const size of SIZES) {
    it(`${size.name}：公开办负责人查看中文操作日志，按操作筛选`, { timeout: 180_000 }, async () => {
      const page = await pageFor("office.head", size.viewport);
      await page.goto("/admin/audit");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("操作日志");
      const entries = page.locator("li.audit-entry");
      expect(await entries.count()).toBe(50);
      // Chinese action names, and objects linked to their pages.
      expect(await page.locator(".audit-action").allTextContents()).not.toContainEqual(
        expect.stringMatching(/^[a-z_]+\.[a-z_]+$/),
      );
      // Whatever the newest 50 writes are, the objects they changed link to their back-office pages.
      expect(await page.locator('.audit-object a[href^="/admin/"]').count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page);
      expect(await fitsWidth(page)).toBe(true);

      await page.getByLabel("操作", { exact: true }).selectOption({ label: "导入工作要点" });
      await submitAndWait(page, () => page.getByRole("button", { name: "筛选" }).click());
      expect(new URL(page.url()).searchParams.get("action")).toBe("ledger.import");
      expect(await page.locator(".audit-action").allTextContents()).toEqual(["导入工作要点"]);
      // The plan import's content as a table with Chinese field names.
      const diff = page.locator("li.audit-entry table.audit-diff");
      expect(await diff.locator("th[scope=row]").allTextContents()).toContain("任务数");
      await expect.poll(() => page.locator('.audit-object a[href^="/admin/ledger/plans/"]').count()).toBe(1);
      await expectNoAxeViolations(page);
      await page.context().close();
    });

    it(`${size.name}：台账看板的逾期任务卡片链接到任务页`, { timeout: 180_000 }, async () => {
      const page = await pageFor("office", size.viewport);
      await page.goto("/admin/ledger");
      await submitAndWait(page, () => page.getByRole("link", { name: /2022年.*政务公开工作要点/ }).click());
      const unit = page.locator("section.overdue-unit").first();
      const summary = unit.locator("summary");
      if (!(await unit.locator("details").evaluate((d) => (d as HTMLDetailsElement).open)))
        await summary.click();
      const overdue = unit.locator("li.task-card").first();
      expect(await overdue.textContent()).toMatch(/已逾期 \d+ 天/);
      const list = page.getByRole("list", { name: "任务清单" });
      expect(await list.getByRole("listitem").count()).toBeGreaterThan(10);
      await expectNoAxeViolations(page);
      expect(await fitsWidth(page)).toBe(true);
      // On a phone the cards stack in one column, each as wide as the screen allows.
      const box = await list.getByRole("listitem").first().boundingBox();
      expect(box?.width).toBeLessThanOrEqual(size.viewport.width);
      const no = await overdue.getAttribute("data-task-no");
      await submitAndWait(page, () => overdue.getByRole("link").click());
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`任务 ${no}`);
      await page.context().close();
    });
  }

  it("不用 JavaScript 按标题查找并选择关联文件；在标题栏按回车仍是保存", { timeout: 180_000 }, async () => {
    const page = await pageFor("wj.editor", SIZES[1].viewport, false);
    await page.goto("/admin/documents/new");
    await page.locator("#f-title").fill("关于公布卫生监督检查结果的通知");
    await page
      .getByRole("group", { name: "关联 1" })
      .getByLabel("关系")
      .selectOption({ label: "本文件废止" });
    await page.getByRole("group", { name: "关联 1" }).getByLabel("按标题查找").fill("条例");
    await submitAndWait(page, () =>
      page.getByRole("group", { name: "关联 1" }).getByRole("button", { name: "查找" }).click(),
    );
    // What was typed is still there, and the matches are listed to pick from.
    expect(await page.locator("#f-title").inputValue()).toBe("关于公布卫生监督检查结果的通知");
    const first = page.getByRole("button", { name: /^选择《.*条例.*》$/ }).first();
    const chosen = (await first.getAttribute("value"))?.split("=")[1];
    await submitAndWait(page, () => first.click());
    expect(await page.getByRole("group", { name: "关联 1" }).getByLabel("文件编号").inputValue()).toBe(
      chosen,
    );

    // Enter in the title saves the draft instead of searching.
    await submitAndWait(page, () => page.locator("#f-title").press("Enter"));
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/documents\/\d+$/);
    await page.context().close();

    // axe needs JavaScript: the same search once more in a page that runs it.
    const checked = await pageFor("wj.editor", SIZES[1].viewport);
    await checked.goto("/admin/documents/new");
    await checked.getByLabel("按标题查找被解读文件").fill("条例");
    await submitAndWait(checked, () => checked.getByRole("button", { name: "查找" }).first().click());
    expect(await checked.getByRole("button", { name: /^选择《/ }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(checked);
    await checked.context().close();
  });
});
