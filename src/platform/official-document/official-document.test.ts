import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { bodyParagraph, OfficialPrintPage, renderOfficialDocx } from ".";

const xmlOf = async (buf: Buffer) =>
  (await (await JSZip.loadAsync(buf)).file("word/document.xml")?.async("string")) ?? "";

const HEAD = {
  title: "某某通知书",
  docNo: "〔2026〕第YSQ2026000001号",
  salutation: "张三：",
  signature: "某区某局",
  date: "2026年9月21日",
};

describe("official document (GB/T 9704)", () => {
  it("lays out A4 with margins 37/35/28/26 mm, 小标宋 title, 仿宋 三号 body, 文号 and signature", async () => {
    const xml = await xmlOf(await renderOfficialDocx({ ...HEAD, body: [bodyParagraph("正文第一段。")] }));
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    // Millimetres in twips: 37 → 2098, 26 → 1474, 35 → 1984, 28 → 1587.
    expect(xml).toMatch(/<w:pgMar[^>]*w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('<w:sz w:val="32"/>');
    expect(xml).toContain('w:firstLineChars="200"');
    const order = [HEAD.title, HEAD.docNo, HEAD.salutation, "正文第一段。", HEAD.signature, HEAD.date].map(
      (s) => xml.indexOf(s),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("leaves out the parts a document does not have", async () => {
    const xml = await xmlOf(await renderOfficialDocx({ title: "年度报告", body: [bodyParagraph("正文。")] }));
    expect(xml).toContain("年度报告");
    expect(xml).not.toContain("〔");
  });

  it("prints the same parts as a standalone page without inline style or script", async () => {
    const html = String(
      await OfficialPrintPage({ doc: HEAD, what: "本通知书", docxHref: "/x.docx", children: "正文" }),
    );
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    for (const part of Object.values(HEAD)) expect(html).toContain(part);
    expect(html).toContain("打印本通知书");
    expect(html).toContain('<a href="/x.docx">下载 Word 文件</a>');
    expect(html).not.toMatch(/\sstyle=|<script/i);
  });
});
