// The annual report as a Word file on the official page (GB/T 9704, shared with the reply letter and
// the fee notice): title, sections 一 to 六, and the tables of 国办公开办函〔2021〕30号 with their
// merged header cells in 仿宋 五号.

import { AlignmentType, Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType } from "docx";
import {
  bodyParagraph,
  headingParagraph,
  renderOfficialDocx,
  SIZES,
  textRun,
} from "../../platform/official-document";
import { APPLICANT_KIND_CODES } from "../requests";
import { otherMattersText, type TReportModel } from "./render-markdown";
import {
  APPEAL_KIND_LABELS,
  APPEAL_RESULT_KEYS,
  APPEAL_RESULT_LABELS,
  APPLICANT_COLUMN_LABELS,
  APPLICANT_GROUP_LABEL,
  BALANCE_NOTE,
  formatWanYuan,
  PROACTIVE_LABELS as L,
  NATURAL_PERSON_LABEL,
  ORGANISATIONS_LABEL,
  outcomeGroups,
  PROACTIVE_BLOCKS,
  REPORT_SECTIONS,
  REQUEST_ROW_LABELS,
  reportTitle,
  TOTAL_LABEL,
} from "./report-layout";
import type { TApplicantRow } from "./reports.schemas";

const bodyParagraphs = (text: string) =>
  (text.trim() || "无。")
    .split(/\n+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => bodyParagraph(s));

/** A table cell with centred text; spans merge header cells as the printed form does. */
function cell(text: string | number, opts: { colSpan?: number; rowSpan?: number; isHeader?: boolean } = {}) {
  return new TableCell({
    columnSpan: opts.colSpan,
    rowSpan: opts.rowSpan,
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [textRun(String(text), { size: SIZES.table, bold: opts.isHeader })],
      }),
    ],
  });
}

const fullWidth = { size: 100, type: WidthType.PERCENTAGE };
const headerRow = (cells: TableCell[]) => new TableRow({ tableHeader: true, children: cells });
const row = (cells: TableCell[]) => new TableRow({ children: cells });
const spacer = () => new Paragraph({ spacing: { after: 120 }, children: [] });

/** Table 二: four blocks, each under its 第二十条 heading row. */
function proactiveTable(p: TReportModel["report"]["proactive"]): Table {
  const block = (label: string) => row([cell(label, { colSpan: 4, isHeader: true })]);
  return new Table({
    width: fullWidth,
    rows: [
      block(PROACTIVE_BLOCKS.item1),
      row([L.content, L.made, L.repealed, L.valid].map((s) => cell(s, { isHeader: true }))),
      row([
        cell(L.regulations),
        cell(p.regulations.made),
        cell(p.regulations.repealed),
        cell(p.regulations.valid),
      ]),
      row([cell(L.normative), cell(p.normative.made), cell(p.normative.repealed), cell(p.normative.valid)]),
      block(PROACTIVE_BLOCKS.item5),
      row([cell(L.content, { isHeader: true }), cell(L.decisions, { colSpan: 3, isHeader: true })]),
      row([cell(L.licensing), cell(p.licensing, { colSpan: 3 })]),
      block(PROACTIVE_BLOCKS.item6),
      row([cell(L.content, { isHeader: true }), cell(L.decisions, { colSpan: 3, isHeader: true })]),
      row([cell(L.penalties), cell(p.penalties, { colSpan: 3 })]),
      row([cell(L.enforcement), cell(p.enforcement, { colSpan: 3 })]),
      block(PROACTIVE_BLOCKS.item8),
      row([cell(L.content, { isHeader: true }), cell(L.feeAmount, { colSpan: 3, isHeader: true })]),
      row([cell(L.fees), cell(formatWanYuan(p.feeAmount), { colSpan: 3 })]),
    ],
  });
}

const numbers = (r: TApplicantRow) => [...APPLICANT_KIND_CODES.map((k) => cell(r[k])), cell(r.total)];

