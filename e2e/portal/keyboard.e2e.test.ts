import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { PORTAL_NAV } from "../../src/app";
import { describeBrowser, launchBrowser, newPage, startServer, type TTestServer } from "../server";

// The portal's own navigation, in its order.
const MAIN_NAV = PORTAL_NAV.map(({ href, label }) => ({ href, label }));

type TFocused = {
  tag: string;
  id: string;
  text: string;
  href: string | null;
  inMainNav: boolean;
  outlineStyle: string;
  outlineWidth: number;
  boxShadow: string;
};

/** What has keyboard focus now, and how it is drawn. */
function focused(page: Page): Promise<TFocused | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      text: (el.textContent ?? "").trim(),
      href: el.getAttribute("href"),
      inMainNav: !!el.closest('nav[aria-label="主导航"]'),
      outlineStyle: style.outlineStyle,
      outlineWidth: Number.parseFloat(style.outlineWidth),
      boxShadow: style.boxShadow,
    };
  });
}

function expectVisibleFocus(f: TFocused | null) {
  expect(f).not.toBeNull();
  if (!f) return;
  const hasOutline = f.outlineStyle !== "none" && f.outlineWidth > 0;
  const hasShadow = f.boxShadow !== "none" && f.boxShadow !== "";
  expect(hasOutline || hasShadow, `焦点不可见：<${f.tag}> ${f.text}`).toBe(true);
}

describeBrowser("仅用键盘浏览门户", () => {
  let server: TTestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await newPage(browser, server.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    await page.goto("/");
  });

  it("第一次按 Tab 聚焦“跳到主要内容”，回车后焦点移到主要内容区", async () => {
    await page.keyboard.press("Tab");
    const first = await focused(page);
    expect(first?.text).toBe("跳到主要内容");
    expect(first?.href).toBe("#main");
    expectVisibleFocus(first);
    // Hidden off-screen until focused; a sighted keyboard user must see it once it has focus.
    const box = await page.locator(".skip-link").boundingBox();
    expect(box).not.toBeNull();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect(box?.y).toBeGreaterThanOrEqual(0);

    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "main");
    expect((await focused(page))?.tag).toBe("main");
  });

  it("Tab 依次连续到达主导航的每个链接，焦点始终可见；回车打开公开指南", async () => {
    const order: TFocused[] = [];
    for (let i = 0; i < 30 && order.filter((o) => o.inMainNav).length < MAIN_NAV.length; i++) {
      await page.keyboard.press("Tab");
      const f = await focused(page);
      expectVisibleFocus(f);
      if (f) order.push(f);
    }
    const firstNav = order.findIndex((o) => o.inMainNav);
    expect(firstNav, "Tab 没有到达主导航").toBeGreaterThan(0);
    const run = order.slice(firstNav).map((f) => ({ href: f.href, label: f.text, inMainNav: f.inMainNav }));
    expect(run).toEqual(MAIN_NAV.map((n) => ({ ...n, inMainNav: true })));

    // Back from the last link to 政府信息公开指南.
    const guideIndex = MAIN_NAV.findIndex((n) => n.href === "/guide");
    for (let i = 0; i < MAIN_NAV.length - 1 - guideIndex; i++) await page.keyboard.press("Shift+Tab");
    const guideLink = await focused(page);
    expect(guideLink?.inMainNav).toBe(true);
    expect(guideLink?.text).toBe("政府信息公开指南");
    expectVisibleFocus(guideLink);

    await Promise.all([page.waitForURL((u) => u.pathname === "/guide"), page.keyboard.press("Enter")]);
    expect(await page.locator("h1").textContent()).toContain("政府信息公开指南");
  });
});
