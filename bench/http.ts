/**
 * HTTP benchmark: the portal home page, a document page (中华人民共和国政府信息公开条例) and a search
 * page (环境保护) of the real app, against a plain node:http server answering a static ~20 KB
 * Chinese page (the ceiling), measured with wrk in one run, one server at a time.
 *
 *   npm run bench:http
 *   npm run bench:http -- --duration 30 --connections 100 --threads 2
 *   npm run bench:http -- --database-url postgres://user:pass@127.0.0.1:5432/gongkai_bench
 *
 * Each server runs in its own child process (node with the tsx loader), listens on 127.0.0.1 and
 * is stopped afterwards, also on error or Ctrl-C. The app gets a fresh temporary data directory
 * (embedded PGlite) with the demo data, unless --database-url is given. Results are printed as a
 * table and written to bench/results/http-<timestamp>.json.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  commandLine,
  fmt as formatNumber,
  loadAvg,
  machine,
  positiveInt,
  ROOT,
  readOptions,
  table,
  UsageError,
  warnIfBusy,
  writeResults,
} from "./lib";

const HOST = "127.0.0.1";
const WARMUP_SECONDS = 3;
const STARTUP_TIMEOUT_MS = 180_000;

type TOptions = {
  duration: number;
  connections: number;
  threads: number;
  timeout: number;
  databaseUrl: string | undefined;
};

type TWrkResult = {
  requestsPerSec: number;
  latencyMs: { avg: number; p50: number; p75: number; p90: number; p99: number; max: number };
  requests: number;
  non2xx3xx: number;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  raw: string;
};

type TTarget = { name: string; label: string; url: string; result: TWrkResult };

// ---------------------------------------------------------------------------------------------
// Command line

function usage(): string {
  return [
    "用法：npm run bench -- [选项]",
    "  --duration <秒>       每个目标的测量时长（默认 10；之前另有 3 秒预热）",
    "  --connections <数>    wrk 并发连接数（默认 50）",
    "  --threads <数>        wrk 线程数（默认 1）",
    "  --timeout <秒>        wrk 单个请求超时（默认 10；超时的请求不计入延迟分布）",
    "  --database-url <URL>  改用 PostgreSQL（传给应用的 DATABASE_URL）；默认使用临时目录中的 PGlite",
    "  --help                显示本帮助",
  ].join("\n");
}

function parseOptions(argv: string[]): TOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "50" },
      threads: { type: "string", default: "1" },
      timeout: { type: "string", default: "10" },
      "database-url": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  const opts: TOptions = {
    duration: positiveInt("duration", values.duration),
    connections: positiveInt("connections", values.connections),
    threads: positiveInt("threads", values.threads),
    timeout: positiveInt("timeout", values.timeout),
    databaseUrl: values["database-url"] || undefined,
  };
  if (opts.threads > opts.connections)
    throw new UsageError("--threads 不能大于 --connections（wrk 的要求）。");
  return opts;
}

// ---------------------------------------------------------------------------------------------
// wrk

function checkWrk(): string {
  // `wrk --version` prints its version and usage, then exits with 1; only a spawn error means "missing".
  const r = spawnSync("wrk", ["--version"], { encoding: "utf8" });
  if (r.error) {
    console.error(
      [
        "未找到压测工具 wrk。请先安装后再运行 npm run bench：",
        "  Debian / Ubuntu：sudo apt-get install -y wrk",
        "  （在 root 身份下可去掉 sudo；macOS 可用 brew install wrk）",
      ].join("\n"),
    );
    process.exit(1);
  }
  return `${r.stdout}${r.stderr}`.split("\n")[0]?.trim() ?? "wrk";
}

const TIME_UNITS_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "812.00us" / "1.23ms" / "2.01s" / "1.50m" → milliseconds. */
function toMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  const factor = m ? TIME_UNITS_MS[m[2] as string] : undefined;
  if (!m || factor === undefined) throw new Error(`无法解析 wrk 的时间值：${text}`);
  return Number(m[1]) * factor;
}

/** Parses the output of `wrk --latency`. */
function parseWrk(out: string): TWrkResult {
  const need = (re: RegExp, what: string): RegExpExecArray => {
    const m = re.exec(out);
    if (!m) throw new Error(`wrk 输出中找不到 ${what}：\n${out}`);
    return m;
  };
  const rps = need(/^Requests\/sec:\s+([\d.]+)/m, "Requests/sec");
  const lat = need(/^\s+Latency\s+(\S+)\s+(\S+)\s+(\S+)/m, "Latency 行");
  const pct = (p: number) => toMs(need(new RegExp(`^\\s+${p}%\\s+(\\S+)`, "m"), `${p}% 延迟`)[1] as string);
  const total = need(/^\s+(\d+) requests in/m, "请求总数");
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    requestsPerSec: Number(rps[1]),
    latencyMs: {
      avg: toMs(lat[1] as string),
      p50: pct(50),
      p75: pct(75),
      p90: pct(90),
      p99: pct(99),
      max: toMs(lat[3] as string),
    },
    requests: Number(total[1]),
    non2xx3xx: non2xx ? Number(non2xx[1]) : 0,
    socketErrors: {
      connect: Number(sock?.[1] ?? 0),
      read: Number(sock?.[2] ?? 0),
      write: Number(sock?.[3] ?? 0),
      timeout: Number(sock?.[4] ?? 0),
    },
    raw: out,
  };
}

