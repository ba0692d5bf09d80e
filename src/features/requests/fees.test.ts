import { describe, expect, it } from "vitest";
import { explainFee, perRequestFee, perVolumeFee } from "./fees";

describe("信息处理费 by STATUTES §5", () => {
  it("charges per request by the rank in the month: 10 free, then 100, then +100 per block of 10", () => {
    expect([1, 10, 11, 30, 31, 40, 41, 50, 51, 60].map(perRequestFee)).toEqual([
      0, 0, 100, 100, 200, 200, 300, 300, 400, 400,
    ]);
  });

  it("charges per volume progressively by pages", () => {
    expect(perVolumeFee(30)).toBe(0);
    expect(perVolumeFee(31)).toBe(10);
    // 70 pages at 10 = 700.
    expect(perVolumeFee(100)).toBe(700);
    // 700 + 50 pages at 20 = 1,700.
    expect(perVolumeFee(150)).toBe(1700);
    // 700 + 2,000 + 50 pages at 40 = 4,700.
    expect(perVolumeFee(250)).toBe(4700);
  });

  it("explains the amount in the notice", () => {
    expect(explainFee("按量计收", 150)).toContain("本件收费 1700 元");
    expect(explainFee("按件计收", 12)).toContain("第 12 件申请");
  });

  it("rejects impossible quantities", () => {
    expect(() => perRequestFee(0)).toThrow(RangeError);
    expect(() => perVolumeFee(-1)).toThrow(RangeError);
  });
});
