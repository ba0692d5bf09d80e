import { describe, expect, it } from "vitest";
import { provisionalHolidays, statutoryHolidays } from "./statutory-holidays";

describe("statutory holidays (全国年节及纪念日放假办法)", () => {
  it("gives the 2027 holidays of the 2025 rules, checked by hand against the Chinese calendar", () => {
    // 除夕 2027 = Fri Feb 5 (正月初一 = Sat Feb 6); 清明 Mon Apr 5; 端午 (五月初五) Wed Jun 9;
    // 中秋 (八月十五) Wed Sep 15.
    expect(statutoryHolidays(2027)).toEqual([
      "2027-01-01",
      "2027-02-05",
      "2027-02-06",
      "2027-02-07",
      "2027-02-08",
      "2027-04-05",
      "2027-05-01",
      "2027-05-02",
      "2027-06-09",
      "2027-09-15",
      "2027-10-01",
      "2027-10-02",
      "2027-10-03",
    ]);
    // Weekend holidays are not moved: no 补休 or 调休 is guessed.
    expect(provisionalHolidays(2027)).toEqual([
      "2027-01-01",
      "2027-02-05",
      "2027-02-08",
      "2027-04-05",
      "2027-06-09",
      "2027-09-15",
      "2027-10-01",
    ]);
  });

  it("follows the rules in force that year: before 2025 春节 had no 除夕 and 劳动节 one day", () => {
    // 2024: 除夕 Fri Feb 9 was a working day; 正月初一 Sat Feb 10.
    const y2024 = statutoryHolidays(2024);
    expect(y2024).not.toContain("2024-02-09");
    expect(y2024).toContain("2024-02-10");
    expect(y2024).not.toContain("2024-05-02");
    // 2025: 除夕 Tue Jan 28 and May 2 are holidays.
    expect(statutoryHolidays(2025)).toEqual(expect.arrayContaining(["2025-01-28", "2025-05-02"]));
  });

  it("counts a day once when two holidays meet (中秋 on 国庆, 2020-10-01)", () => {
    const y2020 = statutoryHolidays(2020);
    expect(y2020.filter((d) => d === "2020-10-01")).toHaveLength(1);
    expect(y2020).toHaveLength(10);
  });

  it("puts 清明 on the solar term's day, 4–6 April, and every holiday in its own year", () => {
    // Known from the published schedules: 2022-04-05, 2024-04-04, 2026-04-05.
    expect(statutoryHolidays(2022)).toContain("2022-04-05");
    expect(statutoryHolidays(2024)).toContain("2024-04-04");
    expect(statutoryHolidays(2026)).toContain("2026-04-05");
    for (let year = 2014; year <= 2100; year++) {
      const days = statutoryHolidays(year);
      expect(days.every((d) => d.startsWith(`${year}-`))).toBe(true);
      expect(days.filter((d) => /-04-0[4-6]$/.test(d))).toHaveLength(1);
    }
  });
});
