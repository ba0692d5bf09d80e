/**
 * Time to first request after a cold start with demo data: `npm start`'s entry (scripts/start.mjs) is
 * started on an empty database, and GET / is tried every 50 ms until it answers 200. Run for the
 * compiled build (dist/, made by `npm run build` if missing) and the TypeScript sources (tsx), on PGlite
 * and, with --database-url, on PostgreSQL. The first request includes migrations and loading the demo data.
 *
 *   npm run bench:cold-start [-- --database-url postgres://postgres@127.0.0.1:5432/postgres]
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { commandLine, fmt, loadAvg, machine, ROOT, table, writeResults } from "./lib";

const args = process.argv.slice(2);
const urlAt = args.indexOf("--database-url");
const adminUrl = urlAt >= 0 ? args[urlAt + 1] : undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Seconds from spawning the server until GET / answers 200. */
async function coldStart(databaseUrl: string | undefined): Promise<number> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "gongkai-cold-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    GONGKAI_DATA_DIR: dataDir,
    GONGKAI_DEMO: "1",
    GONGKAI_LOG_LEVEL: "warn",
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawn(process.execPath, ["scripts/start.mjs"], { cwd: ROOT, env, stdio: "ignore" });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return (performance.now() - started) / 1000;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A fresh PostgreSQL database for one run, dropped afterwards. */
async function withFreshPostgres<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (!adminUrl) throw new Error("no --database-url");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `gongkai_cold_${process.pid}`;
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const dist = path.join(ROOT, "dist");
const parked = path.join(ROOT, `dist-parked-${process.pid}`);
if (!existsSync(path.join(dist, "main.js")))
  spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
const rows: string[][] = [["入口", "数据库", "到第一个请求（秒）"]];
const runs: { entry: string; database: string; seconds: number }[] = [];
const record = (entry: string, database: string, seconds: number) => {
  runs.push({ entry, database, seconds });
  rows.push([entry, database, fmt(seconds, 2)]);
};
const startedAt = new Date();
const host = await machine();
const before = loadAvg();
for (const variant of ["dist（npm run build）", "tsx（源代码）"]) {
  // start.mjs takes dist/ when present: the tsx run moves it aside and back.
  if (variant.startsWith("tsx")) renameSync(dist, parked);
  try {
    record(variant, "PGlite", await coldStart(undefined));
    if (adminUrl) record(variant, "PostgreSQL", await withFreshPostgres((u) => coldStart(u)));
  } finally {
    if (variant.startsWith("tsx")) renameSync(parked, dist);
  }
}
console.log(table(rows));
console.log(`1 分钟负载：开始 ${before["1m"]}，结束 ${loadAvg()["1m"]}；${os.availableParallelism()} 核`);
const file = await writeResults("cold-start", startedAt, {
  command: commandLine("bench:cold-start"),
  machine: host,
  runs,
});
console.log(`结果已写入 ${path.relative(process.cwd(), file)}`);
