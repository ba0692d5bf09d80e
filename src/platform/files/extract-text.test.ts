import { PassThrough } from "node:stream";
import { crc32, deflateSync } from "node:zlib";
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterEach, describe, expect, it, vi } from "vitest";
import { extractText, MAX_EXTRACTED_CHARS, sheetNamesByNumber } from "./extract-text";
import { makeEncryptedPdf, makePdf, makePdfWithPredefinedCMap } from "./fixtures/make-pdf";

const PDF = "application/pdf";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (h: string) => new Uint8Array(Buffer.from(h, "hex"));

function cell(text: string): TableCell {
  return new TableCell({ children: [new Paragraph(text)] });
}

async function makeDocx(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph("关于印发《2022年政务公开工作要点》的通知"),
          new Paragraph({
            children: [
              new TextRun("第一条 为了规范"),
              new TextRun({ text: "政务公开", bold: true }),
              new TextRun("工作。"),
            ],
          }),
          new Table({
            rows: [
              new TableRow({ children: [cell("序号"), cell("工作任务"), cell("责任单位")] }),
              new TableRow({ children: [cell("1"), cell("公开财政预决算"), cell("区财政局")] }),
            ],
          }),
          new Paragraph("第二条 本办法自发布之日起施行。"),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function makeXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const tasks = workbook.addWorksheet("任务清单");
  tasks.addRow(["序号", "工作任务", "完成时限", "进度"]);
  tasks.addRow([1, "公开财政预决算", new Date(Date.UTC(2022, 5, 30)), 0.1 + 0.2]);
  tasks.addRow([
    2,
    { richText: [{ text: "主动" }, { text: "公开", font: { bold: true } }] },
    null,
    { formula: "1+1", result: 2 },
  ]);
  tasks.addRow([3, { text: "政府网站", hyperlink: "https://www.example.gov.cn/" }, "长期坚持", true]);
  tasks.getCell("F5").value = "隔列";
  const contacts = workbook.addWorksheet("联络员");
  contacts.state = "hidden";
  contacts.addRow(["单位", "姓名", "电话"]);
  contacts.addRow(["区政府办", "张三", "0531-12345678"]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A workbook of `rows` rows of `columns` cells, written by the streaming writer to keep the test fast. */
async function makeLargeXlsx(rows: number, columns: number): Promise<Uint8Array> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false });
  const sheet = workbook.addWorksheet("大表");
  for (let r = 1; r <= rows; r += 1)
    sheet.addRow(Array.from({ length: columns }, (_, c) => r * 100 + c)).commit();
  sheet.commit();
  const tail = workbook.addWorksheet("尾表");
  tail.addRow(["不应读到"]).commit();
  tail.commit();
  await workbook.commit();
  return new Uint8Array(Buffer.concat(chunks));
}

/** A 1×1 PNG: signature, IHDR, IDAT and IEND, with real checksums. */
function makePng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", header),
      chunk("IDAT", deflateSync(Buffer.from([0, 255, 255, 255]))),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

/** Sets the unpacked size that a ZIP's central directory declares for one entry. */
function declareUnzippedSize(zip: Uint8Array, entry: string, size: number): Uint8Array {
  const out = Buffer.from(zip);
  for (
    let at = out.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    at >= 0;
    at = out.indexOf(Buffer.from([0x50, 0x4b, 1, 2]), at + 4)
  ) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.subarray(at + 46, at + 46 + nameLength).toString("latin1") === entry)
      out.writeUInt32LE(size, at + 24);
  }
  return new Uint8Array(out);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("extractText: PDF", () => {
  it("reads Chinese and Latin text drawn with an embedded font, page by page", async () => {
    const pdf = makePdf([
      ["第一条 为了规范政务公开工作，制定本办法。", "Article 2 applies."],
      ["第二页 附件清单"],
    ]);
    expect(await extractText(pdf, PDF)).toBe(
      "第一条 为了规范政务公开工作，制定本办法。\nArticle 2 applies.\n\n第二页 附件清单",
    );
  });

  it("asks for nothing over the network and leaves the caller's bytes intact", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const pdf = makePdf([["政务公开"]]);
    const before = Buffer.from(pdf);
    expect(await extractText(pdf, "application/pdf; charset=binary")).toBe("政务公开");
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(Buffer.from(pdf).equals(before)).toBe(true);
  });

  it("turns Kangxi radicals and compatibility ideographs into the ordinary ideographs", async () => {
    // The font maps 人 to ⼈ (U+2F08) and 立 to 立 (U+F9F7), as some producers do.
    const lookalikes: Record<string, string> = { 人: "\u2F08", 立: "\uF9F7" };
    const pdf = makePdf([["人民政府设立"]], { unicodeOf: (c) => lookalikes[c] ?? c });
    expect(await extractText(pdf, PDF)).toBe("人民政府设立");
  });

  it("gives null, not partial text, when a font needs a CJK CMap that is not bundled", async () => {
    expect(await extractText(makePdfWithPredefinedCMap("政务公开"), PDF)).toBeNull();
  });

  it("gives null for a password-protected PDF", async () => {
    expect(await extractText(makeEncryptedPdf(), PDF)).toBeNull();
  });

  it("gives null for truncated or corrupt PDFs, without throwing", async () => {
    const pdf = makePdf([["第一条 为了规范政务公开工作"]]);
    expect(await extractText(pdf.slice(0, 200), PDF)).toBeNull();
    expect(await extractText(pdf.slice(0, Math.floor(pdf.length / 2)), PDF)).toBeNull();
    expect(await extractText(utf8("%PDF-1.7\nnot really a pdf"), PDF)).toBeNull();
    expect(await extractText(makePng(), PDF)).toBeNull();
    expect(await extractText(new Uint8Array(0), PDF)).toBeNull();
  });
});

