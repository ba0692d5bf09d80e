import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
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

  it("refuses a file that is not a workbook", async () => {
    const e = await readPlanXlsx(new TextEncoder().encode("no,section\n1,x")).catch((err) => err);
    expect(e).toBeInstanceOf(AppError);
    expect(e.status).toBe(400);
  });
});
