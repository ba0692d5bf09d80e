import { describe, expect, it } from "vitest";
import * as text from "./index";

describe("the text tools' public door", () => {
  it("exports the search, 文号, privacy and snippet tools", () => {
    const names = [
      "tokensForIndex",
      "indexText",
      "queryTerms",
      "queryWords",
      "toTsQuery",
      "parseDocNumber",
      "formatDocNumber",
      "docNumberKey",
      "findDocNumber",
      "findPersonalData",
      "isValidId18",
      "passesLuhn",
      "snippetParts",
    ];
    for (const name of names) expect(typeof (text as Record<string, unknown>)[name], name).toBe("function");
  });

  it("keeps internals private", () => {
    expect(Object.keys(text)).not.toContain("queryChunks");
    expect(Object.keys(text)).not.toContain("getJieba");
  });

  it("highlights a query's words in a document it matches", () => {
    const body = "第四十条 行政机关依申请公开政府信息，应当根据申请人的要求确定提供政府信息的具体形式。";
    const parts = text.snippetParts(body, text.queryWords("依申请公开 政府信息"));
    // The typed words first, then jieba's words of them (申请 of 依申请公开, here in 申请人).
    expect(parts.filter((part) => part.hit).map((part) => part.text)).toEqual([
      "依申请公开",
      "政府信息",
      "申请",
      "政府信息",
    ]);
  });
});
