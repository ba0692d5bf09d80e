// The worker side of parseFiles (./parse-files): parses each chunk of files it is sent and posts the results back.
import { parentPort } from "node:worker_threads";
import type { TImportFile } from "./list-import-files";
import { parseFile } from "./parse-files";

parentPort?.on("message", async (files: TImportFile[]) => {
  const results = [];
  for (const f of files) results.push(await parseFile(f));
  parentPort?.postMessage(results);
});
