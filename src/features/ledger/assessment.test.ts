import { describe, expect, it } from "vitest";
import { scoreUnit } from "./assessment";

const report = (unitId: number, status: string, reportedOn: string, isComplete = true) => ({
  unitId,
  status,
  reportedOn,
  isComplete,
});

describe("assessment score", () => {
  const weights = { onTime: 50, returned: 30, review: 20 };

  it("counts a task on time only when the accepted completion report is dated by the due date", () => {
    const tasks = [
      { dueDate: "2026-03-31", reviewOutcome: "closed", reports: [report(1, "accepted", "2026-03-31")] },
      { dueDate: "2026-06-30", reviewOutcome: null, reports: [report(1, "accepted", "2026-07-01")] },
      {
        dueDate: "2026-09-30",
        reviewOutcome: "carried_over",
        reports: [report(1, "accepted", "2026-09-01", false)],
      },
      // Not yet due: left out of the on-time rate.
      { dueDate: "2026-12-31", reviewOutcome: null, reports: [] },
    ];
    const s = scoreUnit(1, tasks, weights, "2026-10-01");
    expect(s.counts).toMatchObject({ due: 3, onTime: 1, reports: 3, returned: 0, tasks: 4, closed: 1 });
    expect(s.onTimeRate).toBeCloseTo(1 / 3);
    expect(s.score).toBe(Math.round((50 / 3 + 30 + 20 / 4) * 10) / 10);
  });

  it("lowers the score for each returned report and ignores other units' reports", () => {
    const tasks = [
      {
        dueDate: "2026-03-31",
        reviewOutcome: null,
        reports: [
          report(1, "returned", "2026-03-01"),
          report(1, "accepted", "2026-03-20"),
          report(2, "returned", "2026-03-02"),
        ],
      },
    ];
    const s = scoreUnit(1, tasks, { onTime: 0, returned: 100, review: 0 }, "2026-04-01");
    expect(s.notReturnedRate).toBe(0.5);
    expect(s.score).toBe(50);
  });
});