/** Table 三: the label takes three columns (row, block, item), then the seven columns of applicants. */
function requestsTable(t: TReportModel["report"]["requests"]): Table {
  const orgKinds = APPLICANT_KIND_CODES.slice(1);
  const groups = outcomeGroups();
  const resultRowCount = groups.reduce((n, g) => n + g.rows.length, 0) + 1;
  const resultRows: TableRow[] = [];
  groups.forEach((g, gi) => {
    g.rows.forEach((r, ri) => {
      const lead =
        gi === 0 && ri === 0 ? [cell(REQUEST_ROW_LABELS.results, { rowSpan: resultRowCount })] : [];
      const label = r.item
        ? [...(ri === 0 ? [cell(g.group, { rowSpan: g.rows.length })] : []), cell(r.item)]
        : [cell(g.group, { colSpan: 2 })];
      resultRows.push(row([...lead, ...label, ...numbers(t.outcomes[r.code])]));
    });
  });
  resultRows.push(row([cell(REQUEST_ROW_LABELS.total, { colSpan: 2 }), ...numbers(t.outcomes.total)]));
  return new Table({
    width: fullWidth,
    rows: [
      headerRow([
        cell(BALANCE_NOTE, { colSpan: 3, rowSpan: 3 }),
        cell(APPLICANT_GROUP_LABEL, { colSpan: 7, isHeader: true }),
      ]),
      headerRow([
        cell(NATURAL_PERSON_LABEL, { rowSpan: 2, isHeader: true }),
        cell(ORGANISATIONS_LABEL, { colSpan: 5, isHeader: true }),
        cell(TOTAL_LABEL, { rowSpan: 2, isHeader: true }),
      ]),
      headerRow(orgKinds.map((k) => cell(APPLICANT_COLUMN_LABELS[k], { isHeader: true }))),
      row([cell(REQUEST_ROW_LABELS.newThisYear, { colSpan: 3 }), ...numbers(t.newThisYear)]),
      row([cell(REQUEST_ROW_LABELS.carriedOver, { colSpan: 3 }), ...numbers(t.carriedOver)]),
      ...resultRows,
      row([cell(REQUEST_ROW_LABELS.carriedForward, { colSpan: 3 }), ...numbers(t.carriedForward)]),
    ],
  });
}

/** Table 四: 行政复议 (5 columns) and 行政诉讼 split into its two kinds (5 columns each). */
function appealsTable(a: TReportModel["report"]["appeals"]): Table {
  const results = APPEAL_RESULT_KEYS.map((k) => cell(APPEAL_RESULT_LABELS[k], { isHeader: true }));
  const counts = (r: (typeof a)["reconsideration"]) => APPEAL_RESULT_KEYS.map((k) => cell(r[k]));
  return new Table({
    width: fullWidth,
    rows: [
      headerRow([
        cell(APPEAL_KIND_LABELS.reconsideration, { colSpan: 5, rowSpan: 2, isHeader: true }),
        cell(APPEAL_KIND_LABELS.litigation, { colSpan: 10, isHeader: true }),
      ]),
      headerRow([
        cell(APPEAL_KIND_LABELS.litigation_direct, { colSpan: 5, isHeader: true }),
        cell(APPEAL_KIND_LABELS.litigation_after_reconsideration, { colSpan: 5, isHeader: true }),
      ]),
      headerRow([
        ...results,
        ...APPEAL_RESULT_KEYS.map((k) => cell(APPEAL_RESULT_LABELS[k], { isHeader: true })),
        ...APPEAL_RESULT_KEYS.map((k) => cell(APPEAL_RESULT_LABELS[k], { isHeader: true })),
      ]),
      row([
        ...counts(a.reconsideration),
        ...counts(a.litigation_direct),
        ...counts(a.litigation_after_reconsideration),
      ]),
    ],
  });
}

/** Renders the annual report as a .docx file. */
export async function renderReportDocx(m: TReportModel): Promise<Buffer> {
  return renderOfficialDocx({
    title: reportTitle(m.narrative.issuerName, m.report.year),
    author: m.narrative.issuerName,
    body: [
      headingParagraph(REPORT_SECTIONS.overview),
      ...bodyParagraphs(m.narrative.overview),
      headingParagraph(REPORT_SECTIONS.proactive),
      proactiveTable(m.report.proactive),
      spacer(),
      headingParagraph(REPORT_SECTIONS.requests),
      requestsTable(m.report.requests),
      spacer(),
      headingParagraph(REPORT_SECTIONS.appeals),
      appealsTable(m.report.appeals),
      spacer(),
      headingParagraph(REPORT_SECTIONS.problems),
      ...bodyParagraphs(m.narrative.problems),
      headingParagraph(REPORT_SECTIONS.other),
      ...bodyParagraphs(otherMattersText(m)),
    ],
  });
}
