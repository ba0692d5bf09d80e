/**
 * Responsiveness benchmark (政务舆情): the import of a 12345 work-order export and the hour-clock board.
 *
 *   npm run bench:responsiveness                        # PGlite in a fresh temporary directory
 *   npm run bench:responsiveness -- --database-url postgres://postgres@127.0.0.1:5432/test
 *   npm run bench:responsiveness -- --rows 50000 --items 200000 --repeat 50
 *
 * With --database-url a fresh database gongkai_bench_<pid> is created on that server and dropped at
 * the end (not with --keep). Steps: a CSV of --rows work orders is generated from a seeded random
 * generator (same seed, same file) and imported with the app's own reader and importWorkOrders, as
 * POST /api/v1/opinions/import does; the same file is imported again (idempotence: everything
 * unchanged); then the table is filled up to --items items (most closed, a share still running, as a
 * district's year looks) and the board's functions are timed after ANALYZE: boardByUnit (GET
 * /api/v1/opinions/board) and runningItems (the board page's list of 200). Results are printed and
 * written to bench/results/responsiveness-<timestamp>.json.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { boardByUnit, runningItems } from "../src/features/opinions/board";
import { importWorkOrders } from "../src/features/opinions/import-work-orders";
import { readWorkOrdersCsv } from "../src/features/opinions/read-work-orders";
import type { TPrincipal } from "../src/platform/auth/permissions";
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

type TOptions = {
  databaseUrl?: string;
  rows: number;
  items: number;
  repeat: number;
  seed: number;
  keep: boolean;
};

function usage(): string {
  return [
    "用法：npm run bench:responsiveness -- [选项]",
    "  --database-url <URL>  改用 PostgreSQL：在该服务器上新建 gongkai_bench_<pid> 库，结束时删除；默认用临时目录中的 PGlite",
    "  --rows <行数>         导入的 12345 工单行数（默认 50000）",
    "  --items <条数>        看板测量时舆情总条数（默认 200000）",
    "  --repeat <次>         看板每项测量的次数（默认 50）",
    "  --seed <数>           随机数种子（默认 2026）",
    "  --keep                结束时保留数据库",
    "  --help                显示本帮助",
  ].join("\n");
}

function parseOptions(argv: string[]): TOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      "database-url": { type: "string" },
      rows: { type: "string", default: "50000" },
      items: { type: "string", default: "200000" },
      repeat: { type: "string", default: "50" },
      seed: { type: "string", default: "2026" },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  return {
    databaseUrl: values["database-url"] || undefined,
    rows: positiveInt("rows", values.rows),
    items: positiveInt("items", values.items),
    repeat: positiveInt("repeat", values.repeat),
    seed: positiveInt("seed", values.seed),
    keep: values.keep,
  };
}

const UNITS = [
  "区住房和城乡建设委员会",
  "区城市管理委员会",
  "区市场监督管理局",
  "区人力资源和社会保障局",
  "区生态环境局",
  "区教育委员会",
  "区卫生健康委员会",
  "区民政局",
  "区应急管理局",
  "区交通委员会",
  "东城街道办事处",
  "西城街道办事处",
];
// Complaints as 12345 records them; most carry a keyword of one of the twelve topics, some none.
const COMPLAINTS = [
  "反映某小区开发商逾期交房，业主多次协商无果",
  "反映某工地拖欠农民工工资，要求尽快支付",
  "反映某餐馆油烟扰民，夜间噪音严重",
  "反映某学校周边交通拥堵，学生上下学不安全",
  "反映某超市销售过期食品",
  "反映某养老院服务质量差",
  "反映小区电梯经常故障，存在安全隐患",
  "咨询医保报销比例和办理流程",
  "反映低保申请审核时间过长",
  "反映路灯不亮，夜间出行不便",
  "反映某商家虚假宣传，消费者权益受损",
  "咨询社保卡补办流程",
];

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** A 12345 export of `rows` orders from 2025, in Beijing time, about 9 in 10 already 办结. */
function workOrderCsv(rows: number, seed: number): string {
  const rnd = mulberry32(seed);
  const lines = ["工单编号,受理时间,诉求内容,承办单位,办结时间,满意度,来电渠道"];
  const start = Date.UTC(2025, 0, 1) - 8 * 3_600_000;
  const span = 365 * 86_400_000;
  const wall = (ms: number) => {
    const d = new Date(ms + 8 * 3_600_000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };
  for (let i = 0; i < rows; i++) {
    const accepted = start + Math.floor(rnd() * span);
    const complaint = `${COMPLAINTS[Math.floor(rnd() * COMPLAINTS.length)]}（第 ${i + 1} 件，涉及${Math.floor(rnd() * 300) + 1}号楼）。`;
    const unit = UNITS[Math.floor(rnd() * UNITS.length)];
    const handled = rnd() < 0.9 ? wall(accepted + Math.floor(rnd() * 96 * 3_600_000)) : "";
    const satisfaction = handled ? (["满意", "基本满意", "不满意"][Math.floor(rnd() * 3)] as string) : "";
    lines.push(
      `GD2025${pad(i + 1, 7)},${wall(accepted)},${complaint},${unit},${handled},${satisfaction},电话`,
    );
  }
  return `${lines.join("\n")}\n`;
}

const OFFICE: TPrincipal = {
  userId: 0,
  username: "bench",
  displayName: "基准测试",
  roles: [{ role: "office", unitId: null }],
  mustChangePassword: false,
};
const ACTOR = { userId: null, name: "基准测试", ip: "", requestId: "bench" };

async function main(): Promise<void> {
  const o = readOptions(parseOptions, usage);
  const host = await machine();
  const startedAt = new Date();
  warnIfBusy(host, "结果可能偏高且不稳定");
  const { database, label, cleanup } = await openFresh(o.databaseUrl, o.keep, "gongkai-bench-opinions-");
  try {
    const version = await serverVersion(database);
    console.log(`${label}：${version}`);
    await migrate(database);
    const db = database.db;
    await database.query(
      `insert into units (name, kind, sort_order) select name, case when name like '%街道%' then 'subdistrict' else 'department' end, ord::int from unnest($1::text[]) with ordinality as u(name, ord)`,
      [UNITS],
    );

    // ---- import, twice
    const csv = workOrderCsv(o.rows, o.seed);
    const csvBytes = Buffer.byteLength(csv);
    let t0 = performance.now();
    const first = await importWorkOrders(db, ACTOR, OFFICE, readWorkOrdersCsv(csv), "bench.csv");
    const firstMs = performance.now() - t0;
    t0 = performance.now();
    const second = await importWorkOrders(db, ACTOR, OFFICE, readWorkOrdersCsv(csv), "bench.csv");
    const secondMs = performance.now() - t0;
    if (first.created !== o.rows || second.unchanged !== o.rows || second.created + second.updated !== 0)
      throw new Error(
        `import counts unexpected: ${JSON.stringify({ first, second: { ...second, failed: second.failed.length } })}`,
      );
    console.log(
      `导入 ${o.rows} 行（${fmt(csvBytes / 1024 / 1024)} MB CSV）：首次 ${fmt(firstMs / 1000, 2)} 秒（新增 ${first.created}），再次 ${fmt(secondMs / 1000, 2)} 秒（未变化 ${second.unchanged}）`,
    );

    // ---- fill up to --items: closed items of 2025 and about 3 % still running around now
    const extra = Math.max(0, o.items - o.rows);
    t0 = performance.now();
    await database.query(
      `insert into opinions (title, body, source, topic_id, unit_id, severity, discovered_at,
         release_due_at, press_conference_due_at, response_due_at, released_at, press_conference_at, responded_at, next_due_at)
       select '舆情 ' || g, '', (array['media','online','petition','other'])[1 + g % 4], 1 + g % 12,
         (select id from units order by id offset (g % ${UNITS.length}) limit 1), s.severity, s.found,
         case when s.severity = 'major_emergency' then s.found + interval '5 hours' end,
         case when s.severity = 'major_emergency' then s.found + interval '24 hours' end,
         case when s.severity = 'ordinary' then s.found + interval '48 hours' end,
         case when s.severity = 'major_emergency' and not s.running then s.found + interval '3 hours' end,
         case when s.severity = 'major_emergency' and not s.running then s.found + interval '20 hours' end,
         case when s.severity = 'ordinary' and not s.running then s.found + interval '30 hours' end,
         case when not s.running then null
              when s.severity = 'major_emergency' then s.found + interval '5 hours'
              else s.found + interval '48 hours' end
       from generate_series(1, $1::int) g,
       lateral (select g % 33 = 0 as running,
                       case when g % 200 = 0 then 'major_emergency' else 'ordinary' end as severity,
                       case when g % 33 = 0 then now() - (g % 60) * interval '1 hour'
                            else timestamptz '2025-01-01 00:00+08' + (g % 365) * interval '1 day' + (g % 86400) * interval '1 second' end as found) s`,
      [extra],
    );
    const fillMs = performance.now() - t0;
    await database.exec("analyze opinions");
    const [counts] = await database.query<{ total: string; running: string }>(
      "select count(*)::text as total, count(*) filter (where next_due_at is not null)::text as running from opinions",
    );
    console.log(
      `舆情共 ${counts?.total} 条，其中在办 ${counts?.running} 条（补足用时 ${fmt(fillMs / 1000, 1)} 秒）`,
    );

    const now = new Date();
    const board = await measure({ warmup: 5, repeat: o.repeat }, () => boardByUnit(db, OFFICE, now));
    const list = await measure({ warmup: 5, repeat: o.repeat }, () =>
      runningItems(db, OFFICE, { limit: 200 }),
    );
    console.log(
      table([
        ["测量", "p50 毫秒", "p95 毫秒", "最大 毫秒"],
        [
          "看板计数 boardByUnit（GET /api/v1/opinions/board）",
          fmt(board.p50, 2),
          fmt(board.p95, 2),
          fmt(board.max, 2),
        ],
        ["看板列表 runningItems（最紧急 200 条）", fmt(list.p50, 2), fmt(list.p95, 2), fmt(list.max, 2)],
      ]),
    );
    const file = await writeResults("responsiveness", startedAt, {
      command: commandLine("bench/responsiveness.ts"),
      machine: host,
      database: { label, version },
      options: o,
      import: {
        rows: o.rows,
        csvBytes,
        firstMs,
        secondMs,
        first: { ...first, failed: first.failed.length },
        second: { ...second, failed: second.failed.length },
      },
      board: {
        items: Number(counts?.total),
        running: Number(counts?.running),
        boardByUnit: board,
        runningItems: list,
      },
    });
    console.log(`\n结果已写入 ${path.relative(process.cwd(), file)}`);
  } finally {
    await database.close().catch(() => {});
    await cleanup();
  }
}

main().catch(async (err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
