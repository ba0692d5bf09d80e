import ExcelJS from "exceljs";

/** How much of a workbook a caller accepts: its unpacked size, and the rows and cells of the sheet read. */
export type TSheetLimits = { maxUnzippedBytes: number; maxRows: number; maxCells: number };

export type TSheetResult =
  | { rows: string[][] }
  | { problem: "unreadable" | "no_sheet" | "too_many_rows" | "too_many_cells" };

/**
 * The first sheet's non-blank rows, each cell as the text Excel shows, trimmed. Runs in the worker of
 * readFirstSheetIsolated (./extract-isolated): the whole workbook is loaded, which takes over ten
 * bytes of memory per byte of XML, so the caller has already checked the unpacked size.
 */
export async function readFirstSheet(bytes: Uint8Array, limits: TSheetLimits): Promise<TSheetResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; it takes a Node Buffer (and reads it with JSZip).
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { problem: "unreadable" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { problem: "no_sheet" };
  if (sheet.actualRowCount > limits.maxRows) return { problem: "too_many_rows" };
  // Counted before reading any text: getCell creates every cell up to a row's last column, and one
  // value in column XFD would make 16,384 of them.
  let cells = 0;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    cells += row.cellCount;
  });
  if (cells > limits.maxCells) return { problem: "too_many_cells" };
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const texts: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) texts.push(row.getCell(i).text.trim());
    if (texts.some((c) => c !== "")) rows.push(texts);
  });
  return { rows };
}
