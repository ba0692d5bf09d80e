/**
 * What every benchmark needs: option parsing, number formatting, Markdown-style tables that line up
 * in a terminal with Chinese text, the machine description, percentile statistics, a fresh database
 * that is removed at the end (also on error or Ctrl-C), EXPLAIN of the SQL the app sends, seeded
 * randomness and the results file.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import type { Logger } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { searchDocuments } from "../src/features/documents";
import { type Db, openDatabase, type TDatabase } from "../src/platform/db";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const RESULTS_DIR = path.join(ROOT, "bench", "results");

// ---------------------------------------------------------------------------------------------
// Command line

/** A wrong option: the message is shown with the usage text, and the process exits with 2. */
export class UsageError extends Error {}

/** The value of `--name` as a positive integer, or a UsageError. */
export function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} 应为正整数，收到：${value}`);
  return n;
}

/** The value of `--name` as an integer ≥ 0, or a UsageError. */
export function nonNegativeInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} 应为非负整数，收到：${value}`);
  return n;
}

/**
 * Parses the command line with `parse`; prints the usage and exits on a wrong option (code 2) or on
 * --help (parse returns null, code 0).
 */
export function readOptions<T>(parse: (argv: string[]) => T | null, usage: () => string): T {
  let opts: T | null;
  try {
    opts = parse(process.argv.slice(2));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${usage()}`);
    process.exit(2);
  }
  if (!opts) {
    console.log(usage());
    process.exit(0);
  }
  return opts;
}

/** The command as typed, for the results file. */
export function commandLine(script: string): string {
  return `npm run ${script}${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
}

// ---------------------------------------------------------------------------------------------
// Output

/** A number with thousands separators and a fixed number of decimals. */
export function fmt(n: number, digits = 1): string {
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Terminal columns taken by a string: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

/**
 * A Markdown table padded so that it also lines up in a terminal. With `isNumeric` every column but
 * the first is right-aligned (and marked so in the separator line); otherwise all are left-aligned.
 */
export function table(rows: string[][], isNumeric = false): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? "")))) ?? [];
  const pad = (cell: string, i: number) => {
    const space = " ".repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(cell)));
    return isNumeric && i > 0 ? space + cell : cell + space;
  };
  const line = (r: string[]) => `| ${r.map(pad).join(" | ")} |`;
  const sep = isNumeric
    ? `|${widths.map((w, i) => `${"-".repeat(w + 1)}${i === 0 ? "-" : ":"}`).join("|")}|`
    : `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [line(rows[0] ?? []), sep, ...rows.slice(1).map(line)].join("\n");
}

/** Writes `bench/results/<name>-<timestamp>.json` and returns its path. */
export async function writeResults(name: string, startedAt: Date, report: unknown): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

// ---------------------------------------------------------------------------------------------
// The machine

export type TLoadAvg = { "1m": number; "5m": number; "15m": number };

/** Load averages as an object, not an array: Biome would reformat a multi-line number array. */
export function loadAvg(): TLoadAvg {
  const [a = 0, b = 0, c = 0] = os.loadavg().map((n) => Math.round(n * 100) / 100);
  return { "1m": a, "5m": b, "15m": c };
}

export type TMachine = {
  cpuModel: string;
  cpus: number;
  totalMemGiB: number;
  node: string;
  platform: string;
  loadAvgAtStart: TLoadAvg;
  gitCommit: string | null;
  gitDirty: boolean | null;
};

/** CPU, memory, Node, load and the git commit, for the results file. */
export async function machine(): Promise<TMachine> {
  const cpuinfo = await readFile("/proc/cpuinfo", "utf8").catch(() => "");
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
  const git = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return {
    cpuModel: model,
    cpus: os.availableParallelism(),
    totalMemGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAvgAtStart: loadAvg(),
    gitCommit: git.status === 0 ? git.stdout.trim() : null,
    gitDirty: dirty.status === 0 ? dirty.stdout.trim().length > 0 : null,
  };
}

/** Warns when other processes keep more than half the cores busy; `effect` says what that does to the figures. */
export function warnIfBusy(host: TMachine, effect: string): void {
  if (host.loadAvgAtStart["1m"] > host.cpus * 0.5)
    console.warn(
      `注意：本机 1 分钟平均负载为 ${host.loadAvgAtStart["1m"]}（${host.cpus} 核），其他进程会抢占 CPU，${effect}。`,
    );
}

// ---------------------------------------------------------------------------------------------
// Timing

export type TStats = { p50: number; p95: number; max: number; mean: number; samples: number };

/** Nearest-rank percentiles, maximum and mean of a list of samples. */
export function stats(samples: number[]): TStats {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0)
    return { p50: Number.NaN, p95: Number.NaN, max: Number.NaN, mean: Number.NaN, samples: 0 };
  const rank = (p: number) => s[Math.max(0, Math.ceil(p * s.length) - 1)] as number;
  return {
    p50: rank(0.5),
    p95: rank(0.95),
    max: s.at(-1) as number,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    samples: s.length,
  };
}

/** Runs `fn` `warmup` times unmeasured, then `repeat` times; returns the milliseconds of each measured run. */
export async function sample(
  o: { warmup: number; repeat: number },
  fn: (i: number) => Promise<unknown> | unknown,
): Promise<number[]> {
  for (let i = 0; i < o.warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < o.repeat; i++) {
    const t0 = performance.now();
    await fn(o.warmup + i);
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** `sample` summarised by `stats`. */
export async function measure(
  o: { warmup: number; repeat: number },
  fn: (i: number) => Promise<unknown> | unknown,
): Promise<TStats> {
  return stats(await sample(o, fn));
}

// ---------------------------------------------------------------------------------------------
// A fresh database

export type TFresh = { database: TDatabase; label: string; cleanup: () => Promise<void> };

/** Removing the benchmark database must also happen on Ctrl-C; the signal handler runs the current cleanup. */
let pendingCleanup: (() => Promise<void>) | undefined;
let isSignalHandled = false;

function handleSignals(): void {
  if (isSignalHandled) return;
  isSignalHandled = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      const done = pendingCleanup ? pendingCleanup() : Promise.resolve();
      done.finally(() => process.exit(130));
    });
  }
}

/**
 * A fresh database: PGlite in a new temporary directory (`tempPrefix`), or, with `databaseUrl`,
 * a new database gongkai_bench_<pid> on that server (the database in the URL is only used to create
 * and drop it). `cleanup` closes and removes it unless `keep`; Ctrl-C and SIGTERM run it too.
 */
export async function openFresh(
  databaseUrl: string | undefined,
  keep: boolean,
  tempPrefix: string,
): Promise<TFresh> {
  handleSignals();
  if (!databaseUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), tempPrefix));
    let database: TDatabase | undefined;
    const cleanup = once(async () => {
      await database?.close().catch(() => {});
      if (keep) console.log(`保留 PGlite 数据目录：${path.join(dir, "pgdata")}`);
      else rmSync(dir, { recursive: true, force: true });
    });
    pendingCleanup = cleanup;
    database = await openDatabase({ dataDir: dir });
    return { database, label: "PGlite", cleanup };
  }
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  const name = `gongkai_bench_${process.pid}`;
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  let database: TDatabase | undefined;
  const cleanup = once(async () => {
    await database?.close().catch(() => {});
    if (keep) console.log(`保留数据库 ${name}`);
    else await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  });
  pendingCleanup = cleanup;
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  database = await openDatabase({ databaseUrl: url.toString() });
  return { database, label: "PostgreSQL", cleanup };
}

/** The cleanup may be reached twice (the normal end and a signal); it must run once. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= fn();
    return running;
  };
}

/** The server's version string, e.g. "PostgreSQL 15.20 (Debian …)". */
export async function serverVersion(database: TDatabase): Promise<string> {
  const [row] = await database.query<{ version: string }>("select version() as version");
  return row?.version ?? "?";
}

/** Whether an autovacuum launcher runs (PGlite has none). */
export async function hasAutovacuum(database: TDatabase): Promise<boolean> {
  return database
    .query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where backend_type = 'autovacuum launcher'",
    )
    .then((r) => (r[0]?.n ?? 0) > 0)
    .catch(() => false);
}

// ---------------------------------------------------------------------------------------------
// The SQL the app sends, for EXPLAIN ANALYZE: a second Drizzle handle on the same client, with a logger

export type TCaptured = { query: string; params: unknown[] };

/** A Drizzle handle on the same connection that records every statement and its parameters into `captured`. */
export function capturingDb(database: TDatabase, captured: TCaptured[]): Db {
  const logger: Logger = { logQuery: (query, params) => captured.push({ query, params }) };
  const client = (database.db as unknown as { $client: unknown }).$client;
  return (database.kind === "pglite"
    ? drizzlePglite(client as PGlite, { logger })
    : drizzlePostgres(client as postgres.Sql, { logger })) as unknown as Db;
}

export type TExplain = { sql: string; params: unknown[]; plan: string[]; executionMs: number | null };

/** `EXPLAIN (ANALYZE, BUFFERS)` of a captured statement, with its execution time. */
export async function explain(database: Pick<TDatabase, "query">, q: TCaptured): Promise<TExplain> {
  const rows = await database.query<Record<string, string>>(
    `explain (analyze, buffers) ${q.query}`,
    q.params,
  );
  const plan = rows.map((r) => Object.values(r)[0] as string);
  const exec = plan.map((l) => /Execution Time: ([\d.]+) ms/.exec(l)).find(Boolean);
  return { sql: q.query, params: q.params, plan, executionMs: exec ? Number(exec[1]) : null };
}

/** The scan nodes of a plan, one line: which index (if any) each table is read through. */
export function scans(plan: string[]): string {
  return plan
    .filter((l) => /Scan/.test(l) && !/^\s*(Buffers|Planning|Execution)/.test(l))
    .map((l) =>
      l
        .replace(/^[\s\->]+/, "")
        .replace(/\s+\(cost=.*$/, "")
        .trim(),
    )
    .join("；");
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness: the same seed gives the same data

/** A small, fast seeded generator of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A picker that returns each value with a probability proportional to its weight. */
export function weighted<T>(rnd: () => number, entries: readonly (readonly [T, number])[]): () => T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const cumulative = entries.map(([value], i) => ({
    value,
    upTo: entries.slice(0, i + 1).reduce((s, [, w]) => s + w, 0) / total,
  }));
  return () => {
    const r = rnd();
    return (cumulative.find((c) => r < c.upTo) ?? cumulative[cumulative.length - 1])?.value as T;
  };
}

export type TSearch = typeof searchDocuments;

/**
 * The search of another source tree (an earlier commit unpacked with its dependencies linked), to
 * compare against in the same run on the same database; null without a directory.
 */
export async function baselineSearch(dir: string | undefined): Promise<TSearch | null> {
  if (!dir) return null;
  const module = (await import(path.join(dir, "src/features/documents/index.ts"))) as {
    searchDocuments: TSearch;
  };
  return module.searchDocuments;
}
