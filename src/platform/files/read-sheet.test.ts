import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { xlsxBomb } from "../../../test/xlsx-bomb";
import { AppError } from "../errors";
import { readFirstSheetIsolated } from "./extract-isolated";

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("第一");
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const LIMITS = { maxUnzippedBytes: 20 * 1024 * 1024, maxRows: 50, maxCells: 120 };
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: AppError) => e,
  );

describe("readFirstSheetIsolated", () => {
  it("reads the first sheet's non-blank rows as text, in a worker thread", async () => {
    const rows = await readFirstSheetIsolated(
      await workbook([["no", "名称"], [], [1, " 区财政局 "]]),
      LIMITS,
    );
    expect(rows).toEqual([
      ["no", "名称"],
      ["1", "区财政局"],
    ]);
  });

  it("refuses a ZIP bomb from its directory, quickly, before anything unpacks it", async () => {
    const bomb = await xlsxBomb(30 * 1024 * 1024);
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const started = performance.now();
    const e = await failure(readFirstSheetIsolated(bomb, LIMITS));
    expect(performance.now() - started).toBeLessThan(500);
    expect(e).toBeInstanceOf(AppError);
    expect(e?.status).toBe(413);
    expect(e?.message).toContain("解压后超过 20 MB");
  });

  it("refuses a sheet with more rows or cells than the caller accepts", async () => {
    const many = await failure(
      readFirstSheetIsolated(await workbook(Array.from({ length: 51 }, () => [1])), LIMITS),
    );
    expect([many?.status, many?.message]).toEqual([413, expect.stringContaining("超过 50 行")]);
    const wide = await failure(
      readFirstSheetIsolated(await workbook([Array.from({ length: 121 }, () => 1)]), LIMITS),
    );
    expect([wide?.status, wide?.message]).toEqual([413, expect.stringContaining("超过 120 个单元格")]);
    // One value far to the right makes every cell before it: counted, not read.
    const far = await failure(
      readFirstSheetIsolated(await workbook([[...Array(16_000).fill(null), 1]]), LIMITS),
    );
    expect(far?.status).toBe(413);
  });

  it("refuses a workbook the worker cannot read in time, and a file that is not a workbook", async () => {
    const slow = await failure(readFirstSheetIsolated(await workbook([[1]]), LIMITS, { timeoutMs: 1 }));
    expect([slow?.status, slow?.message]).toEqual([
      413,
      expect.stringContaining("无法在限定的时间和内存内读取"),
    ]);
    const text = await failure(readFirstSheetIsolated(new TextEncoder().encode("no,section\n1,x"), LIMITS));
    expect(text?.status).toBe(400);
  });
});
