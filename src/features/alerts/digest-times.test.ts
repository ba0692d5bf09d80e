import { describe, expect, it } from "vitest";
import { nextDailyDigest, nextWeeklyDigest, sendTimes } from "./digest-times";

// Beijing = UTC+8. 2026-12-05 is a Saturday.
describe("digest times (08:00 Beijing)", () => {
  it("a document at 07:59 Beijing goes in the same morning's daily digest", () => {
    // 2026-12-05 07:59 Beijing = 2026-12-04 23:59 UTC → 2026-12-05 08:00 Beijing = 00:00 UTC.
    expect(nextDailyDigest(new Date("2026-12-04T23:59:00Z")).toISOString()).toBe("2026-12-05T00:00:00.000Z");
  });
  it("one at 08:00 exactly or later waits for the next morning", () => {
    expect(nextDailyDigest(new Date("2026-12-05T00:00:00Z")).toISOString()).toBe("2026-12-06T00:00:00.000Z");
    // 2026-12-05 23:30 Beijing = 15:30 UTC → 2026-12-06 08:00 Beijing.
    expect(nextDailyDigest(new Date("2026-12-05T15:30:00Z")).toISOString()).toBe("2026-12-06T00:00:00.000Z");
  });
  it("the weekly digest is the next Monday 08:00", () => {
    // Saturday 2026-12-05 → Monday 2026-12-07 08:00 Beijing = 2026-12-07 00:00 UTC.
    expect(nextWeeklyDigest(new Date("2026-12-05T03:00:00Z")).toISOString()).toBe("2026-12-07T00:00:00.000Z");
    // Monday 2026-12-07 09:00 Beijing (01:00 UTC) → the Monday after, 2026-12-14.
    expect(nextWeeklyDigest(new Date("2026-12-07T01:00:00Z")).toISOString()).toBe("2026-12-14T00:00:00.000Z");
  });
  it("a scheduled publication is mailed from the moment it shows, not before", () => {
    const now = new Date("2026-12-05T03:00:00Z");
    const later = new Date("2026-12-09T02:00:00Z"); // Wednesday 10:00 Beijing
    const t = sendTimes(later, now);
    expect(t.immediate.toISOString()).toBe(later.toISOString());
    expect(t.daily.toISOString()).toBe("2026-12-10T00:00:00.000Z");
    expect(t.weekly.toISOString()).toBe("2026-12-14T00:00:00.000Z");
  });
});
