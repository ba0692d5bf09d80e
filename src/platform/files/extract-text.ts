import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import mammoth from "mammoth";
import { getDocumentProxy } from "unpdf";
import { unzippedSizes } from "./zip-sizes";

/** Longest text returned; a longer one is cut (search and the privacy scan need no more). */
export const MAX_EXTRACTED_CHARS = 2_000_000;

/** Spreadsheets are read row by row and stop here, so even a sheet of millions of cells takes seconds. */
const MAX_SHEET_ROWS = 100_000;
const MAX_SHEET_CELLS = 300_000;
const MAX_PDF_PAGES = 3_000;
/**
 * DOCX and XLSX are ZIP archives: the sizes their directory declares once unpacked are checked
 * first, so a small upload that inflates to gigabytes (or a document.xml too large to parse in
 * reasonable time and memory) is refused before any library unpacks it.
 */
const MAX_UNZIPPED_BYTES = 512 * 1024 * 1024;
const MAX_UNZIPPED_XML_BYTES = 64 * 1024 * 1024;
/** Reading a workbook whole takes over ten bytes of memory per byte of its XML. */
const MAX_LOADED_XLSX_XML_BYTES = 16 * 1024 * 1024;

// The same types as DOCUMENT_TYPES in ./index, as file-type names them.
const PDF = "application/pdf";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PLAIN_TEXT = new Set(["text/plain", "text/markdown", "text/x-markdown", "text/csv"]);

type TReader = (bytes: Uint8Array) => Promise<string | null>;

/**
 * The text of a PDF, DOCX, XLSX or plain-text file; null for images, other types and files that
 * cannot be read (broken, encrypted, too large once unpacked). Never throws: the caller logs a null.
 * An empty string means the file was read and holds no text (e.g. a scanned PDF).
 */
export async function extractText(bytes: Uint8Array, mime: string): Promise<string | null> {
  const reader = readerFor(mime);
  if (!reader) return null;
  try {
    const text = await reader(bytes);
    return text === null ? null : tidy(text);
  } catch {
    return null;
  }
}

function readerFor(mime: string): TReader | null {
  const type = mime.split(";", 1)[0]?.trim().toLowerCase() ?? "";
  if (type === PDF) return pdfText;
  if (type === DOCX) return docxText;
  if (type === XLSX) return xlsxText;
  if (PLAIN_TEXT.has(type)) return async (bytes) => decodeText(bytes);
  return null;
}

/**
 * Kangxi radicals (⼈ U+2F08) and CJK compatibility ideographs look like ordinary ideographs (人)
 * and some PDF producers map glyphs to them; searching 人民 would then miss the text. Only these
 * ranges are normalized: NFKC on the whole text would also turn full-width punctuation half-width.
 */
const LOOKALIKE_IDEOGRAPHS = /[\u2E80-\u2FDF\uF900-\uFAFF]|\uD87E[\uDC00-\uDE1F]/g;

/** Line ends unified, control characters (PostgreSQL refuses NUL in text) and trailing spaces dropped, length capped. */
function tidy(text: string): string {
  const clean = text
    .replace(/\r\n?/g, "\n")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
    .replace(LOOKALIKE_IDEOGRAPHS, (c) => c.normalize("NFKC"))
    .replace(/[ \t\u3000]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return capped(clean);
}

/** The first MAX_EXTRACTED_CHARS characters, never ending in half a surrogate pair. */
function capped(text: string): string {
  if (text.length <= MAX_EXTRACTED_CHARS) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(MAX_EXTRACTED_CHARS - 1))
    ? MAX_EXTRACTED_CHARS - 1
    : MAX_EXTRACTED_CHARS;
  return text.slice(0, end);
}

/**
 * UTF-8 (or UTF-16 with a byte-order mark) first; bytes that are not valid UTF-8 are read as
 * GB18030, the superset of GBK and GB2312 in which older Chinese office files are saved.
 * Text with NUL characters is binary data under a text type: null.
 */
function decodeText(bytes: Uint8Array): string | null {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? "utf-16le"
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? "utf-16be"
        : null;
  for (const encoding of utf16 ? [utf16] : ["utf-8", "gb18030"]) {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      return text.includes("\u0000") ? null : text;
    } catch {
      // Not this encoding; try the next.
    }
  }
  return null;
}

/**
 * pdf.js asks for data it does not bundle (the CJK CMaps for fonts without a ToUnicode map, the
 * standard fonts) through this factory. Answering every request with an error means nothing is
 * ever read from disk or the network; a missing CMap is remembered, because the text drawn with
 * such a font is silently left out and the rest would look complete.
 */
function refusingDataFactory(onMissingCMap: () => void) {
  return class {
    async fetch({ kind }: { kind: string }): Promise<Uint8Array> {
      if (kind === "cMapUrl") onMissingCMap();
      throw new Error(`${kind} data is not available`);
    }
  };
}

async function pdfText(bytes: Uint8Array): Promise<string | null> {
  let isMissingCMap = false;
  // A copy, because pdf.js takes ownership of (and may detach) the buffer it is given.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), {
    verbosity: 0,
    useWorkerFetch: false,
    BinaryDataFactory: refusingDataFactory(() => {
      isMissingCMap = true;
    }),
  });
  try {
    const pages: string[] = [];
    let length = 0;
    const last = Math.min(pdf.numPages, MAX_PDF_PAGES);
    for (let n = 1; n <= last && length < MAX_EXTRACTED_CHARS; n += 1) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : ""))
        .join("");
      page.cleanup();
      pages.push(text);
      length += text.length;
    }
    // Text in a font that needs an unavailable CMap is missing: better no text than partial text
    // that the privacy scan would take for the whole document.
    return isMissingCMap ? null : pages.join("\n\n");
  } finally {
    await pdf.destroy();
  }
}

