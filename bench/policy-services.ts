/**
 * Policy services benchmark (政策服务), two parts on one fresh database:
 *
 * 1. Answers (政策问答): the whole legal corpus imported with the app's importer and split into its
 *    articles (syncClauseIndex, as after `gongkai import`); then the 30 test questions and the
 *    unanswerable ones are asked again and again through answerFor, as the answers page asks them
 *    (no language model). Reported: p50 / p95 / max per question, and how many of the 30 have the
 *    right article in the top three over the whole corpus (the test checks it over the demo library).
 * 2. Alerts (订阅推送): 100,000 active subscribers with a mix of filters; how long one publication takes
 *    to match all of them and queue its alert mails, inside the publishing transaction (the documents
 *    hook), as the office's publish button does it. 40 % follow everything, 20 % one unit, 15 % a
 *    kind, 15 % a topic, 10 % search words ("养老"); each repeat publishes a document that matches the
 *    everything / unit / kind / words subscribers (85 % of them).
 *
 *   npx tsx bench/policy-services.ts --database-url postgres://postgres@127.0.0.1:5432/test
 *   npx tsx bench/policy-services.ts --only alerts --subscribers 20000   # PGlite in a temporary directory
 *
 * With --database-url a fresh database gongkai_bench_<pid> is created and dropped at the end.
 * Results are printed and written to bench/results/policy-services-<timestamp>.json.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { queueForDocumentEvent } from "../src/features/alerts";
import { answerFor, syncClauseIndex } from "../src/features/answers";
import { CORPUS_QUESTIONS, UNANSWERABLE } from "../src/features/answers/fixtures/corpus-questions";
import { createDocument, importDocuments, registerDocumentHooks } from "../src/features/documents";
import { createUnit } from "../src/features/org";
import type { TDatabase } from "../src/platform/db";
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
  sample,
  serverVersion,
  stats,
  table,
  UsageError,
  warnIfBusy,
  writeResults,
} from "./lib";

type TPart = "answers" | "alerts";
type TOptions = {
  databaseUrl?: string;
  corpus: string;
  rounds: number;
  subscribers: number;
  repeat: number;
  parts: TPart[];
};

function parse(argv: string[]): TOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      "database-url": { type: "string" },
      corpus: { type: "string", default: "/work/shared/corpus/laws" },
      rounds: { type: "string", default: "10" },
      subscribers: { type: "string", default: "100000" },
      repeat: { type: "string", default: "3" },
      only: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return null;
  if (values.only && values.only !== "answers" && values.only !== "alerts")
    throw new UsageError("--only 只能是 answers 或 alerts");
  return {
    databaseUrl: values["database-url"],
    corpus: path.resolve(values.corpus),
    rounds: positiveInt("--rounds", values.rounds),
    subscribers: positiveInt("--subscribers", values.subscribers),
    repeat: positiveInt("--repeat", values.repeat),
    parts: values.only ? [values.only as TPart] : ["answers", "alerts"],
  };
}

const usage = () =>
  [
    "用法：npx tsx bench/policy-services.ts [--database-url <URL>] [--only answers|alerts]",
    "  --corpus <目录>     问答部分导入的语料（默认 /work/shared/corpus/laws）",
    "  --rounds 10         每个问题计时的轮数（另有一轮预热）",
    "  --subscribers 100000 --repeat 3   订阅部分的订阅者数和发布次数",
  ].join("\n");

/** The corpus imported and split into articles; then every question asked `rounds` times. */
async function benchAnswers(database: TDatabase, unitId: number, o: TOptions) {
  const t0 = performance.now();
  const imported = await importDocuments(database.db, TEST_ACTOR, { root: o.corpus, unitId });
  const importMs = performance.now() - t0;
  const t1 = performance.now();
  const documents = await syncClauseIndex(database.db);
  const indexMs = performance.now() - t1;
  await database.exec(database.kind === "postgres" ? "vacuum analyze" : "analyze");
  const [clauses] = await database.query<{ n: number }>("select count(*)::int as n from answer_clauses");
  const questions = [...CORPUS_QUESTIONS.map(([q]) => q), ...UNANSWERABLE];
  const config = { llmUrl: undefined, llmModel: "" };
  const samples = await sample({ warmup: questions.length, repeat: questions.length * o.rounds }, (i) =>
    answerFor(database.db, config, questions[i % questions.length] as string),
  );
  let right = 0;
  for (const [question, ...answers] of CORPUS_QUESTIONS) {
    const r = await answerFor(database.db, config, question);
    const top = r.citations.slice(0, 3);
    if (top.some((c) => answers.some(([law, article]) => c.title.includes(law) && c.clause === article)))
      right++;
  }
  return {
    files: imported.files,
    documents,
    clauses: clauses?.n ?? 0,
    importMs,
    indexMs,
    questions: questions.length,
    answerMs: stats(samples),
    rightInTop3: right,
    of: CORPUS_QUESTIONS.length,
  };
}

