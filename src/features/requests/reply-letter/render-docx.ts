// The reply letter as a Word file for staff to print, stamp and send. Layout after GB/T 9704-2012
// (党政机关公文格式): A4, 37/26/35/28 mm margins, title in 2号小标宋, body in 3号仿宋 on a fixed
// 28 pt line, paragraphs indented two characters, date 右空四字.

import {
  AlignmentType,
  Document,
  type IFontAttributesProperties,
  LineRuleType,
  Packer,
  Paragraph,
  TextRun,
} from "docx";
import type { TOutcome } from "../outcomes";
import { buildReplyLetter } from "./render-text";
import { DEFAULT_REPLY_TEMPLATES, type TReplyLetterModel } from "./templates";

// Both the government-standard face and the one every Chinese Windows has are named: Word uses the
// eastAsia face for Chinese characters and the Latin one for digits and letters.
const FANGSONG: IFontAttributesProperties = {
  ascii: "FangSong",
  hAnsi: "FangSong",
  cs: "FangSong",
  eastAsia: "仿宋_GB2312",
};
const XIAOBIAOSONG: IFontAttributesProperties = {
  ascii: "SimSun",
  hAnsi: "SimSun",
  cs: "SimSun",
  eastAsia: "方正小标宋简体",
};

/** Half-points, as Word counts font sizes: 二号 22 pt, 三号 16 pt. */
const SIZE_TITLE = 44;
const SIZE_BODY = 32;
/** A fixed 28 pt line (in twips) gives GB/T 9704's 22 lines to the page. */
const LINE = { line: 560, lineRule: LineRuleType.EXACT };
/** Millimetres to twips, which every Word reader understands (unit strings like "37mm" are not). */
const mm = (n: number) => Math.round((n * 1440) / 25.4);

/** Four characters of 三号 (16 pt = 320 twips each), the gap GB/T 9704 leaves right of the date. */
const RIGHT_FOUR_CHARS = 4 * 320;

function run(text: string, opts: { title?: boolean } = {}): TextRun {
  return new TextRun({
    text,
    font: opts.title ? XIAOBIAOSONG : FANGSONG,
    size: opts.title ? SIZE_TITLE : SIZE_BODY,
    // Only the title is bold; leaving it unset elsewhere keeps Word's own default, not an override.
    bold: opts.title || undefined,
    language: { value: "zh-CN", eastAsia: "zh-CN" },
  });
}

/** Renders the reply letter as a .docx file. */
export async function renderReplyDocx(
  model: TReplyLetterModel,
  templates: Record<TOutcome, string> = DEFAULT_REPLY_TEMPLATES,
): Promise<Buffer> {
  const letter = buildReplyLetter(model, templates);
  const doc = new Document({
    title: `${letter.title}（${letter.docNo}）`,
    creator: letter.signature,
    styles: { default: { document: { run: { font: FANGSONG, size: SIZE_BODY } } } },
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
            spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 120 },
            children: [run(letter.title, { title: true })],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { ...LINE, after: 280 },
            children: [run(letter.docNo)],
          }),
          new Paragraph({ spacing: LINE, children: [run(letter.salutation)] }),
          ...letter.paragraphs.map(
            (text) =>
              new Paragraph({
                alignment: AlignmentType.JUSTIFIED,
                spacing: LINE,
                // Both the character count and its twips equivalent: Word honours the first,
                // other readers (WPS, LibreOffice) fall back on the second.
                indent: { firstLineChars: 200, firstLine: 640 },
                children: [run(text)],
              }),
          ),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { ...LINE, before: 1120 },
            indent: { right: RIGHT_FOUR_CHARS },
            children: [run(letter.signature)],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: LINE,
            indent: { right: RIGHT_FOUR_CHARS },
            children: [run(letter.date)],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
