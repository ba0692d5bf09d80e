/**
 * Participation benchmark (公众参与): one consultation with 20,000 comments, every one with its
 * disposition and its feedback report published; how fast the public consultation page (first and
 * last page of comments), its JSON and the feedback statistics stay at that size.
 *
 *   npm run bench:participation                                                            # PGlite
 *   npm run bench:participation -- --database-url postgres://postgres@127.0.0.1:5432/test  # PostgreSQL
 *   npm run bench:participation -- --comments 5000 --repeat 50
 *
 * The pages go through the whole app (app.request, no network) with the public page cache switched
 * off, so every request renders: the figure is the cost of a page the cache does not hold (an open
 * consultation's page, which carries the comment form, is never cached). Comments are generated in
 * SQL (generate_series, a fixed mix of dispositions, 1 in 200 hidden), then VACUUM ANALYZE.
 * Results are printed and written to bench/results/participation-<timestamp>.json.
 */
import { parseArgs } from "node:util";
import type { MiddlewareHandler } from "hono";
import { createApp } from "../src/app";
import { commentCounts } from "../src/features/consultations/consultations.repository";
import { adoptionRate } from "../src/features/consultations/feedback-statistics";
import { readPublicConsultation } from "../src/features/consultations/read-consultation";
import type { TConfig } from "../src/platform/config";
import { migrate } from "../src/platform/db/migrate";
import { localBlobStore } from "../src/platform/files";
import type { TAppEnv } from "../src/platform/http/context";
import { createLogger } from "../src/platform/logger";
import {
  commandLine,
  fmt,
  machine,
  measure,
  openFresh,
  positiveInt,
  readOptions,
  serverVersion,
  table,
  UsageError,
  warnIfBusy,
  writeResults,
} from "./lib";

type TOptions = { databaseUrl?: string; comments: number; repeat: number; warmup: number; keep: boolean };

function parseOptions(argv: string[]): TOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      "database-url": { type: "string" },
      comments: { type: "string", default: "20000" },
      repeat: { type: "string", default: "100" },
      warmup: { type: "string", default: "10" },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  if (values["database-url"] === "") throw new UsageError("--database-url 不能为空");
  return {
    databaseUrl: values["database-url"],
    comments: positiveInt("comments", values.comments),
    repeat: positiveInt("repeat", values.repeat),
    warmup: positiveInt("warmup", values.warmup),
    keep: values.keep,
  };
}

const BENCH_CONFIG: TConfig = {
  port: 0,
  host: "127.0.0.1",
  databaseUrl: undefined,
  dataDir: "",
  adminPassword: undefined,
  isDemo: false,
  trustProxy: false,
  logLevel: "silent",
  smtpUrl: undefined,
  mailFrom: "gongkai@localhost",
  publicUrl: undefined,
  redisUrl: undefined,
  workers: 1,
};

const usage = () =>
  "用法：npm run bench:participation -- [--database-url URL] [--comments 20000] [--repeat 100] [--warmup 10] [--keep]";

