import { describe, expect, it } from "vitest";
import { progressStatus, responsibleUnits, taskStatus, unitStanding } from "./task-status";

const UNITS = [
  { id: 1, kind: "department", isActive: true },
  { id: 2, kind: "department", isActive: true },
  { id: 3, kind: "subdistrict", isActive: true },
  { id: 4, kind: "department", isActive: false },
  { id: 5, kind: "office", isActive: true },
];

describe("responsible units", () => {
  it("expands a collective to every current unit of its kind, leaving out abolished units", () => {
    const r = responsibleUnits([{ role: "lead", unitId: null, collective: "departments" }], UNITS);
    expect([...r.keys()]).toEqual([1, 2]);
  });

  it("keeps a unit named as lead leading even when a support collective also covers it", () => {
    const r = responsibleUnits(
      [
        { role: "lead", unitId: 2, collective: null },
        { role: "support", unitId: null, collective: "relevant_departments" },
        { role: "lead", unitId: null, collective: "subdistricts" },
      ],
      UNITS,
    );
    expect(Object.fromEntries(r)).toEqual({ 1: "support", 2: "lead", 3: "lead" });
  });
});

describe("task progress", () => {
  const leads = new Map<number, "lead" | "support">([
    [1, "lead"],
    [2, "lead"],
    [3, "support"],
  ]);
  const accepted = (unitId: number, isComplete = true) => ({ unitId, status: "accepted", isComplete });

  it("is not started without reports and in progress with any report", () => {
    expect(progressStatus(leads, [])).toBe("not_started");
    expect(progressStatus(leads, [{ unitId: 3, status: "returned", isComplete: true }])).toBe("in_progress");
  });

  it("is done only when every lead unit's completion report was accepted; support units do not hold it up", () => {
    expect(progressStatus(leads, [accepted(1)])).toBe("in_progress");
    expect(progressStatus(leads, [accepted(1), accepted(2, false)])).toBe("in_progress");
    expect(progressStatus(leads, [accepted(1), { unitId: 2, status: "submitted", isComplete: true }])).toBe(
      "in_progress",
    );
    expect(progressStatus(leads, [accepted(1), accepted(2)])).toBe("done");
  });

  it("counts all responsible units when none leads", () => {
    const support = new Map<number, "lead" | "support">([
      [1, "support"],
      [2, "support"],
    ]);
    expect(progressStatus(support, [accepted(1)])).toBe("in_progress");
    expect(progressStatus(support, [accepted(1), accepted(2)])).toBe("done");
  });
});

describe("status shown", () => {
  it("derives overdue after the due date, ongoing for 长期坚持 tasks, and never for done ones", () => {
    expect(taskStatus({ status: "in_progress", dueDate: "2026-06-30" }, "2026-06-30")).toBe("in_progress");
    expect(taskStatus({ status: "in_progress", dueDate: "2026-06-30" }, "2026-07-01")).toBe("overdue");
    expect(taskStatus({ status: "not_started", dueDate: "2026-06-30", ongoing: true }, "2026-07-01")).toBe(
      "ongoing",
    );
    expect(taskStatus({ status: "done", dueDate: "2026-06-30" }, "2027-01-01")).toBe("done");
    expect(taskStatus({ status: "not_started", dueDate: null }, "2027-01-01")).toBe("not_started");
  });

  it("gives each unit its own standing on a shared task", () => {
    const reports = [
      { unitId: 1, status: "accepted", isComplete: true },
      { unitId: 2, status: "submitted", isComplete: true },
    ];
    const task = { dueDate: "2026-06-30", ongoing: false };
    expect(unitStanding(1, task, reports, "2026-07-01")).toMatchObject({ isDone: true, isOverdue: false });
    expect(unitStanding(2, task, reports, "2026-07-01")).toMatchObject({
      isDone: false,
      isAwaitingReview: true,
      isOverdue: true,
    });
    expect(unitStanding(3, task, reports, "2026-06-01")).toMatchObject({
      isOverdue: false,
      hasReport: false,
    });
  });
});
