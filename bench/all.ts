/**
 * Every speed figure of the portal in one run, then one table beside its target:
 *   1. pages (bench/http.ts): home, a document and a search page against a plain node:http server
 *      answering a static page of the same size, with wrk, in the same run — the ratio travels;
 *   2. the whole law corpus imported on PostgreSQL, and search at 100,000 documents (bench/search.ts);
 *   3. relevance on everyday questions over the corpus (bench/relevance.ts), top 5 and MRR@10;
 *   4. time to the first request after a cold start with demo data (bench/cold-start.ts).
 *
 *   npm run bench -- --database-url postgres://postgres@127.0.0.1:5432/postgres
 *   npm run bench -- --duration 5                      # shorter wrk runs
 *
 * Parts 2 and 3 need PostgreSQL (--database-url, or DATABASE_URL): the database in the URL is only
 * used to create and drop fresh ones. Without it they are skipped and the table says so. Each part
 * runs as its own process, one after the other (they would slow each other down), prints as it goes,
 * and writes its JSON to bench/results/; this table is written there too (bench-<timestamp>.json).
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import {
  commandLine,
  fmt,
  machine,
  positiveInt,
  ROOT,
  readOptions,
  table,
  UsageError,
  writeResults,
} from "./lib";

type TOptions = { databaseUrl: string | undefined; duration: number };

function parse(argv: string[]): TOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      "database-url": { type: "string" },
      duration: { type: "string", default: "10" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return null;
  const databaseUrl = values["database-url"] ?? process.env.DATABASE_URL;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new UsageError("--database-url 应为 postgres:// 开头的地址");
  return { databaseUrl, duration: positiveInt("duration", values.duration) };
}

const usage = () =>
  [
    "用法：npm run bench -- [--database-url <URL>] [--duration <秒>]",
    "  --database-url <URL>  PostgreSQL（用来新建、删除测量用的库）；没有时跳过导入、10 万件检索和相关度",
    "  --duration <秒>       每个页面 wrk 测量的秒数（默认 10）",
  ].join("\n");

/** Runs one benchmark script, its output shown as it comes; returns the output. */
function run(script: string, args: string[]): Promise<string> {
  console.log(`\n==== ${script} ${args.join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join("bench", script), ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d;
      process.stdout.write(d);
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} 退出码 ${code}`))));
  });
}

/** The JSON a benchmark wrote: the last bench/results path its output names. */
async function resultsOf<T>(out: string): Promise<T> {
  const file = [...out.matchAll(/(bench\/results\/[\w.-]+\.json)/g)].at(-1)?.[1];
  if (!file) throw new Error("结果文件未找到");
  return JSON.parse(await readFile(path.join(ROOT, file), "utf8")) as T;
}

type TRow = { figure: string; value: string; target: string; met: boolean | null };

type THttp = {
  targets: { name: string; label: string; result: { requestsPerSec: number; latencyMs: { p99: number } } }[];
  ratios: Record<string, number>;
};
type TSearch = {
  import: { ms: number; created: number };
  overallMs: { search: { p50: number; p95: number } };
  sizes: { documents: string };
};
type TRelevance = { current: { top5: number; top10: number; mrr10: number }; queries: unknown[] };
type TColdStart = { runs: { entry: string; database: string; seconds: number }[] };

async function pages(o: TOptions): Promise<TRow[]> {
  const r = await resultsOf<THttp>(await run("http.ts", ["--duration", String(o.duration)]));
  const [ceiling, ...rest] = r.targets;
  const rows: TRow[] = [
    {
      figure: ceiling?.label ?? "node:http（上限）",
      value: `${fmt(ceiling?.result.requestsPerSec ?? 0, 0)} req/s`,
      target: "—",
      met: null,
    },
  ];
  for (const t of rest) {
    const ratio = r.ratios[t.name] ?? 0;
    const p99 = t.result.latencyMs.p99;
    const value = `${fmt(t.result.requestsPerSec, 0)} req/s，上限的 ${fmt(ratio * 100, 1)}%，p99 ${fmt(p99)} ms`;
    // The targets are for pages as the public gets them (cached); uncached is how far below a miss is.
    if (t.name.endsWith("-uncached")) rows.push({ figure: t.label, value, target: "—", met: null });
    else if (t.name === "search") rows.push({ figure: t.label, value, target: "≥ 10%", met: ratio >= 0.1 });
    else rows.push({ figure: t.label, value, target: "≥ 30%，p99 ≤ 50 ms", met: ratio >= 0.3 && p99 <= 50 });
  }
  return rows;
}

