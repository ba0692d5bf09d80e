import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo";
import {
  describeBrowser,
  expectNoAxeViolations,
  launchBrowser,
  startServer,
  type TTestServer,
} from "../server";

// The demo has a decision catalogue for this year, one open consultation, one closed with its
// feedback published, and one closed whose comments still wait for their dispositions.

describeBrowser("公众参与：重大行政决策与意见征集", () => {
  let server: TTestServer;
  let browser: Browser;
  let ids: { open: number; published: number; waiting: number; decision: number };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const rows = await server.query<{ id: number; title: string }>(
      "select id, title from consultations order by id",
    );
    const byTitle = (part: string) => rows.find((r) => r.title.includes(part))?.id as number;
    const [d] = await server.query<{ id: number }>("select id from decisions order by id limit 1");
    ids = {
      published: byTitle("加装电梯"),
      open: byTitle("服务时间"),
      waiting: byTitle("家庭医生"),
      decision: d?.id as number,
    };
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (opts: { elder?: boolean; js?: boolean; mobile?: boolean } = {}) => {
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      locale: "zh-CN",
      bypassCSP: true,
      javaScriptEnabled: opts.js ?? true,
      viewport: opts.mobile ? { width: 390, height: 844 } : { width: 1366, height: 768 },
    });
    if (opts.elder) await context.addCookies([{ name: "gk_elder", value: "1", url: server.baseUrl }]);
    return { context, page: await context.newPage() };
  };

  it("a citizen comments on the open draft without JavaScript, citing an article, and the contact stays private", async () => {
    const { context, page } = await open({ js: false, mobile: true });
    await page.goto("/consultations");
    await page
      .getByRole("link", { name: /服务时间调整方案/ })
      .first()
      .click();
    await page.getByLabel("针对条款（选填）").fill("第二条");
    await page.getByLabel(/意见内容/).fill("建议周六下午也开放疫苗接种。");
    await page.getByLabel(/联系方式/).fill("13700001111");
    await page.getByRole("button", { name: "提交意见" }).click();
    await expect(page.locator(".flash").textContent()).resolves.toContain("您的意见已提交");
    const rows = await server.query<{ body: string; clause: string; contact: string }>(
      "select body, clause, contact from consultation_comments where consultation_id = $1 order by id desc limit 1",
      [ids.open],
    );
    expect(rows[0]).toEqual({
      body: "建议周六下午也开放疫苗接种。",
      clause: "第二条",
      contact: "13700001111",
    });
    expect(await page.content()).not.toContain("13700001111");
    await context.close();
  });

  async function signIn(page: Page, username: string) {
    await page.goto("/login");
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    // Signing in checks a slow password hash: on a loaded machine it can take longer than a click's default wait.
    await page.getByRole("button", { name: "登录" }).click({ timeout: 120_000 });
  }

  it("the unit gives each comment a disposition (a refusal needs its reason), then the office publishes the feedback", async () => {
    const { context, page } = await open();
    await signIn(page, "wj.editor");
    await page.goto("/admin");
    await expect(page.getByRole("region", { name: "意见征集" }).textContent()).resolves.toContain(
      "3 条意见待处理",
    );
    await page.goto(`/admin/consultations/${ids.waiting}`);
    const comments = page.locator("li.staff-comment");
    expect(await comments.count()).toBe(3);
    // Not adopted without a reason: refused, shown on the page.
    await comments.nth(0).getByLabel("处理结果").selectOption("not_adopted");
    await comments.nth(0).getByRole("button", { name: "保存" }).click();
    await expect(page.getByRole("alert").first().textContent()).resolves.toContain("须说明理由");
    const plan = [
      ["adopted", ""],
      ["not_adopted", "个性化服务包价格已按规定在机构内公示。"],
      ["partly_adopted", "先在两个街道试点上门服务。"],
    ] as const;
    for (const [i, [disposition, reason]] of plan.entries()) {
      const row = page.locator("li.staff-comment").nth(i);
      await row.getByLabel("处理结果").selectOption(disposition);
      await row.getByLabel(/^理由/).fill(reason);
      await row.getByRole("button", { name: "保存" }).click();
      await expect(page.locator(".flash").textContent()).resolves.toContain("处理结果已保存");
    }
    await context.close();

    const office = await open();
    await signIn(office.page, "office");
    await office.page.goto(`/admin/consultations/${ids.waiting}`);
    await office.page.getByRole("button", { name: "公布采纳情况反馈" }).click();
    await expect(office.page.locator(".flash").textContent()).resolves.toContain("已公布");
    await office.context.close();

    const citizen = await open();
    await citizen.page.goto(`/consultations/${ids.waiting}`);
    const text = (await citizen.page.locator("main").textContent()) ?? "";
    // 3 comments: 1 adopted, 1 partly, 1 not adopted → (1 + 1) / (3 − 0) = 0.6667 → 66.67%.
    expect(text).toContain("采纳率（采纳与部分采纳占有关意见的比例）为 66.67%");
    expect(text).toContain("个性化服务包价格已按规定在机构内公示。");
    await citizen.context.close();
  }, 600_000);

  for (const elder of [false, true])
    for (const which of ["/decisions", "decision", "/consultations", "open", "published"] as const)
      it(`${which} is axe clean${elder ? " in elder mode" : ""}, on a desktop and a phone, with no sideways scroll`, async () => {
        const path =
          which === "decision"
            ? `/decisions/${ids.decision}`
            : which === "open"
              ? `/consultations/${ids.open}`
              : which === "published"
                ? `/consultations/${ids.published}`
                : which;
        for (const mobile of [false, true]) {
          const { context, page } = await open({ elder, mobile });
          const res = await page.goto(path);
          expect(res?.status(), path).toBe(200);
          expect(await page.locator("html").evaluate((el) => el.classList.contains("elder"))).toBe(elder);
          await expectNoAxeViolations(page);
          // The catalogue's wide table scrolls inside its own region, not the page.
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(width, path).toBeLessThanOrEqual(mobile ? 390 : 1366);
          await context.close();
        }
      });
});
