import { describe, expect, it } from "vitest";
import { Y2025, Y2026 } from "../../../test/calendar-fixture";
import { addDays, dayNumber, todayInChina, WorkCalendar } from "./working-days";

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

  it("answers for a year with no schedule by its statutory holidays, and flags it provisional", () => {
    // 2027 is not loaded: from Fri 2027-01-01 (元旦): Jan 4–8 (5), 11–15 (10), 18–22 (15), 25–29 (20).
    expect(cal.addWorkdays("2027-01-01", 20)).toEqual({ date: "2027-01-29", isProvisional: true });
    // Reaching into 2027 from late 2026 is provisional too.
    expect(cal.addWorkdays("2026-12-20", 20).isProvisional).toBe(true);
  });

  it("never ends a provisional period on 元旦 (issue 10): received Fri 2026-12-04 → Mon 2027-01-04", () => {
    // Dec 7–11 (5), 14–18 (10), 21–25 (15), 28–31 (19), Fri Jan 1 元旦 off, Mon Jan 4 (20).
    expect(cal.addWorkdays("2026-12-04", 20)).toEqual({ date: "2027-01-04", isProvisional: true });
    expect(cal.isWorkday("2027-01-01")).toBe(false);
  });

  it("skips 春节 2027 without guessing 调休: received Fri 2027-01-08 → Tue 2027-02-09", () => {
    // Jan 11–15 (5), 18–22 (10), 25–29 (15), Feb 1–4 (19); Fri Feb 5 除夕 and Mon Feb 8 初三 off,
    // the weekend 初一–初二 is not moved; Tue Feb 9 (20).
    expect(cal.addWorkdays("2027-01-08", 20)).toEqual({ date: "2027-02-09", isProvisional: true });
    // The other weekday holidays of 2027: 清明 Mon Apr 5, 端午 Wed Jun 9, 中秋 Wed Sep 15, 国庆 Fri Oct 1.
    for (const day of ["2027-04-05", "2027-06-09", "2027-09-15", "2027-10-01"])
      expect(cal.isWorkday(day)).toBe(false);
    expect(cal.isWorkday("2027-10-04")).toBe(true); // Mon after 国庆: no 补休 guessed
    expect(cal.workdaysBetween("2027-02-04", "2027-02-09")).toBe(1);
  });

  it("uses a loaded schedule as it is, and flags it provisional until it is the official one", () => {
    const pencilled = { year: 2027, holidays: ["2027-02-09"], workdays: [], official: false };
    const draft = new WorkCalendar([Y2026, pencilled]);
    expect(draft.isWorkday("2027-01-01")).toBe(true); // the loaded lists replace the presumed holidays
    expect(draft.isWorkday("2027-02-09")).toBe(false);
    expect(draft.addWorkdays("2026-12-30", 1)).toEqual({ date: "2026-12-31", isProvisional: false });
    expect(draft.addWorkdays("2026-12-30", 2)).toEqual({ date: "2027-01-01", isProvisional: true });
    const official = new WorkCalendar([Y2026, { ...pencilled, official: true }]);
    expect(official.addWorkdays("2026-12-30", 2)).toEqual({ date: "2027-01-01", isProvisional: false });
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

describe("workdaysBetween over long ranges", () => {
  it("counts the same as asking each day in turn, across years, holidays and make-up days", () => {
    const oneByOne = (from: string, to: string) => {
      let n = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (cal.isWorkday(d)) n++;
      return n;
    };
    // From a date before any loaded schedule (presumed holidays) to one after them.
    const dates = [
      "2019-12-31",
      "2024-02-29",
      "2025-01-01",
      "2025-09-28",
      "2025-10-08",
      "2025-12-31",
      "2026-02-14",
      "2026-02-15",
      "2028-07-01",
    ];
    for (const from of dates)
      for (const to of dates)
        expect(cal.workdaysBetween(from, to), `${from} → ${to}`).toBe(from < to ? oneByOne(from, to) : 0);
  });
});
