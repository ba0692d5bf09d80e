import type { Browser } from "playwright-core";
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

describeBrowser("建议提案与企事业单位投诉：无脚本投诉、登记和答复、无障碍", () => {
  let server: TTestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("收到无脚本提交的投诉并给出回执，联系方式不在公开页面上", async () => {
    const page = await newPage(browser, server.baseUrl, {
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    await page.goto("/complaints/new");
    await page.getByLabel("被投诉单位名称").fill("某区自来水公司");
    await page.getByLabel("所属行业").selectOption("water");
    await page.getByLabel("未公开的信息").fill("未公开本季度水质检测结果。");
    await page.getByLabel("联系方式（可选）").fill("13700002222");
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/complaints/receipt"),
      page.getByRole("button", { name: "提交投诉" }).click(),
    ]);
    expect(await page.locator("main").textContent()).toMatch(/TS\d{10}/);
    const rows = await server.query<{ n: number }>(
      "select count(*)::int as n from complaints where organisation = '某区自来水公司'",
    );
    expect(rows[0]?.n).toBe(1);
    await page.goto("/complaints");
    expect(await page.content()).not.toContain("13700002222");
    await page.context().close();
  });

  it("工作人员登记建议，主办单位答复后在门户公开", async () => {
    const office = await newPage(browser, server.baseUrl);
    await logIn(office, "office");
    await office.goto("/admin/proposals/new");
    await office.getByLabel("类别").selectOption("npc_suggestion");
    await office.getByLabel("编号").fill("88");
    await office.getByLabel("标题").fill("关于公开公交线路调整信息的建议");
    await office.getByLabel("提出人（代表或委员）").fill("测试代表");
    await office.getByLabel("主办单位").selectOption({ label: "区卫生健康局" });
    await office.getByLabel("交办日期").fill("2026-09-01");
    await submitAndWait(office, () => office.getByRole("button", { name: "登记" }).click());
    // 2026-09-01 + 3 months → 2026-12-01, a Tuesday and a working day.
    expect(await office.locator("main").textContent()).toContain("2026-12-01");
    const id = new URL(office.url()).pathname.split("/").at(-1);
    await office.context().close();

    const head = await newPage(browser, server.baseUrl);
    await logIn(head, "wj.head");
    await head.goto(`/admin/proposals/${id}`);
    await head.getByLabel("答复日期").fill("2026-10-20");
    await head.getByLabel("答复类别").selectOption("A");
    await head.getByRole("textbox", { name: "答复全文" }).fill("已在区政府网站公开公交线路调整信息。");
    await submitAndWait(head, () => head.getByRole("button", { name: "提交答复" }).click());
    expect(await head.locator("main").textContent()).toContain("全文公开");
    await head.context().close();

    const visitor = await newPage(browser, server.baseUrl);
    await visitor.goto(`/proposals/${id}`);
    expect(await visitor.locator("main").textContent()).toContain("已在区政府网站公开公交线路调整信息");
    expect(await visitor.content()).not.toContain("测试代表");
    await visitor.context().close();
  });

  for (const elder of [false, true])
    it(`新的公开页面没有无障碍问题${elder ? "（适老模式）" : ""}`, async () => {
      const page = await newPage(browser, server.baseUrl, { bypassCSP: true });
      if (elder) await page.context().addCookies([{ name: "gk_elder", value: "1", url: server.baseUrl }]);
      const [first] = await server.query<{ id: number }>(
        "select p.id from proposals p where exists (select 1 from proposal_replies r where r.proposal_id = p.id and r.is_public) order by p.id limit 1",
      );
      for (const path of [
        "/proposals",
        `/proposals/${first?.id}`,
        "/complaints",
        "/complaints/new",
        "/complaints/status",
      ]) {
        await page.goto(path);
        await expectNoAxeViolations(page);
      }
      await page.context().close();
    });
});
