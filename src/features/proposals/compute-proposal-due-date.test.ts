import { describe, expect, it } from "vitest";
import { Y2025, Y2026 } from "../../../test/calendar-fixture";
import { WorkCalendar } from "../calendar";
import { addCalendarMonths, computeProposalDueDate } from "./compute-proposal-due-date";

// Worked by hand from STATUTES §9 (代表法 Art. 51; 民法典 Art. 201–203) and the 2025/2026 schedules
// of STATUTES §1. Weekdays checked against a printed calendar.
const calendar = new WorkCalendar([Y2025, Y2026]);
const due = (assignedAt: string, isComplex = false) =>
  computeProposalDueDate(assignedAt, isComplex, calendar);

describe("month arithmetic (民法典 Art. 201–202)", () => {
  it("ends on the day with the same number, or the month's last day when there is none", () => {
    // 03-31 + 3 months: June has no 31st → 06-30 (the example in STATUTES §9).
    expect(addCalendarMonths("2025-03-31", 3)).toBe("2025-06-30");
    // 11-30 + 3 months: February 2026 has 28 days → 02-28.
    expect(addCalendarMonths("2025-11-30", 3)).toBe("2026-02-28");
    // 11-30 + 3 months into a leap year: February 2024 has 29 days → 02-29.
    expect(addCalendarMonths("2023-11-30", 3)).toBe("2024-02-29");
    // 08-31 + 6 months: 2026-02 has no 31st → 02-28.
    expect(addCalendarMonths("2025-08-31", 6)).toBe("2026-02-28");
    // 10-15 + 3 months crosses the year: 2026-01-15.
    expect(addCalendarMonths("2025-10-15", 3)).toBe("2026-01-15");
  });
});

describe("the reply due date (STATUTES §9)", () => {
  it("gives the statute's own example: assigned 2025-03-31 → 2025-06-30, a Monday", () => {
    expect(due("2025-03-31")).toMatchObject({ dueDate: "2025-06-30", isProvisional: false });
  });

  it("ends on 02-28 when February has no 30th, and keeps it when that Saturday is a make-up working day", () => {
    // 2025-11-30 + 3 months → 2026-02-28 (Sat); the 2026 schedule makes 2026-02-28 a working day
    // (调休上班), so it is not a rest day and Art. 203 does not move it.
    expect(due("2025-11-30").dueDate).toBe("2026-02-28");
    // Complex: 2025-08-31 + 6 months → 2026-02-28 as well.
    expect(due("2025-08-31", true).dueDate).toBe("2026-02-28");
  });

  it("ends on 02-29 in a leap year", () => {
    // 2023-11-30 + 3 months → 2024-02-29, a Thursday and a working day in the 2024 schedule.
    const y2024 = {
      year: 2024,
      official: true,
      holidays: ["2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16"],
      workdays: ["2024-02-04", "2024-02-18"],
    };
    const r = computeProposalDueDate("2023-11-30", false, new WorkCalendar([y2024]));
    expect(r).toMatchObject({ dueDate: "2024-02-29", isProvisional: false });
  });

  it("moves a last day on an ordinary weekend to the Monday", () => {
    // 2026-03-13 (Fri) + 3 months → 2026-06-13, a Saturday that is not a make-up day;
    // Sunday 06-14 is a rest day too → Monday 2026-06-15.
    expect(due("2026-03-13").dueDate).toBe("2026-06-15");
    // 2025-05-31 + 3 months → 2025-08-31, a Sunday → Monday 2025-09-01.
    expect(due("2025-05-31").dueDate).toBe("2025-09-01");
  });

  it("moves a last day in a holiday to the first working day after it", () => {
    // 2026-07-01 + 3 months → 2026-10-01, 国庆节; 10-01…10-07 are off → Thursday 2026-10-08.
    expect(due("2026-07-01").dueDate).toBe("2026-10-08");
    // Complex: 2025-08-19 + 6 months → 2026-02-19, 春节; 02-15…02-23 are off → Tuesday 2026-02-24.
    expect(due("2025-08-19", true).dueDate).toBe("2026-02-24");
  });

  it("keeps a last day on a Saturday that is a make-up working day", () => {
    // 2025-11-14 + 3 months → 2026-02-14, a Saturday worked before 春节 → stays 2026-02-14.
    expect(due("2025-11-14").dueDate).toBe("2026-02-14");
  });

  it("flags a date in a year whose schedule is not loaded as provisional", () => {
    // 2026-09-30 + 6 months → 2027-03-30 (Tue); 2027's schedule is not loaded.
    expect(due("2026-09-30", true)).toMatchObject({ dueDate: "2027-03-30", isProvisional: true });
    // 2026-09-30 + 3 months → 2026-12-30 (Wed), inside 2026: not provisional.
    expect(due("2026-09-30")).toMatchObject({ dueDate: "2026-12-30", isProvisional: false });
  });

  it("explains how the date was found", () => {
    expect(due("2026-07-01").steps.join("；")).toContain(
      "2026-10-01 为休息日，顺延至其后第一个工作日 2026-10-08",
    );
  });
});