async function main() {
  const o = readOptions(parseOptions, usage);
  const host = await machine();
  const startedAt = new Date();
  warnIfBusy(host, "结果可能偏高且不稳定");
  const { database, label, cleanup } = await openFresh(o.databaseUrl, o.keep, "gongkai-bench-participation-");
  try {
    const version = await serverVersion(database);
    console.log(`${label}：${version}`);
    await migrate(database);
    const t0 = performance.now();
    const [unit] = await database.query<{ id: number }>(
      "insert into units (name, kind) values ('区卫生健康局', 'department') returning id",
    );
    const [c] = await database.query<{ id: number }>(
      `insert into consultations (unit_id, title, draft, explanation, opens_at, closes_at, feedback_published_at)
       values ($1, '老旧小区加装电梯补助办法（征求意见稿）', $2, '起草说明', '2026-01-05', '2026-02-05', now())
       returning id`,
      [unit?.id, Array.from({ length: 30 }, (_, i) => `第${i + 1}条 条文内容。`).join("\n\n")],
    );
    const id = c?.id as number;
    // A fixed mix: 30% adopted, 15% partly, 35% not adopted, 20% not relevant; 1 in 200 hidden.
    await database.exec(`
      insert into consultation_comments (consultation_id, body, clause, name, contact, created_at, disposition, reason,
        disposed_at, hidden_at, hidden_reason)
      select ${id}, '关于第' || (g % 30 + 1) || '条的意见，编号 ' || g || '。建议进一步明确适用范围和补助标准。',
        case when g % 3 = 0 then '第' || (g % 30 + 1) || '条' end, '市民' || g, '1380000' || lpad(g::text, 4, '0'),
        timestamptz '2026-01-05 10:00+08' + (g % 31) * interval '1 day',
        d, case when d in ('partly_adopted', 'not_adopted') then '理由：已有规定或另行研究。' end, now(),
        case when g % 200 = 0 then now() end, case when g % 200 = 0 then '含有辱骂内容' end
      from (select g, case when g % 20 < 6 then 'adopted' when g % 20 < 9 then 'partly_adopted'
                           when g % 20 < 16 then 'not_adopted' else 'not_relevant' end as d
            from generate_series(1, ${o.comments}) g) s`);
    await database.exec("vacuum analyze consultation_comments");
    await database.exec("vacuum analyze consultations");
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`数据：1 次征求意见，${o.comments} 条意见，用时 ${fmt(loadSeconds)} s`);

    const noCache = {
      middleware: (async (_c, next) => next()) as MiddlewareHandler<TAppEnv>,
      edgeRecorder: (async (_c, next) => next()) as MiddlewareHandler<TAppEnv>,
      serveNode: () => false,
      invalidate: async () => {},
      ready: async () => {},
      close: async () => {},
    };
    const app = createApp(
      {
        database,
        db: database.db,
        config: BENCH_CONFIG,
        logger: createLogger("silent"),
        blobs: localBlobStore("/tmp"),
      },
      { pageCache: noCache },
    );
    const get = async (path: string) => {
      const res = await app.request(path);
      if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
      return res.text();
    };
    const lastPage = Math.ceil(o.comments / 50);
    const cases: [string, () => Promise<unknown>][] = [
      ["反馈统计（commentCounts + 采纳率）", async () => adoptionRate(await commentCounts(database.db, id))],
      [
        "公开页数据（readPublicConsultation，第 1 页 50 条）",
        () => readPublicConsultation(database.db, id, "2026-12-05", 1, 50),
      ],
      ["门户页面 /consultations/{id}（第 1 页，完整渲染）", () => get(`/consultations/${id}`)],
      [
        `门户页面 /consultations/{id}?page=${lastPage}（最后一页）`,
        () => get(`/consultations/${id}?page=${lastPage}`),
      ],
      [
        "接口 GET /api/v1/consultations/{id}（pageSize=100）",
        () => get(`/api/v1/consultations/${id}?pageSize=100`),
      ],
      ["门户列表 /consultations", () => get("/consultations")],
    ];
    const results: Record<string, unknown> = {};
    const rows = [["测量", "p50 ms", "p95 ms", "最大 ms", "次数"]];
    for (const [name, fn] of cases) {
      const s = await measure({ warmup: o.warmup, repeat: o.repeat }, fn);
      results[name] = s;
      rows.push([name, fmt(s.p50), fmt(s.p95), fmt(s.max), String(s.samples)]);
    }
    console.log(table(rows, true));
    const file = await writeResults("participation", startedAt, {
      command: commandLine("bench:participation"),
      database: { label, version },
      host,
      options: { ...o, databaseUrl: o.databaseUrl ? "(given)" : undefined },
      loadSeconds,
      results,
    });
    console.log(`结果已写入 ${file}`);
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
