// The official tables of the annual report as HTML, with the merged headers of
// 国办公开办函〔2021〕30号: for the staff page and for the report published in the catalogue. The
// format gives the tables no captions; each is labelled by its section's heading instead.

import { APPLICANT_KIND_CODES } from "../requests";
import type { TReportModel } from "./render-markdown";
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
  REQUEST_ROW_LABELS,
  TOTAL_LABEL,
} from "./report-layout";
import type { TApplicantRow } from "./reports.schemas";

/** Table 二 as the official form prints it: four blocks of 第二十条. */
export function ProactiveTable({
  p,
  labelledBy,
}: {
  p: TReportModel["report"]["proactive"];
  labelledBy: string;
}) {
  const block = (id: string, label: string) => (
    <tr>
      <th id={id} colspan={4} scope="colgroup">
        {label}
      </th>
    </tr>
  );
  const single = (id: string, valueLabel: string, rows: [string, string, string | number][]) => (
    <>
      <tr>
        <th id={`${id}-content`} scope="col">
          {L.content}
        </th>
        <th id={`${id}-value`} colspan={3} scope="col">
          {valueLabel}
        </th>
      </tr>
      {rows.map(([rid, label, value]) => (
        <tr>
          <th id={rid} scope="row">
            {label}
          </th>
          <td colspan={3} headers={`${id} ${id}-value ${rid}`}>
            {value}
          </td>
        </tr>
      ))}
    </>
  );
  const docRow = (rid: string, label: string, d: { made: number; repealed: number; valid: number }) => (
    <tr>
      <th id={rid} scope="row">
        {label}
      </th>
      <td headers={`p1 p1-made ${rid}`}>{d.made}</td>
      <td headers={`p1 p1-repealed ${rid}`}>{d.repealed}</td>
      <td headers={`p1 p1-valid ${rid}`}>{d.valid}</td>
    </tr>
  );
  return (
    <table class="table report-table" aria-labelledby={labelledBy}>
      <tbody>
        {block("p1", PROACTIVE_BLOCKS.item1)}
        <tr>
          <th id="p1-content" scope="col">
            {L.content}
          </th>
          <th id="p1-made" scope="col">
            {L.made}
          </th>
          <th id="p1-repealed" scope="col">
            {L.repealed}
          </th>
          <th id="p1-valid" scope="col">
            {L.valid}
          </th>
        </tr>
        {docRow("p1-regulations", L.regulations, p.regulations)}
        {docRow("p1-normative", L.normative, p.normative)}
        {block("p5", PROACTIVE_BLOCKS.item5)}
        {single("p5", L.decisions, [["p5-licensing", L.licensing, p.licensing]])}
        {block("p6", PROACTIVE_BLOCKS.item6)}
        {single("p6", L.decisions, [
          ["p6-penalties", L.penalties, p.penalties],
          ["p6-enforcement", L.enforcement, p.enforcement],
        ])}
        {block("p8", PROACTIVE_BLOCKS.item8)}
        {single("p8", L.feeAmount, [["p8-fees", L.fees, formatWanYuan(p.feeAmount)]])}
      </tbody>
    </table>
  );
}

const colHeaders = (k: string) =>
  k === "natural_person"
    ? "c-group c-natural_person"
    : k === "total"
      ? "c-group c-total"
      : `c-group c-org c-${k}`;

function Counts({ row, rowHeaders }: { row: TApplicantRow; rowHeaders: string }) {
  return (
    <>
      {[...APPLICANT_KIND_CODES, "total" as const].map((k) => (
        <td headers={`${colHeaders(k)} ${rowHeaders}`}>{row[k]}</td>
      ))}
    </>
  );
}

