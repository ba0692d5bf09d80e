/**
 * Coverage check benchmark (标准目录落实情况“回头看”): 17 街道 with 300 catalogue items each (5,100
 * items), 100,000 published documents each tagged with one item, and 5,000 postings on other
 * channels; how long checkCoverage takes for the whole district over a year, and for one 街道.
 * The target is at most 2 s for the district on PostgreSQL.
 *
 *   npm run bench:coverage --                                              # PGlite, temporary directory
 *   npm run bench:coverage -- --database-url postgres://postgres@127.0.0.1:5432/test
 *
 * With --database-url a fresh database gongkai_bench_<pid> is created on that server and dropped at
 * the end (not with --keep). The data comes from a seeded generator and is written with multi-row
 * INSERTs, then VACUUM ANALYZE. Results are printed and written to bench/results/coverage-<timestamp>.json.
 */
import { parseArgs } from "node:util";
import { checkCoverage } from "../src/features/catalogues";
import type { TDatabase } from "../src/platform/db";
import { migrate } from "../src/platform/db/migrate";
import {
  commandLine,
  fmt,
  machine,
  measure,
  mulberry32,
  openFresh,
  positiveInt,
  readOptions,
  serverVersion,
  table,
  warnIfBusy,
  writeResults,
} from "./lib";

const BATCH = 1000;
type TOptions = {
  databaseUrl?: string;
  units: number;
  items: number;
  documents: number;
  repeat: number;
  warmup: number;
  keep: boolean;
};

function usage(): string {
  return [
    "用法：npm run bench:coverage -- [选项]",
    "  --database-url <URL>  改用 PostgreSQL：在该服务器上新建 gongkai_bench_<pid> 库，结束时删除；默认用临时目录中的 PGlite",
    "  --units <个>          街道数（默认 17）",
    "  --items <个>          每个街道的目录事项数（默认 300）",
    "  --documents <件>      已发布并标注的文件数（默认 100000）",
    "  --repeat <次>         每项测量的次数（默认 10）",
    "  --warmup <次>         预热次数（默认 2）",
    "  --keep                结束时保留数据库",
  ].join("\n");
}

function parseOptions(argv: string[]): TOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      "database-url": { type: "string" },
      units: { type: "string", default: "17" },
      items: { type: "string", default: "300" },
      documents: { type: "string", default: "100000" },
      repeat: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  return {
    databaseUrl: values["database-url"] || undefined,
    units: positiveInt("units", values.units),
    items: positiveInt("items", values.items),
    documents: positiveInt("documents", values.documents),
    repeat: positiveInt("repeat", values.repeat),
    warmup: Number.isInteger(Number(values.warmup)) ? Math.max(0, Number(values.warmup)) : 2,
    keep: values.keep,
  };
}

