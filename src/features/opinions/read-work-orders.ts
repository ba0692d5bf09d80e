// Reading a 12345 work-order export (CSV or XLSX): the header row names the columns; the six this
// system knows are mapped, any others are reported back so that a changed export format is noticed.

import { parse } from "csv-parse/sync";
import { AppError } from "../../platform/errors";
import { readFirstSheetIsolated, type TSheetLimits } from "../../platform/files";

export const WORK_ORDER_COLUMNS = {
  workOrderNo: "工单编号",
  acceptedAt: "受理时间",
  content: "诉求内容",
  unit: "承办单位",
  handledAt: "办结时间",
  satisfaction: "满意度",
} as const;
const REQUIRED: (keyof typeof WORK_ORDER_COLUMNS)[] = ["workOrderNo", "acceptedAt", "content", "unit"];

export type TWorkOrderRecord = {
  row: number;
  values: Partial<Record<keyof typeof WORK_ORDER_COLUMNS, string>>;
};
export type TWorkOrderSheet = { records: TWorkOrderRecord[]; unknownColumns: string[] };

/** A year of a district's 12345 orders fits: 200,000 rows of some ten columns. */
export const WORK_ORDER_SHEET_LIMITS: TSheetLimits = {
  maxUnzippedBytes: 100 * 1024 * 1024,
  maxRows: 200_001,
  maxCells: 3_000_000,
};

function fromRows(rows: string[][]): TWorkOrderSheet {
  const [header = [], ...body] = rows;
  const names = header.map((h) => h.replace(/^\uFEFF/, "").trim());
  const byName = new Map(Object.entries(WORK_ORDER_COLUMNS).map(([key, label]) => [label as string, key]));
  const missing = REQUIRED.filter((k) => !names.includes(WORK_ORDER_COLUMNS[k]));
  if (missing.length > 0)
    throw new AppError(
      "unprocessable",
      `文件缺少必需的列：${missing.map((k) => WORK_ORDER_COLUMNS[k]).join("、")}。第一行应为列名（工单编号、受理时间、诉求内容、承办单位、办结时间、满意度）。未导入任何内容。`,
    );
  const unknownColumns = names.filter((n) => n !== "" && !byName.has(n));
  const records = body
    .map((cells, i) => {
      const values: TWorkOrderRecord["values"] = {};
      names.forEach((name, col) => {
        const key = byName.get(name) as keyof typeof WORK_ORDER_COLUMNS | undefined;
        if (key) values[key] = (cells[col] ?? "").trim();
      });
      // Row numbers as the spreadsheet shows them: the header is row 1.
      return { row: i + 2, values, isBlank: cells.every((c) => (c ?? "").trim() === "") };
    })
    .filter((r) => !r.isBlank)
    .map(({ row, values }) => ({ row, values }));
  return { records, unknownColumns };
}

/** The rows of a CSV export (UTF-8, with or without BOM). */
export function readWorkOrdersCsv(text: string): TWorkOrderSheet {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true });
  } catch (err) {
    throw new AppError("bad_request", `CSV 格式有误：${(err as Error).message}。未导入任何内容。`);
  }
  return fromRows(rows);
}

/** The rows of the first sheet of an XLSX export, each cell as the text Excel shows. */
export async function readWorkOrdersXlsx(data: Uint8Array): Promise<TWorkOrderSheet> {
  return fromRows(await readFirstSheetIsolated(data, WORK_ORDER_SHEET_LIMITS));
}

const TIME =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?秒?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A time as 12345 exports write it ("2026-03-01 14:23:05", "2026/3/1 14:23", "2026年3月1日 14时23分"),
 * read as Beijing time unless it carries an offset; a date alone is its midnight. Null if not a real time.
 */
export function parseChinaTime(text: string): Date | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h = "0", mi = "0", s = "0"] = m.slice(1, 7).map((v) => v ?? undefined) as string[];
  const nums = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = nums;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // 31 February and the like roll over into the next month: not a real date.
  if (new Date(wall).getUTCDate() !== day) return null;
  const offset = m[7];
  let offsetMinutes = 8 * 60;
  if (offset === "Z") offsetMinutes = 0;
  else if (offset) {
    const sign = offset.startsWith("-") ? -1 : 1;
    const digits = offset.slice(1).replace(":", "");
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return new Date(wall - offsetMinutes * 60_000);
}
