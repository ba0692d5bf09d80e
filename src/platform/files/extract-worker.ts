// The worker side of ./extract-isolated: reads one file (its text, or a sheet's rows) and posts the result back.
import { parentPort, workerData } from "node:worker_threads";
import type { TWorkerJob } from "./extract-isolated";
import { extractText } from "./extract-text";
import { readFirstSheet } from "./read-sheet";

const job = workerData as TWorkerJob;
parentPort?.postMessage(
  job.kind === "sheet" ? await readFirstSheet(job.bytes, job.limits) : await extractText(job.bytes, job.mime),
);
