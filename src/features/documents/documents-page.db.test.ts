import decodeQR from "@paulmillr/qr/decode.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, seedOrg, tokenFor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";

/** The SVG drawn as pixels (each module 4×4, black on white), as a camera would see the code. */
function rasterize(svg: string) {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const scale = 4;
  const width = size * scale;
  const data = new Uint8Array(width * width * 4).fill(255);
  const path = /<path d="([^"]*)"/.exec(svg)?.[1] ?? "";
  for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let py = y * scale; py < (y + 1) * scale; py++)
      for (let px = x * scale; px < (x + w) * scale; px++)
        data.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
  }
  return { width, height: width, data };
}

describeDb("the public document page and its QR code", () => {
  let t: TTestApp;
  let office: string;
  let unitA: number;
  const ids: Record<string, number> = {};

  const get = async (path: string, token?: string) => {
    const res = await t.app.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return { status: res.status, text: await res.text(), headers: res.headers };
  };
  const make = async (key: string, json: Record<string, unknown>, publish = true) => {
    const r = await api(t, "POST", "/api/v1/documents", { token: office, json: { unitId: unitA, ...json } });
    expect(r.status, r.text).toBe(201);
    ids[key] = r.data.id;
    if (publish)
      expect(
        (await api(t, "POST", `/api/v1/documents/${r.data.id}/publish`, { token: office, json: {} })).status,
      ).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp();
    unitA = (await seedOrg(t.db)).unitA.id;
    office = await tokenFor(t, "office");
    await make("old", {
      title: "区养犬管理办法",
      kind: "normative",
      docNumber: "区政发〔2018〕2号",
      topics: ["公安、安全、司法"],
      body: "## 第一章　总则\n\n第一条 为了规范养犬行为，制定本办法。\n\n第十条之一 新增的条文。\n\n第一百二十三条 最后一条。",
    });
    await make("new", {
      title: "区养犬管理规定",
      kind: "normative",
      docNumber: "区政发〔2024〕5号",
      topics: ["公安、安全、司法"],
      effectiveAt: "2024-03-01",
      relations: [{ kind: "repeals", documentId: ids.old }],
    });
    await make("draft", { title: "尚未发布的草稿" }, false);
    await make("amended", { title: "区停车收费办法", kind: "normative", docNumber: "区政发〔2020〕1号" });
    await make("amending", {
      title: "关于修改《区停车收费办法》的决定",
      kind: "normative",
      effectiveAt: "2025-01-01",
      relations: [{ kind: "amends", documentId: ids.amended }],
    });
    await make("ending", { title: "区临时救助办法", kind: "normative", repealedAt: "2099-12-31" });
  });
  afterAll(() => t?.close());

  describe("the page", () => {
    it("shows the 政策文件库 metadata, in its order", async () => {
      const p = await get(`/documents/${ids.new}`);
      expect(p.status).toBe(200);
      const labels = [...p.text.matchAll(/<dt>([^<]+)<\/dt>/g)].map((m) => m[1]);
      const required = [
        "索引号",
        "主题分类",
        "发文机关",
        "成文日期",
        "标题",
        "发文字号",
        "发布日期",
        "有效性",
      ];
      expect(labels.filter((l) => required.includes(l as string))).toEqual(required);
      expect(p.text).toContain("<dt>发文字号</dt><dd>区政发〔2024〕5号</dd>");
      expect(p.text).toMatch(/<dt>有效性<\/dt><dd><span class="badge validity-valid">有效<\/span><\/dd>/);
    });

    it("tells a repealed document's reader since when and what replaced it", async () => {
      const p = await get(`/documents/${ids.old}`);
      expect(p.text).toContain("本文件已废止");
      expect(p.text).toContain("<strong>2024-03-01</strong>");
      expect(p.text).toContain(`<a href="/documents/${ids.new}">《区养犬管理规定》</a>（区政发〔2024〕5号）`);
      // The banner comes before the title.
      expect(p.text.indexOf("validity-banner")).toBeLessThan(p.text.indexOf('<h1 id="doc-title"'));
      expect(await get(`/documents/${ids.new}`).then((n) => n.text)).not.toContain("validity-banner");
    });

    it("says an amended document is amended, from when and by what, and that it stays in force", async () => {
      const p = await get(`/documents/${ids.amended}`);
      expect(p.text).toContain("本文件已被修改");
      expect(p.text).toContain("自 <strong>2025-01-01</strong> 起按修改后的规定执行");
      expect(p.text).toContain(`已被修改，见<a href="/documents/${ids.amending}">`);
      expect(p.text).toContain('<span class="badge validity-amended">已修改</span>');
    });

    it("warns of a 废止日期 still to come, without the banner of an ended document", async () => {
      const p = await get(`/documents/${ids.ending}`);
      expect(p.text).toContain("本文件将自 2099-12-31 起失效");
      expect(p.text).not.toContain("validity-banner");
      expect(p.text).toContain('<span class="badge validity-valid">有效</span>');
    });

    it("anchors each article and chapter of the text", async () => {
      const p = await get(`/documents/${ids.old}`);
      expect(p.text).toContain('<h3 id="chap-1"><a href="#chap-1" class="anchor-link">第一章</a>');
      expect(p.text).toContain(
        '<p id="art-1" class="article"><a href="#art-1" class="anchor-link">第一条</a>',
      );
      expect(p.text).toContain('id="art-10-1"');
      expect(p.text).toContain('id="art-123"');
    });

    it("has breadcrumbs, the printed address, and related and same-topic documents beside the text", async () => {
      const p = await get(`/documents/${ids.new}`);
      expect(p.text).toMatch(
        /<nav class="breadcrumbs" aria-label="当前位置"><ol[^>]*schema.org\/BreadcrumbList/,
      );
      expect(p.text).toContain(
        '<a itemprop="item" href="/documents?kind=normative"><span itemprop="name">规范性文件</span>',
      );
      expect(p.text).toMatch(/本页网址：http:\/\/[^<]+\/documents\/\d+/);
      const aside = p.text.slice(p.text.indexOf('<aside class="doc-aside"'));
      expect(aside).toContain(`本文件废止<a href="/documents/${ids.old}">《区养犬管理办法》</a>`);
      expect(aside).toContain(`<img src="/documents/${ids.new}/qr.svg"`);
      // The repealed document is listed once, as a relation, and not again as the same topic's.
      expect(aside.split(`/documents/${ids.old}"`)).toHaveLength(2);
    });
  });

  describe("GET /documents/:id/qr.svg", () => {
    it("draws the page's address as a QR code that scans, kept by caches for a day", async () => {
      const r = await get(`/documents/${ids.new}/qr.svg`);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
      expect(r.headers.get("cache-control")).toBe("public, max-age=86400");
      expect(r.text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(decodeQR(rasterize(r.text))).toMatch(new RegExp(`^http://[^/]+/documents/${ids.new}$`));
    });

    it("draws a draft's code for its own staff only, never cached", async () => {
      expect((await get(`/documents/${ids.draft}/qr.svg`)).status).toBe(404);
      const staff = await get(`/documents/${ids.draft}/qr.svg`, office);
      expect(staff.status).toBe(200);
      expect(staff.headers.get("cache-control")).toContain("no-store");
    });

    it.each(["999999", "0", "-1", "abc", "1.5", "99999999999999999999"])(
      "answers 404 for id %s",
      async (id) => {
        const r = await get(`/documents/${id}/qr.svg`);
        expect(r.status).toBe(404);
        expect(r.text).not.toContain("<svg");
      },
    );
  });
});
