import { describe, expect, it } from "vitest";
import { extractTextIsolated } from "./extract-isolated";
import { extractText } from "./extract-text";
import { makePdf } from "./fixtures/make-pdf";

const PDF = "application/pdf";

describe("extractTextIsolated", () => {
  it("reads the same text as extractText, in a worker thread", async () => {
    const pdf = makePdf([["第一条 为了规范政务公开工作，制定本办法。"], ["第二页 附件清单"]]);
    const text = await extractTextIsolated(pdf, PDF);
    expect(text).toBe("第一条 为了规范政务公开工作，制定本办法。\n\n第二页 附件清单");
    expect(text).toBe(await extractText(pdf, PDF));
  });

  it("gives up with null when reading takes longer than allowed, and stops the worker", async () => {
    const pdf = makePdf([["政务公开"]]);
    const started = performance.now();
    expect(await extractTextIsolated(pdf, PDF, { timeoutMs: 1 })).toBeNull();
    // Loading the worker alone takes far longer than 1 ms: the result came from the time limit.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("returns null for a file the reader cannot read", async () => {
    expect(await extractTextIsolated(new Uint8Array([1, 2, 3]), PDF)).toBeNull();
  });
});