/** 100,000 subscribers written in one statement; then `repeat` publications, each timed. */
async function benchAlerts(database: TDatabase, unitId: number, o: TOptions) {
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
    [unitId, words, o.subscribers],
  );
  await database.exec(database.kind === "postgres" ? "vacuum analyze" : "analyze");
  const loadMs = performance.now() - loadStart;
  registerDocumentHooks("alerts", { afterChange: queueForDocumentEvent });
  const samples: number[] = [];
  const queued: number[] = [];
  for (let i = 0; i < o.repeat; i++) {
    const t0 = performance.now();
    const doc = await createDocument(database.db, TEST_ACTOR, OFFICE_PRINCIPAL, {
      title: `关于提高养老服务补贴标准的通知（第${i + 1}号）`,
      kind: "policy",
      unitId,
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
  return { subscribers: o.subscribers, loadMs, queuedPerPublication: queued, publishMs: stats(samples) };
}

async function main() {
  const o = readOptions(parse, usage);
  const startedAt = new Date();
  const host = await machine();
  warnIfBusy(host, "耗时会偏高");
  const fresh = await openFresh(o.databaseUrl, false, "gongkai-bench-policy-");
  try {
    const { database } = fresh;
    await migrate(database);
    const base = { aliases: [], address: "", phone: "", duties: "", sortOrder: 0 };
    const unit = await createUnit(database.db, TEST_ACTOR, { ...base, name: "区民政局", kind: "department" });
    const report = {
      command: commandLine("bench/policy-services.ts"),
      machine: host,
      database: `${fresh.label} ${await serverVersion(database)}`,
      answers: o.parts.includes("answers") ? await benchAnswers(database, unit.id, o) : undefined,
      alerts: o.parts.includes("alerts") ? await benchAlerts(database, unit.id, o) : undefined,
      loadAfter: loadAvg(),
    };
    const a = report.answers;
    if (a) {
      console.log(
        table([
          ["数据库", "文件", "条款", "问题×轮", "回答 p50 ms", "p95 ms", "最长 ms", "前三含正确条款"],
          [
            report.database,
            String(a.documents),
            String(a.clauses),
            `${a.questions}×${o.rounds}`,
            fmt(a.answerMs.p50),
            fmt(a.answerMs.p95),
            fmt(a.answerMs.max),
            `${a.rightInTop3}/${a.of}`,
          ],
        ]),
      );
      console.log(`导入语料 ${fmt(a.importMs / 1000)} 秒；拆分条款 ${fmt(a.indexMs / 1000)} 秒`);
    }
    const m = report.alerts;
    if (m)
      console.log(
        table([
          ["数据库", "订阅者", "每次发布排队", "发布（含匹配和排队）p50 ms", "最长 ms"],
          [
            report.database,
            String(o.subscribers),
            m.queuedPerPublication.join(" / "),
            fmt(m.publishMs.p50),
            fmt(m.publishMs.max),
          ],
        ]),
      );
    if (m) console.log(`写入订阅者 ${fmt(m.loadMs / 1000)} 秒`);
    console.log(`结果：${await writeResults("policy-services", startedAt, report)}`);
  } finally {
    await fresh.cleanup();
  }
}

await main();
