import { describe, expect, it } from "vitest";
import { minimumMatch, toSearchQuery } from "./search-query";

const PHRASINGS = [["罚款", ["行政处罚"]]] as const;

describe("toSearchQuery", () => {
  it("drops question and filler words", () => {
    const q = toSearchQuery("退休金怎么算");
    expect(q?.required).toEqual(["('退休金' | ('退休' & '休金'))"]);
    // 算 is a single character left over: it may add to the score, it is not required.
    expect(q?.optional).toEqual(["'算':*"]);
    expect(q?.match).not.toContain("怎么");
  });

  it("keeps the words when nothing but filler was typed", () => {
    expect(toSearchQuery("怎么办")?.required).toEqual(["('怎么办' | ('怎么' & '么办'))"]);
  });

  it("searches a run of several words word by word, and keeps the run as a phrase for ranking", () => {
    const q = toSearchQuery("我想申请政府信息公开");
    expect(q?.required).toEqual(["'申请'", "'政府'", "'信息'", "'公开'"]);
    expect(q?.phrases).toEqual(["'申请' & '请政' & '政府' & '府信' & '信息' & '息公' & '公开'"]);
    expect(q?.minMatch).toBe(3);
  });

  it("keeps a dictionary word whole, as the typed phrase", () => {
    const q = toSearchQuery("环境保护");
    expect(q?.required).toEqual(["('环境保护' | ('环境' & '境保' & '保护'))"]);
    expect(q?.phrases).toEqual([]);
  });

  it("lets an everyday word stand for the legal term, one way only", () => {
    const everyday = toSearchQuery("罚款多少", { phrasings: PHRASINGS });
    expect(everyday?.required).toHaveLength(1);
    expect(everyday?.required[0]).toMatch(/^\('罚款' \| .*\('行政' & '政处' & '处罚'\)\)$/);
    const legal = toSearchQuery("行政处罚", { phrasings: PHRASINGS });
    expect(legal?.match).not.toContain("罚款");
  });

  it("finds a phrasing inside a run however jieba cuts it", () => {
    // jieba cuts 网购买到 as 网/购买/到.
    const q = toSearchQuery("网购买到假货", { phrasings: [["网购", ["电子商务"]]] });
    expect(q?.required[0]).toMatch(/^\('网购' \| .*\('电子' & '子商' & '商务'\)\)$/);
    expect(q?.required).toHaveLength(2);
  });

  it("requires all of one or two terms, and lets a third of more go missing", () => {
    expect([1, 2, 3, 4, 5, 6].map(minimumMatch)).toEqual([1, 2, 2, 3, 4, 4]);
  });

  it("says 'at least m of n' as one tsquery", () => {
    const q = toSearchQuery("公司 辞退 赔偿");
    expect(q?.minMatch).toBe(2);
    expect(q?.match).toBe("('公司' & '辞退') | ('公司' & '赔偿') | ('辞退' & '赔偿')");
    expect(q?.anyTerm).toBe("'公司' | '辞退' | '赔偿'");
  });

  it("is null when nothing searchable is left", () => {
    expect(toSearchQuery("，。！")).toBeNull();
  });
});
