import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";

describeDb("the public catalogue, document pages, feeds and exports", () => {
  let t: TTestApp;
  let office: string;
  let unitA: number;
  let unitB: number;
  const ids: Record<string, number> = {};

  const page = async (path: string) => {
    const res = await t.app.request(path);
    return { status: res.status, text: await res.text(), type: res.headers.get("content-type") ?? "" };
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
    const org = await seedOrg(t.db);
    unitA = org.unitA.id;
    unitB = org.unitB.id;
    office = await tokenFor(t, "office");
    await make("valid", {
      title: "区卫生健康局行政规范性文件管理办法",
      kind: "normative",
      docNumber: "区卫健发〔2025〕3号",
      topics: ["卫生、体育"],
    });
    await make("expired", { title: "已到期的规范性文件", kind: "normative", repealedAt: "2020-12-31" });
    await make("draft", { title: "尚未发布的草稿文件" }, false);
    await make("tricky", {
      title: '=HYPERLINK("x") 与 <b>标记</b> & 符号',
      body: "正文<script>alert(1)</script>",
    });
    await make("other", { title: "区财政局预算公开通知", unitId: unitB });
    await make("withdrawn", { title: "将被撤回的通知" });
    await api(t, "POST", `/api/v1/documents/${ids.withdrawn}/withdraw`, {
      token: office,
      json: { notice: "因内容调整，本通知已撤回。" },
    });
  });
  afterAll(() => t?.close());

  it("lists published documents only, with their validity in words", async () => {
    const p = await page("/documents");
    expect(p.status).toBe(200);
    expect(p.text).toContain("区卫生健康局行政规范性文件管理办法");
    expect(p.text).not.toContain("尚未发布的草稿文件");
    expect(p.text).not.toContain("将被撤回的通知");
    expect(p.text).toMatch(/class="badge validity-invalid">失效</);
  });

  it("shows only valid 规范性文件 in the 现行有效 library", async () => {
    const p = await page("/normative");
    expect(p.text).toContain("区卫生健康局行政规范性文件管理办法");
    expect(p.text).not.toContain("已到期的规范性文件");
  });

  it("has a catalogue page per unit", async () => {
    const p = await page(`/units/${unitB}/documents`);
    expect(p.text).toContain("区财政局信息公开目录");
    expect(p.text).toContain("区财政局预算公开通知");
    expect(p.text).not.toContain("区卫生健康局行政规范性文件管理办法");
    expect((await page("/units/99999/documents")).status).toBe(404);
  });

  it("answers bad list parameters with a Chinese 400, not a 500", async () => {
    for (const q of ["year=abc", "page=0", "kind=memo", "pageSize=1000"]) {
      const p = await page(`/documents?${q}`);
      expect(p.status, q).toBe(400);
      expect(p.text).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it("hides drafts, replaces a withdrawn page by its notice, and escapes what staff typed", async () => {
    expect((await page(`/documents/${ids.draft}`)).status).toBe(404);
    const w = await page(`/documents/${ids.withdrawn}`);
    expect(w.status).toBe(410);
    expect(w.text).toContain("因内容调整，本通知已撤回。");
    const tricky = await page(`/documents/${ids.tricky}`);
    expect(tricky.text).not.toContain("<script>alert(1)</script>");
    expect(tricky.text).toContain("&lt;script&gt;");
    expect(tricky.text).not.toContain("<b>标记</b>");
  });

  it("publishes RSS and Atom feeds per unit that are well-formed XML", async () => {
    const rss = await page(`/feeds/documents.rss?unit=${unitB}`);
    expect(rss.type).toContain("application/rss+xml");
    expect(rss.text).toContain("区财政局预算公开通知");
    expect(rss.text).not.toContain("区卫生健康局行政规范性文件管理办法");
    const all = await page("/feeds/documents.rss");
    expect(all.text).toContain("&lt;b&gt;标记&lt;/b&gt; &amp; 符号");
    expect(all.text).not.toContain("尚未发布的草稿文件");
    const atom = await page(`/feeds/documents.atom?topic=${encodeURIComponent("卫生、体育")}`);
    expect(atom.type).toContain("application/atom+xml");
    expect(atom.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(atom.text.match(/<entry>/g)?.length).toBe(1);
    expect((await page("/feeds/documents.rss?unit=99999")).status).toBe(404);
  });

  it("lists public documents in sitemap.xml", async () => {
    const s = await page("/sitemap.xml");
    expect(s.text).toContain(`/documents/${ids.valid}</loc>`);
    expect(s.text).not.toContain(`/documents/${ids.draft}</loc>`);
  });

  it("exports the filtered catalogue as CSV that a spreadsheet cannot run as a formula", async () => {
    const csv = await page("/documents.csv");
    expect(csv.type).toContain("text/csv");
    const lines = csv.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "索引号,标题,文号,发文机关,发布机构,成文日期,发布日期,文件类型,有效性,废止日期,修改日期,链接",
    );
    expect(lines.length).toBe(1 + 4);
    expect(lines.find((l) => l.includes("HYPERLINK"))).toContain(`"'=HYPERLINK(""x"")`);
    const onlyB = await page(`/documents.csv?unit=${unitB}`);
    expect(onlyB.text.trim().split("\r\n").length).toBe(2);
  });

  it("serves a published document's attachment, and not a draft's", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const upload = async (id: number) => {
      const form = new FormData();
      form.set("file", new File([pdf], "附件一.pdf", { type: "application/pdf" }));
      const res = await t.app.request(`/api/v1/documents/${id}/attachments`, {
        method: "POST",
        headers: { authorization: `Bearer ${office}` },
        body: form,
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: number }).id;
    };
    const published = await upload(ids.valid as number);
    const res = await t.app.request(`/documents/${ids.valid}/attachments/${published}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
    const hidden = await upload(ids.draft as number);
    expect((await t.app.request(`/documents/${ids.draft}/attachments/${hidden}`)).status).toBe(404);
    expect((await page(`/documents/${ids.valid}`)).text).toContain("附件一.pdf");
  });
});
