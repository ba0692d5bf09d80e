// The fee notice as a Word file for staff to print, stamp and send, laid out like the reply letter
// (GB/T 9704-2012: A4, 37/26/35/28 mm margins, 2号 title, 3号 body on a fixed 28 pt line).

import {
  AlignmentType,
  Document,
  type IFontAttributesProperties,
  LineRuleType,
  Packer,
  Paragraph,
  TextRun,
} from "docx";
import type { TFeeNotice } from "./fee-notice-text";

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
const SIZE_TITLE = 44;
const SIZE_BODY = 32;
const LINE = { line: 560, lineRule: LineRuleType.EXACT };
const mm = (n: number) => Math.round((n * 1440) / 25.4);
const RIGHT_FOUR_CHARS = 4 * 320;

function run(text: string, opts: { title?: boolean; bold?: boolean } = {}): TextRun {
  return new TextRun({
    text,
    font: opts.title ? XIAOBIAOSONG : FANGSONG,
    size: opts.title ? SIZE_TITLE : SIZE_BODY,
    bold: opts.title || opts.bold || undefined,
    language: { value: "zh-CN", eastAsia: "zh-CN" },
  });
}

const body = (text: string, opts: { bold?: boolean } = {}) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: LINE,
    indent: { firstLineChars: 200, firstLine: 640 },
    children: [run(text, opts)],
  });

/** Renders the fee notice as a .docx file, saying exactly what the print page says. */
export async function renderFeeNoticeDocx(notice: TFeeNotice): Promise<Buffer> {
  const [opening = "", basis = "", amount = "", ...rest] = notice.paragraphs;
  const doc = new Document({
    title: `${notice.title}（${notice.docNo}）`,
    creator: notice.signature,
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
            children: [run(notice.title, { title: true })],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { ...LINE, after: 280 },
            children: [run(notice.docNo)],
          }),
          new Paragraph({ spacing: LINE, children: [run(notice.salutation)] }),
          body(opening),
          body(basis),
          // The computation lines are numbered by hand so that every reader shows the same numbers.
          ...notice.computation.map((line, i) => body(`${i + 1}. ${line}`)),
          body(amount, { bold: true }),
          ...rest.map((text) => body(text)),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { ...LINE, before: 1120 },
            indent: { right: RIGHT_FOUR_CHARS },
            children: [run(notice.signature)],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: LINE,
            indent: { right: RIGHT_FOUR_CHARS },
            children: [run(notice.date)],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
