import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parseDeadline } from "./parse-deadline";

// The 2022 plan: issued 15 June 2022, for the year 2022.
const plan = { issuedAt: "2022-06-15", year: 2022 };
const due = (text: string) => parseDeadline(text, plan);

const CSV_ROWS: { no: string; deadline: string }[] = parse(
  readFileSync(new URL("../../../demo/2022-work-plan-tasks.csv", import.meta.url), "utf8"),
  { columns: true, skip_empty_lines: true, trim: true },
);

describe("the deadlines of the 2022 plan (issued 2022-06-15)", () => {
  // Every distinct value of the deadline column, with its date worked out by hand.
  const SEEN_IN_CSV: [string, { dueDate: string; ongoing: boolean; kind: string }][] = [
    ["全年", { dueDate: "2022-12-31", ongoing: false, kind: "year_round" }],
    ["2022年年底前", { dueDate: "2022-12-31", ongoing: false, kind: "by_date" }],
    ["2022年年底前完成，长期坚持", { dueDate: "2022-12-31", ongoing: true, kind: "by_date" }],
    ["2022年6月底前", { dueDate: "2022-06-30", ongoing: false, kind: "by_date" }],
    ["2022年9月底前", { dueDate: "2022-09-30", ongoing: false, kind: "by_date" }],
    ["2022年9月底前完成，并长期坚持", { dueDate: "2022-09-30", ongoing: true, kind: "by_date" }],
    // 15 June + 30 calendar days: 15 days left in June, then 15 July.
    ["本文件印发后30日内", { dueDate: "2022-07-15", ongoing: false, kind: "within_days" }],
  ];

  it.each(SEEN_IN_CSV)("%s", (text, expected) => {
    expect(due(text)).toEqual({ ok: true, ...expected });
  });

  it("covers every distinct deadline in the CSV, and reads all 64 rows", () => {
    expect(CSV_ROWS).toHaveLength(64);
    const distinct = [...new Set(CSV_ROWS.map((r) => r.deadline))].sort();
    expect(distinct).toEqual(SEEN_IN_CSV.map(([text]) => text).sort());
    const unread = CSV_ROWS.filter((r) => !due(r.deadline).ok).map((r) => r.no);
    expect(unread).toEqual([]);
  });

  it("reads 全年 as the whole plan year, due on its last day and not open-ended", () => {
    expect(parseDeadline("全年", { issuedAt: "2023-03-01", year: 2023 })).toMatchObject({
      dueDate: "2023-12-31",
      ongoing: false,
    });
    expect(due("2022年全年")).toMatchObject({ dueDate: "2022-12-31", kind: "year_round" });
    expect(due("全年推进")).toMatchObject({ dueDate: "2022-12-31", kind: "year_round" });
  });
});

describe("year ends, month ends and days", () => {
  it.each([
    ["年底前", "2022-12-31"],
    ["年底前完成", "2022-12-31"],
    ["2022年底前", "2022-12-31"],
    ["2022年年末", "2022-12-31"],
    ["今年年底前", "2022-12-31"],
    ["2023年年底前", "2023-12-31"],
    ["6月底前", "2022-06-30"],
    ["2022年6月底", "2022-06-30"],
    ["2022年11月末前完成", "2022-11-30"],
    ["2022年12月底前", "2022-12-31"],
    ["2022年2月底前", "2022-02-28"],
    ["2024年2月底前", "2024-02-29"],
    ["10月8日前", "2022-10-08"],
    ["2022年10月8日前", "2022-10-08"],
    ["2022年12月31日之前完成", "2022-12-31"],
    ["2022年7月1号前", "2022-07-01"],
    ["2024年2月29日前", "2024-02-29"],
    ["2022-09-30前", "2022-09-30"],
    ["2022.9.30", "2022-09-30"],
    ["于2022年8月底前完成", "2022-08-31"],
  ])("%s → %s", (text, dueDate) => {
    expect(due(text)).toEqual({ ok: true, dueDate, ongoing: false, kind: "by_date" });
  });
});

describe("half years and quarters", () => {
  it.each([
    ["上半年", "2022-06-30"],
    ["下半年", "2022-12-31"],
    ["2022年上半年完成", "2022-06-30"],
    ["2023年下半年前", "2023-12-31"],
    ["第一季度", "2022-03-31"],
    ["第二季度", "2022-06-30"],
    ["第三季度", "2022-09-30"],
    ["第四季度", "2022-12-31"],
    ["2022年第三季度末前", "2022-09-30"],
    ["三季度", "2022-09-30"],
    ["第4季度底前完成", "2022-12-31"],
  ])("%s → %s", (text, dueDate) => {
    expect(due(text)).toEqual({ ok: true, dueDate, ongoing: false, kind: "by_date" });
  });
});

