import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  describeBrowser,
  launchBrowser,
  newPage,
  startServer,
  submitAndWait,
  type TTestServer,
} from "../server";

const SEARCH = `/documents?q=${encodeURIComponent("最低生活保障")}`;
const VIEWPORTS = [
  { name: "桌面 1366×768", width: 1366, height: 768, isPhone: false },
  { name: "手机 390×844", width: 390, height: 844, isPhone: true },
];

/** Opens a page at a viewport, with or without JavaScript, in elder mode or not (the cookie it sets). */
async function openAt(
  browser: Browser,
  baseUrl: string,
  v: { width: number; height: number },
  opts: { javaScriptEnabled: boolean; isElder: boolean },
): Promise<Page> {
  const page = await newPage(browser, baseUrl, {
    viewport: { width: v.width, height: v.height },
    javaScriptEnabled: opts.javaScriptEnabled,
  });
  if (opts.isElder)
    await page.context().addCookies([{ name: "gk_elder", value: opts.isElder ? "1" : "0", url: baseUrl }]);
  return page;
}

/**
 * Every visible text in the page's banner, main content and footer, with its computed size, line
 * height and contrast against the first opaque background behind it (WCAG relative luminance).
 */
function measureTexts(page: Page) {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const channel = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    const luminance = ([r = 0, g = 0, b = 0]: number[]) =>
      0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length < 4 || (c[3] ?? 0) > 0.99) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out: { text: string; fontSize: number; lineHeight: number; contrast: number; inMain: boolean }[] =
      [];
    for (const el of document.querySelectorAll("header *, main *, footer *")) {
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? "")
        .join("")
        .trim();
      if (!own || el.closest(".visually-hidden, [hidden], datalist, .skip-link")) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const style = getComputedStyle(el);
      const fg = luminance(rgb(style.color));
      const bg = luminance(background(el));
      const fontSize = Number.parseFloat(style.fontSize);
      const lineHeight = style.lineHeight === "normal" ? 1.2 * fontSize : Number.parseFloat(style.lineHeight);
      out.push({
        text: own.slice(0, 30),
        fontSize,
        lineHeight,
        contrast: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05),
        inMain: !!el.closest("main"),
      });
    }
    return out;
  });
}