function runWrk(url: string, seconds: number, opts: TOptions, headers: string[] = []): Promise<string> {
  const args = [
    ...headers.flatMap((h) => ["-H", h]),
    "--latency",
    "-t",
    String(opts.threads),
    "-c",
    String(opts.connections),
    "-d",
    `${seconds}s`,
    "--timeout",
    `${opts.timeout}s`,
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`wrk 退出码 ${code}：\n${err}${out}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Child servers

const children = new Set<ChildProcess>();
/** The app's temporary data directory, removed at the end (also on error or Ctrl-C). */
let tempDir: string | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

type TServer = { child: ChildProcess; output: () => string };

/** Starts `node --import tsx <script>` in the project root; keeps the tail of its output for errors. */
function startServer(script: string, env: NodeJS.ProcessEnv): TServer {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  let tail = "";
  const keep = (d: Buffer) => {
    tail = (tail + d.toString()).slice(-8000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { child, output: () => tail };
}

async function waitHealthy(server: TServer, baseUrl: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(
        `服务进程提前退出（${server.child.exitCode ?? server.child.signalCode}）：\n${server.output()}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `等待 ${baseUrl}/healthz 返回 200 超时（${STARTUP_TIMEOUT_MS / 1000} 秒）：\n${server.output()}`,
  );
}

/** SIGTERM, then SIGKILL if the process has not exited within 5 s. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

function killAllNow(): void {
  for (const child of children) child.kill("SIGKILL");
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = undefined;
}

// ---------------------------------------------------------------------------------------------
// Benchmark

async function measure(
  label: string,
  url: string,
  opts: TOptions,
  headers: string[] = [],
): Promise<TWrkResult> {
  console.log(`  ${label}：预热 ${WARMUP_SECONDS} 秒……`);
  await runWrk(url, WARMUP_SECONDS, opts, headers);
  console.log(`  ${label}：测量 ${opts.duration} 秒……`);
  const result = parseWrk(await runWrk(url, opts.duration, opts, headers));
  const problems = result.non2xx3xx + Object.values(result.socketErrors).reduce((a, b) => a + b, 0);
  if (problems > 0) {
    console.warn(
      `  注意：${label} 有 ${result.non2xx3xx} 个非 2xx/3xx 响应、套接字错误 ${JSON.stringify(result.socketErrors)}`,
    );
  }
  return result;
}

const DOCUMENT_TITLE = "中华人民共和国政府信息公开条例";
const SEARCH_QUERY = "环境保护";
const BYPASS_COOKIE = "Cookie: gk_session=bench-no-such-session";

/** The document page's path: found through the catalogue search, as a visitor would. */
async function documentPath(base: string): Promise<string> {
  const res = await fetch(`${base}/documents?q=${encodeURIComponent(DOCUMENT_TITLE)}`);
  const html = await res.text();
  const m = new RegExp(`href="(/documents/\\d+)">${DOCUMENT_TITLE}<`).exec(html);
  if (!m?.[1]) throw new Error(`演示数据中找不到《${DOCUMENT_TITLE}》，无法压测文件页。`);
  return m[1];
}

async function benchApp(opts: TOptions, dataDir: string): Promise<TTarget[]> {
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST,
    GONGKAI_DATA_DIR: dataDir,
    GONGKAI_DEMO: "1",
    GONGKAI_LOG_LEVEL: "warn",
  };
  delete env.DATABASE_URL;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  console.log(`启动应用（${opts.databaseUrl ? "PostgreSQL" : "PGlite"}，端口 ${port}）……`);
  const server = startServer("src/main.ts", env);
  try {
    await waitHealthy(server, base);
    const pages = [
      { name: "home", label: "门户首页 GET /", path: "/" },
      { name: "document", label: `文件页（${DOCUMENT_TITLE}）`, path: await documentPath(base) },
      {
        name: "search",
        label: `检索页（${SEARCH_QUERY}）`,
        path: `/documents?q=${encodeURIComponent(SEARCH_QUERY)}`,
      },
    ];
    const targets: TTarget[] = [];
    for (const page of pages) {
      const url = `${base}${page.path}`;
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status !== 200)
        throw new Error(`${page.label} 返回 ${res.status}，无法压测。\n${server.output()}`);
      targets.push({ name: page.name, label: page.label, url, result: await measure(page.label, url, opts) });
    }
    // The same pages rendered for every request: a session cookie (here one that matches no session)
    // keeps a request away from the page cache, as for signed-in staff.
    for (const page of pages) {
      const url = `${base}${page.path}`;
      const label = `${page.label}，不经缓存`;
      const result = await measure(label, url, opts, [BYPASS_COOKIE]);
      targets.push({ name: `${page.name}-uncached`, label, url, result });
    }
    return targets;
  } finally {
    await stopServer(server.child);
  }
}

