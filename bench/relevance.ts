/**
 * Relevance benchmark: the colloquial questions of bench/relevance-queries.json, each with the laws that
 * answer it, searched in a database that holds the imported law corpus (docs/IMPORT.md). Prints where
 * the first answer comes in the top 10, how many questions are answered in the top 5, and MRR@10 (the
 * mean of 1 / rank of the first answer, 0 when it is not in the top 10).
 *
 *   createdb -h 127.0.0.1 -U postgres gongkai_search_eval
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai_search_eval npm run gongkai -- import /work/shared/corpus/laws
 *   npm run bench:relevance -- --database-url postgres://postgres@127.0.0.1:5432/gongkai_search_eval
 *
 * With --baseline <dir>, the same questions are also asked of the search of another source tree on
 * the same database, side by side: for the ranking before a change, unpack that commit and link the
 * dependencies (see docs/PERFORMANCE.md, "检索相关度"). The baseline must read the same schema.
 * --check-phrasings also lists every legal term of search-phrasings.ts that occurs in no document.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { searchDocuments } from "../src/features/documents";
import { PHRASINGS } from "../src/features/documents/search-phrasings";
import { openDatabase } from "../src/platform/db";
import {
  baselineSearch,
  commandLine,
  fmt,
  machine,
  ROOT,
  readOptions,
  type TSearch,
  table,
  UsageError,
  writeResults,
} from "./lib";

type TOptions = { databaseUrl: string; baseline?: string; queries: string; checkPhrasings: boolean };
type TQuery = { q: string; answers: string[] };
/** Rank (1-based) of the first answer in the top 10, or null. */
type TOutcome = { rank: number | null; top: string[] };

const DEPTH = 10;

function usage(): string {
  return [
    "用法：npm run bench:relevance -- --database-url <URL> [选项]",
    "  --database-url <URL>  已导入法规语料的 PostgreSQL 库",
    "  --baseline <目录>     另一份源代码（如改动之前的提交）的检索，作为对照",
    "  --queries <文件>      问题集（默认 bench/relevance-queries.json）",
    "  --check-phrasings     列出 search-phrasings.ts 中在任何文件里都没有出现的法律用语",
    "  --help                显示本帮助",
  ].join("\n");
}

function parseOptions(argv: string[]): TOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      "database-url": { type: "string" },
      baseline: { type: "string" },
      queries: { type: "string", default: path.join(ROOT, "bench", "relevance-queries.json") },
      "check-phrasings": { type: "boolean", default: false },
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
    queries: path.resolve(values.queries),
    checkPhrasings: values["check-phrasings"],
  };
}

async function ask(search: TSearch, db: Parameters<TSearch>[0], query: TQuery): Promise<TOutcome> {
  const result = await search(db, { q: query.q, page: 1, pageSize: DEPTH });
  const top = result.items.map((item) => item.title);
  const at = top.findIndex((title) => query.answers.includes(title));
  return { rank: at >= 0 ? at + 1 : null, top };
}

function summary(outcomes: TOutcome[]) {
  const top5 = outcomes.filter((o) => o.rank !== null && o.rank <= 5).length;
  const mrr = outcomes.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0) / outcomes.length;
  return {
    top5,
    top10: outcomes.filter((o) => o.rank !== null).length,
    mrr10: Math.round(mrr * 1000) / 1000,
  };
}

async function main() {
  const opts = readOptions(parseOptions, usage);
  const startedAt = new Date();
  const host = await machine();
  const { queries } = JSON.parse(await readFile(opts.queries, "utf8")) as { queries: TQuery[] };
  const database = await openDatabase({ databaseUrl: opts.databaseUrl });
  try {
    const baseline = await baselineSearch(opts.baseline);
    const current: TOutcome[] = [];
    const before: TOutcome[] = [];
    for (const query of queries) {
      current.push(await ask(searchDocuments, database.db, query));
      if (baseline) before.push(await ask(baseline, database.db, query));
    }
    const rankText = (o: TOutcome | undefined) => (o ? (o.rank ? String(o.rank) : "—") : "");
    const rows = queries.map((query, i) => [
      query.q,
      rankText(current[i]),
      ...(baseline ? [rankText(before[i])] : []),
      current[i]?.top[0] ?? "",
    ]);
    console.log(
      table([
        ["问题", "现在", ...(baseline ? ["对照"] : []), "现在第一条"],
        ...rows.map((r) => r.map(String)),
      ]),
    );
    const now = summary(current);
    console.log(
      `\n${queries.length} 个问题。现在：前 5 条中有答案 ${now.top5} 个，前 10 条 ${now.top10} 个，MRR@10 ${fmt(now.mrr10, 3)}`,
    );
    const then = baseline ? summary(before) : null;
    if (then)
      console.log(
        `对照（${opts.baseline}）：前 5 条 ${then.top5} 个，前 10 条 ${then.top10} 个，MRR@10 ${fmt(then.mrr10, 3)}`,
      );
    let unusedTerms: string[] = [];
    if (opts.checkPhrasings) {
      const terms = [...new Set(PHRASINGS.flatMap(([, legal]) => legal))];
      for (const term of terms) {
        const [row] = await database.query<{ found: boolean }>(
          "select exists (select 1 from documents where body like '%' || $1 || '%' or title like '%' || $1 || '%') as found",
          [term],
        );
        if (!row?.found) unusedTerms.push(term);
      }
      console.log(`\n法律用语 ${terms.length} 个，语料中没有出现的：${unusedTerms.join("、") || "无"}`);
    } else unusedTerms = [];
    const file = await writeResults("relevance", startedAt, {
      command: commandLine("bench:relevance"),
      startedAt,
      machine: host,
      queries: queries.map((query, i) => ({ ...query, current: current[i], baseline: before[i] ?? null })),
      current: now,
      baseline: then,
      unusedTerms,
    });
    console.log(`\n结果：${path.relative(ROOT, file)}`);
  } finally {
    await database.close();
  }
}

await main();