async function searchAndImport(url: string): Promise<TRow[]> {
  const r = await resultsOf<TSearch>(await run("search.ts", ["--database-url", url, "--ilike-repeat", "0"]));
  const seconds = r.import.ms / 1000;
  return [
    {
      figure: `导入全部法规语料（PostgreSQL，${r.import.created} 件）`,
      value: `${fmt(seconds, 1)} s`,
      target: "≤ 20 s",
      met: seconds <= 20,
    },
    {
      figure: `检索 API（PostgreSQL，${Number(r.sizes.documents).toLocaleString("en-US")} 件，含分面）`,
      value: `p50 ${fmt(r.overallMs.search.p50)} ms，p95 ${fmt(r.overallMs.search.p95)} ms`,
      target: "p95 ≤ 20 ms",
      met: r.overallMs.search.p95 <= 20,
    },
  ];
}

/** Relevance needs the corpus alone: the search benchmark's import into a database kept for it. */
async function relevance(url: string): Promise<TRow[]> {
  const out = await run("search.ts", [
    "--database-url",
    url,
    "--docs",
    "1",
    "--repeat",
    "1",
    "--warmup",
    "0",
    "--ilike-repeat",
    "0",
    "--keep",
  ]);
  const name = /保留数据库 (gongkai_bench_\d+)/.exec(out)?.[1];
  if (!name) throw new Error("语料库未保留");
  const corpusUrl = new URL(url);
  corpusUrl.pathname = `/${name}`;
  try {
    const r = await resultsOf<TRelevance>(
      await run("relevance.ts", ["--database-url", corpusUrl.toString()]),
    );
    return [
      {
        figure: `口语问题的相关度（${r.queries.length} 个问题）`,
        value: `前 5 条有答案 ${r.current.top5} 个，MRR@10 ${fmt(r.current.mrr10, 3)}`,
        target: "高于对照（docs/PERFORMANCE.md）",
        met: null,
      },
    ];
  } finally {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function coldStart(url: string | undefined): Promise<TRow[]> {
  const r = await resultsOf<TColdStart>(await run("cold-start.ts", url ? ["--database-url", url] : []));
  return r.runs.map((x) => ({
    figure: `冷启动到第一个请求（${x.entry}，${x.database}，含演示数据）`,
    value: `${fmt(x.seconds, 2)} s`,
    target: "—",
    met: null,
  }));
}

async function main() {
  const o = readOptions(parse, usage);
  const startedAt = new Date();
  const host = await machine();
  const skipped = (figure: string): TRow => ({
    figure,
    value: "未测：需要 --database-url",
    target: "—",
    met: null,
  });
  const rows: TRow[] = [...(await pages(o))];
  if (o.databaseUrl) {
    rows.push(...(await searchAndImport(o.databaseUrl)));
    rows.push(...(await relevance(o.databaseUrl)));
  } else rows.push(skipped("导入全部法规语料"), skipped("检索 API（10 万件）"), skipped("口语问题的相关度"));
  rows.push(...(await coldStart(o.databaseUrl)));

  console.log(`\n==== 全部数字（${host.cpuModel}，${host.cpus} 核；${startedAt.toISOString()}）\n`);
  console.log(
    table([
      ["指标", "测得", "目标", "达到"],
      ...rows.map((r) => [r.figure, r.value, r.target, r.met === null ? "—" : r.met ? "是" : "否"]),
    ]),
  );
  const file = await writeResults("bench", startedAt, { command: commandLine("bench"), machine: host, rows });
  console.log(`\n结果已写入 ${path.relative(process.cwd(), file)}`);
}

await main();
