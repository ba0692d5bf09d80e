/**
 * Requests benchmark (依申请公开): one generated year (2025) of 100,000 requests with their actions;
 * how fast the back-office board, the request lists and the statutory clock stay at that size.
 *
 *   npm run bench:requests                        # PGlite in a fresh temporary directory
 *   npm run bench:requests -- --database-url postgres://postgres@127.0.0.1:5432/test
 *   npm run bench:requests -- --requests 20000 --repeat 20
 *
 * With --database-url a fresh database gongkai_bench_<pid> is created on that server and dropped at
 * the end (also on error or Ctrl-C; not with --keep); the database named in the URL is only used to
 * create and drop it.
 * Migrations are applied with the app's migrate(). The data is generated in this process from a seeded
 * random generator (the same seed gives the same data), with the due dates computed on the shipped
 * working-day calendar, and written with multi-row INSERTs. The app's own functions are measured:
 * boardByUnit, listRequests, computeClock and the request page's clock path (findRequest, actionsOf,
 * loadWorkCalendar, clockOf). Database measurements run twice: first as the data stands after the
 * bulk load, without planner statistics (as in PGlite, which has no autovacuum), then after
 * VACUUM ANALYZE. Results are printed and written to bench/results/requests-<timestamp>.json.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import {
  addDays,
  dayNumber,
  loadWorkCalendar,
  type TPause,
  type WorkCalendar,
} from "../src/features/calendar";
import { fromDayNumber } from "../src/features/calendar/working-days";
import { clockOf, computeClock, type TClockAction } from "../src/features/requests/compute-due-date";
import { perVolumeFee } from "../src/features/requests/fees";
import { OUTCOMES, type TApplicantKind, type TOutcome } from "../src/features/requests/outcomes";
import {
  actionsOf,
  boardByUnit,
  findRequest,
  listRequests,
  type TRequestFilter,
} from "../src/features/requests/requests.repository";
import type { Db, TDatabase } from "../src/platform/db";
import { migrate } from "../src/platform/db/migrate";
import {
  capturingDb,
  commandLine,
  explain,
  fmt,
  hasAutovacuum,
  loadAvg,
  machine,
  measure,
  mulberry32,
  openFresh,
  positiveInt,
  readOptions,
  scans,
  serverVersion,
  type TCaptured,
  type TExplain,
  type TStats,
  table,
  warnIfBusy,
  weighted,
  writeResults,
} from "./lib";

/** "Today" for the board and the lists: the last day of the generated year. */
const TODAY = "2025-12-31";
const YEAR = 2025;
/** The back-office page (/admin/requests) shows the first 100. */
const PAGE_SIZE = 100;
const CLOCK_BATCH = 1000;

// ---------------------------------------------------------------------------------------------
// Command line

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
    "用法：npm run bench:requests -- [选项]",
    "  --database-url <URL>  改用 PostgreSQL：在该服务器上新建 gongkai_bench_<pid> 库，结束时删除；默认用临时目录中的 PGlite",
    "  --requests <件数>     生成的申请件数（默认 100000）",
    "  --repeat <次>         每项测量的次数（默认 50）",
    "  --warmup <次>         每项测量前的预热次数（默认 5，不计入结果）",
    "  --seed <数>           随机数种子（默认 2025；种子相同，数据相同）",
    "  --keep                结束时保留数据库（PGlite 目录或 gongkai_bench_<pid> 库），便于自行查看查询计划",
    "  --help                显示本帮助",
  ].join("\n");
}

function parseOptions(argv: string[]): TOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      "database-url": { type: "string" },
      requests: { type: "string", default: "100000" },
      repeat: { type: "string", default: "50" },
      warmup: { type: "string", default: "5" },
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
    warmup: Number.isInteger(Number(values.warmup)) ? Math.max(0, Number(values.warmup)) : 5,
    seed: positiveInt("seed", values.seed),
    keep: values.keep,
  };
}

// ---------------------------------------------------------------------------------------------
// The district: 36 units, a few of them busy

