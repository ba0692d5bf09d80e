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

// A refresh of the receipt, and the back button followed by a second submit, must never create a
// second request: on a desktop and a phone, with and without JavaScript.

const VARIANTS = [
  { name: "桌面", viewport: { width: 1366, height: 768 }, js: true },
  { name: "桌面无脚本", viewport: { width: 1366, height: 768 }, js: false },
  { name: "手机", viewport: { width: 390, height: 844 }, js: true },
  { name: "手机无脚本", viewport: { width: 390, height: 844 }, js: false },
];

const receiptNoOn = async (page: Page) =>
  (
    (await page
      .locator("dt", { hasText: /^受理编号$/ })
      .locator("xpath=following-sibling::dd[1]")
      .textContent()) ?? ""
  ).trim();

/** Fills the form as a citizen who wants the answer online: no e-mail, no postal address. */
async function fillApplication(page: Page, name: string) {
  await page.getByLabel("申请人类型").selectOption({ label: "自然人" });
  await page.getByLabel("姓名或名称").fill(name);
  await page.getByLabel("证件类型").selectOption({ label: "居民身份证" });
  await page.getByLabel("证件号码").fill("11010519491231002X");
  await page.getByLabel("联系电话").fill("13912345678");
  await page
    .getByLabel("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    .fill("本区 2024 年度财政预算执行情况。");
  await page.getByLabel("获取信息的形式").selectOption({ label: "网上查看" });
  await page.getByLabel("获取信息的方式").selectOption({ label: "网上获取" });
  await page.getByRole("group", { name: "声明" }).getByRole("checkbox").check();
}

const submit = (page: Page) =>
  Promise.all([
    page.waitForURL((u) => u.pathname === "/requests/receipt"),
    page.getByRole("button", { name: "提交申请" }).click(),
  ]);

describeBrowser("依申请公开：提交后刷新、后退再提交都不会重复创建申请", () => {
  let server: TTestServer;
  let browser: Browser;
  const requestsOf = async (name: string) =>
    (
      await server.query<{ n: number }>(
        "select count(*)::int as n from requests where applicant->>'name' = $1",
        [name],
      )
    )[0]?.n;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const v of VARIANTS)
    it(`${v.name}（${v.viewport.width}×${v.viewport.height}）：刷新回执、后退再提交，申请数不变`, async () => {
      const page = await newPage(browser, server.baseUrl, { viewport: v.viewport, javaScriptEnabled: v.js });
      const name = `重复提交测试${v.name}`;
      await page.goto("/requests/new");
      // Nothing chosen for the citizen: the ways of getting the information wait for a choice.
      expect(await page.getByLabel("获取信息的方式").inputValue()).toBe("");
      await fillApplication(page, name);
      await submit(page);
      const receiptNo = await receiptNoOn(page);
      expect(receiptNo).toMatch(/^YSQ\d{10}$/);
      expect(await requestsOf(name)).toBe(1);

      await page.reload();
      expect(await receiptNoOn(page)).toBe(receiptNo);
      expect(await requestsOf(name)).toBe(1);

      await page.goBack();
      expect(new URL(page.url()).pathname).toBe("/requests/new");
      expect(await page.locator(".notice[role=status]").textContent()).toContain(`受理编号 ${receiptNo}`);
      // Whatever the browser restored into the fields, this is the form already sent: sent again.
      await submit(page);
      expect(await receiptNoOn(page)).toBe(receiptNo);
      expect(await requestsOf(name)).toBe(1);

      // A new application from the same browser is a new form, and a new request.
      await page.goto("/requests/new");
      await page.getByRole("link", { name: "填写新的申请" }).click();
      await fillApplication(page, name);
      await submit(page);
      expect(await receiptNoOn(page)).not.toBe(receiptNo);
      expect(await requestsOf(name)).toBe(2);
      await page.context().close();
    });

  it("回执可以保存为文件、打印时只印回执，且没有无障碍问题", async () => {
    const page = await newPage(browser, server.baseUrl, { bypassCSP: true });
    await page.goto("/requests/new");
    await fillApplication(page, "回执测试");
    await submit(page);
    const receiptNo = await receiptNoOn(page);
    await expectNoAxeViolations(page);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "保存回执" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`申请回执-${receiptNo}.txt`);

    expect(await page.getByRole("button", { name: "打印回执" }).isVisible()).toBe(true);
    await page.emulateMedia({ media: "print" });
    const shown = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).display !== "none");
    expect(await shown(".site-header")).toBe(false);
    expect(await shown(".site-footer")).toBe(false);
    expect(await shown(".receipt-actions")).toBe(false);
    expect(await shown(".receipt-sheet")).toBe(true);
    await page.context().close();
  });
});
