import { describe, expect, it } from "vitest";
import { getJieba } from "./jieba";

describe("getJieba", () => {
  it("builds one segmenter with the default dictionary and reuses it", () => {
    const jieba = getJieba();
    expect(getJieba()).toBe(jieba);
    expect(jieba.cut("政府信息公开", false)).toEqual(["政府", "信息", "公开"]);
  });
});