type TUnitKind = "office" | "department" | "subdistrict";
/** Name, kind and relative share of the year's requests (planning and housing dominate, as they do). */
const UNITS: readonly (readonly [string, TUnitKind, number])[] = [
  ["区住房和城乡建设委员会", "department", 18],
  ["区规划和自然资源分局", "department", 14],
  ["区人力资源和社会保障局", "department", 7],
  ["区市场监督管理局", "department", 6],
  ["区人民政府办公室", "office", 3],
  ["区生态环境局", "department", 4],
  ["区城市管理委员会", "department", 4],
  ["区发展和改革委员会", "department", 3],
  ["区财政局", "department", 3],
  ["区教育委员会", "department", 3],
  ["区卫生健康委员会", "department", 3],
  ["区民政局", "department", 2.5],
  ["区公安分局", "department", 2],
  ["区交通委员会", "department", 2],
  ["区水务局", "department", 1.5],
  ["区农业农村局", "department", 1.5],
  ["区商务局", "department", 1],
  ["区文化和旅游局", "department", 1],
  ["区司法局", "department", 1],
  ["区应急管理局", "department", 1],
  ["区医疗保障局", "department", 1],
  ["区退役军人事务局", "department", 0.5],
  ["区统计局", "department", 0.5],
  ["区审计局", "department", 0.5],
  ["东坝街道办事处", "subdistrict", 3],
  ["南湖街道办事处", "subdistrict", 2.5],
  ["和平街道办事处", "subdistrict", 1],
  ["建设街道办事处", "subdistrict", 1],
  ["新华街道办事处", "subdistrict", 1],
  ["解放街道办事处", "subdistrict", 1],
  ["胜利街道办事处", "subdistrict", 1],
  ["人民路街道办事处", "subdistrict", 1],
  ["光明街道办事处", "subdistrict", 1],
  ["友谊街道办事处", "subdistrict", 1],
  ["团结街道办事处", "subdistrict", 1],
  ["长安街道办事处", "subdistrict", 1],
];

const APPLICANT_KIND_SHARE: readonly (readonly [TApplicantKind, number])[] = [
  ["natural_person", 88],
  ["commercial_enterprise", 5],
  ["legal_service_org", 3],
  ["other_org", 2],
  ["research_institution", 1],
  ["public_interest_org", 1],
];

type TChannel = "online" | "mail" | "in_person" | "email" | "fax";
const CHANNEL_SHARE: readonly (readonly [TChannel, number])[] = [
  ["online", 55],
  ["mail", 22],
  ["in_person", 15],
  ["email", 7],
  ["fax", 1],
];

/** Replies by outcome, roughly as district annual reports show them; the two abandonment outcomes come from the workflow. */
const REPLY_OUTCOME_SHARE: readonly (readonly [TOutcome, number])[] = [
  ["disclosed", 380],
  ["partially_disclosed", 90],
  ["withheld.state_secret", 2],
  ["withheld.prohibited_by_law", 5],
  ["withheld.security_stability", 3],
  ["withheld.third_party", 15],
  ["withheld.internal_affairs", 12],
  ["withheld.process_info", 20],
  ["withheld.enforcement_file", 8],
  ["withheld.administrative_inquiry", 10],
  ["unavailable.not_held", 250],
  ["unavailable.needs_creation", 40],
  ["unavailable.unclear_after_correction", 10],
  ["not_processed.petition_complaint", 30],
  ["not_processed.duplicate", 30],
  ["not_processed.publication", 5],
  ["not_processed.excessive", 10],
  ["not_processed.confirm_or_reissue", 10],
  ["other.other", 40],
];

const LEGAL_BASIS: Record<string, string> = {
  partially: "《中华人民共和国政府信息公开条例》第三十七条",
  withheld: "《中华人民共和国政府信息公开条例》第十四条、第十五条、第十六条",
  unavailable: "《中华人民共和国政府信息公开条例》第三十六条第（五）项",
  not_processed: "《中华人民共和国政府信息公开条例》第三十六条第（三）项、第三十九条",
};

const SUBJECTS = [
  "地块国有土地上房屋征收补偿方案",
  "建设项目规划许可证及附图",
  "建设项目环境影响评价批复",
  "棚户区改造项目立项批复",
  "集体土地征收的征地批复文件",
  "老旧小区综合整治项目的招标文件",
  "违法建设拆除决定及送达回证",
  "企业行政处罚决定书",
  "养老服务机构运营补贴的发放明细",
  "学校学区划分的依据文件",
  "道路工程的施工许可",
  "公租房配租结果",
];
const PARTIES = ["相关权利人", "某置业有限公司", "区财政局", "某建设工程有限公司", "市规划和自然资源委员会"];

// ---------------------------------------------------------------------------------------------
// One year of requests

type TPlanned = { type: string; date: string; payload: Record<string, unknown> };
type TStall = "correction" | "consultation" | "fee" | "reply";