/** Table 三 with its two-level column headings and three-level row headings. */
export function RequestsTable({
  t,
  labelledBy,
}: {
  t: TReportModel["report"]["requests"];
  labelledBy: string;
}) {
  const groups = outcomeGroups();
  const resultRows = groups.reduce((n, g) => n + g.rows.length, 0) + 1;
  const simple = (id: string, label: string, row: TApplicantRow) => (
    <tr>
      <th id={id} colspan={3} scope="row">
        {label}
      </th>
      <Counts row={row} rowHeaders={id} />
    </tr>
  );
  return (
    <table class="table report-table" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <td colspan={3} rowspan={3}>
            （{BALANCE_NOTE}）
          </td>
          <th id="c-group" colspan={7} scope="colgroup">
            {APPLICANT_GROUP_LABEL}
          </th>
        </tr>
        <tr>
          <th id="c-natural_person" rowspan={2} scope="col">
            {NATURAL_PERSON_LABEL}
          </th>
          <th id="c-org" colspan={5} scope="colgroup">
            {ORGANISATIONS_LABEL}
          </th>
          <th id="c-total" rowspan={2} scope="col">
            {TOTAL_LABEL}
          </th>
        </tr>
        <tr>
          {APPLICANT_KIND_CODES.slice(1).map((k) => (
            <th id={`c-${k}`} scope="col">
              {APPLICANT_COLUMN_LABELS[k]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {simple("r-new", REQUEST_ROW_LABELS.newThisYear, t.newThisYear)}
        {simple("r-carried", REQUEST_ROW_LABELS.carriedOver, t.carriedOver)}
        {groups.map((g, gi) =>
          g.rows.map((r, ri) => {
            const rid = `r-${r.code}`;
            const gid = `g-${gi}`;
            return (
              <tr>
                {gi === 0 && ri === 0 && (
                  <th id="r-results" rowspan={resultRows} scope="rowgroup">
                    {REQUEST_ROW_LABELS.results}
                  </th>
                )}
                {r.item ? (
                  <>
                    {ri === 0 && (
                      <th id={gid} rowspan={g.rows.length} scope="rowgroup">
                        {g.group}
                      </th>
                    )}
                    <th id={rid} scope="row">
                      {r.item}
                    </th>
                  </>
                ) : (
                  <th id={rid} colspan={2} scope="row">
                    {g.group}
                  </th>
                )}
                <Counts row={t.outcomes[r.code]} rowHeaders={`r-results ${r.item ? `${gid} ` : ""}${rid}`} />
              </tr>
            );
          }),
        )}
        <tr>
          <th id="r-total" colspan={2} scope="row">
            {REQUEST_ROW_LABELS.total}
          </th>
          <Counts row={t.outcomes.total} rowHeaders="r-results r-total" />
        </tr>
        {simple("r-forward", REQUEST_ROW_LABELS.carriedForward, t.carriedForward)}
      </tbody>
    </table>
  );
}

/**
 * Table 四 as the format draws it: 行政复议 over its five results (each spanning two header rows),
 * 行政诉讼 over 未经复议直接起诉 and 复议后起诉, each over its five results; one row of numbers.
 */
export function AppealsTable({
  a,
  labelledBy,
}: {
  a: TReportModel["report"]["appeals"];
  labelledBy: string;
}) {
  const litigation = [
    ["a-direct", a.litigation_direct, APPEAL_KIND_LABELS.litigation_direct],
    ["a-after", a.litigation_after_reconsideration, APPEAL_KIND_LABELS.litigation_after_reconsideration],
  ] as const;
  return (
    <table class="table report-table" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th id="a-rec" colspan={5} scope="colgroup">
            {APPEAL_KIND_LABELS.reconsideration}
          </th>
          <th id="a-lit" colspan={10} scope="colgroup">
            {APPEAL_KIND_LABELS.litigation}
          </th>
        </tr>
        <tr>
          {APPEAL_RESULT_KEYS.map((k) => (
            <th id={`a-rec-${k}`} rowspan={2} scope="col">
              {APPEAL_RESULT_LABELS[k]}
            </th>
          ))}
          {litigation.map(([id, , label]) => (
            <th id={id} colspan={5} scope="colgroup">
              {label}
            </th>
          ))}
        </tr>
        <tr>
          {litigation.map(([id]) =>
            APPEAL_RESULT_KEYS.map((k) => (
              <th id={`${id}-${k}`} scope="col">
                {APPEAL_RESULT_LABELS[k]}
              </th>
            )),
          )}
        </tr>
      </thead>
      <tbody>
        <tr>
          {APPEAL_RESULT_KEYS.map((k) => (
            <td headers={`a-rec a-rec-${k}`}>{a.reconsideration[k]}</td>
          ))}
          {litigation.map(([id, row]) =>
            APPEAL_RESULT_KEYS.map((k) => <td headers={`a-lit ${id} ${id}-${k}`}>{row[k]}</td>),
          )}
        </tr>
      </tbody>
    </table>
  );
}
