import { describe, expect, it } from "vitest";
import { drawScore, drawSeats, maskName } from "./draw";
import { parseQuestions } from "./engagement.staff-pages";
import { answerIssues, percent, resultsFrom, tallyAnswers } from "./survey-results";

describe("the seat draw", () => {
  it("scores with HMAC-SHA256 of the seed over the meeting and registration id", () => {
    // Computed with openssl, outside this code: printf 'meeting:7:registration:42' | openssl dgst -sha256 -hmac 'abc'
    expect(drawScore("abc", 7, 42)).toBe("be8b0d9ced5e264fc7f8b176e6c2cb4584ae8ce264b959de25475fc758736187");
    expect(drawScore("abc", 7, 42)).not.toBe(drawScore("abd", 7, 42));
    expect(drawScore("abc", 7, 42)).not.toBe(drawScore("abc", 8, 42));
  });

  it("takes min(seats, registrations) distinct ids, independent of the order they are given in", () => {
    const ids = [5, 9, 12, 30, 31];
    const a = drawSeats("seed", 1, ids, 3);
    expect(a).toHaveLength(3);
    expect(new Set(a).size).toBe(3);
    expect(drawSeats("seed", 1, [...ids].reverse(), 3)).toEqual(a);
    expect(drawSeats("seed", 1, ids, 10)).toHaveLength(5);
    expect(drawSeats("seed", 1, [], 3)).toEqual([]);
  });
});

describe("masked names", () => {
  it("keeps the first character and hides the rest", () => {
    expect(maskName("王小明")).toBe("王**");
    expect(maskName("张红")).toBe("张*");
    expect(maskName("欧阳娜娜")).toBe("欧***");
    expect(maskName(" 李 ")).toBe("李*");
  });
});

describe("survey results", () => {
  const questions = [
    { kind: "single" as const, text: "a", options: ["是", "否"] },
    { kind: "scale" as const, text: "b" },
    { kind: "text" as const, text: "c" },
  ];

  it("counts per option and per scale point, with the scale's mean to two decimals", () => {
    // Scale answers 1, 2, 2 → mean 5 / 3 = 1.666… → 1.67.
    const rows = tallyAnswers([
      [0, 1, "x"],
      [1, 2, null],
      [0, 2, ""],
    ]);
    expect(resultsFrom(questions, 3, rows)).toEqual({
      responses: 3,
      questions: [
        { counts: [2, 1], mean: null },
        { counts: [1, 2, 0, 0, 0], mean: 1.67 },
        { counts: null, mean: null },
      ],
    });
  });

  it("gives percentages with one decimal and a dash when nobody answered", () => {
    expect(percent(1, 3)).toBe("33.3%");
    expect(percent(0, 0)).toBe("—");
  });

  it("names each answer that does not fit its question", () => {
    expect(answerIssues(questions, [2, 6, 3]).map((i) => i.path)).toEqual([
      "answers.0",
      "answers.1",
      "answers.2",
    ]);
    expect(answerIssues(questions, [1, 5, null])).toEqual([]);
  });
});

describe("the survey form's questions box", () => {
  it("reads one question per line with Chinese or ASCII separators", () => {
    expect(parseQuestions("单选：总体评价｜满意｜不满意\nscale: 指南\n文字：建议")).toEqual({
      questions: [
        { kind: "single", text: "总体评价", options: ["满意", "不满意"] },
        { kind: "scale", text: "指南" },
        { kind: "text", text: "建议" },
      ],
    });
    expect(parseQuestions("问答：什么").error).toContain("第 1 行");
  });
});