function isWithinZipLimits(sizes: { total: number; xml: number }): boolean {
  return sizes.total <= MAX_UNZIPPED_BYTES && sizes.xml <= MAX_UNZIPPED_XML_BYTES;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

async function docxText(bytes: Uint8Array): Promise<string | null> {
  const sizes = unzippedSizes(bytes);
  if (!sizes || !isWithinZipLimits(sizes)) return null;
  const result = await mammoth.extractRawText({ buffer: asBuffer(bytes) });
  return result.value;
}

/** Dates as a Chinese reader writes them (2022-03-05, with the time only when there is one). */
function dateText(date: Date): string {
  const iso = date.toISOString();
  const time = iso.slice(11, 19);
  if (time === "00:00:00") return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${time.endsWith(":00") ? time.slice(0, 5) : time}`;
}

/** What a cell shows: the result of a formula, the text of rich text or a link; numbers to 15 digits as Excel does. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(Number(value.toPrecision(15)));
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : dateText(value);
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("hyperlink" in value) return cellText(value.text as ExcelJS.CellValue);
  if ("error" in value) return value.error;
  if ("result" in value) return cellText(value.result);
  return "";
}

type TBudget = { rows: number; cells: number };
type TSheetReader = AsyncIterable<ExcelJS.Row> & { id?: string | number; name?: string };

const isSpent = (budget: TBudget) => budget.rows <= 0 || budget.cells <= 0;

/** One row as tab-separated cells, empty cells kept in place so that columns line up. */
function rowLine(row: ExcelJS.Row, budget: TBudget): string {
  budget.rows -= 1;
  const cells: string[] = [];
  row.eachCell((cell, column) => {
    budget.cells -= 1;
    cells[column - 1] = cellText(cell.value).replace(/[\t\n\r]+/g, " ");
  });
  return Array.from(cells, (c) => c ?? "").join("\t");
}

/** A sheet as its name on one line, then one line per non-empty row. */
function sheetText(name: string, lines: string[]): string {
  return [name, ...lines.filter((line) => line.trim() !== "")].join("\n");
}

/** Reads row by row and stops at the budget, so a huge workbook is never held in memory. */
async function streamedWorkbookText(bytes: Uint8Array): Promise<string> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([asBuffer(bytes)]), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  const budget: TBudget = { rows: MAX_SHEET_ROWS, cells: MAX_SHEET_CELLS };
  const sheets: { id: string; name: string; lines: string[] }[] = [];
  for await (const sheet of reader as AsyncIterable<TSheetReader>) {
    // Past the budget, later sheets are passed over unread (not abandoned), so the reader still
    // removes the temporary files it unpacks sheets into.
    if (isSpent(budget)) continue;
    const lines: string[] = [];
    for await (const row of sheet) {
      if (isSpent(budget)) break;
      lines.push(rowLine(row, budget));
    }
    sheets.push({ id: String(sheet.id ?? ""), name: sheet.name ?? "", lines });
  }
  // A sheet the reader could not match to the workbook part keeps its placeholder name (Sheet1); seen
  // once on a busy machine. The names are then read from the workbook part itself.
  const named = sheets.some((x) => x.name === `Sheet${x.id}`) ? await sheetNamesByNumber(bytes) : new Map();
  return sheets.map((x) => sheetText(named.get(x.id) ?? x.name, x.lines)).join("\n\n");
}

/** The sheets' names by the number of their part (xl/worksheets/sheetN.xml), from the workbook part and its relations. */
export async function sheetNamesByNumber(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  const targets = new Map<string, string>();
  for (const [tag] of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const number = /worksheets\/sheet(\d+)\.xml$/.exec(attr(tag, "Target") ?? "")?.[1];
    const id = attr(tag, "Id");
    if (number && id) targets.set(id, number);
  }
  const names = new Map<string, string>();
  for (const [tag] of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const number = targets.get(attr(tag, "r:id") ?? "");
    const name = attr(tag, "name");
    if (number && name) names.set(number, unescapeXml(name));
  }
  return names;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) =>
    e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "apos" ? "'" : "&",
  );
}

/** Reads the whole workbook into memory: only for small files. */
async function loadedWorkbookText(bytes: Uint8Array): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as an ArrayBuffer; it takes a Node Buffer (and reads it with JSZip).
  await workbook.xlsx.load(asBuffer(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const budget: TBudget = { rows: MAX_SHEET_ROWS, cells: MAX_SHEET_CELLS };
  return workbook.worksheets
    .map((sheet) => {
      const lines: string[] = [];
      sheet.eachRow((row) => {
        if (!isSpent(budget)) lines.push(rowLine(row, budget));
      });
      return sheetText(sheet.name, lines);
    })
    .join("\n\n");
}

/**
 * Every sheet, hidden ones included: they are in the published file, and the privacy scan must
 * see them. The streaming reader fails on some valid files (a sheet stored in the archive before
 * the workbook part, for one); a workbook small enough is then read whole instead.
 */
async function xlsxText(bytes: Uint8Array): Promise<string | null> {
  const sizes = unzippedSizes(bytes);
  if (!sizes || !isWithinZipLimits(sizes)) return null;
  try {
    return await streamedWorkbookText(bytes);
  } catch (error) {
    if (sizes.xml > MAX_LOADED_XLSX_XML_BYTES) throw error;
    return loadedWorkbookText(bytes);
  }
}
