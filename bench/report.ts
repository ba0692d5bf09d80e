/**
 * Annual report benchmark (年度报告): one unit with 100,000 requests received in 2025, plus the rest of
 * the district and the year before; how long computeAnnualReport takes for that unit and for the
 * whole district. The target is under 1 s on PostgreSQL.
 *
 *   npm run bench:report                        # PGlite in a fresh temporary directory
 *   npm run bench:report -- --database-url postgres://postgres@127.0.0.1:5432/test
 *   npm run bench:report -- --requests 20000 --repeat 20
 *
 * With --database-url a fresh database gongkai_bench_<pid> is created on that server and dropped at
 * the end (not with --keep). The data comes from a seeded generator (same seed, same data) and is
 * written with multi-row INSERTs: the unit's requests of 2025 (every applicant kind and outcome,
 * most concluded within weeks, some open at the year's end), 5 % of that received late in 2024,
 * 20 % as many again for five other units, an appeal on 2 % of the concluded requests, and 2,000
 * normative documents. Each measurement runs first as the data stands after the bulk load (no
 * planner statistics, as in PGlite, which has no autovacuum), then after VACUUM ANALYZE.
 * Results are printed and written to bench/results/report-<timestamp>.json.
 */
import { parseArgs } from "node:util";
import { computeAnnualReport } from "../src/features/reports";
import { OUTCOME_CODES } from "../src/features/requests";
import type { TDatabase } from "../src/platform/db";
import { migrate } from "../src/platform/db/migrate";
import {
  commandLine,
  fmt,
  hasAutovacuum,
  machine,
  measure,
  mulberry32,
  openFresh,
  positiveInt,
  readOptions,
  serverVersion,
  type TStats,
  table,
  warnIfBusy,
  weighted,
  writeResults,
} from "./lib";

const YEAR = 2025;
/** The report is computed after the year's end, as staff do in January. */
const TODAY = "2026-01-20";
const BATCH = 1000;

type TOptions = {
  databaseUrl?: string;
  requests: number;
  repeat: number;
  warmup: number;
  seed: number;
  keep: boolean;
};

function usage(): string {
  return [
    "用法：npm run bench:report -- [选项]",
    "  --database-url <URL>  改用 PostgreSQL：在该服务器上新建 gongkai_bench_<pid> 库，结束时删除；默认用临时目录中的 PGlite",
    "  --requests <件数>     被测单位 2025 年收到的申请件数（默认 100000）",
    "  --repeat <次>         每项测量的次数（默认 20）",
    "  --warmup <次>         每项测量前的预热次数（默认 3，不计入结果）",
    "  --seed <数>           随机数种子（默认 2025）",
    "  --keep                结束时保留数据库",
    "  --help                显示本帮助",
  ].join("\n");
}

function parseOptions(argv: string[]): TOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      "database-url": { type: "string" },
      requests: { type: "string", default: "100000" },
      repeat: { type: "string", default: "20" },
      warmup: { type: "string", default: "3" },
      seed: { type: "string", default: "2025" },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  return {
    databaseUrl: values["database-url"] || undefined,
    requests: positiveInt("requests", values.requests),
    repeat: positiveInt("repeat", values.repeat),
    warmup: Number.isInteger(Number(values.warmup)) ? Math.max(0, Number(values.warmup)) : 3,
    seed: positiveInt("seed", values.seed),
    keep: values.keep,
  };
}

// ---------------------------------------------------------------------------------------------
// Data

