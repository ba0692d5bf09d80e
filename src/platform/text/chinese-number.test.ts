import { describe, expect, it } from "vitest";
import { chineseNumber } from "./chinese-number";

describe("chineseNumber", () => {
  it.each([
    ["711", 711],
    ["二〇二二", 2022],
    ["二零一九", 2019],
    ["七一一", 711],
    ["五", 5],
    ["十", 10],
    ["十五", 15],
    ["三十", 30],
    ["三十一", 31],
    ["一百", 100],
    ["一百零五", 105],
    ["一百二十", 120],
    ["两百", 200],
    ["一千零五", 1005],
    ["一千二百三十四", 1234],
  ])("reads %s as %d", (text, value) => {
    expect(chineseNumber(text)).toBe(value);
  });

  it.each(["", "十十", "三百百", "十二x", "abc", "百五"])("refuses %s", (text) => {
    expect(chineseNumber(text)).toBeNull();
  });
});
