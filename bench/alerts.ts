/**
 * Alerts benchmark (订阅推送): 100,000 active subscribers with a mix of filters; how long one
 * publication takes to match all of them and queue its alert mails, inside the publishing
 * transaction (the documents hook), as the office's publish button does it.
 *
 *   npx tsx bench/alerts.ts --database-url postgres://postgres@127.0.0.1:5432/test
 *   npx tsx bench/alerts.ts --subscribers 20000 --repeat 3       # PGlite in a temporary directory
 *
 * With --database-url a fresh database gongkai_bench_<pid> is created and dropped at the end. The
 * subscribers are written with one INSERT … SELECT from generate_series: 40 % follow everything,
 * 20 % one unit, 15 % a kind, 15 % a topic, 10 % search words ("养老"). Each repeat publishes a new
 * document that matches the everything / unit / kind / words subscribers (85 % of them). Results are
 * printed and written to bench/results/alerts-<timestamp>.json.
 */
import { parseArgs } from "node:util";
import { queueForDocumentEvent } from "../src/features/alerts";
import { createDocument, registerDocumentHooks } from "../src/features/documents";
import { createUnit } from "../src/features/org";
import { migrate } from "../src/platform/db/migrate";
import { toTsQuery } from "../src/platform/text";
import { OFFICE_PRINCIPAL, TEST_ACTOR } from "../test/http";
import {
  commandLine,
  fmt,
  loadAvg,
  machine,
  openFresh,
  positiveInt,
  readOptions,
  serverVersion,
  stats,
  table,
  warnIfBusy,
  writeResults,
} from "./lib";

type TOptions = { databaseUrl?: string; subscribers: number; repeat: number };

function parse(argv: string[]): TOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      "database-url": { type: "string" },
      subscribers: { type: "string", default: "100000" },
      repeat: { type: "string", default: "3" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return null;
  return {
    databaseUrl: values["database-url"],
    subscribers: positiveInt("--subscribers", values.subscribers),
    repeat: positiveInt("--repeat", values.repeat),
  };
}

const usage = () =>
  "用法：npx tsx bench/alerts.ts [--database-url <URL>] [--subscribers 100000] [--repeat 3]";

async function main() {
  const o = readOptions(parse, usage);
  const startedAt = new Date();
  const host = await machine();
  warnIfBusy(host, "发布耗时会偏高");
  const fresh = await openFresh(o.databaseUrl, false, "gongkai-bench-alerts-");
  try {
    const { database } = fresh;
    await migrate(database);
    const base = { aliases: [], address: "", phone: "", duties: "", sortOrder: 0 };
    const unit = await createUnit(database.db, TEST_ACTOR, { ...base, name: "区民政局", kind: "department" });
    const words = toTsQuery("养老");
    const loadStart = performance.now();
    await database.query(
      `insert into alert_subscriptions (email, unit_id, topic, kind, q, q_tsquery, frequency, token, status)
       select 'reader' || i || '@example.org',
              case when i % 20 in (8, 9, 10, 11) then $1::int end,
              case when i % 20 in (15, 16, 17) then '教育' end,
              case when i % 20 in (12, 13, 14) then 'policy' end,
              case when i % 20 in (18, 19) then '养老' end,
              case when i % 20 in (18, 19) then $2 end,
              case when i % 10 = 0 then 'daily' else 'immediate' end,
              md5(i::text) || md5((i * 7)::text), 'active'
       from generate_series(1, $3::int) i`,
      [unit.id, words, o.subscribers],
    );
    if (database.kind === "postgres") await database.exec("vacuum analyze");
    else await database.exec("analyze");
    const loadMs = performance.now() - loadStart;
    registerDocumentHooks("alerts", { afterChange: queueForDocumentEvent });
    const samples: number[] = [];
    const queued: number[] = [];
    for (let i = 0; i < o.repeat; i++) {
      const t0 = performance.now();
      const doc = await createDocument(database.db, TEST_ACTOR, OFFICE_PRINCIPAL, {
        title: `关于提高养老服务补贴标准的通知（第${i + 1}号）`,
        kind: "policy",
        unitId: unit.id,
        status: "published",
        body: "为做好养老服务工作，现将补贴标准调整如下。",
        topics: [],
        keywords: [],
      } as Parameters<typeof createDocument>[3]);
      samples.push(performance.now() - t0);
      const [row] = await database.query<{ n: number }>(
        "select count(*)::int as n from alert_outbox where document_id = $1",
        [doc.id],
      );
      queued.push(row?.n ?? 0);
    }
    const s = stats(samples);
    const report = {
      command: commandLine("bench/alerts.ts"),
      machine: host,
      loadAfter: loadAvg(),
      database: `${fresh.label} ${await serverVersion(database)}`,
      subscribers: o.subscribers,
      loadMs,
      queuedPerPublication: queued,
      publishMs: s,
    };
    console.log(
      table([
        ["数据库", "订阅者", "每次发布排队", "发布（含匹配和排队）p50 ms", "最长 ms"],
        [report.database, String(o.subscribers), queued.join(" / "), fmt(s.p50), fmt(s.max)],
      ]),
    );
    console.log(
      `写入订阅者 ${fmt(loadMs / 1000)} 秒；结果：${await writeResults("alerts", startedAt, report)}`,
    );
  } finally {
    await fresh.cleanup();
  }
}

await main();