const DAY_MS = 86_400_000;
const dayOf = (base: string, offset: number) =>
  new Date(Date.parse(`${base}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);

/** Inserts rows of SQL literals in batches of BATCH; the values are generated here, never typed in. */
async function insertRows(database: TDatabase, head: string, rows: string[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    await database.exec(`${head} values ${rows.slice(i, i + BATCH).join(",\n")}`);
}

async function createUnits(database: TDatabase): Promise<number[]> {
  const names = [
    "区住房和城乡建设局",
    "区财政局",
    "区教育和体育局",
    "区民政局",
    "区市场监督管理局",
    "区卫生健康局",
  ];
  const rows = await database.query<{ id: number }>(
    `insert into units (name, kind) select n, 'department' from unnest($1::text[]) as n returning id`,
    [names],
  );
  return rows.map((r) => r.id);
}

type TGenerated = { requests: number; appeals: number; documents: number };

/** The requests of one unit: `count` received in YEAR, 5 % more received late in the year before. */
function requestRows(
  rnd: () => number,
  unitId: number,
  count: number,
  nextNo: () => number,
  closedIds: { id: number; closedAt: string }[],
): string[] {
  const kind = weighted(rnd, [
    ["natural_person", 70],
    ["commercial_enterprise", 12],
    ["research_institution", 2],
    ["public_interest_org", 2],
    ["legal_service_org", 6],
    ["other_org", 8],
  ] as const);
  const outcome = () => OUTCOME_CODES[Math.floor(rnd() * rnd() * OUTCOME_CODES.length)] as string;
  const rows: string[] = [];
  const carried = Math.round(count * 0.05);
  for (let i = 0; i < count + carried; i++) {
    const isCarried = i >= count;
    const receivedAt = isCarried
      ? dayOf(`${YEAR - 1}-11-15`, Math.floor(rnd() * 46))
      : dayOf(`${YEAR}-01-01`, Math.floor(rnd() * 365));
    const dueDate = dayOf(receivedAt, 28);
    // Most are answered within 40 days; 3 % stay open.
    const isOpen = rnd() < 0.03;
    const closedAt = isOpen ? null : dayOf(receivedAt, 1 + Math.floor(rnd() * 40));
    const no = nextNo();
    if (closedAt && rnd() < 0.02) closedIds.push({ id: no, closedAt });
    const k = kind();
    rows.push(
      `(${no}, 'BENCH${String(no).padStart(8, "0")}', 'mail', '${k}', '{}', 'k${no}', '申请公开某项政府信息', '${receivedAt}', ${unitId}, ` +
        `'${closedAt ? "concluded" : "running"}', '${dueDate}', ${closedAt ? `'${outcome()}'` : "null"}, ${closedAt ? `'${closedAt}'` : "null"})`,
    );
  }
  return rows;
}

async function generate(
  database: TDatabase,
  o: TOptions,
  unitIds: number[],
  target: number,
): Promise<TGenerated> {
  const rnd = mulberry32(o.seed);
  let no = 0;
  const nextNo = () => ++no;
  const closed: { id: number; closedAt: string }[] = [];
  const rows = requestRows(rnd, target, o.requests, nextNo, closed);
  for (const unitId of unitIds.filter((u) => u !== target))
    rows.push(...requestRows(rnd, unitId, Math.round((o.requests * 0.2) / 5), nextNo, closed));
  await insertRows(
    database,
    "insert into requests (id, receipt_no, channel, applicant_kind, applicant, applicant_key, description, received_at, unit_id, status, due_date, outcome, closed_at)",
    rows,
  );
  await database.exec(`select setval('requests_id_seq', ${no})`);
  const appealKind = weighted(rnd, [
    ["reconsideration", 6],
    ["litigation_direct", 3],
    ["litigation_after_reconsideration", 1],
  ] as const);
  const appeals = closed.map((c) => {
    const filedAt = dayOf(c.closedAt, 5 + Math.floor(rnd() * 30));
    const isDecided = rnd() < 0.7;
    const result = ["upheld", "corrected", "other"][Math.floor(rnd() * 3)];
    return `(${c.id}, '${appealKind()}', '${filedAt}', ${isDecided ? `'${result}'` : "null"}, ${isDecided ? `'${dayOf(filedAt, 60)}'` : "null"})`;
  });
  await insertRows(
    database,
    "insert into request_appeals (request_id, kind, filed_at, result, decided_at)",
    appeals,
  );
  const docs = Array.from({ length: 2000 }, (_, i) => {
    const writtenAt = dayOf("2018-01-01", Math.floor(rnd() * 3000));
    const repealedAt = rnd() < 0.2 ? `'${dayOf(writtenAt, 200 + Math.floor(rnd() * 1500))}'` : "null";
    const unitId = unitIds[i % unitIds.length];
    return `('BENCH-DOC-${i}', 'normative', '规范性文件${i}', ${unitId}, '${writtenAt}', '${writtenAt}', ${repealedAt}, 'published', now(), 'bench')`;
  });
  await insertRows(
    database,
    "insert into documents (index_no, kind, title, unit_id, written_at, published_at, repealed_at, status, publish_at, created_by)",
    docs,
  );
  return { requests: rows.length, appeals: appeals.length, documents: docs.length };
}

// ---------------------------------------------------------------------------------------------
// Run

async function main() {
  const o = readOptions(parseOptions, usage);
  const startedAt = new Date();
  const host = await machine();
  warnIfBusy(host, "测得的时间会偏长");
  const { database, label, cleanup } = await openFresh(o.databaseUrl, o.keep, "gongkai-bench-report-");
  try {
    await migrate(database);
    const version = await serverVersion(database);
    console.log(
      `${label}：${version}；autovacuum launcher：${(await hasAutovacuum(database)) ? "有" : "无"}`,
    );
    const unitIds = await createUnits(database);
    const target = unitIds[unitIds.length - 1] as number;
    const t0 = performance.now();
    const generated = await generate(database, o, unitIds, target);
    const loadMs = performance.now() - t0;
    console.log(
      `已生成：申请 ${fmt(generated.requests, 0)} 件（被测单位 ${YEAR} 年收到 ${fmt(o.requests, 0)} 件），复议诉讼 ${fmt(generated.appeals, 0)} 件，规范性文件 ${fmt(generated.documents, 0)} 件；用时 ${fmt(loadMs / 1000)} s`,
    );
    const check = await computeAnnualReport(database.db, YEAR, target, TODAY);
    console.log(
      `被测单位 ${YEAR} 年：新收 ${fmt(check.requests.newThisYear.total, 0)}，上年结转 ${fmt(check.requests.carriedOver.total, 0)}，办结 ${fmt(check.requests.outcomes.total.total, 0)}，结转下年度 ${fmt(check.requests.carriedForward.total, 0)}；勾稽校验${check.checks.unbalanced.length === 0 ? "成立" : "不成立"}`,
    );
    const results: Record<string, TStats> = {};
    const runAll = async (phase: string) => {
      results[`${phase} · 单位`] = await measure(o, () =>
        computeAnnualReport(database.db, YEAR, target, TODAY),
      );
      results[`${phase} · 全区`] = await measure(o, () =>
        computeAnnualReport(database.db, YEAR, null, TODAY),
      );
    };
    await runAll("批量写入后");
    await database.exec("vacuum analyze");
    await runAll("VACUUM ANALYZE 后");
    console.log(
      table([
        ["computeAnnualReport", "p50 ms", "p95 ms", "max ms", "次数"],
        ...Object.entries(results).map(([k, s]) => [
          k,
          fmt(s.p50),
          fmt(s.p95),
          fmt(s.max),
          String(s.samples),
        ]),
      ]),
    );
    const file = await writeResults(`report-${label === "PGlite" ? "pglite" : "postgres"}`, startedAt, {
      command: commandLine("bench:report"),
      startedAt: startedAt.toISOString(),
      machine: host,
      database: { label, version },
      options: o,
      generated,
      loadSeconds: Math.round(loadMs) / 1000,
      results,
    });
    console.log(`结果已写入 ${file}`);
  } finally {
    await cleanup();
  }
}

await main();
