import { describe, expect, it } from "vitest";
import { type SnippetPart, snippetParts } from "./snippet";
import { LEGAL_SENTENCES } from "./test-sentences";

const joined = (parts: SnippetPart[]) => parts.map((part) => part.text).join("");
const hits = (parts: SnippetPart[]) => parts.filter((part) => part.hit).map((part) => part.text);

describe("snippetParts", () => {
  it("returns a short text whole, with each term occurrence marked", () => {
    const text = "行政机关公开政府信息，采取主动公开和依申请公开的方式。";
    const parts = snippetParts(text, ["依申请公开", "政府信息"]);
    expect(parts).toEqual([
      { text: "行政机关公开", hit: false },
      { text: "政府信息", hit: true },
      { text: "，采取主动公开和", hit: false },
      { text: "依申请公开", hit: true },
      { text: "的方式。", hit: false },
    ]);
  });

  it("marks the longest term where terms overlap", () => {
    const parts = snippetParts("参加职工基本医疗保险", ["医疗", "保险", "医疗保险"]);
    expect(hits(parts)).toEqual(["医疗保险"]);
  });

  it("marks terms regardless of case and full-width forms, keeping the original characters", () => {
    const parts = snippetParts("城区５Ｇ网络与5g基站", ["5G"]);
    expect(hits(parts)).toEqual(["５Ｇ", "5g"]);
  });

  it("cuts a long text around the hits with … at each cut", () => {
    const text = `${"甲".repeat(300)}最低生活保障${"乙".repeat(300)}`;
    const parts = snippetParts(text, ["最低生活保障"], 40);
    const shown = joined(parts);
    expect(shown.startsWith("…")).toBe(true);
    expect(shown.endsWith("…")).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(42);
    expect(hits(parts)).toEqual(["最低生活保障"]);
  });

  it("prefers the window holding the most distinct terms over one with more repeats", () => {
    const repeats = "政府信息".repeat(8);
    const text = `${repeats}${"，".repeat(200)}依申请公开的政府信息${"。".repeat(200)}`;
    const parts = snippetParts(text, ["政府信息", "依申请公开"], 40);
    expect(hits(parts)).toEqual(expect.arrayContaining(["依申请公开", "政府信息"]));
  });

  it("starts at the beginning when nothing matches", () => {
    const text = LEGAL_SENTENCES.join("");
    const parts = snippetParts(text, ["不存在的词"], 30);
    expect(parts).toEqual([{ text: `${text.slice(0, 30)}…`, hit: false }]);
  });

  it("ignores empty terms", () => {
    expect(snippetParts("政府信息", ["", "  "])).toEqual([{ text: "政府信息", hit: false }]);
  });

  it("never splits a surrogate pair at either end", () => {
    const text = `${"𠀀".repeat(100)}公开${"𠀀".repeat(100)}`;
    for (const maxLength of [20, 21, 30, 31]) {
      const parts = snippetParts(text, ["公开"], maxLength);
      const shown = joined(parts);
      expect(shown, String(maxLength)).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect(shown, String(maxLength)).not.toMatch(/(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(hits(parts)).toEqual(["公开"]);
    }
  });

  it("reads line breaks as spaces and trims the ends", () => {
    const parts = snippetParts("\n\n区医疗保障局\n2021年   城乡居民医疗保险\n", ["医疗保险"]);
    expect(joined(parts)).toBe("区医疗保障局 2021年 城乡居民医疗保险");
  });

  it("keeps a hit whole rather than cutting it at the window's edge", () => {
    const text = `${"甲".repeat(50)}政府信息公开${"乙".repeat(50)}`;
    const parts = snippetParts(text, ["政府信息公开"], 10);
    expect(hits(parts)).toEqual(["政府信息公开"]);
    expect(joined(parts).length).toBeLessThanOrEqual(12);
  });
});
