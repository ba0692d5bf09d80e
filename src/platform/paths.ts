import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

// From the source tree this module runs as src/platform/paths.ts (tsx); in the production build it is
// bundled into an entry file at the top of dist/ (npm run build). Either way the project root, which
// holds migrations/, public/ and demo/, is found from here, and entry files sit at the same depth.
const HERE = import.meta.url;
const IS_SOURCE = HERE.endsWith(".ts") || HERE.endsWith(".tsx");

/** The directory holding package.json, migrations/, public/ and demo/. */
export const PROJECT_ROOT = fileURLToPath(new URL(IS_SOURCE ? "../../" : "../", HERE));

/**
 * Starts a worker thread on one of the worker entry files, named by its path under src/ without the
 * extension (e.g. "platform/files/extract-worker"): the TypeScript file through tsx's loader from the
 * source tree (a loader given as a worker option is not applied to the worker's own entry file on
 * Node.js 20, so it is registered inside the worker first), the compiled file from dist/.
 */
export function startWorker(entry: string, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  if (!IS_SOURCE) return new Worker(path.join(PROJECT_ROOT, "dist", `${entry}.js`), options);
  const url = new URL(`src/${entry}.ts`, `file://${PROJECT_ROOT}`).href;
  const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
