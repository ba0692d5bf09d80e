import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  describeBrowser,
  expectNoAxeViolations,
  launchBrowser,
  logIn,
  startServer,
  submitAndWait,
  type TTestServer,
} from "../server";

// The demo catalogues: 大观园街道办事处 (State Council areas and its own "+n" area 老旧小区改造) and
// 区卫生健康局 (卫生健康, tagged to its published demo documents).

const VIEWPORTS = [
  { title: "桌面 1366×768", viewport: { width: 1366, height: 768 } },
  { title: "手机 390×844", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
];

describeBrowser("基层标准目录", () => {
  let server: TTestServer;
  let browser: Browser;
  let street: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const unit = async (name: string) =>
      (await server.query<{ id: number }>("select id from units where name = $1", [name]))[0]?.id as number;
    street = await unit("大观园街道办事处");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(v: (typeof VIEWPORTS)[number], elder: boolean): Promise<Page> {
    const context = await browser.newContext({
      ...v,
      baseURL: server.baseUrl,
      locale: "zh-CN",
      bypassCSP: true,
    });
    if (elder) await context.addCookies([{ name: "gk_elder", value: "1", url: server.baseUrl }]);
    return context.newPage();
  }

  for (const v of VIEWPORTS)
    for (const elder of [false, true])
      it(`公开目录页面无障碍（${v.title}${elder ? "，适老模式" : ""}）`, async () => {
        const page = await open(v, elder);
        await page.goto("/catalogues");
        await expect(page.getByRole("heading", { level: 1 })).toBeDefined();
        expect(await page.getByRole("link", { name: "大观园街道办事处" }).count()).toBe(1);
        await expectNoAxeViolations(page);

        await page.getByRole("link", { name: "大观园街道办事处" }).click();
        await page.waitForURL(`**/catalogues/${street}`);
        expect(await page.getByRole("heading", { name: "社会救助领域" }).count()).toBe(1);
        expect(await page.getByRole("heading", { name: "老旧小区改造领域" }).count()).toBe(1);
        await expectNoAxeViolations(page);
        // Nothing wider than the screen on a phone.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(1);

        await page.getByRole("link", { name: /^养老服务/ }).click();
        await page.waitForURL(/area=/);
        expect(await page.getByRole("heading", { name: "养老服务领域" }).count()).toBe(1);
        expect(await page.getByRole("heading", { name: "社会救助领域" }).count()).toBe(0);
        await page.context().close();
      });

  it("工作人员新增事项、查看回头看并在文件页标注目录事项", async () => {
    const page = await open(VIEWPORTS[0] as (typeof VIEWPORTS)[number], false);
    await logIn(page, "office");
    await page.goto(`/admin/catalogues/${street}`);
    await expectNoAxeViolations(page);
    await page.getByLabel("领域").first().selectOption({ label: "社会救助" });
    await page.getByLabel("一级事项").fill("特困人员救助供养");
    await page.getByLabel("二级事项").fill("供养标准");
    await page.getByLabel("公开时限").fill("信息形成之日起10个工作日内");
    await page.getByRole("checkbox", { name: "公示栏" }).check();
    await submitAndWait(page, () => page.getByRole("button", { name: "新增事项" }).click());
    expect(await page.getByRole("cell", { name: "供养标准", exact: true }).count()).toBe(1);
    expect(await page.getByText("信息形成或变更后第 10 个工作日内（已解析）").count()).toBe(1);

    await page.goto("/admin/catalogues/coverage?from=2026-01-01&to=2026-12-31");
    await expectNoAxeViolations(page);
    expect(await page.getByRole("heading", { name: "按单位汇总" }).count()).toBe(1);

    await page.context().close();

    // The health bureau's editor writes a notice; on its page, tags it with the bureau's catalogue item.
    const editor = await open(VIEWPORTS[0] as (typeof VIEWPORTS)[number], false);
    await logIn(editor, "wj.editor");
    await editor.goto("/admin/documents/new");
    await editor.locator("#f-title").fill("关于做好冬春季传染病防控工作的通知");
    await submitAndWait(editor, () => editor.locator("#f-title").press("Enter"));
    expect(new URL(editor.url()).pathname).toMatch(/^\/admin\/documents\/\d+$/);
    const panel = editor.locator("section.catalogue-tags");
    expect(await panel.getByRole("heading", { name: "落实的标准目录事项" }).count()).toBe(1);
    await panel.getByRole("checkbox", { name: /传染病防控信息/ }).check();
    await submitAndWait(editor, () => panel.getByRole("button", { name: "保存标注" }).click());
    expect(
      await editor
        .locator("section.catalogue-tags")
        .getByRole("checkbox", { name: /传染病防控信息/ })
        .isChecked(),
    ).toBe(true);
    await expectNoAxeViolations(editor);
    await editor.context().close();
  });
});
