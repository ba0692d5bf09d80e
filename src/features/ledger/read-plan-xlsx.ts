import { readFirstSheetIsolated, type TSheetLimits } from "../../platform/files";
import { readPlanRecords, type TPlanRow } from "./import-plan";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A task breakdown has a few hundred rows (at most 10,000 tasks, the largest `no`) of six columns and
 * unpacks to well under a megabyte. The limits keep a small upload that inflates to gigabytes, or a
 * sheet of millions of cells, from costing the server more than one short-lived worker.
 */
export const PLAN_SHEET_LIMITS: TSheetLimits = {
  maxUnzippedBytes: 20 * 1024 * 1024,
  maxRows: 10_001,
  maxCells: 200_000,
};

/**
 * Reads the task breakdown from the first sheet of an XLSX workbook: a header row with the same
 * columns as the CSV, then one task per row. Cells are read as the text Excel shows.
 */
export async function readPlanXlsx(data: Uint8Array): Promise<TPlanRow[]> {
  const [header = [], ...body] = await readFirstSheetIsolated(data, PLAN_SHEET_LIMITS);
  const names = header.map((h) => h.replace(/^\uFEFF/, ""));
  const records = body.map((cells) => Object.fromEntries(names.map((name, i) => [name, cells[i] ?? ""])));
  return readPlanRecords(records, "XLSX", names);
}
