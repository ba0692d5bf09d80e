import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { xlsxBomb } from "../../../test/xlsx-bomb";
import { AppError } from "../../platform/errors";
import { readPlanXlsx } from "./read-plan-xlsx";

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("任务");
  for (const r of rows) sheet.addRow(r);
  wb.addWorksheet("说明").addRow(["第二个工作表不读取"]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const HEADER = ["no", "section", "group", "requirement", "units", "deadline"];

describe("reading the task breakdown from XLSX", () => {
  it("reads the first sheet's rows under the header, numbers and text alike, skipping blank rows", async () => {
    const rows = await readPlanXlsx(
      await workbook([
        HEADER,
        [1, "一、重点", "（一）", "公开预算", "区财政局", "全年"],
        [],
        [2, "二", "", "解读", "区司法局", "2026年9月底前"],
      ]),
    );
    expect(rows).toEqual([
      {
        no: 1,
        section: "一、重点",
        group: "（一）",
        requirement: "公开预算",
        units: "区财政局",
        deadline: "全年",
      },
      { no: 2, section: "二", group: "", requirement: "解读", units: "区司法局", deadline: "2026年9月底前" },
    ]);
  });

  it("names missing columns and bad rows in Chinese", async () => {
    const missing = await readPlanXlsx(
      await workbook([
        ["no", "section"],
        [1, "一"],
      ]),
    ).catch((e) => e);
    expect(missing).toBeInstanceOf(AppError);
    expect(missing.message).toContain("缺少：group、requirement、units、deadline");
    const bad = await readPlanXlsx(await workbook([HEADER, ["x", "一", "", "", "区财政局", "全年"]])).catch(
      (e) => e,
    );
    expect(bad.issues.map((i: { path: string }) => i.path)).toEqual(["第2行.no", "第2行.requirement"]);
  });

  it("refuses a workbook that unpacks to gigabytes-like sizes quickly with 413 (issue 11)", async () => {
    const bomb = await xlsxBomb(30 * 1024 * 1024); // 30 MB of one repeated row, a few hundred KB packed
    const started = performance.now();
    const e = await readPlanXlsx(bomb).catch((err) => err);
    expect(performance.now() - started).toBeLessThan(500);
    expect(e).toBeInstanceOf(AppError);
    expect([e.status, e.message]).toEqual([413, expect.stringContaining("解压后超过 20 MB")]);
  });

  it("refuses a sheet of more than 10,000 tasks with 413", async () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => [i + 1, "一", "", "公开", "区财政局", "全年"]);
    const e = await readPlanXlsx(await workbook([HEADER, ...rows])).catch((err) => err);
    expect([e.status, e.message]).toEqual([413, expect.stringContaining("超过 10001 行")]);
  });

  it("refuses a file that is not a workbook", async () => {
    const e = await readPlanXlsx(new TextEncoder().encode("no,section\n1,x")).catch((err) => err);
    expect(e).toBeInstanceOf(AppError);
    expect(e.status).toBe(400);
  });
});
