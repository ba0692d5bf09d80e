import { describe, expect, it } from "vitest";
import { matchEligibility, type TEligibilityRule } from "./match-eligibility";

const open: TEligibilityRule = {
  audiences: [],
  subdistricts: [],
  industries: [],
  sizes: [],
  attributes: [],
  ageMin: null,
  ageMax: null,
  startsOn: null,
  endsOn: null,
};
const today = "2026-12-05";

describe("政策找人 matching, worked by hand", () => {
  // 高龄津贴: people aged 80 and over in 舜玉路街道, applications 2026-01-01 to 2026-12-31.
  const elderly: TEligibilityRule = {
    ...open,
    audiences: ["person"],
    subdistricts: ["舜玉路街道"],
    ageMin: 80,
    startsOn: "2026-01-01",
    endsOn: "2026-12-31",
  };

  it("an 82-year-old in 舜玉路街道 qualifies: person ✓, 街道 ✓, 82 ≥ 80 ✓, 2026-12-05 in the window ✓", () => {
    const m = matchEligibility(
      elderly,
      { audience: "person", attributes: [], age: 82, subdistrict: "舜玉路街道" },
      today,
    );
    expect(m.isMatch).toBe(true);
    expect(m.reasons).toEqual([
      "面向个人",
      "适用于舜玉路街道",
      "年龄 82 岁，在 80 岁及以上 范围内",
      "申请截止 2026-12-31",
    ]);
  });

  it("79 < 80 does not; nor another 街道; nor an unanswered age; nor a firm", () => {
    const p = { audience: "person" as const, attributes: [], subdistrict: "舜玉路街道" };
    expect(matchEligibility(elderly, { ...p, age: 79 }, today).isMatch).toBe(false);
    expect(matchEligibility(elderly, { ...p, age: 82, subdistrict: "七贤街道" }, today).isMatch).toBe(false);
    expect(matchEligibility(elderly, p, today).isMatch).toBe(false);
    expect(matchEligibility(elderly, { ...p, audience: "enterprise", age: 82 }, today).isMatch).toBe(false);
  });

  it("the window includes both ends: 2026-12-31 yes, 2027-01-01 no, 2025-12-31 no", () => {
    const a = { audience: "person" as const, attributes: [], age: 90, subdistrict: "舜玉路街道" };
    expect(matchEligibility(elderly, a, "2026-12-31").isMatch).toBe(true);
    expect(matchEligibility(elderly, a, "2027-01-01").isMatch).toBe(false);
    expect(matchEligibility(elderly, a, "2025-12-31").isMatch).toBe(false);
  });

  // 小微企业研发补助: 制造业 (C) or 信息技术服务 (I), 小型 or 微型, and 高新技术企业 or 科技型中小企业.
  const rnd: TEligibilityRule = {
    ...open,
    audiences: ["enterprise"],
    industries: ["C", "I"],
    sizes: ["small", "micro"],
    attributes: ["高新技术企业", "科技型中小企业"],
  };

  it("a small 制造业 firm holding one of the two attributes qualifies, with the attribute it holds named", () => {
    const m = matchEligibility(
      rnd,
      { audience: "enterprise", attributes: ["科技型中小企业", "外贸企业"], industry: "C", size: "small" },
      today,
    );
    expect(m).toEqual({
      isMatch: true,
      reasons: ["面向企业", "所属行业为制造业", "企业规模为小型", "符合“科技型中小企业”条件"],
    });
  });

  it("a 中型 firm, a 建筑业 (E) firm, or one without either attribute does not", () => {
    const f = {
      audience: "enterprise" as const,
      attributes: ["高新技术企业"],
      industry: "I",
      size: "micro" as const,
    };
    expect(matchEligibility(rnd, f, today).isMatch).toBe(true);
    expect(matchEligibility(rnd, { ...f, size: "medium" }, today).isMatch).toBe(false);
    expect(matchEligibility(rnd, { ...f, industry: "E" }, today).isMatch).toBe(false);
    expect(matchEligibility(rnd, { ...f, attributes: ["外贸企业"] }, today).isMatch).toBe(false);
  });

  it("a policy with no conditions applies to everyone, and says so", () => {
    expect(matchEligibility(open, { audience: "person", attributes: [] }, today)).toEqual({
      isMatch: true,
      reasons: ["对申请人没有特别条件"],
    });
  });

  it("an age range 16–59 holds at both ends: 16 and 59 yes, 15 and 60 no", () => {
    const r = { ...open, ageMin: 16, ageMax: 59 };
    const at = (age: number) =>
      matchEligibility(r, { audience: "person", attributes: [], age }, today).isMatch;
    expect([at(15), at(16), at(59), at(60)]).toEqual([false, true, true, false]);
  });
});