describe("extractText: DOCX", () => {
  it("reads paragraphs and table cells", async () => {
    const text = await extractText(await makeDocx(), DOCX);
    expect(text).toBe(
      [
        "关于印发《2022年政务公开工作要点》的通知",
        "第一条 为了规范政务公开工作。",
        "序号",
        "工作任务",
        "责任单位",
        "1",
        "公开财政预决算",
        "区财政局",
        "第二条 本办法自发布之日起施行。",
      ].join("\n\n"),
    );
  });

  it("gives null for a truncated file, a broken document part or a missing one", async () => {
    const docx = await makeDocx();
    expect(await extractText(docx.slice(0, Math.floor(docx.length / 2)), DOCX)).toBeNull();
    const zip = await JSZip.loadAsync(docx);
    zip.file("word/document.xml", "<w:document><w:body><w:p>未闭合");
    expect(await extractText(await zip.generateAsync({ type: "uint8array" }), DOCX)).toBeNull();
    zip.remove("word/document.xml");
    expect(await extractText(await zip.generateAsync({ type: "uint8array" }), DOCX)).toBeNull();
    expect(await extractText(utf8("PK\u0003\u0004 garbage"), DOCX)).toBeNull();
  });
});

describe("extractText: XLSX", () => {
  it("reads every sheet, hidden ones included, as a heading and tab-separated rows", async () => {
    const text = await extractText(await makeXlsx(), XLSX);
    expect(text).toBe(
      [
        "任务清单",
        "序号\t工作任务\t完成时限\t进度",
        "1\t公开财政预决算\t2022-06-30\t0.3",
        "2\t主动公开\t\t2",
        "3\t政府网站\t长期坚持\tTRUE",
        "\t\t\t\t\t隔列",
        "",
        "联络员",
        "单位\t姓名\t电话",
        "区政府办\t张三\t0531-12345678",
      ].join("\n"),
    );
  });

  it("finds the sheets' names in the workbook part, for sheets the streaming reader leaves unnamed", async () => {
    const names = new Map([
      ["1", "任务清单"],
      ["2", "联络员"],
    ]);
    expect(await sheetNamesByNumber(await makeXlsx())).toEqual(names);
    // Relations may name their targets from the package root (valid OPC, written by some tools).
    const zip = await JSZip.loadAsync(await makeXlsx());
    const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
    zip.file("xl/_rels/workbook.xml.rels", rels.replace(/Target="worksheets\//g, 'Target="/xl/worksheets/'));
    expect(await sheetNamesByNumber(await zip.generateAsync({ type: "uint8array" }))).toEqual(names);
  });

  it("stops at its row budget, so a huge sheet is read in seconds", async () => {
    const xlsx = await makeLargeXlsx(120_000, 2);
    const started = Date.now();
    const text = (await extractText(xlsx, XLSX)) ?? "";
    expect(Date.now() - started).toBeLessThan(15_000);
    const lines = text.split("\n");
    expect(lines[0]).toBe("大表");
    expect(lines[1]).toBe("100\t101");
    expect(lines).toHaveLength(1 + 100_000);
    expect(lines.at(-1)).toBe("10000000\t10000001");
    expect(text).not.toContain("不应读到");
  });

  it("reads a workbook whose sheets are stored before the workbook part", async () => {
    const xlsx = await makeXlsx();
    const source = await JSZip.loadAsync(xlsx);
    const entries = Object.values(source.files).filter((entry) => !entry.dir);
    const rank = (name: string) =>
      name === "xl/workbook.xml" ? 2 : name.startsWith("xl/worksheets/") ? 1 : 0;
    const reordered = new JSZip();
    for (const entry of entries.sort((a, b) => rank(a.name) - rank(b.name)))
      reordered.file(entry.name, await entry.async("uint8array"));
    const bytes = await reordered.generateAsync({ type: "uint8array" });
    expect(await extractText(bytes, XLSX)).toBe(await extractText(xlsx, XLSX));
  });

  it("refuses, before unpacking, an archive that declares an enormous sheet", async () => {
    const xlsx = await makeXlsx();
    expect(
      await extractText(declareUnzippedSize(xlsx, "xl/worksheets/sheet1.xml", 2_000_000_000), XLSX),
    ).toBeNull();
    // The streaming reader does not rely on the declared size: a plausible one still reads.
    expect(
      await extractText(declareUnzippedSize(xlsx, "xl/worksheets/sheet1.xml", 5_000_000), XLSX),
    ).toContain("张三");
  });

  it("gives null for truncated or corrupt workbooks", async () => {
    const xlsx = await makeXlsx();
    expect(await extractText(xlsx.slice(0, Math.floor(xlsx.length / 2)), XLSX)).toBeNull();
    expect(await extractText(utf8("not a zip"), XLSX)).toBeNull();
    const zip = await JSZip.loadAsync(xlsx);
    zip.file(
      "xl/worksheets/sheet1.xml",
      '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><<<>>></sheetData>',
    );
    expect(await extractText(await zip.generateAsync({ type: "uint8array" }), XLSX)).toBeNull();
  });
});

describe("extractText: plain text", () => {
  it("reads UTF-8, with or without a byte-order mark, and CSV", async () => {
    expect(await extractText(utf8("第一条 政务公开\r\n第二条 依申请公开"), "text/plain")).toBe(
      "第一条 政务公开\n第二条 依申请公开",
    );
    expect(await extractText(utf8("\uFEFF# 标题\n\n正文"), "text/markdown")).toBe("# 标题\n\n正文");
    expect(await extractText(utf8("单位,人数\n区财政局,12\n"), "text/csv; charset=utf-8")).toBe(
      "单位,人数\n区财政局,12",
    );
  });

  it("reads GBK text when the bytes are not UTF-8", async () => {
    // "第一条 为了规范政务公开工作，制定本办法。\r\n第二条 本办法自发布之日起施行。" encoded as GBK.
    const gbk = hex(
      "b5dad2bbccf520ceaac1cbb9e6b7b6d5fecef1b9abbfaab9a4d7f7a3acd6c6b6a8b1beb0ecb7a8a1a30d0ab5dab6feccf520b1beb0ecb7a8d7d4b7a2b2bcd6aec8d5c6f0caa9d0d0a1a3",
    );
    expect(await extractText(gbk, "text/plain")).toBe(
      "第一条 为了规范政务公开工作，制定本办法。\n第二条 本办法自发布之日起施行。",
    );
  });

  it("reads GB18030 four-byte characters", async () => {
    // "𠀀" (U+20000) is 95 32 82 36 in GB18030; "€" is A2 E3.
    expect(await extractText(hex("9532823620a2e3"), "text/plain")).toBe("𠀀 €");
  });

  it("reads UTF-16 with a byte-order mark", async () => {
    const bytes = new Uint8Array(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("政务公开", "utf16le")]),
    );
    expect(await extractText(bytes, "text/plain")).toBe("政务公开");
  });

  it("gives null for binary data under a text type", async () => {
    expect(await extractText(makePng(), "text/plain")).toBeNull();
  });

  it("caps the text at MAX_EXTRACTED_CHARS", async () => {
    const text = await extractText(utf8("政".repeat(MAX_EXTRACTED_CHARS + 1000)), "text/plain");
    expect(text).toHaveLength(MAX_EXTRACTED_CHARS);
    expect(MAX_EXTRACTED_CHARS).toBe(2_000_000);
  });

  it("does not cut a character outside the BMP in half at the cap", async () => {
    const text = await extractText(utf8(`${"a".repeat(MAX_EXTRACTED_CHARS - 1)}𠀀`), "text/plain");
    expect(text).toBe("a".repeat(MAX_EXTRACTED_CHARS - 1));
  });
});

describe("extractText: other types", () => {
  it.each([
    "image/png",
    "image/jpeg",
    "application/msword",
    "application/zip",
    "",
    "application/octet-stream",
  ])("gives null for %j", async (mime) => {
    expect(await extractText(makePng(), mime)).toBeNull();
  });

  it("gives null for a real PNG even when its text would decode", async () => {
    expect(await extractText(utf8("看起来像文字"), "image/png")).toBeNull();
  });
});
