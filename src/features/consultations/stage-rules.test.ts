import { describe, expect, it } from "vitest";
import { adoptionRate, consultationStatus, periodDays } from "./feedback-statistics";
import { stageWarnings } from "./stage-rules";

describe("stage order of 《重大行政决策程序暂行条例》", () => {
  it("accepts the law's order without a warning", () => {
    const done = [
      { stage: "draft", date: "2026-01-10" },
      { stage: "consultation", date: "2026-02-01" },
      { stage: "legality_review", date: "2026-03-15" },
    ] as const;
    expect(stageWarnings([...done], "collective_decision", "2026-04-01")).toEqual([]);
  });

  it("warns of a collective decision before the legality review (Art. 25) and without public consultation (Art. 14)", () => {
    const w = stageWarnings([{ stage: "draft", date: "2026-01-10" }], "collective_decision", "2026-04-01");
    expect(w).toHaveLength(2);
    expect(w[0]).toContain("第十四条");
    expect(w[1]).toContain("第二十五条");
  });

  it("warns when a required earlier stage is dated after the one recorded", () => {
    const w = stageWarnings(
      [{ stage: "collective_decision", date: "2026-05-01" }],
      "published",
      "2026-04-20",
    );
    expect(w).toEqual([expect.stringContaining("晚于")]);
  });

  it("warns when recording a required stage dated after a later stage that needed it", () => {
    const w = stageWarnings(
      [
        { stage: "draft", date: "2026-01-01" },
        { stage: "published", date: "2026-03-01" },
      ],
      "collective_decision",
      "2026-03-05",
    );
    expect(w.some((x) => x.includes("第三十条"))).toBe(true);
  });

  it("does not require the conditional stages (hearing, expert review, risk assessment)", () => {
    expect(stageWarnings([{ stage: "draft", date: "2026-01-01" }], "hearing", "2026-02-01")).toEqual([]);
    expect(stageWarnings([], "draft", "2026-01-01")).toEqual([]);
  });
});

describe("consultation figures", () => {
  it("computes the adoption rate as (adopted + partly) / (total − not relevant), to 4 decimals", () => {
    // (3 + 1) / (10 − 4) = 4 / 6 = 0.666… → 0.6667
    expect(adoptionRate({ total: 10, adopted: 3, partlyAdopted: 1, notRelevant: 4 })).toBe(0.6667);
    // 1 / 3 = 0.333… → 0.3333
    expect(adoptionRate({ total: 3, adopted: 1, partlyAdopted: 0, notRelevant: 0 })).toBe(0.3333);
    // Every comment off topic: nothing to divide by.
    expect(adoptionRate({ total: 2, adopted: 0, partlyAdopted: 0, notRelevant: 2 })).toBeNull();
    expect(adoptionRate({ total: 0, adopted: 0, partlyAdopted: 0, notRelevant: 0 })).toBeNull();
  });

  it("counts the period in calendar days and opens and closes on Beijing dates, both ends included", () => {
    // 2026-02-01 → 2026-03-03: 28 days of February + 2 = 30.
    expect(periodDays("2026-02-01", "2026-03-03")).toBe(30);
    expect(periodDays("2026-03-01", "2026-03-30")).toBe(29);
    const c = { opensAt: "2026-03-01", closesAt: "2026-03-31" };
    expect(consultationStatus(c, "2026-02-28")).toBe("upcoming");
    expect(consultationStatus(c, "2026-03-01")).toBe("open");
    expect(consultationStatus(c, "2026-03-31")).toBe("open");
    expect(consultationStatus(c, "2026-04-01")).toBe("closed");
  });
});
