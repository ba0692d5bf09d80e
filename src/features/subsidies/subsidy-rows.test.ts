import { describe, expect, it } from "vitest";
import { isPublicOn, keptThrough } from "./publish-notice";
import { checkSubsidyRows, formatFen, maskIdNumber, parseRowsText } from "./subsidy-rows";

// A valid 居民身份证号, its check digit worked by hand (GB 11643, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2):
// 3·7 + 7·9 + 0·10 + 1·5 + 0·8 + 2·4 + 1·2 + 9·1 + 9·6 + 0·3 + 0·7 + 1·9 + 0·10 + 1·5 + 1·8 + 2·4 + 3·2
// = 21+63+0+5+0+8+2+9+54+0+0+9+0+5+8+8+6 = 198; 198 mod 11 = 0 → check character "1".
const ID = "370102199001011231";
// The standard's own example: sum 167, 167 mod 11 = 2 → "X".
const ID_X = "11010519491231002X";

describe("subsidy rows: the privacy check before publishing", () => {
  it("masks the eight birth-date digits and keeps the area code and the last four", () => {
    expect(maskIdNumber(ID)).toBe("370102********1231");
    expect(maskIdNumber(ID_X.toLowerCase())).toBe("110105********002X");
  });

  it("accepts good rows and returns only masked numbers and amounts in fen", () => {
    const r = checkSubsidyRows([
      { name: "张三", idNumber: ID, item: "耕地地力保护补贴", amount: 1234.5 },
      { name: "李四", idNumber: ID_X, item: "耕地地力保护补贴", amount: 88 },
    ]);
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual([
      { name: "张三", idMasked: "370102********1231", item: "耕地地力保护补贴", amountFen: 123450 },
      { name: "李四", idMasked: "110105********002X", item: "耕地地力保护补贴", amountFen: 8800 },
    ]);
    expect(JSON.stringify(r.rows)).not.toContain("19900101");
  });

  it("refuses a wrong check digit, a phone number in the item, digits in a name, and fractions of a fen", () => {
    const r = checkSubsidyRows([
      { name: "张三", idNumber: "370102199001011232", item: "补贴", amount: 10 },
      { name: "李四", idNumber: ID_X, item: "联系电话13800138000", amount: 10 },
      { name: "王五1", idNumber: ID, item: "补贴", amount: 10.005 },
    ]);
    expect(r.issues.map((i) => i.path)).toEqual([
      "rows.0.idNumber",
      "rows.1.item",
      "rows.2.name",
      "rows.2.amount",
    ]);
    expect(r.issues[1]?.message).toContain("手机号码");
    // The message names the number masked, so the error page does not repeat it either.
    expect(r.issues[1]?.message).not.toContain("13800138000");
  });

  it("refuses the same person twice for the same item, but not for two items", () => {
    const twice = checkSubsidyRows([
      { name: "张三", idNumber: ID, item: "补贴甲", amount: 1 },
      { name: "张三", idNumber: ID, item: "补贴乙", amount: 1 },
      { name: "张三", idNumber: ID, item: "补贴甲", amount: 1 },
    ]);
    expect(twice.issues.map((i) => i.path)).toEqual(["rows.2.idNumber"]);
  });

  it("reads rows pasted from a spreadsheet (tabs) or typed with commas", () => {
    const r = parseRowsText(
      `张三\t${ID}\t耕地地力保护补贴\t1234.50\n\n李四，${ID_X}，粮食补贴，88\n王五,只有三项,1`,
    );
    expect(r.rows).toEqual([
      { name: "张三", idNumber: ID, item: "耕地地力保护补贴", amount: 1234.5 },
      { name: "李四", idNumber: ID_X, item: "粮食补贴", amount: 88 },
    ]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.message).toContain("第 3 行");
  });

  it("shows money with two decimals", () => {
    expect(formatFen(123450)).toBe("1,234.50");
    expect(formatFen(5)).toBe("0.05");
  });
});

describe("subsidy notices: period and retention", () => {
  it("is public from its first to its last day, both included", () => {
    const n = { startsOn: "2026-03-01", endsOn: "2026-03-07" };
    expect(isPublicOn(n, "2026-02-28")).toBe(false);
    expect(isPublicOn(n, "2026-03-01")).toBe(true);
    expect(isPublicOn(n, "2026-03-07")).toBe(true);
    expect(isPublicOn(n, "2026-03-08")).toBe(false);
  });

  it("stays on file for the set number of calendar years after its last day", () => {
    // Ended 2021-03-10, kept 5 years → on file through 2026-03-10.
    expect(keptThrough("2021-03-10", 5)).toBe("2026-03-10");
    // 29 February has no twin in 2025: the last day kept is 28 February.
    expect(keptThrough("2024-02-29", 1)).toBe("2025-02-28");
  });
});
