import { Worker } from "node:worker_threads";

/** Long enough for a 3,000-page PDF on a slow machine; a file that takes longer is not worth the wait. */
const DEFAULT_TIMEOUT_MS = 60_000;
/** The libraries need a few hundred MB for the largest files the limits in extract-text let through. */
const MAX_HEAP_MB = 768;

// The worker runs TypeScript like the app does: tsx's loader is registered inside it first (a loader
// given as a worker option is not applied to the worker's own entry file on Node.js 20).
const WORKER_ENTRY = new URL("./extract-worker.ts", import.meta.url).href;
const BOOTSTRAP = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_ENTRY)}); });`;

/**
 * extractText (./extract-text) in a worker thread of its own, stopped after `timeoutMs` or when it runs out of its
 * memory allowance: a hostile or pathological file then costs one worker, never the server's event
 * loop or heap. Null, like extractText, when the text could not be read for any of these reasons.
 */
export function extractTextIsolated(
  bytes: Uint8Array,
  mime: string,
  opts: { timeoutMs?: number } = {},
): Promise<string | null> {
  return new Promise((resolve) => {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { bytes, mime },
      resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB },
    });
    let settled = false;
    const finish = (text: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(text);
    };
    const timer = setTimeout(() => finish(null), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    worker.once("message", (text: string | null) => finish(text));
    worker.once("error", () => finish(null));
    worker.once("exit", () => finish(null));
  });
}
