import { AppError } from "../errors";
import { startWorker } from "../paths";
import type { TSheetLimits, TSheetResult } from "./read-sheet";
import { unzippedSizes } from "./zip-sizes";

/** Long enough for a 3,000-page PDF on a slow machine; a file that takes longer is not worth the wait. */
const DEFAULT_TIMEOUT_MS = 60_000;
/** A sheet within the limits callers set loads in a second or two; more means a pathological file. */
const SHEET_TIMEOUT_MS = 20_000;
/** The libraries need a few hundred MB for the largest files the limits in extract-text let through. */
const MAX_HEAP_MB = 768;

export type TWorkerJob =
  | { kind: "text"; bytes: Uint8Array; mime: string }
  | { kind: "sheet"; bytes: Uint8Array; limits: TSheetLimits };

/**
 * Runs one job in a worker thread of its own, stopped after `timeoutMs` or when it runs out of its
 * memory allowance: a hostile or pathological file then costs one worker, never the server's event
 * loop or heap. Undefined when the worker did not answer for any of these reasons.
 */
function runIsolated<T>(job: TWorkerJob, timeoutMs: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const worker = startWorker("platform/files/extract-worker", {
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB },
    });
    let settled = false;
    const finish = (result: T | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    worker.once("message", (result: T) => finish(result));
    worker.once("error", () => finish(undefined));
    worker.once("exit", () => finish(undefined));
  });
}

/**
 * extractText (./extract-text) in a worker thread. Null, like extractText, when the text could not be
 * read, also when the worker ran out of time or memory.
 */
export async function extractTextIsolated(
  bytes: Uint8Array,
  mime: string,
  opts: { timeoutMs?: number } = {},
): Promise<string | null> {
  const text = await runIsolated<string | null>(
    { kind: "text", bytes, mime },
    opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  return text ?? null;
}

const MB = 1024 * 1024;

/**
 * The first sheet's non-blank rows of an uploaded XLSX, each cell as the text Excel shows. The unpacked
 * size is checked from the ZIP directory first; the workbook is then read in a worker thread. A file
 * beyond `limits`, or one the worker cannot read in time and memory, is refused with 413; one that
 * is not a workbook with 400. Messages in Chinese, for the person who uploaded it.
 */
export async function readFirstSheetIsolated(
  bytes: Uint8Array,
  limits: TSheetLimits,
  opts: { timeoutMs?: number } = {},
): Promise<string[][]> {
  const unreadable = () =>
    new AppError("bad_request", "无法读取该 XLSX 文件，请确认是 Excel 工作簿（.xlsx）。");
  const tooLarge = (what: string) =>
    new AppError(
      "payload_too_large",
      `Excel 文件${what}，无法导入，未导入任何内容。请删去多余的工作表或内容后重新上传。`,
    );
  const sizes = unzippedSizes(bytes);
  if (!sizes) throw unreadable();
  if (sizes.total > limits.maxUnzippedBytes)
    throw tooLarge(`解压后超过 ${Math.floor(limits.maxUnzippedBytes / MB)} MB`);
  const result = await runIsolated<TSheetResult>(
    { kind: "sheet", bytes, limits },
    opts.timeoutMs ?? SHEET_TIMEOUT_MS,
  );
  if (!result) throw tooLarge("过于庞大或复杂，无法在限定的时间和内存内读取");
  if ("rows" in result) return result.rows;
  switch (result.problem) {
    case "too_many_rows":
      throw tooLarge(`的第一个工作表超过 ${limits.maxRows} 行`);
    case "too_many_cells":
      throw tooLarge(`的第一个工作表超过 ${limits.maxCells} 个单元格`);
    case "no_sheet":
      throw new AppError("validation_failed", "XLSX 文件中没有工作表。");
    default:
      throw unreadable();
  }
}
