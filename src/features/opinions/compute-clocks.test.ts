import { describe, expect, it } from "vitest";
import { clockState, computeClocks, nextDueAt, remainingText, toChinaIso } from "./compute-clocks";

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => (d ? toChinaIso(d) : null);

describe("舆情 clocks in clock hours from discovery (STATUTES §9)", () => {
  it("a serious emergency found late at night: release by 5 h, press conference by 24 h, across midnight", () => {
    // 22:30 + 5 h = 03:30 the next day; 22:30 + 24 h = 22:30 the next day.
    const c = computeClocks("major_emergency", at("2026-03-14T22:30:00+08:00"));
    expect(iso(c.releaseDueAt)).toBe("2026-03-15T03:30:00+08:00");
    expect(iso(c.pressConferenceDueAt)).toBe("2026-03-15T22:30:00+08:00");
    expect(c.responseDueAt).toBeNull();
  });

  it("across a month end and a year end, holidays included", () => {
    // 2026-01-31 21:15 + 5 h = 2026-02-01 02:15; + 24 h = 2026-02-01 21:15.
    const jan = computeClocks("major_emergency", at("2026-01-31T21:15:00+08:00"));
    expect(iso(jan.releaseDueAt)).toBe("2026-02-01T02:15:00+08:00");
    expect(iso(jan.pressConferenceDueAt)).toBe("2026-02-01T21:15:00+08:00");
    // 2026-12-31 20:00 + 5 h = 2027-01-01 01:00 (New Year's Day counts: clock hours).
    const dec = computeClocks("major_emergency", at("2026-12-31T20:00:00+08:00"));
    expect(iso(dec.releaseDueAt)).toBe("2027-01-01T01:00:00+08:00");
    expect(iso(dec.pressConferenceDueAt)).toBe("2027-01-01T20:00:00+08:00");
  });

  it("an ordinary item: a response within 48 h, through 29 February of a leap year", () => {
    // 2028-02-28 23:40 + 48 h = 2028-03-01 23:40 (2028 is a leap year: 28 → 29 → 1 March).
    const c = computeClocks("ordinary", at("2028-02-28T23:40:00+08:00"));
    expect(iso(c.responseDueAt)).toBe("2028-03-01T23:40:00+08:00");
    expect(c.releaseDueAt).toBeNull();
    expect(c.pressConferenceDueAt).toBeNull();
    // Not a leap year: 2027-02-27 10:00 + 48 h = 2027-03-01 10:00.
    expect(iso(computeClocks("ordinary", at("2027-02-27T10:00:00+08:00")).responseDueAt)).toBe(
      "2027-03-01T10:00:00+08:00",
    );
  });

  it("reads a UTC timestamp and answers in Beijing time", () => {
    // 2026-04-30T17:10Z is 2026-05-01 01:10 in Beijing; + 5 h = 06:10 on 1 May.
    const c = computeClocks("major_emergency", at("2026-04-30T17:10:00Z"));
    expect(iso(c.releaseDueAt)).toBe("2026-05-01T06:10:00+08:00");
    expect(iso(c.pressConferenceDueAt)).toBe("2026-05-02T01:10:00+08:00");
  });

  it("a release exactly at the 5th hour is on time; a minute later is late", () => {
    const due = at("2026-03-15T03:30:00+08:00");
    expect(clockState(due, at("2026-03-15T03:30:00+08:00"), at("2026-03-16T00:00:00+08:00"))).toBe("met");
    expect(clockState(due, at("2026-03-15T03:31:00+08:00"), at("2026-03-16T00:00:00+08:00"))).toBe("late");
  });

  it("an open clock: running, due soon in the last hour, overdue after", () => {
    const due = at("2026-03-15T03:30:00+08:00");
    expect(clockState(due, null, at("2026-03-15T02:29:00+08:00"))).toBe("running");
    expect(clockState(due, null, at("2026-03-15T02:30:00+08:00"))).toBe("due_soon");
    expect(clockState(due, null, at("2026-03-15T03:30:00+08:00"))).toBe("due_soon");
    expect(clockState(due, null, at("2026-03-15T03:30:01+08:00"))).toBe("overdue");
    // 03:30 − 23:00 the evening before = 4 h 30 min left; 05:45 − 03:30 = 2 h 15 min over.
    expect(remainingText(due, at("2026-03-14T23:00:00+08:00"))).toBe("剩余 4 小时 30 分");
    expect(remainingText(due, at("2026-03-15T05:45:00+08:00"))).toBe("已超时 2 小时 15 分");
  });

  it("the next due time is the earliest clock not yet met", () => {
    const c = computeClocks("major_emergency", at("2026-03-14T22:30:00+08:00"));
    const none = { releasedAt: null, pressConferenceAt: null, respondedAt: null };
    expect(iso(nextDueAt(c, none))).toBe("2026-03-15T03:30:00+08:00");
    // Released (even late): the press conference's 22:30 is what is left.
    const released = { ...none, releasedAt: at("2026-03-15T04:00:00+08:00") };
    expect(iso(nextDueAt(c, released))).toBe("2026-03-15T22:30:00+08:00");
    expect(nextDueAt(c, { ...released, pressConferenceAt: at("2026-03-15T20:00:00+08:00") })).toBeNull();
  });
});
