import { describe, expect, it } from "vitest";
import { checkedAnswer } from "./generate-answer";

describe("checkedAnswer: a generated answer is kept only with valid citations", () => {
  it("keeps an answer that cites only given clauses", () => {
    expect(checkedAnswer("试用期最长六个月[1]，三个月以下的合同不得约定试用期[2]。", 2)).toContain("[1]");
  });
  it("discards an answer citing a clause that was not retrieved", () => {
    expect(checkedAnswer("试用期最长六个月[3]。", 2)).toBeNull();
    expect(checkedAnswer("见[0]。", 2)).toBeNull();
  });
  it("discards an answer without citations, or one that says it cannot answer", () => {
    expect(checkedAnswer("试用期最长六个月。", 2)).toBeNull();
    expect(checkedAnswer("无法根据现有条款回答", 2)).toBeNull();
    expect(checkedAnswer("  ", 2)).toBeNull();
  });
});
