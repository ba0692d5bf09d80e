// npm run build: the server, the command line and the worker-thread entries compiled to JavaScript in
// dist/, one bundle per entry (dependencies stay in node_modules). Entries sit at the same depth as
// under src/, so paths found from them (src/platform/paths.ts) stay right.
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");
const SRC = path.join(ROOT, "src");

/** Worker-thread entry files are named *-worker.ts (started through startWorker in platform/paths). */
const workerEntries = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((f) => f.endsWith("-worker.ts"))
  .map((f) => path.join(SRC, f));

rmSync(path.join(ROOT, "dist"), { recursive: true, force: true });
const started = performance.now();
await build({
  entryPoints: [path.join(SRC, "main.ts"), path.join(SRC, "cli.ts"), ...workerEntries],
  outbase: SRC,
  outdir: path.join(ROOT, "dist"),
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  jsx: "automatic",
  jsxImportSource: "hono/jsx",
  sourcemap: true,
  logLevel: "warning",
});
console.log(
  `已编译到 dist/（${workerEntries.length + 2} 个入口，${Math.round(performance.now() - started)} ms）。`,
);
