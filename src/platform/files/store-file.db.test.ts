import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { xlsxBomb } from "../../../test/xlsx-bomb";
import { AppError } from "../errors";
import { localBlobStore, storeFile } from ".";

describeDb("storing an uploaded file", () => {
  let t: TTestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    dir = mkdtempSync(path.join(tmpdir(), "gongkai-store-"));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const fileCount = async () =>
    (await t.database.query<{ n: number }>("select count(*)::int as n from files"))[0]?.n;

  it("refuses an XLSX that unpacks to over 100 MB, from its ZIP directory, storing nothing", async () => {
    const bomb = await xlsxBomb(110 * 1024 * 1024);
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    const before = await fileCount();
    const started = performance.now();
    const e = await storeFile(t.db, localBlobStore(dir), bomb, { maxBytes: 10 * 1024 * 1024 }).catch(
      (err) => err,
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(e).toBeInstanceOf(AppError);
    expect(e.status).toBe(413);
    expect(e.message).toContain("解压后超过 100 MB");
    expect(e.issues).toEqual([{ path: "file", message: e.message }]);
    expect(await fileCount()).toBe(before);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("stores an ordinary workbook", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("表").addRow(["政务公开", 1]);
    const row = await storeFile(t.db, localBlobStore(dir), new Uint8Array(await wb.xlsx.writeBuffer()), {
      maxBytes: 10 * 1024 * 1024,
    });
    expect(row.ext).toBe("xlsx");
  });
});
