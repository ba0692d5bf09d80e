// The whole report as HTML, the page of the report published in the catalogue: sections 一 to 六
// and the official tables with their merged headers (which Markdown tables cannot draw). Built with
// JSX, so every text staff wrote is escaped; the catalogue shows it as trusted server output.

import { otherMattersText, type TReportModel } from "./render-markdown";
import { REPORT_SECTIONS } from "./report-layout";
import { AppealsTable, ProactiveTable, RequestsTable } from "./report-tables";

/** Staff's text as paragraphs, one per line; an empty section says 无. */
function Paragraphs({ text }: { text: string }) {
  const parts = text
    .split(/\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return <>{parts.length === 0 ? <p>无。</p> : parts.map((s) => <p>{s}</p>)}</>;
}

/** Sections 一 to 六 under h2 headings (the document page's h1 is the report's title). */
export function renderReportHtml(m: TReportModel): string {
  const html = (
    <div class="annual-report">
      <h2 id="report-overview">{REPORT_SECTIONS.overview}</h2>
      <Paragraphs text={m.narrative.overview} />
      <h2 id="report-proactive">{REPORT_SECTIONS.proactive}</h2>
      <ProactiveTable p={m.report.proactive} labelledBy="report-proactive" />
      <h2 id="report-requests">{REPORT_SECTIONS.requests}</h2>
      <RequestsTable t={m.report.requests} labelledBy="report-requests" />
      <h2 id="report-appeals">{REPORT_SECTIONS.appeals}</h2>
      <AppealsTable a={m.report.appeals} labelledBy="report-appeals" />
      <h2 id="report-problems">{REPORT_SECTIONS.problems}</h2>
      <Paragraphs text={m.narrative.problems} />
      <h2 id="report-other">{REPORT_SECTIONS.other}</h2>
      <Paragraphs text={otherMattersText(m)} />
    </div>
  );
  return html.toString();
}
