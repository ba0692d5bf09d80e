import { afterAll, beforeAll, expect, it } from "vitest";
import { importDemoLaws } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { retrieveClauses } from "./answer-question";
import { syncClauseIndex } from "./clause-index";
import { CORPUS_QUESTIONS as QUESTIONS, UNANSWERABLE } from "./fixtures/corpus-questions";

describeDb("policy answers over the demo library: the right article in the top three", () => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await importDemoLaws(t.db);
    // The import writes in bulk, past the document hooks: the index catches up on its own.
    expect(await syncClauseIndex(t.db)).toBeGreaterThan(200);
  }, 600_000);
  afterAll(() => t?.close());

  it("answers at least 27 of 30 questions with the right article among the first three", async () => {
    const misses: string[] = [];
    for (const [question, ...answers] of QUESTIONS) {
      const r = await retrieveClauses(t.db, question);
      const top = r.citations.slice(0, 3);
      const isRight = top.some((c) =>
        answers.some(([law, article]) => c.title.includes(law) && c.clause === article),
      );
      if (!isRight)
        misses.push(
          `${question} → 应为 ${answers.map(([l, a]) => l + a).join(" 或 ")}，得到 ${top.map((c) => `${c.title}${c.clause}`).join("；") || "（拒答）"}`,
        );
    }
    if (misses.length > 0) console.log(misses.join("\n"));
    expect(misses.length).toBeLessThanOrEqual(3);
  }, 120_000);

  it("refuses questions the library cannot answer", async () => {
    for (const q of UNANSWERABLE) {
      const r = await retrieveClauses(t.db, q);
      expect(r.answered, `${q}: ${r.citations.map((c) => c.title + c.clause).join("；")}`).toBe(false);
      expect(r.citations).toEqual([]);
    }
  });

  it("cites only valid documents, linking to the article's anchor", async () => {
    const r = await retrieveClauses(t.db, "试用期最长可以约定多久");
    for (const c of r.citations) {
      expect(c.validity).toBe("valid");
      if (c.clause.endsWith("条")) expect(c.url).toMatch(new RegExp(`^/documents/${c.documentId}#art-\\d+`));
    }
  });
});