describe("days after issue", () => {
  it.each([
    ["本文件印发后30日内", "2022-07-15"],
    ["印发后30天内", "2022-07-15"],
    ["本方案印发之日起15日内完成", "2022-06-30"],
    ["自本通知印发之日起10日内", "2022-06-25"],
    ["本文件印发后三十日内", "2022-07-15"],
    // Crosses two month ends: 15 days to 30 June, 31 in July, 14 into August.
    ["本文件印发后60日内", "2022-08-14"],
  ])("%s → %s (calendar days)", (text, dueDate) => {
    expect(due(text)).toEqual({ ok: true, dueDate, ongoing: false, kind: "within_days" });
  });

  it("counts from the plan's own issue date, across a year end", () => {
    expect(parseDeadline("本文件印发后30日内", { issuedAt: "2022-12-20", year: 2023 })).toMatchObject({
      dueDate: "2023-01-19",
    });
  });

  it("will not count working days without the calendar", () => {
    for (const text of ["本文件印发后10个工作日内", "印发之日起5个工作日内", "本文件印发后十个工作日内"])
      expect(due(text)).toEqual({ ok: false, reason: expect.stringContaining("工作日历") });
  });
});

describe("ongoing work", () => {
  it.each(["即时", "长期坚持", "持续推进", "常态化推进", " 长期坚持 "])("%s has no date", (text) => {
    expect(due(text)).toEqual({ ok: true, dueDate: null, ongoing: true, kind: "ongoing" });
  });

  it.each([
    ["2022年年底前完成，长期坚持", "2022-12-31"],
    ["2022年9月底前完成，并长期坚持", "2022-09-30"],
    ["2022年9月底前完成并长期坚持", "2022-09-30"],
    ["2022年6月底前完成,长期坚持", "2022-06-30"],
    ["第三季度完成，持续推进", "2022-09-30"],
  ])("%s is due %s and goes on after it", (text, dueDate) => {
    expect(due(text)).toMatchObject({ ok: true, dueDate, ongoing: true });
  });

  it("keeps the kind of the date part", () => {
    expect(due("本文件印发后30日内完成，长期坚持")).toEqual({
      ok: true,
      dueDate: "2022-07-15",
      ongoing: true,
      kind: "within_days",
    });
    expect(due("全年，长期坚持")).toMatchObject({ dueDate: "2022-12-31", kind: "year_round", ongoing: true });
  });
});

describe("spellings", () => {
  it("reads full-width digits, spaces and Chinese numerals alike", () => {
    const expected = { ok: true, dueDate: "2022-09-30", ongoing: false, kind: "by_date" };
    for (const text of [
      "２０２２年９月底前",
      "2022 年 9 月底前",
      "2022年９月底前",
      "九月底前",
      "2022年九月底前",
      "二〇二二年九月底前",
      "二〇二二年九月三十日前",
      "　2022年9月底前。",
    ])
      expect(due(text), text).toEqual(expected);
    expect(due("十二月底前")).toMatchObject({ dueDate: "2022-12-31" });
    expect(due("十一月十一日前")).toMatchObject({ dueDate: "2022-11-11" });
    expect(due("二十日前")).toMatchObject({ ok: false });
    expect(due("本文件印发后１５日内")).toMatchObject({ dueDate: "2022-06-30" });
    expect(due("本文件印发后一百二十天内")).toMatchObject({ dueDate: "2022-10-13" });
  });
});

describe("what it will not read", () => {
  it.each([
    ["2022年2月30日前", "不存在"],
    ["2022年9月31日前", "不存在"],
    ["2023年2月29日前", "不存在"],
    ["2022年13月底前", "不存在"],
    ["2022年0月底前", "不存在"],
    ["十三月底前", "不存在"],
    ["第五季度", "不存在"],
    ["2022-02-30", "不存在"],
    ["本文件印发后0日内", "无效"],
  ])("%s: the date does not exist", (text, word) => {
    expect(due(text)).toEqual({ ok: false, reason: expect.stringContaining(word) });
  });

  it.each(["2022年9月前", "9月", "2022年9月份完成"])("%s: which end of the month is not said", (text) => {
    expect(due(text)).toEqual({ ok: false, reason: expect.stringContaining("月初还是月底") });
  });

  it.each([
    "择机",
    "适时",
    "尽快",
    "按要求",
    "本文件印发后3个月内",
    "22年底前",
    "2022年",
    "底前",
    "2022年9月底前完成，择机推进",
    "长期坚持，2022年年底前",
    "十十月底前",
  ])("%s is reported in Chinese, never guessed", (text) => {
    const r = due(text);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });

  it("names the text it could not read", () => {
    expect(due("择机")).toEqual({ ok: false, reason: "无法识别期限“择机”，请在台账中手工填写。" });
  });

  it("reports an empty deadline", () => {
    expect(due("")).toEqual({ ok: false, reason: expect.stringContaining("为空") });
    expect(due("  ")).toEqual({ ok: false, reason: expect.stringContaining("为空") });
  });

  it("refuses a plan whose own dates are wrong rather than computing from them", () => {
    expect(parseDeadline("本文件印发后30日内", { issuedAt: "2022-13-01", year: 2022 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("印发日期"),
    });
    expect(parseDeadline("全年", { issuedAt: "2022-06-15", year: 22 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("年度"),
    });
  });
});
