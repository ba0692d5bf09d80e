/**
 * Survey results benchmark (公众参与): one survey with many responses; how fast the public results
 * (the counts per option, aggregated in the database) and the whole results page are served.
 *
 *   npx tsx bench/engagement.ts                                   # PGlite in a temporary directory
 *   npx tsx bench/engagement.ts --database-url postgres://postgres@127.0.0.1:5432/test
 *   npx tsx bench/engagement.ts --responses 200000 --repeat 30
 *
 * Responses are generated from a seeded random generator and written with multi-row INSERTs, and
 * the running counts (survey_tallies) are built from them as migrations/0036 does; the app's own
 * surveyResults() and GET /surveys/{id}/results (through createApp, no network) are measured after
 * VACUUM ANALYZE, with a full recount from the responses (surveyTally) for comparison. Results are printed and written to bench/results/engagement-<time>.json.
 */
import { parseArgs } from "node:util";
import { createApp } from "../src/app";
import { surveyTally } from "../src/features/engagement/engagement.repository";
import { surveyResults } from "../src/features/engagement/surveys";
import { createUnit } from "../src/features/org";
import { loadConfig } from "../src/platform/config";
import { migrate } from "../src/platform/db/migrate";
import { localBlobStore } from "../src/platform/files";
import { createLogger } from "../src/platform/logger";
import {
  commandLine,
  fmt,
  loadAvg,
  machine,
  measure,
  mulberry32,
  openFresh,
  positiveInt,
  readOptions,
  table,
  writeResults,
} from "./lib";

const usage = () =>
  "用法：npx tsx bench/engagement.ts [--database-url URL] [--responses N] [--repeat N] [--keep]";
const opts = readOptions((argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      "database-url": { type: "string" },
      responses: { type: "string", default: "100000" },
      repeat: { type: "string", default: "20" },
      keep: { type: "boolean", default: false },
    },
  });
  return {
    databaseUrl: values["database-url"],
    responses: positiveInt("responses", values.responses as string),
    repeat: positiveInt("repeat", values.repeat as string),
    keep: values.keep as boolean,
  };
}, usage);

const startedAt = new Date();
const fresh = await openFresh(opts.databaseUrl, opts.keep, "gongkai-bench-engagement-");
try {
  const { database } = fresh;
  await migrate(database);
  const actor = { userId: null, name: "bench", ip: "", requestId: "" };
  const unit = await createUnit(database.db, actor, {
    name: "区行政审批服务局",
    kind: "department",
    aliases: [],
    address: "",
    phone: "",
    duties: "",
    sortOrder: 0,
  });
  const [survey] = await database.query<{ id: number }>(
    `insert into surveys (unit_id, title, opens_at, closes_at, questions) values ($1, '政务服务满意度问卷', '2020-01-01', '2099-12-31', $2::jsonb) returning id`,
    [
      unit.id,
      JSON.stringify([
        { kind: "single", text: "总体评价", options: ["满意", "基本满意", "不满意"] },
        { kind: "multiple", text: "办事渠道", options: ["窗口", "网上", "自助终端", "掌上办"] },
        { kind: "scale", text: "办事指南是否清楚" },
        { kind: "text", text: "其他意见建议" },
      ]),
    ],
  );
  const surveyId = survey?.id as number;
  const rnd = mulberry32(20261205);
  const t0 = performance.now();
  for (let done = 0; done < opts.responses; done += 1000) {
    const values: string[] = [];
    const params: unknown[] = [];
    for (let i = done; i < Math.min(opts.responses, done + 1000); i++) {
      const multi = [0, 1, 2, 3].filter(() => rnd() < 0.4);
      const answers = [
        Math.floor(rnd() * 3),
        multi.length ? multi : [1],
        1 + Math.floor(rnd() * 5),
        rnd() < 0.2 ? "希望延长周末办事时间" : null,
      ];
      params.push(`bench-${i}`, JSON.stringify(answers));
      values.push(`(${surveyId}, $${params.length - 1}, $${params.length}::jsonb)`);
    }
    await database.query(
      `insert into survey_responses (survey_id, respondent_hash, answers) values ${values.join(",")}`,
      params,
    );
  }
  // The running counts, built as migrations/0036 builds them from stored responses.
  for (const r of await surveyTally(database.db, surveyId))
    await database.query(
      "insert into survey_tallies (survey_id, question, value, n) values ($1, $2, $3, $4)",
      [surveyId, r.question, r.value, r.n],
    );
  await database.query("insert into survey_tallies values ($1, -1, 0, $2)", [surveyId, opts.responses]);
  const loadMs = performance.now() - t0;
  await database.query("vacuum analyze survey_responses");
  await database.query("vacuum analyze survey_tallies");
  const app = createApp({
    database,
    db: database.db,
    config: loadConfig({ GONGKAI_DATA_DIR: process.cwd() }),
    logger: createLogger("silent"),
    blobs: localBlobStore(process.cwd()),
  });
  const o = { warmup: 2, repeat: opts.repeat };
  const results = await measure(o, () => surveyResults(database.db, surveyId));
  const recount = await measure({ warmup: 1, repeat: Math.min(5, opts.repeat) }, () =>
    surveyTally(database.db, surveyId),
  );
  const page = await measure(o, async () => {
    const r = await app.request(`/surveys/${surveyId}/results`);
    if (r.status !== 200) throw new Error(`status ${r.status}`);
    await r.text();
  });
  const host = await machine();
  const report = {
    command: commandLine("bench/engagement.ts"),
    database: fresh.label,
    responses: opts.responses,
    loadMs,
    surveyResults: results,
    resultsPage: page,
    recountFromResponses: recount,
    machine: host,
    loadAvgAfter: loadAvg(),
  };
  console.log(
    `${fresh.label}，${opts.responses} 份答卷（写入 ${fmt(loadMs / 1000)} s），每项 ${opts.repeat} 次：`,
  );
  console.log(
    table([
      ["测量", "p50 ms", "p95 ms", "max ms"],
      ["surveyResults()", fmt(results.p50), fmt(results.p95), fmt(results.max)],
      ["GET /surveys/{id}/results", fmt(page.p50), fmt(page.p95), fmt(page.max)],
      ["surveyTally() 全量重算（对照）", fmt(recount.p50), fmt(recount.p95), fmt(recount.max)],
    ]),
  );
  console.log(
    `负载（1 分钟）：${loadAvg()["1m"]}；结果：${await writeResults("engagement", startedAt, report)}`,
  );
} finally {
  await fresh.cleanup();
}
