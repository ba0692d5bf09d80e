/**
 * Proposals benchmark (建议提案): one generated year of suggestions and proposals with their
 * replies, and how fast the public list of published replies (/proposals and GET /api/v1/proposals)
 * and the year's statistics by unit stay at that size.
 *
 *   npx tsx bench/proposals.ts                       # PGlite in a fresh temporary directory
 *   npx tsx bench/proposals.ts --proposals 5000 --repeat 30
 *   npx tsx bench/proposals.ts --database-url postgres://postgres@127.0.0.1:5432/test
 *
 * The data comes from a seeded random generator (the same seed, the same data), written with
 * multi-row INSERTs after the app's migrate(). Measured: the whole public page through the app
 * (app.request, no network), the repository's listPublished (first and last page) and statsByUnit.
 * Results are printed and written to bench/results/proposals-<timestamp>.json.
 */
import { parseArgs } from "node:util";
import { createApp } from "../src/app";
import { listPublished, statsByUnit } from "../src/features/proposals/proposals.repository";
import { loadConfig } from "../src/platform/config";
import { migrate } from "../src/platform/db/migrate";
import { localBlobStore } from "../src/platform/files";
import { createLogger } from "../src/platform/logger";
import {
  commandLine,
  fmt,
  machine,
  measure,
  mulberry32,
  openFresh,
  positiveInt,
  readOptions,
  table,
  warnIfBusy,
  writeResults,
} from "./lib";

type TOptions = { proposals: number; units: number; repeat: number; databaseUrl?: string; keep: boolean };

function parse(argv: string[]): TOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      proposals: { type: "string", default: "1500" },
      units: { type: "string", default: "40" },
      repeat: { type: "string", default: "20" },
      "database-url": { type: "string" },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return null;
  return {
    proposals: positiveInt("--proposals", values.proposals),
    units: positiveInt("--units", values.units),
    repeat: positiveInt("--repeat", values.repeat),
    databaseUrl: values["database-url"],
    keep: values.keep,
  };
}

const usage = () =>
  "用法：npx tsx bench/proposals.ts [--proposals 1500] [--units 40] [--repeat 20] [--database-url URL] [--keep]";

async function main() {
  const o = readOptions(parse, usage);
  const host = await machine();
  warnIfBusy(host, "测得的时间会偏长");
  const startedAt = new Date();
  const { database, label, cleanup } = await openFresh(o.databaseUrl, o.keep, "gongkai-bench-proposals-");
  try {
    await migrate(database);
    const rnd = mulberry32(2025);
    const unitValues = Array.from({ length: o.units }, (_, i) => `('测试单位${i + 1}', 'department', ${i})`);
    await database.exec(`insert into units (name, kind, sort_order) values ${unitValues.join(",")}`);
    const unitIds = (await database.query<{ id: number }>("select id from units order by id")).map(
      (r) => r.id,
    );
    const body = "经研究，现答复如下：".concat("我局高度重视，已会同有关部门逐项研究落实。".repeat(40));
    for (let start = 0; start < o.proposals; start += 500) {
      const rows: string[] = [];
      for (let i = start; i < Math.min(o.proposals, start + 500); i++) {
        const kind = i % 3 === 0 ? "cppcc_proposal" : "npc_suggestion";
        const unit = unitIds[Math.floor(rnd() * unitIds.length)];
        const month = 1 + Math.floor(rnd() * 12);
        const assigned = `2025-${String(month).padStart(2, "0")}-15`;
        const due = `${month + 3 > 12 ? 2026 : 2025}-${String(((month + 2) % 12) + 1).padStart(2, "0")}-15`;
        rows.push(
          `('${kind}', 2025, '${i + 1}', '关于第${i + 1}项民生事项的建议', '{"代表${i}"}', ${unit}, '${assigned}', '${due}', 'replied')`,
        );
      }
      await database.exec(
        `insert into proposals (kind, year, number, title, submitters, lead_unit_id, assigned_at, due_date, status) values ${rows.join(",")}`,
      );
    }
    // Nine in ten replied; of those, four in five published in full.
    await database.query(
      `insert into proposal_replies (proposal_id, round, replied_at, category, body, is_public, private_reason)
       select id, 1, assigned_at + 60, (array['A','B','C'])[1 + id % 3], $1, id % 5 <> 0, case when id % 5 = 0 then '涉及个人隐私' else '' end
       from proposals where id % 10 <> 0`,
      [body],
    );
    await database.exec("analyze");
    const deps = {
      database,
      db: database.db,
      config: { ...loadConfig({}), logLevel: "silent" as const },
      logger: createLogger("silent"),
      blobs: localBlobStore("/tmp/gongkai-bench-proposals-files"),
    };
    const app = createApp(deps);
    const [{ n: published = 0 } = { n: 0 }] = await database.query<{ n: number }>(
      "select count(distinct proposal_id)::int as n from proposal_replies where is_public",
    );
    const lastPage = Math.max(1, Math.ceil(published / 20));
    const run = { warmup: 3, repeat: o.repeat };
    const results = {
      page: await measure(run, async () => {
        const r = await app.request("/proposals?year=2025");
        if (r.status !== 200) throw new Error(`page answered ${r.status}`);
        await r.text();
      }),
      api: await measure(run, async () => {
        const r = await app.request("/api/v1/proposals?year=2025&pageSize=100");
        if (r.status !== 200) throw new Error(`api answered ${r.status}`);
        await r.text();
      }),
      listFirst: await measure(run, () => listPublished(deps.db, { year: 2025, page: 1, pageSize: 20 })),
      listLast: await measure(run, () =>
        listPublished(deps.db, { year: 2025, page: lastPage, pageSize: 20 }),
      ),
      stats: await measure(run, () => statsByUnit(deps.db, 2025)),
    };
    const rows = [
      ["测量项", "p50 ms", "p95 ms", "最大 ms"],
      ...Object.entries({
        "公开页面 /proposals?year=2025": results.page,
        "GET /api/v1/proposals?year=2025&pageSize=100": results.api,
        "listPublished 第 1 页": results.listFirst,
        [`listPublished 第 ${lastPage} 页（末页）`]: results.listLast,
        "statsByUnit（全年按单位）": results.stats,
      }).map(([k, s]) => [k, fmt(s.p50), fmt(s.p95), fmt(s.max)]),
    ];
    console.log(
      `${label}：${o.proposals} 件建议提案，${o.units} 个单位，公开答复 ${published} 件；每项 ${o.repeat} 次`,
    );
    console.log(table(rows));
    const file = await writeResults("proposals", startedAt, {
      command: commandLine("bench/proposals.ts"),
      machine: host,
      database: label,
      options: o,
      published,
      results,
    });
    console.log(`结果已写入 ${file}`);
  } finally {
    await cleanup();
  }
}

await main();
