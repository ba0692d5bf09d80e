import { describe, expect, it } from "vitest";
import { Y2025 } from "../../../test/calendar-fixture";
import { passedDateNote } from "./passed-date";
import { WorkCalendar } from "./working-days";

const calendar = new WorkCalendar([Y2025]);

describe("a statutory date that has passed, as staff are told", () => {
  it("counts the working days after the date up to today, 调休 Sunday included", () => {
    // Fri 26 Sep → Mon 29 Sep 2025: Sat 27 off, Sun 28 a 调休 workday, Mon 29 a workday.
    expect(passedDateNote("2025-09-26", "2025-09-29", calendar)).toBe("已过期 2 个工作日");
    // Tue 30 Sep → Thu 9 Oct: 1–8 October is the 国庆 break, Thu 9 the first workday after it.
    expect(passedDateNote("2025-09-30", "2025-10-09", calendar)).toBe("已过期 1 个工作日");
  });

  it("names the day it fell due while no working day has run since", () => {
    // Thu 2 Oct → Wed 8 Oct 2025: every day in between is a holiday or a weekend.
    expect(passedDateNote("2025-10-02", "2025-10-08", calendar)).toBe("已于 2025-10-02 到期");
  });

  it("says nothing about today or a later date", () => {
    expect(passedDateNote("2025-09-29", "2025-09-29", calendar)).toBeNull();
    expect(passedDateNote("2025-10-09", "2025-09-29", calendar)).toBeNull();
  });
});
