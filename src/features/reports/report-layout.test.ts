import { describe, expect, it } from "vitest";
import { taskStatus as planTaskStatus } from "../ledger";
import { unbalancedColumns } from "./compute-annual-report";
import { requestsMarkdown } from "./render-markdown";
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