describeBrowser("门户：首页、目录与检索、适老模式", () => {
  let server: TTestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe.each(VIEWPORTS)("$name", (v) => {
    describe.each([
      { js: "启用 JavaScript", javaScriptEnabled: true },
      { js: "禁用 JavaScript", javaScriptEnabled: false },
    ])("$js", ({ javaScriptEnabled }) => {
      describe.each([
        { mode: "普通模式", isElder: false },
        { mode: "适老模式", isElder: true },
      ])("$mode", ({ isElder }) => {
        let page: Page;
        beforeAll(async () => {
          page = await openAt(browser, server.baseUrl, v, { javaScriptEnabled, isElder });
        });
        afterAll(() => page?.context().close());

        it("检索结果的第一条在第一屏内，标题写明条数和检索词", async () => {
          await page.goto(SEARCH);
          expect(await page.locator("h1").textContent()).toMatch(/^找到 \d+ 条与“最低生活保障”相关的信息$/);
          const first = page.locator(".doc-list li h2 a").first();
          const box = await first.boundingBox();
          expect(box).not.toBeNull();
          expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(v.height);
          // The full catalogue too, whose filters would otherwise come first.
          await page.goto("/documents");
          const catalogueFirst = await page.locator(".doc-list li h2 a").first().boundingBox();
          expect((catalogueFirst?.y ?? 0) + (catalogueFirst?.height ?? 0)).toBeLessThanOrEqual(v.height);
        });

        it(v.isPhone ? "筛选折叠在“筛选”下，展开后可用" : "筛选在侧栏中直接可见", async () => {
          await page.goto(SEARCH);
          const facetLink = page.getByRole("navigation", { name: "筛选" }).getByRole("link").first();
          if (v.isPhone) {
            expect(await facetLink.isVisible()).toBe(false);
            await page.locator(".filters-panel > summary").click();
            expect(await facetLink.isVisible()).toBe(true);
          } else {
            expect(await facetLink.isVisible()).toBe(true);
            const side = await page.locator(".filters-panel").boundingBox();
            const results = await page.locator(".doc-list").boundingBox();
            // Beside the results, not above them.
            expect((side?.x ?? 0) + (side?.width ?? 0)).toBeLessThanOrEqual(results?.x ?? 0);
          }
        });

        it(`页头${v.isPhone ? "不超过屏幕高度的四分之一" : "不遮挡内容"}，适老按钮写明作用`, async () => {
          for (const path of ["/", SEARCH]) {
            await page.goto(path);
            const header = await page.locator("header.site-header").boundingBox();
            if (v.isPhone) expect((header?.height ?? 0) / v.height, path).toBeLessThanOrEqual(0.25);
          }
          const label = isElder ? "退出适老模式" : "适老模式";
          expect(await page.getByRole("button", { name: label, exact: true }).count()).toBe(1);
          // Read-aloud needs speech synthesis, which only JavaScript can reach.
          expect(await page.getByRole("button", { name: "朗读本页" }).isVisible()).toBe(javaScriptEnabled);
        });

        if (isElder)
          it("适老模式：正文字号至少 22px，行高至少 1.5 倍，文字对比度至少 7:1", async () => {
            for (const path of ["/", SEARCH]) {
              await page.goto(path);
              const texts = await measureTexts(page);
              expect(texts.length).toBeGreaterThan(20);
              const small = texts.filter((t) => t.inMain && t.fontSize < 22);
              expect(small, path).toEqual([]);
              // Pixel values are rounded: 1.5 × 28.6 px computes as 42.9 px, a hair under 1.5.
              const tight = texts.filter((t) => t.inMain && t.lineHeight / t.fontSize < 1.495);
              expect(tight, path).toEqual([]);
              const faint = texts.filter((t) => t.contrast < 7);
              expect(faint, path).toEqual([]);
            }
          });
      });
    });
  });

  describe.each([
    { js: "启用 JavaScript", javaScriptEnabled: true },
    { js: "禁用 JavaScript", javaScriptEnabled: false },
  ])("$js", ({ javaScriptEnabled }) => {
    let page: Page;
    beforeAll(async () => {
      page = await newPage(browser, server.baseUrl, { javaScriptEnabled });
    });
    afterAll(() => page?.context().close());

    it("已选条件显示为可移除的标签，移除一个保留其余", async () => {
      await page.goto(`${SEARCH}&kind=normative`);
      const chips = page.locator(".chips .chip");
      expect(await chips.allTextContents()).toEqual([
        "移除条件 关键词：最低生活保障×",
        "移除条件 文件类型：规范性文件×",
      ]);
      await submitAndWait(page, () => page.getByRole("link", { name: /文件类型：规范性文件/ }).click());
      const url = new URL(page.url());
      expect(url.searchParams.get("kind")).toBeNull();
      expect(url.searchParams.get("q")).toBe("最低生活保障");
      expect(await chips.allTextContents()).toEqual(["移除条件 关键词：最低生活保障×"]);
    });

    it("按日期排序，页码编号、当前页标明，上一页和下一页可用", async () => {
      await page.goto(SEARCH);
      await submitAndWait(page, () => page.getByRole("link", { name: "按发布日期" }).click());
      expect(new URL(page.url()).searchParams.get("sort")).toBe("date");
      expect(await page.locator(".sort [aria-current]").textContent()).toBe("按发布日期");

      await page.goto("/documents");
      const total = Number(/共 (\d+) 条/.exec((await page.locator("h1").textContent()) ?? "")?.[1]);
      const pages = Math.ceil(total / 20);
      expect(pages).toBeGreaterThan(3);
      const paging = page.getByRole("navigation", { name: "分页" });
      expect(await paging.locator('[aria-current="page"]').textContent()).toBe("1");
      expect(await paging.getByRole("link", { name: "上一页" }).count()).toBe(0);
      expect(await paging.getByRole("link", { name: `第 ${pages} 页` }).count()).toBe(1);
      await submitAndWait(page, () => paging.getByRole("link", { name: "第 2 页" }).click());
      expect(new URL(page.url()).searchParams.get("page")).toBe("2");
      expect(await paging.locator('[aria-current="page"]').textContent()).toBe("2");
      const firstOnTwo = await page.locator(".doc-list li h2").first().textContent();
      await submitAndWait(page, () => paging.getByRole("link", { name: "下一页" }).click());
      expect(new URL(page.url()).searchParams.get("page")).toBe("3");
      await submitAndWait(page, () => paging.getByRole("link", { name: "上一页" }).click());
      expect(await page.locator(".doc-list li h2").first().textContent()).toBe(firstOnTwo);
    });

    it("首页有检索框、最新信息和第二十条各项及政策解读的目录入口", async () => {
      await page.goto("/");
      await page.getByLabel("检索政府信息").fill("最低生活保障");
      await submitAndWait(page, () => page.getByRole("button", { name: "检索" }).click());
      expect(new URL(page.url()).pathname).toBe("/documents");
      expect(new URL(page.url()).searchParams.get("q")).toBe("最低生活保障");

      await page.goto("/");
      expect(await page.locator(".home-latest li").count()).toBe(8);
      const entries = page.getByRole("region", { name: "法定主动公开内容" });
      await submitAndWait(page, () => entries.getByRole("link", { name: "政策解读" }).click());
      expect(new URL(page.url()).searchParams.get("kind")).toBe("interpretation");
      expect(await page.locator(".doc-list li").count()).toBeGreaterThan(0);
    });
  });
});
