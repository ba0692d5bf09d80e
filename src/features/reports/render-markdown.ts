// The whole report as Markdown, the body of the document published in the catalogue. Markdown
// tables cannot merge cells, so a two-level heading is written out in each column's label.

import { APPLICANT_KIND_CODES } from "../requests";
import { planProgressText } from "./plan-progress";
import {
  APPEAL_KIND_LABELS,
  APPEAL_RESULT_KEYS,
  APPEAL_RESULT_LABELS,
  APPLICANT_COLUMN_LABELS,
  formatWanYuan,
  PROACTIVE_LABELS as L,
  NATURAL_PERSON_LABEL,
  ORGANISATIONS_LABEL,
  outcomeRows,
  PROACTIVE_BLOCKS,
  REPORT_SECTIONS,
  REQUEST_ROW_LABELS,
  reportTitle,
  TOTAL_LABEL,
} from "./report-layout";
import type { TAnnualReport, TApplicantRow, TNarrativeOut, TPlanProgress } from "./reports.schemas";

export type TReportModel = {
  report: TAnnualReport;
  narrative: TNarrativeOut;
  /** Shown in 六 when the narrative asks for it and the year has a plan. */
  plan: TPlanProgress | null;
};

const cell = (s: string | number) => String(s).replace(/\|/g, "\\|").replace(/\n+/g, " ");

function table(head: string[], rows: (string | number)[][]): string {
  const line = (r: (string | number)[]) => `| ${r.map(cell).join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

const paragraphs = (text: string) => text.trim() || "无。";

/** Table 二 as four small tables, one per block of 第二十条. */
export function proactiveMarkdown(p: TAnnualReport["proactive"]): string {
  return [
    `**${PROACTIVE_BLOCKS.item1}**`,
    table(
      [L.content, L.made, L.repealed, L.valid],
      [
        [L.regulations, p.regulations.made, p.regulations.repealed, p.regulations.valid],
        [L.normative, p.normative.made, p.normative.repealed, p.normative.valid],
      ],
    ),
    `**${PROACTIVE_BLOCKS.item5}**`,
    table([L.content, L.decisions], [[L.licensing, p.licensing]]),
    `**${PROACTIVE_BLOCKS.item6}**`,
    table(
      [L.content, L.decisions],
      [
        [L.penalties, p.penalties],
        [L.enforcement, p.enforcement],
      ],
    ),
    `**${PROACTIVE_BLOCKS.item8}**`,
    table([L.content, L.feeAmount], [[L.fees, formatWanYuan(p.feeAmount)]]),
  ].join("\n\n");
}

const values = (row: TApplicantRow) => [...APPLICANT_KIND_CODES.map((k) => row[k]), row.total];

/** Table 三 with one row per line of the official form. */
export function requestsMarkdown(t: TAnnualReport["requests"]): string {
  const head = [
    "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
    NATURAL_PERSON_LABEL,
    ...APPLICANT_KIND_CODES.slice(1).map((k) => `${ORGANISATIONS_LABEL}：${APPLICANT_COLUMN_LABELS[k]}`),
    TOTAL_LABEL,
  ];
  const rows: (string | number)[][] = [
    [REQUEST_ROW_LABELS.newThisYear, ...values(t.newThisYear)],
    [REQUEST_ROW_LABELS.carriedOver, ...values(t.carriedOver)],
    ...outcomeRows().map((r) => [
      `${REQUEST_ROW_LABELS.results} ${r.group}${r.item ? ` ${r.item}` : ""}`,
      ...values(t.outcomes[r.code]),
    ]),
    [`${REQUEST_ROW_LABELS.results} ${REQUEST_ROW_LABELS.total}`, ...values(t.outcomes.total)],
    [REQUEST_ROW_LABELS.carriedForward, ...values(t.carriedForward)],
  ];
  return table(head, rows);
}

/** Table 四, one line per kind of case. */
export function appealsMarkdown(a: TAnnualReport["appeals"]): string {
  const kinds = [
    [APPEAL_KIND_LABELS.reconsideration, a.reconsideration],
    [`${APPEAL_KIND_LABELS.litigation}（${APPEAL_KIND_LABELS.litigation_direct}）`, a.litigation_direct],
    [
      `${APPEAL_KIND_LABELS.litigation}（${APPEAL_KIND_LABELS.litigation_after_reconsideration}）`,
      a.litigation_after_reconsideration,
    ],
  ] as const;
  return table(
    ["", ...APPEAL_RESULT_KEYS.map((k) => APPEAL_RESULT_LABELS[k])],
    kinds.map(([label, row]) => [label, ...APPEAL_RESULT_KEYS.map((k) => row[k])]),
  );
}

/** The text of section 六: what staff wrote, and the plan's progress when they chose to include it. */
export function otherMattersText(m: TReportModel): string {
  const parts = [m.narrative.otherMatters.trim()];
  if (m.narrative.includePlanProgress && m.plan) parts.push(planProgressText(m.report.year, m.plan));
  return parts.filter(Boolean).join("\n\n");
}

/** The full report as Markdown: title, sections 一 to 六 with the official tables. */
export function renderReportMarkdown(m: TReportModel): string {
  return [
    `# ${reportTitle(m.narrative.issuerName, m.report.year)}`,
    `## ${REPORT_SECTIONS.overview}`,
    paragraphs(m.narrative.overview),
    `## ${REPORT_SECTIONS.proactive}`,
    proactiveMarkdown(m.report.proactive),
    `## ${REPORT_SECTIONS.requests}`,
    requestsMarkdown(m.report.requests),
    `## ${REPORT_SECTIONS.appeals}`,
    appealsMarkdown(m.report.appeals),
    `## ${REPORT_SECTIONS.problems}`,
    paragraphs(m.narrative.problems),
    `## ${REPORT_SECTIONS.other}`,
    paragraphs(otherMattersText(m)),
  ].join("\n\n");
}