type TGenerated = {
  requestRows: unknown[][];
  actionRows: unknown[][];
  cohandlerRows: unknown[][];
  byStatus: Record<string, number>;
  byOutcome: Record<string, number>;
  byActionType: Record<string, number>;
  openWithDueDate: number;
  overdue: number;
  verified: { checked: number; mismatches: number };
  /** Ids of concluded requests with a consultation and an extension: the clock path is read for these. */
  richIds: number[];
  /** A typical rich action list (as clockOf passes it to computeClock) and its received date. */
  sampleRich: { receivedAt: string; actions: TClockAction[] } | null;
  sampleSimple: { receivedAt: string; actions: TClockAction[] } | null;
};

const CONCLUDING: Record<string, TOutcome | null> = {
  reply: null,
  withdraw: "other.other",
  abandon_no_correction: "other.no_correction",
  abandon_no_fee: "other.no_fee",
};

function generate(count: number, seed: number, calendar: WorkCalendar, unitIds: number[]): TGenerated {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pickUnit = weighted(
    rnd,
    UNITS.map(([, , w], i) => [unitIds[i] as number, w] as const),
  );
  const pickKind = weighted(rnd, APPLICANT_KIND_SHARE);
  const pickChannel = weighted(rnd, CHANNEL_SHARE);
  const pickOutcome = weighted(rnd, REPLY_OUTCOME_SHARE);
  const pickStall = weighted<TStall>(rnd, [
    ["correction", 35],
    ["consultation", 20],
    ["fee", 10],
    ["reply", 35],
  ]);
  const wd = (from: string, n: number, pauses: TPause[] = []) => calendar.addWorkdays(from, n, pauses).date;

  const first = dayNumber(`${YEAR}-01-01`);
  const last = dayNumber(TODAY);
  const allDays: string[] = [];
  for (let d = first; d <= last; d++) allDays.push(fromDayNumber(d));
  const workdays = allDays.filter((d) => calendar.isWorkday(d));

  // Submission day and channel first, so that ids and receipt numbers follow the order of arrival.
  const arrivals = Array.from({ length: count }, () => {
    const channel = pickChannel();
    // Online forms come in any day; letters, visits, e-mails and faxes are registered on working days.
    const submitted =
      channel === "online"
        ? (allDays[int(0, allDays.length - 1)] as string)
        : (workdays[int(0, workdays.length - 1)] as string);
    return { channel, submitted, minute: int(0, 9 * 60) };
  }).sort((a, b) => (a.submitted < b.submitted ? -1 : a.submitted > b.submitted ? 1 : a.minute - b.minute));

  const g: TGenerated = {
    requestRows: [],
    actionRows: [],
    cohandlerRows: [],
    byStatus: {},
    byOutcome: {},
    byActionType: {},
    openWithDueDate: 0,
    overdue: 0,
    verified: { checked: 0, mismatches: 0 },
    richIds: [],
    sampleRich: null,
    sampleSimple: null,
  };
  const frequentApplicants = 1500;

  arrivals.forEach(({ channel, submitted, minute }, index) => {
    const id = index + 1;
    const kind = pickKind();
    const unitId = pickUnit();
    // A quarter of natural persons' requests come from a pool of frequent applicants.
    const person = kind === "natural_person" && rnd() < 0.25 ? int(1, frequentApplicants) : 10_000 + id;
    const applicant =
      kind === "natural_person"
        ? {
            kind,
            name: `申请人${person}`,
            idType: "resident_id",
            idNumber: `1101051980${String(person).padStart(8, "0")}`,
            phone: `139${String(person).padStart(8, "0")}`,
            email: "",
            address: `某区某路 ${person % 500} 号`,
            postcode: "100000",
            contactPerson: "",
          }
        : {
            kind,
            name: `某机构${person}`,
            orgCode: `91110105MA0${String(person).padStart(7, "0")}`,
            contactPerson: "经办人",
            phone: `010${String(person).padStart(8, "0")}`,
            email: "",
            address: `某区某路 ${person % 500} 号`,
            postcode: "100000",
          };
    const applicantKey =
      kind === "natural_person" ? `id:resident_id:${applicant.idNumber}` : `org:${applicant.orgCode}`;
    const subject = SUBJECTS[int(0, SUBJECTS.length - 1)] as string;
    const description = `申请公开${UNITS[unitIds.indexOf(unitId)]?.[0] ?? ""}制作或保存的${int(2015, 2025)}年关于${subject}（编号 ${id}），用于维护本人合法权益。`;
    const [form, delivery] =
      channel === "online"
        ? rnd() < 0.7
          ? ["online", "online"]
          : ["email", "email"]
        : channel === "email"
          ? ["email", "email"]
          : channel === "in_person"
            ? ["paper", "pickup"]
            : ["paper", "post"];
    const submittedAt = `${submitted}T${String(8 + Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}:00+08:00`;

    // Online requests count from the day staff confirm them (0–2 working days later).
    const received =
      channel !== "online"
        ? submitted
        : calendar.isWorkday(submitted) && rnd() < 0.6
          ? submitted
          : wd(submitted, rnd() < 0.8 ? 1 : 2);

    // The whole life of the request as it would go, then cut at TODAY.
    const acts: TPlanned[] = [];
    let cursor = received;
    const push = (type: string, date: string, payload: Record<string, unknown> = {}) => {
      const d = date < cursor ? cursor : date;
      acts.push({ type, date: d, payload });
      cursor = d;
    };
    let start = received;
    const pauses: TPause[] = [];
    let extension = 0;
    let corrected = false;
    /** The due date the clock shows once the request is concluded (null: paused or awaiting correction). */
    let dueAtEnd: string | null = null;
    let cohandler: number | null = null;
    const stall: TStall | null = rnd() < 0.08 ? pickStall() : null;
    let consulted = false;

    const plan = () => {
      if (channel === "online") push("confirm_receipt", received);
      if (rnd() < 0.3) push("assign", received, { unitId });
      if (rnd() < 0.03) {
        cohandler = unitIds[int(0, unitIds.length - 1)] as number;
        if (cohandler === unitId) cohandler = null;
        else push("cohandle", wd(received, 1), { unitIds: [cohandler] });
      }
      const path = rnd();
      if (path < 0.02 && !stall) {
        push("withdraw", wd(received, int(1, 10)), { note: "申请人撤回申请" });
        dueAtEnd = wd(start, 20);
        return;
      }
      if (path < 0.1 || stall === "correction") {
        const notice = wd(received, int(1, 8));
        const correctBy = addDays(notice, 15);
        push("request_correction", notice, {
          correctBy,
          note: "请补充所需政府信息的名称、文号或者便于查询的其他特征性描述。",
        });
        if (stall === "correction") return;
        if (rnd() < 0.25) {
          push("abandon_no_correction", addDays(correctBy, int(1, 10)));
          return;
        }
        start = wd(notice, int(2, 10));
        push("correction_received", start);
        corrected = true;
      }
      if (rnd() < 0.06 || stall === "consultation") {
        const party = PARTIES[int(0, PARTIES.length - 1)] as string;
        const from = wd(cursor, int(2, 10));
        push("consultation_started", from, { party });
        if (stall === "consultation") return;
        const to = wd(from, int(3, 15));
        push("consultation_ended", to, { party });
        pauses.push({ from, to });
        consulted = true;
      }
      if (rnd() < 0.015 || stall === "fee") {
        const pages = int(120, 400);
        const notice = wd(cursor, int(1, 8));
        push("fee_notice", notice, { basis: "按量计收", pages, amount: perVolumeFee(pages) });
        if (stall === "fee") return;
        if (rnd() < 0.3) {
          push("abandon_no_fee", wd(notice, 20 + int(1, 10)));
          return;
        }
        const paid = wd(notice, int(2, 15));
        push("fee_paid", paid);
        pauses.push({ from: notice, to: paid });
      }
      const due = wd(start, 20, pauses);
      if (rnd() < 0.07) {
        const workdays = [20, 20, 20, 15, 10][int(0, 4)] as number;
        const on = wd(start, int(14, 19), pauses);
        if (on >= cursor && on <= due) {
          push("extend", on, { workdays, reason: "需调取历史档案并会商有关部门，正常期限内难以答复。" });
          extension = workdays;
        }
      }
      dueAtEnd = wd(start, 20 + extension, pauses);
      if (stall === "reply") return;
      // Working days taken: mostly 8–20 within the normal period, into the extension when there is one,
      // and a few late replies.
      const taken = extension
        ? 20 + int(1, extension)
        : rnd() < 0.015
          ? 20 + int(1, 10)
          : Math.max(2, Math.round(3 + 17 * Math.sqrt(rnd())));
      let outcome = pickOutcome();
      if (outcome === "unavailable.unclear_after_correction" && !corrected) outcome = "unavailable.not_held";
      const category = outcome.split(".")[0] as string;
      const refusal = OUTCOMES[outcome].isRefusal;
      push("reply", wd(start, taken, pauses), {
        outcome,
        reason: refusal ? `经审查，${OUTCOMES[outcome].label}。` : "",
        legalBasis: refusal
          ? (LEGAL_BASIS[outcome === "partially_disclosed" ? "partially" : category] ?? "")
          : "",
        otherAgency: "",
        provisionNote: "",
      });
    };

    let receivedAt: string | null = received;
    let recorded: TPlanned[] = [];
    if (received > TODAY) {
      receivedAt = null; // submitted online, not yet confirmed
    } else {
      plan();
      recorded = acts.filter((a) => a.date <= TODAY);
    }
    const lastAction = recorded.at(-1);
    const concludedBy = lastAction && lastAction.type in CONCLUDING ? lastAction : undefined;

    let status: string;
    let dueDate: string | null;
    let provisional = false;
    let outcome: TOutcome | null = null;
    const asClock = (a: TPlanned): TClockAction => ({ ...a.payload, type: a.type, date: a.date });
    if (concludedBy) {
      status = "concluded";
      outcome = CONCLUDING[concludedBy.type] ?? (concludedBy.payload.outcome as TOutcome);
      dueDate = concludedBy.type === "reply" || concludedBy.type === "withdraw" ? dueAtEnd : null;
      // Check the shortcut against the app's clock on a sample (every 50th concluded request).
      if (id % 50 === 0) {
        const clock = computeClock(receivedAt, recorded.map(asClock), calendar);
        g.verified.checked++;
        if (clock.state !== "concluded" || clock.dueDate !== dueDate) g.verified.mismatches++;
      }
    } else {
      // Open: the clock exactly as the app computes it from the recorded actions.
      const clock = computeClock(receivedAt, recorded.map(asClock), calendar);
      status = clock.state;
      dueDate = clock.dueDate;
      provisional = clock.isProvisional;
      if (dueDate) g.openWithDueDate++;
      if (dueDate && dueDate < TODAY) g.overdue++;
    }
    if (status === "concluded" && consulted && extension && concludedBy?.type === "reply") {
      g.richIds.push(id);
      if (!g.sampleRich && receivedAt && !recorded.some((a) => a.type === "cohandle"))
        g.sampleRich = { receivedAt, actions: recorded.map(asClock) };
    }
    if (!g.sampleSimple && receivedAt && recorded.length === 2 && concludedBy?.type === "reply")
      g.sampleSimple = { receivedAt, actions: recorded.map(asClock) };

    const closedAt = concludedBy?.date ?? null;
    const reply = concludedBy?.payload ?? {};
    const updated = lastAction ? `${lastAction.date}T16:30:00+08:00` : submittedAt;
    g.requestRows.push([
      id,
      `YSQ${YEAR}${String(id).padStart(6, "0")}`,
      channel,
      kind,
      JSON.stringify(applicant),
      applicantKey,
      description,
      form,
      delivery,
      submittedAt,
      receivedAt,
      // Unconfirmed online requests are often not yet assigned to a unit.
      receivedAt === null && rnd() < 0.5 ? null : unitId,
      status,
      dueDate,
      provisional,
      outcome,
      String(reply.reason ?? reply.note ?? ""),
      String(reply.legalBasis ?? ""),
      closedAt,
      submittedAt,
      updated,
    ]);
    for (const a of recorded) {
      g.actionRows.push([
        id,
        a.type,
        a.date,
        JSON.stringify(a.payload),
        "经办人",
        `${a.date}T10:00:00+08:00`,
      ]);
      g.byActionType[a.type] = (g.byActionType[a.type] ?? 0) + 1;
    }
    if (cohandler !== null && recorded.some((a) => a.type === "cohandle"))
      g.cohandlerRows.push([id, cohandler]);
    g.byStatus[status] = (g.byStatus[status] ?? 0) + 1;
    if (outcome) g.byOutcome[outcome] = (g.byOutcome[outcome] ?? 0) + 1;
  });
  return g;
}

