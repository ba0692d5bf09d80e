import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkImportedYear, parseCalendarFile, parseCsv, parseIcs } from "./import-calendar-file";

// 2026 as STATUTES §1 gives it, worked out by hand: the weekday days of each holiday period
// (1月3日, 2月15日, 2月21–22日, 4月4–5日, 5月2–3日, 6月20–21日, 9月26–27日, 10月3–4日 are weekends),
// and the six weekend working days.
const HOLIDAYS_2026 = [
  "2026-01-01",
  "2026-01-02",
  "2026-02-16",
  "2026-02-17",
  "2026-02-18",
  "2026-02-19",
  "2026-02-20",
  "2026-02-23",
  "2026-04-06",
  "2026-05-01",
  "2026-05-04",
  "2026-05-05",
  "2026-06-19",
  "2026-09-25",
  "2026-10-01",
  "2026-10-02",
  "2026-10-05",
  "2026-10-06",
  "2026-10-07",
];
const WORKDAYS_2026 = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"];

const ics2026 = readFileSync(new URL("./fixtures/holidays-2026.ics", import.meta.url), "utf8");

const vcalendar = (...events: string[][]) =>
  [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    ...events.flatMap((e) => ["BEGIN:VEVENT", ...e, "END:VEVENT"]),
    "END:VCALENDAR",
  ].join("\r\n");

describe("iCalendar import", () => {
  it("reads the 2026 notice's file into exactly the State Council's schedule", () => {
    const parsed = parseCalendarFile(ics2026);
    expect(parsed.problems).toEqual([]);
    expect(parsed.holidays).toEqual(HOLIDAYS_2026);
    expect(parsed.workdays).toEqual(WORKDAYS_2026);
    expect(checkImportedYear(2026, parsed)).toEqual([]);
  });

  it("treats 班, 补班, 上班 and 调休上班 as working days, whatever the description says", () => {
    const parsed = parseIcs(
      vcalendar(
        ["DTSTART;VALUE=DATE:20260104", "SUMMARY:班"],
        ["DTSTART;VALUE=DATE:20260214", "SUMMARY:春节补班"],
        ["DTSTART;VALUE=DATE:20260509", "SUMMARY:上班"],
        ["DTSTART;VALUE=DATE:20260101", "SUMMARY:元旦", "DESCRIPTION:1月4日上班"],
      ),
    );
    expect(parsed.workdays).toEqual(["2026-01-04", "2026-02-14", "2026-05-09"]);
    expect(parsed.holidays).toEqual(["2026-01-01"]);
  });

  it("takes DTEND as exclusive, a UTC midnight of Beijing as that day, and DURATION in days", () => {
    const parsed = parseIcs(
      vcalendar(
        ["DTSTART:20260930T160000Z", "DTEND:20261002T160000Z", "SUMMARY:国庆节"],
        ["DTSTART;VALUE=DATE:20260504", "DURATION:P2D", "SUMMARY:劳动节"],
      ),
    );
    expect(parsed.holidays).toEqual(["2026-05-04", "2026-05-05", "2026-10-01", "2026-10-02"]);
  });

  it("names every event it cannot read", () => {
    const parsed = parseIcs(
      vcalendar(
        ["SUMMARY:春节"],
        ["DTSTART;VALUE=DATE:20260101"],
        ["DTSTART;VALUE=DATE:20260301", "DTEND;VALUE=DATE:20260601", "SUMMARY:长假"],
        ["DTSTART;VALUE=DATE:20260230", "SUMMARY:不存在的日子"],
      ),
    );
    expect(parsed.problems).toEqual([
      "第 1 个事件“春节”缺少开始日期（DTSTART）或日期无法识别。",
      "第 2 个事件没有标题（SUMMARY），无法判断是假日还是调休上班日。",
      "第 3 个事件“长假”长达 92 天，超过 31 天，请检查结束日期。",
      "第 4 个事件“不存在的日子”缺少开始日期（DTSTART）或日期无法识别。",
    ]);
    expect(parseIcs("BEGIN:VCALENDAR\r\nEND:VCALENDAR").problems).toEqual([
      "文件中没有找到任何事件（VEVENT）。",
    ]);
  });

  it("checks a weekday marked 班 and dates of another year like the form does", () => {
    const parsed = parseIcs(
      vcalendar(
        ["DTSTART;VALUE=DATE:20260105", "SUMMARY:补班"],
        ["DTSTART;VALUE=DATE:20251231", "SUMMARY:元旦"],
      ),
    );
    expect(checkImportedYear(2026, parsed)).toEqual([
      "2026-01-05 不是周末，调休上班日应为周六或周日。",
      "2025-12-31 不在 2026 年。",
    ]);
  });
});

describe("CSV import", () => {
  it("reads holiday and workday lines, with a header, comments, blank lines and a BOM", () => {
    const csv =
      "\uFEFFdate,kind\r\n# 2026 年元旦\r\n2026-01-01,holiday\r\n2026-01-02, Holiday\r\n\r\n2026-01-04，workday\r\n";
    expect(parseCsv(csv)).toEqual({
      holidays: ["2026-01-01", "2026-01-02"],
      workdays: ["2026-01-04"],
      problems: [],
    });
  });

  it("lists every bad line by number and checks the dates like the form", () => {
    const csv = [
      "2026-01-01,holiday",
      "2026-01-03,holiday",
      "2026-01-05,workday",
      "2026/01/06,holiday",
      "2026-02-30,holiday",
      "2026-10-01,休息",
      "2027-01-01,holiday",
      "2026-01-04,workday",
      "2026-01-04,holiday",
    ].join("\n");
    const parsed = parseCalendarFile(csv);
    expect(parsed.problems).toEqual([
      "第 4 行无法识别：“2026/01/06,holiday”（应为 YYYY-MM-DD,holiday 或 YYYY-MM-DD,workday）。",
      "第 5 行：2026-02-30 不是有效的日期。",
      "第 6 行无法识别：“2026-10-01,休息”（应为 YYYY-MM-DD,holiday 或 YYYY-MM-DD,workday）。",
    ]);
    const problems = checkImportedYear(2026, parsed);
    expect(problems).toEqual(
      expect.arrayContaining([
        "2026-01-03 是周末，只需登记落在工作日的假日。",
        "2026-01-04 是周末，只需登记落在工作日的假日。",
        "2026-01-05 不是周末，调休上班日应为周六或周日。",
        "2027-01-01 不在 2026 年。",
        "2026-01-04 同时被列为假日和调休上班日。",
      ]),
    );
    expect(problems).toHaveLength(3 + 5);
  });

  it("says so when the file holds no dates at all", () => {
    expect(parseCsv("# 空文件\n\n").problems).toEqual(["文件中没有任何日期。"]);
  });
});
