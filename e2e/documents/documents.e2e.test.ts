import type { Browser } from "playwright-core";
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

describeBrowser("公开目录：检索、筛选、阅读", () => {
  let server: TTestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a citizen searches, narrows by kind and opens a document, without JavaScript", async () => {
    const page = await newPage(browser, server.baseUrl, { javaScriptEnabled: false });
    await page.goto("/documents");
    await page.getByLabel("检索政府信息").fill("最低生活保障");
    await submitAndWait(page, () => page.getByRole("button", { name: "检索" }).click());
    expect(new URL(page.url()).searchParams.get("q")).toBe("最低生活保障");
    const heading = await page.locator("#results-heading").textContent();
    const total = Number(/找到 (\d+) 条/.exec(heading ?? "")?.[1]);
    expect(total).toBeGreaterThan(1);
    await expect.poll(() => page.locator(".doc-list mark").first().textContent()).toContain("最低生活保障");

    const facets = page.getByRole("navigation", { name: "筛选" });
    await submitAndWait(page, () => facets.getByRole("link", { name: /^规范性文件（\d+）$/ }).click());
    expect(new URL(page.url()).searchParams.get("kind")).toBe("normative");
    const narrowed = Number(
      /找到 (\d+) 条/.exec((await page.locator("#results-heading").textContent()) ?? "")?.[1],
    );
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(total);
    await expect.poll(() => facets.locator("[aria-current]").first().textContent()).toContain("规范性文件");

    const current = page.locator(".doc-list li", { hasText: "市中政发〔2023〕3号" });
    await submitAndWait(page, () => current.getByRole("link").click());
    expect(await page.locator("h1").textContent()).toBe("市中区城乡居民最低生活保障实施办法");
    expect(await page.locator(".doc-facts .badge").textContent()).toBe("有效");
    expect(await page.locator(".doc-body").textContent()).toContain("第一条");
    // 三同步: the policy links its interpretation, which links back.
    await submitAndWait(page, () =>
      page
        .getByRole("link", { name: /政策解读/ })
        .first()
        .click(),
    );
    expect(await page.locator("h1").textContent()).toContain("政策解读");
    expect(await page.locator(".doc-link").first().textContent()).toContain(
      "市中区城乡居民最低生活保障实施办法",
    );
    await page.context().close();
  });

  it("suggests titles while typing when JavaScript is on", async () => {
    const page = await newPage(browser, server.baseUrl);
    await page.goto("/documents");
    await page.getByLabel("检索政府信息").pressSequentially("济南市绿化", { delay: 30 });
    await expect
      .poll(() =>
        page
          .locator("#q-suggestions option")
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
      )
      .toContain("济南市绿化条例");
    await page.context().close();
  });

  it("shows a repealed document as repealed, with the document that repealed it", async () => {
    const page = await newPage(browser, server.baseUrl);
    await page.goto(`/documents?q=${encodeURIComponent("市中政发〔2019〕8号")}`);
    await submitAndWait(page, () => page.locator(".doc-list li").first().getByRole("link").click());
    expect(await page.locator(".validity-banner").textContent()).toMatch(
      /废止[\s\S]*市中区城乡居民最低生活保障实施办法/,
    );
    await page.context().close();
  });

  it("offers topics and the request form when nothing is found", async () => {
    const page = await newPage(browser, server.baseUrl);
    await page.goto(`/documents?q=${encodeURIComponent("量子纠缠火星基地")}`);
    expect(await page.locator("#no-results").textContent()).toContain("没有找到");
    expect(await page.getByRole("link", { name: "申请获取政府信息" }).getAttribute("href")).toBe(
      "/requests/new",
    );
    await page.context().close();
  });

  it.each([
    "/documents",
    `/documents?q=${encodeURIComponent("政府信息公开")}`,
    `/documents?q=${encodeURIComponent("量子纠缠火星基地")}`,
    "/normative",
    "/gazette",
  ])("%s has no WCAG 2.1 AA violation", async (path) => {
    const page = await newPage(browser, server.baseUrl, { bypassCSP: true });
    expect((await page.goto(path))?.status()).toBe(200);
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it("a document page and a 公报 issue have no WCAG 2.1 AA violation", async () => {
    const page = await newPage(browser, server.baseUrl, { bypassCSP: true });
    await page.goto("/gazette");
    await submitAndWait(page, () => page.getByRole("link", { name: "2023年第1期" }).click());
    await expectNoAxeViolations(page);
    await submitAndWait(page, () => page.locator("main ol a").first().click());
    expect(page.url()).toMatch(/\/documents\/\d+$/);
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
