import decodeQR from "@paulmillr/qr/decode.js";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  describeBrowser,
  expectNoAxeViolations,
  launchBrowser,
  newPage,
  startServer,
  type TTestServer,
} from "../server";

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const LABELS = ["索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期", "有效性"];

// Demo data: the 2019 低保 measures, repealed from 2023-04-01 by the 2023 ones (市中政发〔2023〕3号).
const REPEALED_NO = "市中政发〔2019〕8号";
const CURRENT_NO = "市中政发〔2023〕3号";

describeBrowser("公开文件页：元数据、废止提示、条文锚点、打印和分享", () => {
  let server: TTestServer;
  let browser: Browser;
  let repealedId: number;
  let currentId: number;

  /** The id of the one document found by its 文号 in the public catalogue. */
  const idOf = async (docNumber: string) => {
    const res = await fetch(`${server.baseUrl}/documents?q=${encodeURIComponent(docNumber)}`);
    const id = /href="\/documents\/(\d+)"/.exec(await res.text())?.[1];
    expect(id, docNumber).toBeTruthy();
    return Number(id);
  };

  const open = async (
    path: string,
    opts: { viewport?: typeof DESKTOP; isElder?: boolean; javaScriptEnabled?: boolean } = {},
  ): Promise<Page> => {
    const page = await newPage(browser, server.baseUrl, {
      viewport: opts.viewport ?? DESKTOP,
      javaScriptEnabled: opts.javaScriptEnabled ?? true,
      // axe is added as an inline script, which the site's CSP refuses.
      bypassCSP: true,
    });
    if (opts.isElder)
      await page.context().addCookies([{ name: "gk_elder", value: "1", url: server.baseUrl }]);
    expect((await page.goto(path))?.status()).toBe(200);
    return page;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    [repealedId, currentId] = await Promise.all([idOf(REPEALED_NO), idOf(CURRENT_NO)]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe.each([
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const)("on a %s", (_name, viewport) => {
    it.each([
      [false, true],
      [true, true],
      [false, false],
      [true, false],
    ])("elder mode %s, JavaScript %s: metadata, banner and tools", async (isElder, javaScriptEnabled) => {
      const page = await open(`/documents/${repealedId}`, { viewport, isElder, javaScriptEnabled });
      const facts = page.locator(".doc-facts");
      expect(await facts.locator("dt").allTextContents()).toEqual(expect.arrayContaining(LABELS));
      expect(await facts.locator(".badge").textContent()).toBe("废止");

      // Two facts to a row; on a wide screen each value beside its label, on a phone below it.
      const box = (l: string, el: "dt" | "dd") =>
        facts
          .locator(".fact", { has: page.locator("dt", { hasText: l }) })
          .locator(el)
          .boundingBox();
      const [index, topic, indexValue] = await Promise.all([
        box("索引号", "dt"),
        box("主题分类", "dt"),
        box("索引号", "dd"),
      ]);
      expect(topic?.y).toBe(index?.y);
      if (viewport === DESKTOP) expect(indexValue?.y).toBe(index?.y);
      else expect(indexValue?.y).toBeGreaterThanOrEqual((index?.y ?? 0) + (index?.height ?? 0) - 1);
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );

      // The banner stands before the title, inside the first screen, with the date and the replacement.
      const banner = page.locator(".validity-banner");
      expect(await banner.getByRole("heading").textContent()).toBe("本文件已废止");
      expect(await banner.textContent()).toContain("2023-04-01");
      expect(await banner.getByRole("link").getAttribute("href")).toBe(`/documents/${currentId}`);
      expect((await banner.boundingBox())?.y).toBeLessThan(viewport.height);

      // Breadcrumbs.
      const trail = page.getByRole("navigation", { name: "当前位置" });
      expect(await trail.getByRole("link").allTextContents()).toEqual(["首页", "政府信息公开", "规范性文件"]);

      // The address is always there to copy; the buttons only when they can work.
      expect(await page.getByLabel("本页链接").inputValue()).toBe(
        `${server.baseUrl}/documents/${repealedId}`,
      );
      expect(await page.getByRole("button", { name: "打印本页" }).isVisible()).toBe(javaScriptEnabled);
      expect(await page.getByRole("button", { name: "复制链接" }).isVisible()).toBe(javaScriptEnabled);
      await page.context().close();
    });
  });

  it("an article's address opens the page at that article, and its number links to it", async () => {
    const page = await open(`/documents/${currentId}#art-5`, { viewport: PHONE });
    const target = page.locator(":target");
    expect(await target.getAttribute("id")).toBe("art-5");
    expect(await target.textContent()).toMatch(/^第五条/);
    const box = await target.boundingBox();
    expect(box?.y).toBeGreaterThanOrEqual(0);
    expect(box?.y).toBeLessThan(PHONE.height);
    expect(await page.locator("#art-4 a.anchor-link").getAttribute("href")).toBe("#art-4");
    await page.locator("#art-4 a.anchor-link").click();
    expect(new URL(page.url()).hash).toBe("#art-4");
    await page.context().close();
  });

  it("copies the page's address with the copy button", async () => {
    const page = await open(`/documents/${currentId}`);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("button", { name: "复制链接" }).click();
    await expect.poll(() => page.locator(".copy-status").textContent()).toBe("链接已复制。");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${server.baseUrl}/documents/${currentId}`,
    );
    await page.context().close();
  });

  it.each([true, false])(
    "prints without the site's chrome, with the address and date (elder %s)",
    async (isElder) => {
      const page = await open(`/documents/${repealedId}`, { isElder });
      await page.emulateMedia({ media: "print" });
      for (const hidden of [".site-header", ".site-footer", ".breadcrumbs", ".doc-tools", ".doc-aside"])
        expect(await page.locator(hidden).isVisible(), hidden).toBe(false);
      for (const shown of ["h1", ".doc-facts", ".doc-body", ".validity-banner"])
        expect(await page.locator(shown).isVisible(), shown).toBe(true);
      const source = page.locator(".print-source");
      expect(await source.isVisible()).toBe(true);
      expect(await source.textContent()).toMatch(
        new RegExp(`本页网址：${server.baseUrl}/documents/${repealedId}\\s*打印日期：\\d{4}-\\d{2}-\\d{2}`),
      );
      // On screen the printed line is not shown.
      await page.emulateMedia({ media: "screen" });
      expect(await source.isVisible()).toBe(false);
      await page.context().close();
    },
  );

  it("serves the QR code as an SVG image that scans to the page's address", async () => {
    const page = await open(`/documents/${currentId}`);
    const res = await page.request.get(`/documents/${currentId}/qr.svg`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect((await page.request.get("/documents/99999999/qr.svg")).status()).toBe(404);
    // Drawn by the browser from the page's own <img>, as a phone's camera would see it on screen.
    const pixels = await page.locator(".doc-qr img").evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = 300;
      canvas.height = 300;
      const g = canvas.getContext("2d") as CanvasRenderingContext2D;
      g.drawImage(img, 0, 0, 300, 300);
      return Array.from(g.getImageData(0, 0, 300, 300).data);
    });
    expect(decodeQR({ width: 300, height: 300, data: Uint8Array.from(pixels) })).toBe(
      `${server.baseUrl}/documents/${currentId}`,
    );
    await page.context().close();
  });

  it.each([
    ["repealed", DESKTOP, false],
    ["repealed", PHONE, true],
    ["current", DESKTOP, true],
    ["current", PHONE, false],
  ] as const)(
    "the %s document at %o (elder %s) has no WCAG 2.1 AA violation",
    async (which, viewport, isElder) => {
      const page = await open(`/documents/${which === "repealed" ? repealedId : currentId}`, {
        viewport,
        isElder,
      });
      await expectNoAxeViolations(page);
      await page.context().close();
    },
  );
});
