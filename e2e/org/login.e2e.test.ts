import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo";
import {
  describeBrowser,
  launchBrowser,
  logIn,
  newPage,
  startServer,
  submitAndWait,
  type TTestServer,
} from "../server";

const path = (page: Page) => new URL(page.url()).pathname;

describeBrowser("工作人员登录", () => {
  let server: TTestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  // A fresh context per test: no session leaks from one test into the next.
  beforeEach(async () => {
    page = await newPage(browser, server.baseUrl);
  });
  afterEach(async () => {
    await page?.context().close();
  });

  it("管理员通过表单登录后进入工作台，会话 Cookie 为 HttpOnly 且 SameSite=Lax", async () => {
    await page.goto("/");
    await page.getByRole("banner").getByRole("link", { name: "工作人员登录" }).click();
    await page.waitForURL((u) => u.pathname === "/login");
    await page.getByLabel("用户名").fill("admin");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/admin"),
      page.getByRole("button", { name: "登录" }).click(),
    ]);

    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("工作台");
    const session = (await page.context().cookies()).find((c) => c.name === "gk_session");
    expect(session).toBeDefined();
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    expect(session?.path).toBe("/");
    // Scripts on the page must not be able to read the session.
    expect(await page.evaluate(() => document.cookie)).not.toContain("gk_session");
  });

  it("密码错误时在密码栏旁提示“用户名或密码不正确”，仍停留在登录页", async () => {
    await page.goto("/login");
    await page.getByLabel("用户名").fill("admin");
    await page.getByLabel("密码").fill("not-the-password");
    const response = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login",
    );
    await submitAndWait(page, () => page.getByRole("button", { name: "登录" }).click());
    expect((await response).status()).toBe(401);
    expect(path(page)).toBe("/login");

    const password = page.getByLabel("密码");
    const error = page.locator(".field", { has: password }).locator(".field-error");
    expect(await error.textContent()).toContain("用户名或密码不正确");
    expect(await password.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await password.getAttribute("aria-describedby"))?.split(" ") ?? [];
    expect(describedBy).toContain(await error.getAttribute("id"));
    // The username is kept, the password is not echoed back.
    expect(await page.getByLabel("用户名").inputValue()).toBe("admin");
    expect(await password.inputValue()).toBe("");
    expect((await page.context().cookies()).some((c) => c.name === "gk_session")).toBe(false);
  });

  it("退出登录回到门户，之后访问 /admin 转到登录页", async () => {
    await logIn(page, "admin");
    expect(path(page)).toBe("/admin");

    await Promise.all([
      page.waitForURL((u) => u.pathname === "/"),
      page.getByRole("button", { name: "退出登录" }).click(),
    ]);
    expect(await page.getByRole("banner").getByRole("link", { name: "工作人员登录" }).count()).toBe(1);
    expect((await page.context().cookies()).some((c) => c.name === "gk_session")).toBe(false);

    await page.goto("/admin");
    expect(path(page)).toBe("/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/admin");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("工作人员登录");
  });

  it("政务公开办公室的导航一行放得下：不常用的在“更多”里，不用脚本也能展开，当前页写在“更多”旁", async () => {
    const noScript = await newPage(browser, server.baseUrl, {
      javaScriptEnabled: false,
      viewport: { width: 1366, height: 768 },
    });
    await logIn(noScript, "office");
    const nav = noScript.getByRole("navigation", { name: "工作台导航" });
    const calendar = nav.getByRole("link", { name: "工作日历" });
    expect(await calendar.isVisible()).toBe(false);
    await nav.locator("summary").click();
    expect(await calendar.isVisible()).toBe(true);
    await Promise.all([noScript.waitForURL((u) => u.pathname === "/admin/calendar"), calendar.click()]);
    expect(path(noScript)).toBe("/admin/calendar");
    await expect(nav.locator("summary").textContent()).resolves.toContain("工作日历");
    // The row of frequent entries is one line at 1366 px: every one of them on the first's line.
    const tops = await nav
      .locator(":scope > ul > li:not(.nav-more) > a")
      .evaluateAll((links) => links.map((a) => Math.round(a.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await noScript.context().close();
  });

  it("单位联络员登录后，工作台导航里没有“用户管理”", async () => {
    await logIn(page, "wj.liaison");
    expect(path(page)).toBe("/admin");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("工作台");

    const nav = page.getByRole("navigation", { name: "工作台导航" });
    const labels = (await nav.getByRole("link").allTextContents()).map((t) => t.trim());
    expect(labels).toContain("工作台");
    expect(labels).toContain("联络员名册");
    expect(labels).not.toContain("用户管理");

    const res = await page.goto("/admin/users");
    expect(res?.status()).toBe(403);
  });
});