// ---------------------------------------------------------------------------------------------
// Bulk insert: multi-row INSERT ... VALUES with parameters, in batches under the 65,535-parameter limit

async function insertBatches(
  database: TDatabase,
  table: string,
  columns: readonly (readonly [string, string])[],
  rows: unknown[][],
): Promise<number> {
  const perBatch = Math.floor(60_000 / columns.length);
  const names = columns.map(([n]) => n).join(", ");
  let statements = 0;
  for (let i = 0; i < rows.length; i += perBatch) {
    const params: unknown[] = [];
    const tuples = rows.slice(i, i + perBatch).map((row) => {
      const cells = row.map((value, j) => {
        params.push(value);
        return `$${params.length}::${columns[j]?.[1]}`;
      });
      return `(${cells.join(", ")})`;
    });
    await database.query(`insert into ${table} (${names}) values ${tuples.join(", ")}`, params);
    statements++;
  }
  return statements;
}

const REQUEST_COLUMNS = [
  ["id", "int"],
  ["receipt_no", "text"],
  ["channel", "text"],
  ["applicant_kind", "text"],
  ["applicant", "jsonb"],
  ["applicant_key", "text"],
  ["description", "text"],
  ["form", "text"],
  ["delivery", "text"],
  ["submitted_at", "timestamptz"],
  ["received_at", "date"],
  ["unit_id", "int"],
  ["status", "text"],
  ["due_date", "date"],
  ["due_date_provisional", "boolean"],
  ["outcome", "text"],
  ["outcome_reason", "text"],
  ["legal_basis", "text"],
  ["closed_at", "date"],
  ["created_at", "timestamptz"],
  ["updated_at", "timestamptz"],
] as const;
const ACTION_COLUMNS = [
  ["request_id", "int"],
  ["type", "text"],
  ["date", "date"],
  ["payload", "jsonb"],
  ["actor_name", "text"],
  ["created_at", "timestamptz"],
] as const;
const COHANDLER_COLUMNS = [
  ["request_id", "int"],
  ["unit_id", "int"],
] as const;

