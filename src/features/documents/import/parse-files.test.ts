import path from "node:path";
import { describe, expect, it } from "vitest";
import { listImportFiles } from "./list-import-files";
import { parseFile, parseFiles } from "./parse-files";

describe("parseFiles", () => {
  it("gives, from worker threads and in the files' order, what parsing each file alone gives", async () => {
    const files = await listImportFiles(path.resolve("demo/documents"));
    expect(files.length).toBeGreaterThan(100);
    const progress: number[] = [];
    const parsed = await parseFiles(files, { threads: 2, onParsed: (done) => progress.push(done) });
    expect(parsed.map((p) => p.relPath)).toEqual(files.map((f) => f.relPath));
    for (const i of [0, 57, files.length - 1]) expect(parsed[i]).toEqual(await parseFile(files[i] as never));
    expect(progress.at(-1)).toBe(files.length);
    const first = parsed[0];
    if (!first || first.error !== undefined) throw new Error(`first file not parsed: ${first?.error}`);
    expect(first.search?.title.length).toBeGreaterThan(0);
  }, 120_000);

  it("reports a file that cannot be read instead of failing the batch", async () => {
    const [r] = await parseFiles([{ path: "/nonexistent/x.md", relPath: "x.md" }]);
    expect(r?.error).toMatch(/ENOENT/);
  });
});
