import { describe, expect, it } from "vitest";
import { taskStatus as planTaskStatus } from "../ledger";
import { unbalancedColumns } from "./compute-annual-report";
import { renderReportHtml } from "./render-html";
import { requestsMarkdown, type TReportModel } from "./render-markdown";
import { outcomeGroups, outcomeRows } from "./report-layout";
import type { TAnnualReport } from "./reports.schemas";

const row = (np: number, ce = 0) => ({
  natural_person: np,
  commercial_enterprise: ce,
  research_institution: 0,
  public_interest_org: 0,
  legal_service_org: 0,
  other_org: 0,
  total: np + ce,
});

function table(over: Partial<TAnnualReport["requests"]> = {}): TAnnualReport["requests"] {
  const outcomes = Object.fromEntries(
    outcomeRows().map((r) => [r.code, row(0)]),
  ) as TAnnualReport["requests"]["outcomes"];
  outcomes.disclosed = row(3, 1);
  outcomes.total = row(3, 1);
  return { newThisYear: row(4, 1), carriedOver: row(1), outcomes, carriedForward: row(2), ...over };
}

describe("the rows of table 三 (国办公开办函〔2021〕30号)", () => {
  it("splits each outcome's row into its block and item, in the order of the form", () => {
    const rows = outcomeRows();
    expect(rows).toHaveLength(21);
    expect(rows[0]).toEqual({ code: "disclosed", group: "（一）予以公开", item: "" });
    expect(rows[2]).toEqual({
      code: "withheld.state_secret",
      group: "（三）不予公开",
      item: "1.属于国家秘密",
    });
    expect(rows[20]).toEqual({ code: "other.other", group: "（六）其他处理", item: "3.其他" });
    expect(outcomeGroups().map((g) => [g.group, g.rows.length])).toEqual([
      ["（一）予以公开", 1],
      ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1],
      ["（三）不予公开", 8],
      ["（四）无法提供", 3],
      ["（五）不予处理", 5],
      ["（六）其他处理", 3],
    ]);
  });
});

describe("the balance check 一 + 二 = 三（七） + 四", () => {
  it("passes when every column adds up", () => {
    // np: 4 + 1 = 3 + 2; ce: 1 + 0 = 1 + 0.
    expect(unbalancedColumns(table())).toEqual([]);
  });

  it("lists each column that does not add up, with its four numbers", () => {
    const t = table({ carriedForward: row(1) });
    expect(unbalancedColumns(t)).toEqual([
      {
        column: "natural_person",
        label: "自然人",
        newThisYear: 4,
        carriedOver: 1,
        concluded: 3,
        carriedForward: 1,
      },
      { column: "total", label: "总计", newThisYear: 5, carriedOver: 1, concluded: 4, carriedForward: 1 },
    ]);
  });
});

describe("the Markdown body", () => {
  it("writes table 三 with the official row labels and the numbers in column order", () => {
    const md = requestsMarkdown(table());
    expect(md).toContain("| 一、本年新收政府信息公开申请数量 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |");
    expect(md).toContain("| 三、本年度办理结果 （三）不予公开 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
    expect(md).toContain("| 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |");
    expect(md).toContain("法人或其他组织：商业企业");
  });
});

describe("the work plan's task status in the report", () => {
  it("derives overdue from the due date, except for 长期坚持 tasks and finished ones", () => {
    expect(
      planTaskStatus({ status: "not_started", dueDate: "2025-06-30", ongoing: false }, "2025-12-31"),
    ).toBe("overdue");
    expect(
      planTaskStatus({ status: "in_progress", dueDate: "2025-06-30", ongoing: true }, "2025-12-31"),
    ).toBe("ongoing");
    expect(planTaskStatus({ status: "done", dueDate: "2025-06-30", ongoing: false }, "2025-12-31")).toBe(
      "done",
    );
    expect(
      planTaskStatus({ status: "in_progress", dueDate: "2026-03-31", ongoing: false }, "2025-12-31"),
    ).toBe("in_progress");
  });
});

describe("the HTML of the published report", () => {
  const appeal = { upheld: 1, corrected: 0, other: 0, pending: 2, total: 3 };
  const model = (): TReportModel => ({
    report: {
      year: 2025,
      unitId: 1,
      proactive: {
        regulations: { made: 0, repealed: 0, valid: 0 },
        normative: { made: 2, repealed: 1, valid: 5 },
        licensing: 0,
        penalties: 0,
        enforcement: 0,
        feeAmount: 0,
      },
      requests: table(),
      appeals: {
        reconsideration: appeal,
        litigation_direct: appeal,
        litigation_after_reconsideration: appeal,
      },
      checks: { isPassing: true, unbalanced: [], withoutOutcome: [], overdueOpen: [] },
    },
    narrative: {
      issuerName: "区卫生健康局",
      overview: '本局<script>alert("x")</script>坚持公开。\n第二段。',
      problems: "",
      otherMatters: "",
      includePlanProgress: false,
      licensingCount: 0,
      penaltyCount: 0,
      enforcementCount: 0,
      feeAmount: 0,
      status: "draft",
      documentId: null,
      isCarriedOver: false,
    },
    plan: null,
  });

  it("draws the official merged headers, labelled by their section headings, without captions", () => {
    const html = renderReportHtml(model());
    expect(html).not.toContain("<caption");
    expect(html).not.toMatch(/表[一二三]/);
    expect(html).toContain('<h2 id="report-requests">三、收到和处理政府信息公开申请情况</h2>');
    expect(html).toContain('<table class="table report-table" aria-labelledby="report-requests">');
    expect(html).toContain(
      '<td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>',
    );
    expect(html).toContain('<th id="c-group" colspan="7" scope="colgroup">申请人情况</th>');
    expect(html).toContain('<th id="c-natural_person" rowspan="2" scope="col">自然人</th>');
    expect(html).toContain('<th id="c-org" colspan="5" scope="colgroup">法人或其他组织</th>');
    expect(html).toContain('<th id="r-results" rowspan="22" scope="rowgroup">三、本年度办理结果</th>');
    // 四: 行政复议's results span two header rows; 行政诉讼 splits into its two kinds first.
    expect(html).toContain('<th id="a-rec" colspan="5" scope="colgroup">行政复议</th>');
    expect(html).toContain('<th id="a-lit" colspan="10" scope="colgroup">行政诉讼</th>');
    expect(html).toContain('<th id="a-rec-upheld" rowspan="2" scope="col">结果维持</th>');
    expect(html).toContain('<th id="a-direct" colspan="5" scope="colgroup">未经复议直接起诉</th>');
    expect(html).toContain('<td headers="a-lit a-after a-after-pending">2</td>');
    expect(html.match(/scope="col">尚未审结</g)).toHaveLength(3);
  });

  it("escapes what staff wrote", () => {
    const html = renderReportHtml(model());
    expect(html).not.toContain("<script>");
    expect(html).toContain(
      "<p>本局&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;坚持公开。</p><p>第二段。</p>",
    );
    expect(html).toContain('<h2 id="report-problems">五、存在的主要问题及改进情况</h2><p>无。</p>');
  });
});
