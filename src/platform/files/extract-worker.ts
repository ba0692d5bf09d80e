// The worker side of extractTextIsolated: reads one file's text and posts it back.
import { parentPort, workerData } from "node:worker_threads";
import { extractText } from "./extract-text";

const { bytes, mime } = workerData as { bytes: Uint8Array; mime: string };
parentPort?.postMessage(await extractText(bytes, mime));
