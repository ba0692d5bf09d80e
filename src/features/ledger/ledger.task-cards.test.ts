import { describe, expect, it } from "vitest";
import { daysOverdue } from "./ledger.task-cards";

describe("days overdue", () => {
  it("counts calendar days after the due date", () => {
    expect(daysOverdue("2026-06-30", "2026-07-01")).toBe(1);
    expect(daysOverdue("2026-06-30", "2026-06-30")).toBe(0);
    expect(daysOverdue("2026-06-30", "2026-06-01")).toBe(-29);
    // 2024 is a leap year: 28 Feb → 1 Mar is two days.
    expect(daysOverdue("2024-02-28", "2024-03-01")).toBe(2);
    // 30 Jun → 31 Dec: 31 + 31 + 30 + 31 + 30 + 31 = 184.
    expect(daysOverdue("2022-06-30", "2022-12-31")).toBe(184);
  });
});