async function benchCeiling(opts: TOptions): Promise<TTarget> {
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  console.log(`启动 node:http 静态页（端口 ${port}）……`);
  const server = startServer("bench/hello-server.ts", {
    ...process.env,
    PORT: String(port),
    HOST,
  });
  try {
    await waitHealthy(server, base);
    const result = await measure("node:http 静态页", `${base}/`, opts);
    return { name: "ceiling", label: "node:http 静态 20 KB 中文页（上限）", url: `${base}/`, result };
  } finally {
    await stopServer(server.child);
  }
}

// ---------------------------------------------------------------------------------------------
// Report

/** Throughput and latency are shown with two decimals here. */
function fmt(n: number, digits = 2): string {
  return formatNumber(n, digits);
}

async function main(): Promise<void> {
  const opts = readOptions(parseOptions, usage);
  const wrkVersion = checkWrk();
  const host = await machine();
  const startedAt = new Date();
  console.log(
    `wrk：${opts.threads} 线程，${opts.connections} 连接，每个目标预热 ${WARMUP_SECONDS} 秒 + 测量 ${opts.duration} 秒` +
      `（${wrkVersion}；${host.cpus} 核，负载 ${Object.values(host.loadAvgAtStart).join(" ")}）`,
  );

  warnIfBusy(host, "结果可能偏低且不稳定");

  const dataDir = await mkdtemp(path.join(os.tmpdir(), "gongkai-bench-"));
  tempDir = dataDir;
  let pages: TTarget[];
  let ceiling: TTarget;
  try {
    pages = await benchApp(opts, dataDir);
    ceiling = await benchCeiling(opts);
  } finally {
    await Promise.all([...children].map(stopServer));
    await rm(dataDir, { recursive: true, force: true });
    tempDir = undefined;
  }

  const ratioOf = (t: TTarget) => t.result.requestsPerSec / ceiling.result.requestsPerSec;
  const errorsOf = (t: TTarget) =>
    t.result.non2xx3xx + Object.values(t.result.socketErrors).reduce((a, b) => a + b, 0);
  const row = (t: TTarget, ratio: string) => [
    t.label,
    fmt(t.result.requestsPerSec),
    ratio,
    fmt(t.result.latencyMs.avg),
    fmt(t.result.latencyMs.p50),
    fmt(t.result.latencyMs.p90),
    fmt(t.result.latencyMs.p99),
    String(errorsOf(t)),
  ];
  console.log("");
  console.log(
    table([
      ["目标", "Requests/sec", "占上限", "平均 ms", "p50 ms", "p90 ms", "p99 ms", "错误"],
      row(ceiling, "100%"),
      ...pages.map((t) => row(t, `${fmt(ratioOf(t) * 100, 1)}%`)),
    ]),
  );
  console.log(
    `\n目标：首页和文件页 ≥ 30%、p99 ≤ 50 ms；检索页 ≥ 10%（wrk ${opts.threads} 线程 ${opts.connections} 连接）。`,
  );

  const strip = (t: TTarget) => ({ ...t, result: { ...t.result, raw: undefined }, wrkOutput: t.result.raw });
  const report = {
    benchmark: "http: home, document and search pages vs a node:http static 20 KB Chinese page",
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: commandLine("bench:http"),
    machine: { ...host, loadAvgAtEnd: loadAvg() },
    wrk: {
      version: wrkVersion,
      threads: opts.threads,
      connections: opts.connections,
      warmupSeconds: WARMUP_SECONDS,
      durationSeconds: opts.duration,
      timeoutSeconds: opts.timeout,
      latencyNote:
        "wrk 4 applies its coordinated-omission correction (stats_correct) to the latency distribution; " +
        "avg and high percentiles are above the raw samples, max is not affected",
    },
    database: opts.databaseUrl ? "postgres" : "pglite",
    targets: [strip(ceiling), ...pages.map(strip)],
    ratios: Object.fromEntries(pages.map((t) => [t.name, ratioOf(t)])),
  };
  const file = await writeResults("http", startedAt, report);
  console.log(`结果已写入 ${path.relative(process.cwd(), file)}`);
}

process.on("exit", killAllNow);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    killAllNow();
    process.exit(130);
  });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  killAllNow();
  process.exit(1);
});
