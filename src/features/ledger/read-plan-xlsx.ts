import ExcelJS from "exceljs";
import { AppError } from "../../platform/errors";
import { readPlanRecords, type TPlanRow } from "./import-plan";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Reads the task breakdown from the first sheet of an XLSX workbook: a header row with the same
 * columns as the CSV, then one task per row. Cells are read as the text Excel shows.
 */
export async function readPlanXlsx(data: Uint8Array): Promise<TPlanRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError("bad_request", "无法读取该 XLSX 文件，请确认是 Excel 工作簿（.xlsx）。");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError("validation_failed", "XLSX 文件中没有工作表。");
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) cells.push(row.getCell(i).text.trim());
    if (cells.some((c) => c !== "")) rows.push(cells);
  });
  const [header = [], ...body] = rows;
  const names = header.map((h) => h.replace(/^\uFEFF/, ""));
  const records = body.map((cells) => Object.fromEntries(names.map((name, i) => [name, cells[i] ?? ""])));
  return readPlanRecords(records, "XLSX", names);
}
