import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  describeBrowser,
  expectNoAxeViolations,
  launchBrowser,
  newPage,
  startServer,
  submitAndWait,
  type TTestServer,
} from "../server";

// A citizen takes part without JavaScript: registers for a meeting (列席) and an open day (where the
// demo's places are taken, so on the waiting list), cancels with the token, answers a survey. Every
// new public page is then checked with axe, in normal and in elder mode.

describeBrowser("公众参与 without JavaScript", () => {
  let server: TTestServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await newPage(browser, server.baseUrl, { javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const count = async (sql: string) => Number((await server.query<{ n: number }>(sql))[0]?.n);

  it("registers for a meeting from the 公众参与 section", async () => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "公众参与" }).click();
    await page.getByRole("heading", { name: "列席会议" }).getByRole("link").click();
    await page.getByRole("link", { name: "老旧小区改造年度计划审议会（公众代表列席）" }).click();
    const before = await count("select count(*)::int as n from meeting_registrations");
    await page.getByLabel("姓名").fill("韩梅梅");
    await page.getByLabel("联系电话").fill("13700001111");
    await page.getByLabel("报名身份").selectOption({ label: "群众代表" });
    await page.getByLabel("报名理由").fill("住在改造范围内，想反映加装电梯的问题。");
    await submitAndWait(page, () => page.getByRole("button", { name: "提交报名" }).click());
    expect(((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim()).toBe("报名已提交");
    expect(await count("select count(*)::int as n from meeting_registrations")).toBe(before + 1);
    // The meeting page shows no phone of anyone.
    await page.goBack();
    await page.reload();
    expect(await page.content()).not.toContain("13700001111");
  });

  it("registers for a full open day, lands on the waiting list, and cancels with the token", async () => {
    await page.goto("/open-days");
    await page.getByRole("link", { name: "政府开放日：走进区政务服务中心" }).click();
    await page.getByLabel("姓名").fill("李雷");
    await page.getByLabel("联系电话").fill("13700002222");
    await submitAndWait(page, () => page.getByRole("button", { name: "报名候补" }).click());
    expect(((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim()).toBe("已进入候补");
    const token = ((await page.locator(".cancel-token").textContent()) ?? "").trim();
    expect(token).toMatch(/^[\w-]{16}$/);
    await page.getByRole("link", { name: "取消报名" }).click();
    await page.getByLabel("取消凭证").fill(token);
    await submitAndWait(page, () => page.getByRole("button", { name: "取消报名" }).click());
    expect(await page.getByRole("status").textContent()).toContain("已取消报名");
    expect(
      await count(
        "select count(*)::int as n from open_day_registrations where phone = '13700002222' and status = 'cancelled'",
      ),
    ).toBe(1);
  });

  it("answers a survey and sees the results as charts with tables", async () => {
    await page.goto("/surveys");
    await page.getByRole("link", { name: "政务服务满意度问卷" }).click();
    const before = await count("select count(*)::int as n from survey_responses");
    await page
      .getByRole("group", { name: /总体评价/ })
      .getByLabel("满意", { exact: true })
      .check();
    await page
      .getByRole("group", { name: /办事渠道/ })
      .getByLabel("网上")
      .check();
    await page
      .getByRole("group", { name: /办事渠道/ })
      .getByLabel("掌上办")
      .check();
    await page
      .getByRole("group", { name: /办事指南/ })
      .getByLabel("4 分")
      .check();
    await page.getByLabel(/其他意见建议/).fill("希望增加夜间自助服务。");
    await submitAndWait(page, () => page.getByRole("button", { name: "提交问卷" }).click());
    expect(((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim()).toBe("问卷已提交");
    expect(await count("select count(*)::int as n from survey_responses")).toBe(before + 1);
    await page.getByRole("link", { name: "查看统计结果" }).click();
    expect(await page.getByRole("img", { name: /总体评价/ }).isVisible()).toBe(true);
    expect(await page.locator("table").count()).toBeGreaterThanOrEqual(3);
    expect(await page.content()).not.toContain("希望增加夜间自助服务");
  });

  for (const isElder of [false, true])
    it(`passes axe on every new public page${isElder ? " in elder mode" : ""}`, {
      timeout: 240_000,
    }, async () => {
      const paths = [
        "/participation",
        "/meetings",
        "/meetings/1",
        "/meetings/2",
        "/open-days",
        "/open-days/1",
        "/open-days/1/cancel",
        "/surveys",
        "/surveys/1",
        "/surveys/1/results",
        "/accountability",
        "/accountability/1",
      ];
      {
        const p = await newPage(browser, server.baseUrl, { bypassCSP: true });
        if (isElder) await p.context().addCookies([{ name: "gk_elder", value: "1", url: server.baseUrl }]);
        for (const path of paths) {
          const r = await p.goto(path);
          expect(r?.status(), path).toBe(200);
          try {
            await expectNoAxeViolations(p);
          } catch (err) {
            throw new Error(`${path}${isElder ? "（适老模式）" : ""}: ${(err as Error).message}`);
          }
        }
        await p.context().close();
      }
    });
});
