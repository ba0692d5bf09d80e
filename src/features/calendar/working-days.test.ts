import { describe, expect, it } from "vitest";
import { Y2025, Y2026 } from "../../../test/calendar-fixture";
import { dayNumber, todayInChina, WorkCalendar } from "./working-days";

const cal = new WorkCalendar([Y2025, Y2026]);

describe("working days", () => {
  it("counts weekends off, weekday holidays off and 调休 weekend days on", () => {
    expect(cal.isWorkday("2025-09-27")).toBe(false); // Saturday
    expect(cal.isWorkday("2025-09-28")).toBe(true); // Sunday worked before 国庆
    expect(cal.isWorkday("2025-10-08")).toBe(false); // Wednesday in the 国庆 holiday
    expect(cal.isWorkday("2026-01-04")).toBe(true); // Sunday worked after 元旦
  });

  it("reaches the STATUTES §3 example: received Mon 2025-09-01 → due Sun 2025-09-28", () => {
    // Sep 2–5 (4), 8–12 (9), 15–19 (14), 22–26 (19), Sun 28 worked (20).
    expect(cal.addWorkdays("2025-09-01", 20)).toEqual({ date: "2025-09-28", isProvisional: false });
  });

  it("skips a holiday that spans the period (国庆 2025)", () => {
    // From Tue 2025-09-30: Oct 9 (1), 10 (2), Sat 11 worked (3), 13–17 (8), 20–24 (13), 27–31 (18), Nov 3 (19), Nov 4 (20).
    expect(cal.addWorkdays("2025-09-30", 20).date).toBe("2025-11-04");
  });

  it("crosses the 2026 Spring Festival with its two worked Saturdays", () => {
    // From Fri 2026-02-06: Feb 9–13 (5), Sat 14 worked (6), holidays 16–23, 24–27 (10), Sat 28 worked (11),
    // Mar 2–6 (16), Mar 9–12 (20).
    expect(cal.addWorkdays("2026-02-06", 20).date).toBe("2026-03-12");
  });

  it("does not count the working days inside a pause (S, E], and counts on from E", () => {
    // Received Mon 2025-09-01, consultation from Fri Sep 5 to Fri Sep 12: Sep 2–5 count (4), Sep 8–12 do not,
    // Sep 15–19 (9), 22–26 (14), Sun 28 worked (15), 29 (16), 30 (17), Oct 1–8 holidays, Oct 9 (18), 10 (19),
    // Sat Oct 11 worked (20).
    expect(cal.addWorkdays("2025-09-01", 20, [{ from: "2025-09-05", to: "2025-09-12" }]).date).toBe(
      "2025-10-11",
    );
  });

  it("does not count overlapping pauses twice", () => {
    const one = cal.addWorkdays("2025-09-01", 20, [{ from: "2025-09-05", to: "2025-09-12" }]);
    const overlapping = cal.addWorkdays("2025-09-01", 20, [
      { from: "2025-09-05", to: "2025-09-10" },
      { from: "2025-09-08", to: "2025-09-12" },
    ]);
    expect(overlapping).toEqual(one);
  });

  it("answers for a year with no schedule, weekends only, and flags it provisional", () => {
    // 2027 is not loaded: from Fri 2027-01-01, 20 weekdays later is Fri 2027-01-29.
    expect(cal.addWorkdays("2027-01-01", 20)).toEqual({ date: "2027-01-29", isProvisional: true });
    // Reaching into 2027 from late 2026 is provisional too.
    expect(cal.addWorkdays("2026-12-20", 20).isProvisional).toBe(true);
  });

  it("counts working days between two dates", () => {
    expect(cal.workdaysBetween("2025-09-01", "2025-09-28")).toBe(20);
    expect(cal.workdaysBetween("2025-09-28", "2025-09-01")).toBe(0);
  });

  it("rejects impossible dates", () => {
    expect(() => dayNumber("2025-02-30")).toThrow(RangeError);
    expect(() => cal.addWorkdays("2025-09-01", 0)).toThrow(RangeError);
  });

  it("knows today's date in China even when UTC is still on the day before", () => {
    expect(todayInChina(new Date("2026-11-26T17:30:00Z"))).toBe("2026-11-27");
  });
});
