/**
 * Search speed on a database that already holds the documents (bench/search.ts builds its own from
 * scratch, which takes minutes): the fixed query set of bench/search-queries.ts through the app's
 * searchDocuments (one page of 20, snippets, total and facets), p50/p95 per query and over all. With
 * --baseline <dir> the search of another source tree (an earlier commit, unpacked with its
 * dependencies linked; see docs/PERFORMANCE.md) runs on the same database, each query alternating
 * between the two, so that both see the same load.
 *
 *   npm run bench:search-existing -- --database-url postgres://postgres@127.0.0.1:5432/<db> [--baseline <dir>]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { searchDocuments } from "../src/features/documents";
import { openDatabase } from "../src/platform/db";
import {
  baselineSearch,
  commandLine,
  fmt,
  loadAvg,
  machine,
  nonNegativeInt,
  positiveInt,
  readOptions,
  stats,
  type TSearch,
  table,
  UsageError,
  writeResults,
} from "./lib";
import { QUERIES } from "./search-queries";

type TOptions = { databaseUrl: string; baseline?: string; repeat: number; warmup: number };

function usage(): string {
  return [
    "用法：npm run bench:search-existing -- --database-url <URL> [选项]",
    "  --database-url <URL>  已有文件的 PostgreSQL 库（不改动它）",
    "  --baseline <目录>     另一份源代码的检索，交替测量作为对照",
    "  --repeat <次>         每条查询测量的次数（默认 20）",
    "  --warmup <次>         预热次数（默认 3）",
  ].join("\n");
}

function parseOptions(argv: string[]): TOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      "database-url": { type: "string" },
      baseline: { type: "string" },
      repeat: { type: "string", default: "20" },
      warmup: { type: "string", default: "3" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  if (!values["database-url"]) throw new UsageError("需要 --database-url");
  return {
    databaseUrl: values["database-url"],
    baseline: values.baseline ? path.resolve(values.baseline) : undefined,
    repeat: positiveInt("repeat", values.repeat),
    warmup: nonNegativeInt("warmup", values.warmup),
  };
}

async function main() {
  const o = readOptions(parseOptions, usage);
  const startedAt = new Date();
  const host = await machine();
  const database = await openDatabase({ databaseUrl: o.databaseUrl });
  try {
    const [{ n: docs } = { n: 0 }] = await database.query<{ n: number }>(
      "select count(*)::int as n from document_search",
    );
    const baseline = await baselineSearch(o.baseline);
    const engines: [string, TSearch][] = [
      ["现在", searchDocuments],
      ...(baseline ? [["对照", baseline] as [string, TSearch]] : []),
    ];
    const all = new Map<string, number[]>(engines.map(([name]) => [name, []]));
    const rows: string[][] = [];
    const perQuery = [];
    for (const query of QUERIES) {
      const samples = new Map<string, number[]>(engines.map(([name]) => [name, []]));
      const totals = new Map<string, number>();
      for (let i = 0; i < o.warmup + o.repeat; i++) {
        for (const [name, search] of engines) {
          const t0 = performance.now();
          const result = await search(database.db, { q: query.q, page: 1, pageSize: 20 });
          const ms = performance.now() - t0;
          totals.set(name, result.total);
          if (i >= o.warmup) samples.get(name)?.push(ms);
        }
      }
      const row = [query.q, query.kind];
      for (const [name] of engines) {
        const s = stats(samples.get(name) ?? []);
        all.get(name)?.push(...(samples.get(name) ?? []));
        const t = totals.get(name);
        row.push(fmt(t ?? 0, 0), fmt(s.p50), fmt(s.p95));
      }
      rows.push(row);
      perQuery.push({
        ...query,
        results: Object.fromEntries(
          engines.map(([name]) => [name, { total: totals.get(name), ms: stats(samples.get(name) ?? []) }]),
        ),
      });
    }
    const header = [
      "查询",
      "类型",
      ...engines.flatMap(([name]) => [`${name}命中`, `${name} p50`, `${name} p95`]),
    ];
    console.log(`${fmt(docs, 0)} 件；每条预热 ${o.warmup} 次、测 ${o.repeat} 次（ms）\n`);
    console.log(table([header, ...rows]));
    const overall = Object.fromEntries([...all].map(([name, s]) => [name, stats(s)]));
    for (const [name, s] of Object.entries(overall))
      console.log(
        `${name}：p50 ${fmt(s.p50)} ms，p95 ${fmt(s.p95)} ms，最大 ${fmt(s.max)} ms（${s.samples} 个样本）`,
      );
    const file = await writeResults("search-existing", startedAt, {
      command: commandLine("bench:search-existing"),
      machine: { ...host, loadAvgAtEnd: loadAvg() },
      documents: docs,
      baseline: o.baseline ?? null,
      overall,
      queries: perQuery,
    });
    console.log(`\n结果：${file}`);
  } finally {
    await database.close();
  }
}

await main();
