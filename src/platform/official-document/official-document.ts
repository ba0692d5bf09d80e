// The one page of an official document (公文) as a Word file, after GB/T 9704-2012 (党政机关公文格式):
// A4; margins top 37, bottom 35, left 28, right 26 mm; title in 二号小标宋; a 文号 line; body in
// 三号仿宋 on a fixed 28 pt line (22 lines to the page) with a two-character first-line indent;
// signature and date 右空四字. Reply letters, fee notices and annual reports all use it, so a
// correction to the layout is made once.

import {
  AlignmentType,
  Document,
  type IFontAttributesProperties,
  LineRuleType,
  Packer,
  Paragraph,
  type Table,
  TextRun,
} from "docx";

// Both the government-standard face and the one every Chinese Windows has are named: Word uses the
// eastAsia face for Chinese characters and the Latin one for digits and letters.
const face = (latin: string, eastAsia: string): IFontAttributesProperties => ({
  ascii: latin,
  hAnsi: latin,
  cs: latin,
  eastAsia,
});
export const FONTS = {
  body: face("FangSong", "仿宋_GB2312"),
  heading: face("SimHei", "黑体"),
  title: face("SimSun", "方正小标宋简体"),
};

/** Half-points, as Word counts font sizes: 二号 22 pt, 三号 16 pt, 五号 10.5 pt. */
export const SIZES = { title: 44, body: 32, table: 21 };

/** A fixed 28 pt line (in twips) gives GB/T 9704's 22 lines to the page. */
const LINE = { line: 560, lineRule: LineRuleType.EXACT };
/** The title's line: 35 pt, for 二号 characters. */
const TITLE_LINE = { line: 700, lineRule: LineRuleType.EXACT };
/** Millimetres to twips, which every Word reader understands (unit strings like "37mm" are not). */
const mm = (n: number) => Math.round((n * 1440) / 25.4);
/** Two characters of 三号: Word honours the character count, WPS and LibreOffice the twips. */
const FIRST_LINE_INDENT = { firstLineChars: 200, firstLine: 640 };
/** Four characters of 三号 (16 pt = 320 twips each), the gap GB/T 9704 leaves right of the date. */
const RIGHT_FOUR_CHARS = 4 * 320;

/** A run of Chinese text; body face and size unless told otherwise. */
export function textRun(
  text: string,
  opts: { font?: keyof typeof FONTS; size?: number; bold?: boolean } = {},
): TextRun {
  return new TextRun({
    text,
    font: FONTS[opts.font ?? "body"],
    size: opts.size ?? SIZES.body,
    // Left unset unless asked for, so Word's own default stays rather than an explicit "not bold".
    bold: opts.bold || undefined,
    language: { value: "zh-CN", eastAsia: "zh-CN" },
  });
}

/** A body paragraph: justified, on the fixed line, first line indented two characters. */
export function bodyParagraph(text: string, opts: { bold?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: LINE,
    indent: FIRST_LINE_INDENT,
    children: [textRun(text, opts)],
  });
}

/** A first-level heading (一、……) in 三号黑体, indented like the body. */
export function headingParagraph(text: string): Paragraph {
  return new Paragraph({
    spacing: LINE,
    indent: FIRST_LINE_INDENT,
    children: [textRun(text, { font: "heading" })],
  });
}

/** The parts of a document around its body; all but the title may be absent (a report has no 文号). */
export type TOfficialHead = {
  title: string;
  docNo?: string;
  salutation?: string;
  signature?: string;
  date?: string;
};

/** Lays out a whole document on the GB/T 9704 page and packs it as a .docx file. */
export async function renderOfficialDocx(
  doc: TOfficialHead & { body: (Paragraph | Table)[]; author?: string },
): Promise<Buffer> {
  const right = (text: string, before?: number) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { ...LINE, before },
      indent: { right: RIGHT_FOUR_CHARS },
      children: [textRun(text)],
    });
  const document = new Document({
    title: doc.docNo ? `${doc.title}（${doc.docNo}）` : doc.title,
    creator: doc.author ?? doc.signature ?? "",
    styles: { default: { document: { run: { font: FONTS.body, size: SIZES.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), right: mm(26), bottom: mm(35), left: mm(28) },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            // Without a 文号 line the title keeps the wider gap to the body itself.
            spacing: { ...TITLE_LINE, after: doc.docNo ? 120 : 280 },
            children: [textRun(doc.title, { font: "title", size: SIZES.title, bold: true })],
          }),
          ...(doc.docNo
            ? [
                new Paragraph({
                  alignment: AlignmentType.RIGHT,
                  spacing: { ...LINE, after: 280 },
                  children: [textRun(doc.docNo)],
                }),
              ]
            : []),
          ...(doc.salutation ? [new Paragraph({ spacing: LINE, children: [textRun(doc.salutation)] })] : []),
          ...doc.body,
          // A blank 二行 before the signature, as the standard leaves room for the seal.
          ...(doc.signature ? [right(doc.signature, 1120)] : []),
          ...(doc.date ? [right(doc.date, doc.signature ? undefined : 1120)] : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
