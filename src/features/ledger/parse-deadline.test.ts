import { describe, expect, it } from "vitest";
import { parseDeadline } from "./parse-deadline";

const plan = { issuedAt: "2022-06-15", year: 2022 };
const due = (text: string) => parseDeadline(text, plan);

describe("reading a plan's deadlines (plan issued 2022-06-15 for 2022)", () => {
  it("reads every form used by the 2022 plan", () => {
    expect(due("全年")).toEqual({ ok: true, dueDate: "2022-12-31", ongoing: false, kind: "year_round" });
    expect(due("2022年年底前")).toMatchObject({ dueDate: "2022-12-31", ongoing: false });
    expect(due("2022年6月底前")).toMatchObject({ dueDate: "2022-06-30", ongoing: false });
    expect(due("2022年9月底前")).toMatchObject({ dueDate: "2022-09-30", ongoing: false });
    // 30 calendar days after 15 June: 15 + 30 = 45 → 15 July.
    expect(due("本文件印发后30日内")).toMatchObject({ dueDate: "2022-07-15", kind: "within_days" });
    expect(due("2022年年底前完成，长期坚持")).toMatchObject({ dueDate: "2022-12-31", ongoing: true });
    expect(due("2022年9月底前完成，并长期坚持")).toMatchObject({ dueDate: "2022-09-30", ongoing: true });
  });

  it("reads other common forms", () => {
    expect(due("上半年")).toMatchObject({ dueDate: "2022-06-30" });
    expect(due("第三季度")).toMatchObject({ dueDate: "2022-09-30" });
    expect(due("2022年２月底前")).toMatchObject({ dueDate: "2022-02-28" });
    expect(due("九月底前")).toMatchObject({ dueDate: "2022-09-30" });
    expect(due("2022年10月8日前")).toMatchObject({ dueDate: "2022-10-08" });
    expect(due("长期坚持")).toEqual({ ok: true, dueDate: null, ongoing: true, kind: "ongoing" });
  });

  it("reports what it cannot read, and never guesses", () => {
    expect(due("择机")).toMatchObject({ ok: false });
    expect(due("2022年2月30日前")).toMatchObject({ ok: false, reason: expect.stringContaining("不存在") });
    expect(due("本文件印发后10个工作日内")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("工作日"),
    });
    expect(due("2022年13月底前")).toMatchObject({ ok: false });
    expect(due("")).toMatchObject({ ok: false });
  });
});
