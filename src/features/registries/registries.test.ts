import { describe, expect, it } from "vitest";
import { anonymise, REDACTED } from "./anonymise";
import { averageScore, daysSinceUpdate, isStale, scoreInspection } from "./new-media-score";
import { trainingBoard } from "./training-board";

const clean = { brokenLinks: 0, wrongItems: 0, unansweredMessages: 0 };

describe("new-media inspection: the two-week veto", () => {
  it("counts calendar days from the latest post to the inspection day", () => {
    // 2026-03-16 − 2026-03-02: March has 31 days, so 16 − 2 = 14 days.
    expect(daysSinceUpdate({ inspectedOn: "2026-03-16", lastUpdatedOn: "2026-03-02" })).toBe(14);
    // Across a month end: 2026-03-03 − 2026-02-17 = (28 − 17) + 3 = 14 days (2026 is not a leap year).
    expect(daysSinceUpdate({ inspectedOn: "2026-03-03", lastUpdatedOn: "2026-02-17" })).toBe(14);
  });

  it("a post 14 days before the inspection is inside the two weeks; 15 days is a veto", () => {
    expect(isStale({ inspectedOn: "2026-03-16", lastUpdatedOn: "2026-03-02" })).toBe(false);
    expect(isStale({ inspectedOn: "2026-03-16", lastUpdatedOn: "2026-03-01" })).toBe(true);
    // Leap year: 2024-03-14 − 2024-02-29 = (29 − 29) + 14 = 14 days → not stale; 2024-02-28 → 15 → stale.
    expect(isStale({ inspectedOn: "2024-03-14", lastUpdatedOn: "2024-02-29" })).toBe(false);
    expect(isStale({ inspectedOn: "2024-03-14", lastUpdatedOn: "2024-02-28" })).toBe(true);
    // Never posted.
    expect(isStale({ inspectedOn: "2026-03-16", lastUpdatedOn: null })).toBe(true);
  });

  it("a veto scores 0 whatever else was found; otherwise deductions with their caps", () => {
    expect(scoreInspection({ inspectedOn: "2026-03-16", lastUpdatedOn: "2026-03-01", ...clean })).toEqual({
      score: 0,
      isVetoed: true,
    });
    expect(scoreInspection({ inspectedOn: "2026-03-16", lastUpdatedOn: "2026-03-15", ...clean })).toEqual({
      score: 100,
      isVetoed: false,
    });
    // 3 broken links −6, 1 wrong item −5, 4 unanswered messages −8 → 100 − 19 = 81.
    expect(
      scoreInspection({
        inspectedOn: "2026-03-16",
        lastUpdatedOn: "2026-03-10",
        brokenLinks: 3,
        wrongItems: 1,
        unansweredMessages: 4,
      }).score,
    ).toBe(81);
    // Caps: 50 links −20 (not −100), 10 wrong −30, 30 messages −20 → 100 − 70 = 30.
    expect(
      scoreInspection({
        inspectedOn: "2026-03-16",
        lastUpdatedOn: "2026-03-16",
        brokenLinks: 50,
        wrongItems: 10,
        unansweredMessages: 30,
      }).score,
    ).toBe(30);
  });

  it("a unit's year is the mean of its inspections, one decimal", () => {
    // (81 + 0 + 100) / 3 = 60.333… → 60.3
    expect(averageScore([81, 0, 100])).toBe(60.3);
    expect(averageScore([])).toBeNull();
  });
});

describe("training board: at least one 通识培训 per unit per year", () => {
  const sessions = [
    { unitId: 1, kind: "general", heldOn: "2026-04-10", hours: 1.5 },
    { unitId: 1, kind: "special", heldOn: "2026-06-01", hours: 1.5 },
    { unitId: 1, kind: "general", heldOn: "2026-09-20", hours: 0.5 },
    // Unit 2 trained only on a special topic, and had its general session the year before.
    { unitId: 2, kind: "special", heldOn: "2026-05-05", hours: 2 },
    { unitId: 2, kind: "general", heldOn: "2025-12-30", hours: 2 },
    // Unit 3's general session is planned for later in the year: not held by "today".
    { unitId: 3, kind: "general", heldOn: "2026-12-15", hours: 2 },
  ];

  it("while the year runs: done with a general session, otherwise not yet", () => {
    const board = trainingBoard([1, 2, 3, 4], sessions, 2026, "2026-10-01");
    expect(board.map((r) => [r.unitId, r.state])).toEqual([
      [1, "done"],
      [2, "due"],
      [3, "due"],
      [4, "due"],
    ]);
    // Unit 1: 1.5 + 1.5 + 0.5 = 3.5 hours in 3 sessions, 2 of them general, the last on 09-20.
    expect(board[0]).toMatchObject({
      sessions: 3,
      generalSessions: 2,
      hours: 3.5,
      lastGeneralOn: "2026-09-20",
    });
  });

  it("after the year: missed without one; the year before does not count", () => {
    const board = trainingBoard([1, 2, 3, 4], sessions, 2026, "2027-01-05");
    expect(board.map((r) => [r.unitId, r.state])).toEqual([
      [1, "done"],
      [2, "missed"],
      [3, "done"],
      [4, "missed"],
    ]);
    expect(trainingBoard([2], sessions, 2025, "2026-01-05")[0]?.state).toBe("done");
  });
});

describe("case library: anonymising a reply", () => {
  it("takes out the applicant's fields and any ID, mobile or card number", () => {
    const text =
      "张伟先生：您于2026年3月2日提出的申请（联系电话 13912345678，住址济南市市中区舜耕路12号）已收悉。张伟所申请的信息……身份证 370102199001011231。";
    const out = anonymise(text, ["张伟", "济南市市中区舜耕路12号", "13912345678", ""]);
    expect(out).toBe(
      `${REDACTED}先生：您于2026年3月2日提出的申请（联系电话 ${REDACTED}，住址${REDACTED}）已收悉。${REDACTED}所申请的信息……身份证 ${REDACTED}。`,
    );
  });

  it("also takes out the address written without its city and district", () => {
    expect(anonymise("申请公开舜耕路12号周边规划。", ["济南市市中区舜耕路12号"])).toBe(
      `申请公开${REDACTED}周边规划。`,
    );
  });
});