// ---------------------------------------------------------------------------------------------

const QUERY_LABELS = {
  baseline: "基准：select 1（经 Drizzle 的一次往返）",
  boardDistrict: "看板：全区",
  boardUnit: "看板：一个单位（件数最多的）",
  listOpen: `列表：全区在办第一页（${PAGE_SIZE} 件）`,
  listOverdue: `列表：全区只看逾期第一页（${PAGE_SIZE} 件）`,
  listUnitOpen: `列表：一个单位在办第一页（${PAGE_SIZE} 件）`,
  clockPath: "期限：读一件申请及其办理记录并计算（clockOf 全路径）",
} as const;
type TQueryKey = keyof typeof QUERY_LABELS;

async function main(): Promise<void> {
  const o = readOptions(parseOptions, usage);
  const host = await machine();
  const startedAt = new Date();
  warnIfBusy(host, "结果可能偏高且不稳定");

  const { database, label, cleanup } = await openFresh(o.databaseUrl, o.keep, "gongkai-bench-requests-");
  try {
    const version = await serverVersion(database);
    const autovacuumLauncher = await hasAutovacuum(database);
    console.log(`${label}：${version}；autovacuum launcher：${autovacuumLauncher ? "有" : "无"}`);
    await migrate(database);
    const db = database.db;
    // Keep autovacuum from analysing in the middle of the first round; the second round runs VACUUM ANALYZE itself.
    for (const t of ["requests", "request_actions", "request_cohandlers"])
      await database.exec(`alter table ${t} set (autovacuum_enabled = false)`);

    // ---- data
    const t0 = performance.now();
    const units = await database.query<{ id: number }>(
      `insert into units (name, kind, sort_order) values ${UNITS.map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3}::int)`).join(", ")} returning id`,
      UNITS.flatMap(([name, kind], i) => [name, kind, i + 1]),
    );
    const unitIds = units.map((u) => u.id);
    const calendar = await loadWorkCalendar(db);
    const g = generate(o.requests, o.seed, calendar, unitIds);
    const generateMs = performance.now() - t0;
    if (g.verified.mismatches)
      throw new Error(`生成的 ${g.verified.mismatches} 件已办结申请的期限与 computeClock 不一致`);
    const t1 = performance.now();
    let statements = await insertBatches(database, "requests", REQUEST_COLUMNS, g.requestRows);
    const insertRequestsMs = performance.now() - t1;
    statements += await insertBatches(database, "request_actions", ACTION_COLUMNS, g.actionRows);
    statements += await insertBatches(database, "request_cohandlers", COHANDLER_COLUMNS, g.cohandlerRows);
    await database.query("select setval('requests_id_seq', $1::bigint)", [o.requests]);
    await database.query("select setval('request_receipt_seq', $1::bigint)", [o.requests]);
    const insertMs = performance.now() - t1;
    const open = o.requests - (g.byStatus.concluded ?? 0);
    console.log(
      `生成 ${fmt(o.requests, 0)} 件申请、${fmt(g.actionRows.length, 0)} 条办理记录、${g.cohandlerRows.length} 条协查：` +
        `生成 ${fmt(generateMs / 1000, 2)} s，写入 ${fmt(insertMs / 1000, 2)} s（其中申请 ${fmt(insertRequestsMs / 1000, 2)} s；共 ${statements} 条多行 INSERT）`,
    );
    console.log(
      `状态：${Object.entries(g.byStatus)
        .map(([k, v]) => `${k} ${v}`)
        .join(
          "，",
        )}；在办 ${fmt((100 * open) / o.requests)}%，其中有答复期限 ${g.openWithDueDate}、已逾期 ${g.overdue}` +
        `；抽查 ${g.verified.checked} 件已办结申请的期限与 computeClock 一致`,
    );

    // ---- what is measured
    const today = TODAY;
    const soon = calendar.addWorkdays(today, 5).date;
    const busiest = unitIds[0] as number;
    const richIds = g.richIds.slice(0, o.warmup + o.repeat);
    if (richIds.length === 0)
      throw new Error("生成的数据中没有同时含征求意见和延期的已办结申请；请增加 --requests");
    const filters: Record<"listOpen" | "listOverdue" | "listUnitOpen", TRequestFilter> = {
      listOpen: { scope: "all", status: "open" },
      listOverdue: { scope: "all", isOverdueOnly: true },
      listUnitOpen: { scope: [busiest], status: "open" },
    };
    const run: Record<TQueryKey, (db: Db, i: number) => Promise<unknown>> = {
      // What any query costs at least: driver, protocol, (for PostgreSQL) the local TCP round trip.
      baseline: (d) => d.execute(sql`select 1`),
      boardDistrict: (d) => boardByUnit(d, "all", today, soon),
      boardUnit: (d) => boardByUnit(d, [busiest], today, soon),
      listOpen: (d) => listRequests(d, filters.listOpen, 1, PAGE_SIZE, today),
      listOverdue: (d) => listRequests(d, filters.listOverdue, 1, PAGE_SIZE, today),
      listUnitOpen: (d) => listRequests(d, filters.listUnitOpen, 1, PAGE_SIZE, today),
      // What the request page does for its clock: the row, its actions, the (cached) calendar, the clock.
      clockPath: async (d, i) => {
        const id = richIds[i % richIds.length] as number;
        const r = await findRequest(d, id);
        if (!r) throw new Error(`request ${id} missing`);
        return clockOf(r, await actionsOf(d, id), await loadWorkCalendar(d));
      },
    };
    const shapes = {
      boardDistrictRows: ((await run.boardDistrict(db, 0)) as unknown[]).length,
      boardUnitRows: ((await run.boardUnit(db, 0)) as unknown[]).length,
      listOpenTotal: ((await run.listOpen(db, 0)) as { total: number }).total,
      listOverdueTotal: ((await run.listOverdue(db, 0)) as { total: number }).total,
      listUnitOpenTotal: ((await run.listUnitOpen(db, 0)) as { total: number }).total,
      busiestUnitRequests: g.requestRows.filter((r) => r[11] === busiest).length,
      clockPathRequests: richIds.length,
    };

    // ---- EXPLAIN ANALYZE of the exact statements the app sends
    const explainAll = async () => {
      const out: Record<string, TExplain[]> = {};
      for (const key of ["boardDistrict", "boardUnit", "listOpen", "listOverdue", "listUnitOpen"] as const) {
        const captured: TCaptured[] = [];
        await run[key](capturingDb(database, captured), 0);
        out[key] = [];
        for (const q of captured) out[key].push(await explain(database, q));
      }
      return out;
    };

    const round = async (name: string) => {
      const results = {} as Record<TQueryKey, TStats>;
      for (const key of Object.keys(QUERY_LABELS) as TQueryKey[])
        results[key] = await measure(o, (i) => run[key](db, i));
      const plans = await explainAll();
      console.log(`\n${name}：`);
      for (const [key, list] of Object.entries(plans))
        for (const [i, p] of list.entries()) {
          const part = list.length > 1 ? (i === 0 ? "（计数）" : "（取一页）") : "";
          console.log(
            `  ${key}${part}：${scans(p.plan) || "（无扫描节点）"}；执行 ${p.executionMs ?? "?"} ms`,
          );
        }
      return { results, plans };
    };

    const before = await round("统计信息未收集（批量写入之后，未 ANALYZE）");
    const ta = performance.now();
    for (const t of ["requests", "request_actions", "request_cohandlers"])
      await database.exec(`vacuum analyze ${t}`);
    const analyzeMs = performance.now() - ta;
    const after = await round(`VACUUM ANALYZE 之后（${fmt(analyzeMs / 1000, 2)} s）`);

    // ---- the pure clock: batches of computations, per-computation time in µs
    const clockBench = async (sample: { receivedAt: string; actions: TClockAction[] } | null) => {
      if (!sample) return null;
      const s = await measure(o, () => {
        for (let i = 0; i < CLOCK_BATCH; i++) computeClock(sample.receivedAt, sample.actions, calendar);
      });
      const perCall = (ms: number) => (ms * 1000) / CLOCK_BATCH;
      return {
        actions: sample.actions.map((a) => a.type),
        receivedAt: sample.receivedAt,
        perComputationMicros: {
          p50: perCall(s.p50),
          p95: perCall(s.p95),
          max: perCall(s.max),
          mean: perCall(s.mean),
          samples: s.samples,
        },
      };
    };
    const clockRich = await clockBench(g.sampleRich);
    const clockSimple = await clockBench(g.sampleSimple);

    // ---- the board's plan, in full
    const boardPlan = after.plans.boardDistrict?.[0];
    console.log(
      `\n看板（全区）的查询计划，VACUUM ANALYZE 之后：\n${boardPlan?.sql}\n参数：${JSON.stringify(boardPlan?.params)}`,
    );
    console.log(boardPlan?.plan.join("\n"));
    const boardPlanBefore = before.plans.boardDistrict?.[0];
    console.log(`\n同一查询，ANALYZE 之前：\n${boardPlanBefore?.plan.join("\n")}`);

    // ---- table
    const ms = (s: TStats) => [fmt(s.p50), fmt(s.p95), fmt(s.max)];
    const µs = (c: NonNullable<typeof clockRich>) => [
      `${fmt(c.perComputationMicros.p50)} µs`,
      `${fmt(c.perComputationMicros.p95)} µs`,
      `${fmt(c.perComputationMicros.max)} µs`,
    ];
    const rows: string[][] = [
      ["项目", "p50 ms", "p95 ms", "最大 ms", "ANALYZE 前 p50", "ANALYZE 前 p95"],
      ...(Object.keys(QUERY_LABELS) as TQueryKey[]).map((key) => [
        QUERY_LABELS[key],
        ...ms(after.results[key]),
        fmt(before.results[key].p50),
        fmt(before.results[key].p95),
      ]),
    ];
    if (clockRich)
      rows.push([`computeClock：${clockRich.actions.length} 项办理记录（每次）`, ...µs(clockRich), "", ""]);
    if (clockSimple)
      rows.push([
        `computeClock：${clockSimple.actions.length} 项办理记录（每次）`,
        ...µs(clockSimple),
        "",
        "",
      ]);
    console.log(
      `\n${label}，${fmt(o.requests, 0)} 件申请；每项预热 ${o.warmup} 次、测量 ${o.repeat} 次` +
        `（computeClock 每次测量 ${CLOCK_BATCH} 次计算）；今天 = ${today}，即将到期 = ${soon} 前\n`,
    );
    console.log(table(rows, true));
    console.log(
      `\n数据：看板全区 ${shapes.boardDistrictRows} 行、单位 ${shapes.boardUnitRows} 行；在办 ${shapes.listOpenTotal} 件，` +
        `逾期 ${shapes.listOverdueTotal} 件，件数最多的单位全年 ${shapes.busiestUnitRequests} 件、在办 ${shapes.listUnitOpenTotal} 件`,
    );

    const report = {
      benchmark: "requests: board, lists and clock over one generated year",
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      command: commandLine("bench:requests"),
      machine: { ...host, loadAvgAtEnd: loadAvg() },
      database: { kind: label, version, autovacuumLauncher },
      options: { ...o, databaseUrl: o.databaseUrl ? "(given)" : undefined, today, soon, pageSize: PAGE_SIZE },
      data: {
        units: unitIds.length,
        requests: o.requests,
        actions: g.actionRows.length,
        cohandlers: g.cohandlerRows.length,
        byStatus: g.byStatus,
        byOutcome: g.byOutcome,
        byActionType: g.byActionType,
        openWithDueDate: g.openWithDueDate,
        overdue: g.overdue,
        verified: g.verified,
        shapes,
        generateMs,
        insertMs,
        insertRequestsMs,
        insertStatements: statements,
        vacuumAnalyzeMs: analyzeMs,
      },
      labels: QUERY_LABELS,
      resultsMs: { withoutStatistics: before.results, afterAnalyze: after.results },
      computeClock: { rich: clockRich, simple: clockSimple, computationsPerSample: CLOCK_BATCH },
      explain: { withoutStatistics: before.plans, afterAnalyze: after.plans },
    };
    const file = await writeResults("requests", startedAt, report);
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
