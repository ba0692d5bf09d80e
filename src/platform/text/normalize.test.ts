import { describe, expect, it } from "vitest";
import { foldWidth, joinHanAcrossSpaces, normalizeForSearch } from "./normalize";

describe("normalizeForSearch", () => {
  it("folds full-width forms, circled digits and Kangxi radicals, and lowers case", () => {
    expect(normalizeForSearch("ＡＢＣ１２３ＸＹ")).toBe("abc123xy");
    expect(normalizeForSearch("①")).toBe("1");
    expect(normalizeForSearch("⼈民")).toBe("人民"); // U+2F08 KANGXI RADICAL MAN, as PDFs extract it
  });
});

describe("joinHanAcrossSpaces", () => {
  it("drops whitespace between two Han characters only", () => {
    expect(joinHanAcrossSpaces("医疗\n保险 2020 年 度")).toBe("医疗保险 2020 年度");
    expect(joinHanAcrossSpaces("第 一 章　总 则")).toBe("第一章总则");
  });
});

describe("foldWidth", () => {
  it("maps each UTF-16 unit to one unit, so offsets stay valid", () => {
    const text = "ＡＢＣ　１２３，Hello 政府";
    const folded = foldWidth(text);
    expect(folded).toBe("abc 123,hello 政府");
    expect(folded.length).toBe(text.length);
  });
});