const DAY_MS = 86_400_000;
const dayOf = (base: string, offset: number) =>
  new Date(Date.parse(`${base}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);

async function insertRows(database: TDatabase, head: string, rows: string[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    await database.exec(`${head} values ${rows.slice(i, i + BATCH).join(",\n")}`);
}

const CHANNELS = ["政府网站", "公示栏", "两微一端", "便民服务站"];

async function generate(database: TDatabase, o: TOptions) {
  const rnd = mulberry32(2019);
  const units = await database.query<{ id: number }>(
    `insert into units (name, kind) select '第' || n || '街道办事处', 'subdistrict' from generate_series(1, $1::int) n returning id`,
    [o.units],
  );
  const areas = await database.query<{ id: number }>("select id from catalogue_areas order by id");
  const itemRows: string[] = [];
  let itemId = 0;
  const itemsOfUnit: number[][] = [];
  for (const u of units) {
    const own: number[] = [];
    for (let i = 0; i < o.items; i++) {
      itemId++;
      own.push(itemId);
      const area = areas[i % areas.length]?.id;
      const hasRule = rnd() < 0.8;
      const channels = CHANNELS.filter(() => rnd() < 0.5);
      itemRows.push(
        `(${itemId}, ${u.id}, ${area}, '一级事项${i % 40}', '二级事项${i}', '${hasRule ? "信息形成或者变更之日起20个工作日内" : "长期公开"}', ` +
          `${hasRule ? "'workdays_after_event', 20" : "null, null"}, '{${(channels.length ? channels : ["政府网站"]).join(",")}}', 'public', 'proactive', '{township}', ${i}, 'bench')`,
      );
    }
    itemsOfUnit.push(own);
  }
  await insertRows(
    database,
    "insert into catalogue_items (id, unit_id, area_id, level1, level2, time_limit, time_rule_kind, time_rule_days, channels, audience, mode, levels, sort_order, created_by)",
    itemRows,
  );
  await database.exec(`select setval('catalogue_items_id_seq', ${itemId})`);
  const docRows: string[] = [];
  const tagRows: string[] = [];
  for (let d = 1; d <= o.documents; d++) {
    const u = Math.floor(rnd() * units.length);
    const written = dayOf("2025-01-01", Math.floor(rnd() * 350));
    const published = dayOf(written, Math.floor(rnd() * 40));
    docRows.push(
      `(${d}, 'BENCH-${d}', 'notice', '第${d}号公开信息', ${units[u]?.id}, '${written}', '${published}', '${published}T09:00:00+08:00', 'published', 'bench')`,
    );
    const own = itemsOfUnit[u] as number[];
    tagRows.push(`(${d}, ${own[Math.floor(rnd() * own.length)]}, 'bench')`);
  }
  await insertRows(
    database,
    "insert into documents (id, index_no, kind, title, unit_id, written_at, published_at, publish_at, status, created_by)",
    docRows,
  );
  await database.exec(`select setval('documents_id_seq', ${o.documents})`);
  await insertRows(
    database,
    "insert into document_catalogue_items (document_id, item_id, tagged_by)",
    tagRows,
  );
  const postingRows = Array.from({ length: 5000 }, (_, i) => {
    const item = 1 + Math.floor(rnd() * itemId);
    const onDoc = i % 2 === 0 ? String(1 + Math.floor(rnd() * o.documents)) : "null";
    const posted = dayOf("2025-01-01", Math.floor(rnd() * 360));
    return `(${item}, ${onDoc}, '${CHANNELS[i % CHANNELS.length]}', '公示${i}', '${dayOf(posted, -3)}', '${posted}', 'bench')`;
  });
  await insertRows(
    database,
    "insert into catalogue_postings (item_id, document_id, channel, title, formed_on, posted_on, created_by)",
    postingRows,
  );
  await database.exec("vacuum analyze");
  return { units: units.map((u) => u.id), items: itemId };
}

async function main() {
  const o = readOptions(parseOptions, usage);
  const startedAt = new Date();
  const host = await machine();
  warnIfBusy(host, "耗时会偏高");
  const fresh = await openFresh(o.databaseUrl, o.keep, "gongkai-bench-coverage-");
  try {
    const { database } = fresh;
    await migrate(database);
    const t0 = performance.now();
    const g = await generate(database, o);
    const loadMs = performance.now() - t0;
    const db = database.db;
    const district = await checkCoverage(db, null, "2025-01-01", "2025-12-31");
    const states: Record<string, number> = {};
    for (const r of district) states[r.state] = (states[r.state] ?? 0) + 1;
    const all = await measure(o, () => checkCoverage(db, null, "2025-01-01", "2025-12-31"));
    const one = await measure(o, (i) =>
      checkCoverage(db, g.units[i % g.units.length] as number, "2025-01-01", "2025-12-31"),
    );
    const quarter = await measure(o, () => checkCoverage(db, null, "2025-04-01", "2025-06-30"));
    const rows = [
      ["测量", "p50 ms", "p95 ms", "最大 ms"],
      ["全区一年（所有街道）", fmt(all.p50), fmt(all.p95), fmt(all.max)],
      ["全区一个季度", fmt(quarter.p50), fmt(quarter.p95), fmt(quarter.max)],
      ["一个街道一年", fmt(one.p50), fmt(one.p95), fmt(one.max)],
    ];
    console.log(`${fresh.label}：${await serverVersion(database)}`);
    console.log(
      `数据：${o.units} 个街道 × ${o.items} 个事项 = ${g.items} 个事项，${o.documents} 件文件，5000 条其他渠道登记；写入 ${fmt(loadMs / 1000)} s`,
    );
    console.log(`全区一年的结果：${JSON.stringify(states)}`);
    console.log(table(rows));
    const file = await writeResults("coverage", startedAt, {
      command: commandLine("bench:coverage"),
      machine: host,
      database: fresh.label,
      options: o,
      states,
      all,
      quarter,
      one,
    });
    console.log(`结果已写入 ${file}`);
  } finally {
    await fresh.cleanup();
  }
}

await main();
