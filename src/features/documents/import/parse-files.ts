import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { startWorker } from "../../../platform/paths";
import { searchTextOf } from "../document-text";
import type { TSearchText } from "../documents.repository";
import type { TImportFile } from "./list-import-files";
import { parseLegalText, type TParsedLegalText } from "./parse-legal-text";

/** One file read and parsed, with the words a new document made from it is found by; or why it could not be read. */
export type TParsedFile =
  | { relPath: string; text: TParsedLegalText; search: TSearchText | null; error?: undefined }
  | { relPath: string; error: string };

/** Files handed to a worker at a time: few enough to keep both busy to the end, many enough to cost few messages. */
const CHUNK = 16;
/**
 * Below this, starting worker threads (each loads the parser and the segmenter's dictionary, and from
 * the sources compiles them first) costs about as much as it saves: the demo data's few hundred files
 * are parsed in the calling thread.
 */
const MIN_FILES_FOR_WORKERS = 1000;

/**
 * Reads and parses one file. Segmenting the text for the search index is most of an import's CPU
 * time, so it happens here, in parallel, for the new document the file would become (no keywords,
 * topics or summary yet); an update recomputes it with the staff's additions.
 */
export async function parseFile(f: TImportFile): Promise<TParsedFile> {
  try {
    const text = parseLegalText(f.relPath, await readFile(f.path, "utf8"));
    const search = text.fatal
      ? null
      : searchTextOf({
          title: text.title,
          docNumber: text.docNumber ?? "",
          issuer: text.issuer ?? "",
          keywords: [],
          topics: [],
          summary: "",
          body: text.body,
        });
    return { relPath: f.relPath, text, search };
  } catch (e) {
    return { relPath: f.relPath, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Parses the files in worker threads, one per core (`threads`: how many; 0 parses in this thread), and
 * returns the results in the files' order.
 */
export async function parseFiles(
  files: TImportFile[],
  opts: { threads?: number; onParsed?: (done: number, total: number) => void } = {},
): Promise<TParsedFile[]> {
  const { onParsed } = opts;
  const results: TParsedFile[] = new Array(files.length);
  let done = 0;
  const threads =
    opts.threads ?? (files.length < MIN_FILES_FOR_WORKERS ? 0 : Math.min(availableParallelism(), 8));
  if (threads === 0) {
    for (const [i, f] of files.entries()) {
      results[i] = await parseFile(f);
      onParsed?.(++done, files.length);
    }
    return results;
  }
  let next = 0;
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = startWorker("features/documents/import/parse-worker");
      let start = 0;
      let finished = false;
      const send = () => {
        if (next >= files.length) {
          finished = true;
          void worker.terminate();
          resolve();
          return;
        }
        start = next;
        next = Math.min(next + CHUNK, files.length);
        worker.postMessage(files.slice(start, next));
      };
      worker.on("message", (chunk: TParsedFile[]) => {
        for (const [k, r] of chunk.entries()) results[start + k] = r;
        done += chunk.length;
        onParsed?.(done, files.length);
        send();
      });
      worker.once("error", reject);
      worker.once("exit", (code) => {
        if (!finished) reject(new Error(`parse worker stopped early (exit code ${code})`));
      });
      send();
    });
  await Promise.all(Array.from({ length: threads }, runWorker));
  return results;
}
