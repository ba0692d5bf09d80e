/**
 * Search benchmark (主动公开 library): the whole legal corpus imported with the app's importer, then
 * scaled up to --docs documents made from it; p50/p95 of the app's search (searchDocuments: one page
 * and the facet counts, as the /documents page asks for them) and, on the same database in the same
 * run, of a plain `ILIKE '%…%'` query, over a fixed set of queries.
 *
 *   npm run bench:search                              # PGlite in a fresh temporary directory
 *   npm run bench:search -- --database-url postgres://postgres@127.0.0.1:5432/test
 *   npm run bench:search -- --docs 20000 --repeat 10
 *
 * With --database-url a fresh database gongkai_bench_<pid> is created on that server and dropped at
 * the end (also on error or Ctrl-C; not with --keep). Migrations are applied with the app's migrate().
 * The corpus is imported with importDocuments (one transaction per file, as `gongkai import` does) and
 * timed. The scale-up documents are generated in this process from a seeded random generator (same
 * seed and corpus, same documents): titles built on real titles with a unit of the district in front,
 * bodies of 5–15 real paragraphs, realistic kinds, validity, topics, years and 文号. They are segmented
 * with the app's searchTextOf and written with multi-row INSERTs, each document with its row of the search
 * index, the vector built by the app's own SQL function. VACUUM ANALYZE runs before measuring. Results are printed and written
 * to bench/results/search-<timestamp>.json, with EXPLAIN (ANALYZE, BUFFERS) of every measured statement.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { importDocuments, searchDocuments, type TImportReport } from "../src/features/documents";
import { docNumberKeyOf, searchTextOf } from "../src/features/documents/document-text";
import { createUnit } from "../src/features/org";
import type { TActor } from "../src/platform/audit";
import type { TConnection, TDatabase } from "../src/platform/db";
import { migrate } from "../src/platform/db/migrate";
import {
  capturingDb,
  commandLine,
  explain,
  fmt,
  hasAutovacuum,
  loadAvg,
  machine,
  mulberry32,
  nonNegativeInt,
  openFresh,
  positiveInt,
  readOptions,
  sample,
  scans,
  serverVersion,
  stats,
  type TCaptured,
  type TExplain,
  type TStats,
  table,
  UsageError,
  warnIfBusy,
  weighted,
  writeResults,
} from "./lib";
import { QUERIES, type TQuery } from "./search-queries";

const ACTOR: TActor = { userId: null, name: "性能测量", ip: "127.0.0.1", requestId: "bench-search" };
const PAGE_SIZE = 20;
/** Rows per multi-row INSERT: about 12,000 parameters and a few MB of text per statement. */
const INSERT_BATCH = 500;
/** documents.repository indexes at most this many characters of segmented body text. */
const MAX_INDEXED_CHARS = 400_000;
/** The speed issue's targets: search API p95 at 100,000 documents, the whole corpus imported. */
const TARGET_P95_MS = 20;
/** Measured and reported apart from the fixed query set: each is in most documents of the scale-up. */
const VERY_COMMON_WORDS = ["管理", "人民政府"];
const TARGET_IMPORT_SECONDS = 20;

// ---------------------------------------------------------------------------------------------
// Command line

type TOptions = {
  databaseUrl?: string;
  docs: number;
  corpus: string;
  repeat: number;
  warmup: number;
  ilikeRepeat: number;
  seed: number;
  keep: boolean;
};

function usage(): string {
  return [
    "用法：npm run bench:search -- [选项]",
    "  --database-url <URL>  改用 PostgreSQL：在该服务器上新建 gongkai_bench_<pid> 库，结束时删除；默认用临时目录中的 PGlite",
    "  --docs <件数>         导入语料后用生成的文件补足到的总件数（默认 100000）",
    "  --corpus <目录>       导入的语料目录（默认 /work/shared/corpus/laws）",
    "  --repeat <次>         每条查询测量的次数（默认 20）",
    "  --warmup <次>         每条查询测量前的预热次数（默认 3，不计入结果）",
    "  --ilike-repeat <次>   ILIKE 查询测量的次数（默认 5，另预热 1 次；它每次都要读全表；0 不测）",
    "  --seed <数>           随机数种子（默认 2021；种子和语料相同，生成的文件相同）",
    "  --keep                结束时保留数据库，便于自行查看查询计划",
    "  --help                显示本帮助",
  ].join("\n");
}

function parseOptions(argv: string[]): TOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      "database-url": { type: "string" },
      docs: { type: "string", default: "100000" },
      corpus: { type: "string", default: "/work/shared/corpus/laws" },
      repeat: { type: "string", default: "20" },
      warmup: { type: "string", default: "3" },
      "ilike-repeat": { type: "string", default: "5" },
      seed: { type: "string", default: "2021" },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  if (!values.corpus) throw new UsageError("--corpus 不能为空");
  return {
    databaseUrl: values["database-url"] || undefined,
    docs: positiveInt("docs", values.docs),
    corpus: path.resolve(values.corpus),
    repeat: positiveInt("repeat", values.repeat),
    warmup: nonNegativeInt("warmup", values.warmup),
    ilikeRepeat: nonNegativeInt("ilike-repeat", values["ilike-repeat"]),
    seed: positiveInt("seed", values.seed),
    keep: values.keep,
  };
}

// ---------------------------------------------------------------------------------------------
// The district: its units, the prefix of their 文号 and their usual topic

type TUnitKind = "government" | "office" | "department" | "subdistrict";
type TUnitSpec = { name: string; kind: TUnitKind; prefix: string; topic: string; weight: number };

const DISTRICT = "市中区";
const UNITS: readonly TUnitSpec[] = [
  { name: "市中区人民政府", kind: "government", prefix: "市中政发", topic: "综合政务", weight: 4 },
  { name: "市中区人民政府办公室", kind: "office", prefix: "市中政办发", topic: "综合政务", weight: 8 },
  {
    name: "市中区发展和改革局",
    kind: "department",
    prefix: "市中发改发",
    topic: "国民经济管理、国有资产监管",
    weight: 4,
  },
  { name: "市中区教育和体育局", kind: "department", prefix: "市中教体发", topic: "科技、教育", weight: 5 },
  { name: "市中区民政局", kind: "department", prefix: "市中民发", topic: "民政、扶贫、救灾", weight: 4 },
  { name: "市中区司法局", kind: "department", prefix: "市中司发", topic: "公安、安全、司法", weight: 3 },
  { name: "市中区财政局", kind: "department", prefix: "市中财发", topic: "财政、金融、审计", weight: 4 },
  {
    name: "市中区人力资源和社会保障局",
    kind: "department",
    prefix: "市中人社发",
    topic: "劳动、人事、监察",
    weight: 5,
  },
  {
    name: "市中区住房和城乡建设局",
    kind: "department",
    prefix: "市中住建发",
    topic: "城乡建设、环境保护",
    weight: 5,
  },
  {
    name: "市中区城市管理局",
    kind: "department",
    prefix: "市中城管发",
    topic: "城乡建设、环境保护",
    weight: 3,
  },
  { name: "市中区交通运输局", kind: "department", prefix: "市中交发", topic: "工业、交通", weight: 2 },
  { name: "市中区水务局", kind: "department", prefix: "市中水发", topic: "农业、林业、水利", weight: 2 },
  { name: "市中区农业农村局", kind: "department", prefix: "市中农发", topic: "农业、林业、水利", weight: 3 },
  { name: "市中区商务局", kind: "department", prefix: "市中商发", topic: "商贸、海关、旅游", weight: 2 },
  {
    name: "市中区文化和旅游局",
    kind: "department",
    prefix: "市中文旅发",
    topic: "文化、广电、新闻出版",
    weight: 2,
  },
  { name: "市中区卫生健康局", kind: "department", prefix: "市中卫健发", topic: "卫生、体育", weight: 5 },
  {
    name: "市中区退役军人事务局",
    kind: "department",
    prefix: "市中退役军人发",
    topic: "民政、扶贫、救灾",
    weight: 1,
  },
  {
    name: "市中区应急管理局",
    kind: "department",
    prefix: "市中应急发",
    topic: "市场监管、安全生产监管",
    weight: 3,
  },
  {
    name: "市中区市场监督管理局",
    kind: "department",
    prefix: "市中市监发",
    topic: "市场监管、安全生产监管",
    weight: 4,
  },
  { name: "市中区医疗保障局", kind: "department", prefix: "市中医保发", topic: "卫生、体育", weight: 2 },
  {
    name: "市中区统计局",
    kind: "department",
    prefix: "市中统发",
    topic: "国民经济管理、国有资产监管",
    weight: 1,
  },
  {
    name: "济南市生态环境局市中分局",
    kind: "department",
    prefix: "济环市中发",
    topic: "城乡建设、环境保护",
    weight: 2,
  },
  { name: "大观园街道办事处", kind: "subdistrict", prefix: "大观园办发", topic: "综合政务", weight: 1 },
  { name: "杆石桥街道办事处", kind: "subdistrict", prefix: "杆石桥办发", topic: "综合政务", weight: 1 },
  { name: "四里村街道办事处", kind: "subdistrict", prefix: "四里村办发", topic: "综合政务", weight: 1 },
  { name: "魏家庄街道办事处", kind: "subdistrict", prefix: "魏家庄办发", topic: "综合政务", weight: 1 },
  { name: "二七新村街道办事处", kind: "subdistrict", prefix: "二七办发", topic: "综合政务", weight: 1 },
  { name: "七里山街道办事处", kind: "subdistrict", prefix: "七里山办发", topic: "综合政务", weight: 1 },
  { name: "六里山街道办事处", kind: "subdistrict", prefix: "六里山办发", topic: "综合政务", weight: 1 },
  { name: "舜玉路街道办事处", kind: "subdistrict", prefix: "舜玉办发", topic: "综合政务", weight: 1 },
  { name: "舜耕街道办事处", kind: "subdistrict", prefix: "舜耕办发", topic: "综合政务", weight: 1 },
  { name: "白马山街道办事处", kind: "subdistrict", prefix: "白马山办发", topic: "综合政务", weight: 1 },
  { name: "七贤街道办事处", kind: "subdistrict", prefix: "七贤办发", topic: "综合政务", weight: 1 },
  { name: "十六里河街道办事处", kind: "subdistrict", prefix: "十六里河办发", topic: "综合政务", weight: 1 },
  { name: "兴隆街道办事处", kind: "subdistrict", prefix: "兴隆办发", topic: "综合政务", weight: 1 },
  { name: "党家街道办事处", kind: "subdistrict", prefix: "党家办发", topic: "综合政务", weight: 1 },
];

/** The 22 State Council subject classes seeded by migration 0010. */
const STATE_TOPICS = [
  "国务院组织机构",
  "综合政务",
  "国民经济管理、国有资产监管",
  "财政、金融、审计",
  "国土资源、能源",
  "农业、林业、水利",
  "工业、交通",
  "商贸、海关、旅游",
  "市场监管、安全生产监管",
  "城乡建设、环境保护",
  "科技、教育",
  "文化、广电、新闻出版",
  "卫生、体育",
  "人口与计划生育、妇女儿童工作",
  "劳动、人事、监察",
  "公安、安全、司法",
  "民政、扶贫、救灾",
  "民族、宗教",
  "对外事务",
  "港澳台侨工作",
  "国防",
  "其他",
];

type TKind = "policy" | "normative" | "interpretation" | "gazette" | "notice" | "other";
const KIND_SHARE: readonly (readonly [TKind, number])[] = [
  ["policy", 40],
  ["notice", 25],
  ["normative", 15],
  ["interpretation", 10],
  ["other", 7],
  ["gazette", 3],
];
const VALIDITY_SHARE: readonly (readonly [string, number])[] = [
  ["valid", 82],
  ["repealed", 7],
  ["invalid", 6],
  ["amended", 5],
];
/** More is published every year: weight = year − 2006. */
const YEAR_SHARE: readonly (readonly [number, number])[] = Array.from(
  { length: 18 },
  (_, i) => [2008 + i, 2 + i] as const,
);

// ---------------------------------------------------------------------------------------------
// The fixed query set

// ---------------------------------------------------------------------------------------------
// Scale-up documents from the corpus

type TSource = { title: string; paragraphs: string[] };
type TUnit = TUnitSpec & { id: number; code: string };

/** Real titles and body paragraphs of the imported corpus. */
async function loadSources(database: TDatabase): Promise<TSource[]> {
  const rows = await database.query<{ title: string; body: string }>(
    "select title, body from documents order by id",
  );
  return rows
    .map((r) => ({
      title: r.title,
      paragraphs: r.body
        .split(/\n+/)
        .map((p) => p.trim())
        .filter((p) => p.length >= 12 && !p.startsWith("#") && !p.startsWith("<!--")),
    }))
    .filter((s) => s.paragraphs.length > 0);
}

/** A title as a district document would cite it: without 中华人民共和国 and a trailing version note. */
function coreOf(title: string): string {
  return title.replace(/^中华人民共和国/, "").replace(/[（(][^）)]*[）)]$/, "");
}

type TGenerated = {
  title: string;
  kind: TKind;
  docNumber: string;
  unit: TUnit;
  writtenAt: string;
  publishedAt: string;
  validity: string;
  topics: string[];
  body: string;
  year: number;
};

/** A generator of documents: the same seed and sources give the same sequence. */
function documentGenerator(seed: number, sources: TSource[], units: TUnit[]) {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)] as T;
  const pickUnit = weighted(
    rnd,
    units.map((u) => [u, u.weight] as const),
  );
  const pickKind = weighted(rnd, KIND_SHARE);
  const pickValidity = weighted(rnd, VALIDITY_SHARE);
  const pickYear = weighted(rnd, YEAR_SHARE);
  const docSeq = new Map<string, number>();

  const titleOf = (unit: TUnit, kind: TKind, year: number): string => {
    const a = pick(sources).title;
    const b = pick(sources).title;
    const forms: Record<TKind, string[]> = {
      policy: [
        `${unit.name}关于贯彻落实《${a}》的实施意见`,
        `${unit.name}关于印发《${DISTRICT}贯彻${coreOf(a)}若干措施》的通知`,
      ],
      normative: [
        `${unit.name}关于印发《${DISTRICT}${coreOf(a)}实施办法》的通知`,
        `${unit.name}关于印发《${DISTRICT}${coreOf(a)}实施细则》的通知`,
      ],
      notice: [
        `${unit.name}关于做好《${a}》宣传贯彻工作的通知`,
        `${unit.name}关于开展${coreOf(a)}执法检查的通知`,
        `${unit.name}关于转发《${a}》和《${b}》的通知`,
      ],
      interpretation: [`《${unit.name}关于贯彻落实〈${coreOf(a)}〉的实施意见》政策解读`],
      gazette: [`${unit.name}关于${coreOf(a)}实施情况的公告`],
      other: [`${unit.name}${year}年贯彻实施${coreOf(a)}工作情况报告`],
    };
    return pick(forms[kind]);
  };

  const docNumberOf = (unit: TUnit, kind: TKind, year: number): string => {
    if (!(kind === "policy" || kind === "normative" || kind === "notice") || rnd() >= 0.85) return "";
    const key = `${unit.prefix}/${year}`;
    const seq = (docSeq.get(key) ?? 0) + 1;
    docSeq.set(key, seq);
    return `${unit.prefix}〔${year}〕${seq}号`;
  };

  /** 5–15 real paragraphs, in runs of consecutive paragraphs from one to a few source texts. */
  const bodyOf = (unit: TUnit, kind: TKind, publishedAt: string): string => {
    const target = int(5, 15);
    const paragraphs: string[] = [];
    while (paragraphs.length < target) {
      const src = pick(sources);
      const start = int(0, src.paragraphs.length - 1);
      const take = Math.min(int(2, 6), target - paragraphs.length, src.paragraphs.length - start);
      paragraphs.push(...src.paragraphs.slice(start, start + take));
    }
    const [y, m, d] = publishedAt.split("-").map(Number);
    const opening = kind === "interpretation" ? "一、起草背景" : "各街道办事处，区政府各部门，各有关单位：";
    return [opening, ...paragraphs, unit.name, `${y}年${m}月${d}日`].join("\n\n");
  };

  return (): TGenerated => {
    const unit = pickUnit();
    const kind = pickKind();
    const year = pickYear();
    const published = new Date(Date.UTC(year, 0, 1) + int(0, 364) * 86_400_000);
    const written = new Date(published.getTime() - int(1, 20) * 86_400_000);
    const publishedAt = published.toISOString().slice(0, 10);
    const topics = [unit.topic];
    if (rnd() < 0.3) {
      const second = pick(STATE_TOPICS);
      if (second !== unit.topic) topics.push(second);
    }
    return {
      title: titleOf(unit, kind, year),
      kind,
      docNumber: docNumberOf(unit, kind, year),
      unit,
      writtenAt: written.toISOString().slice(0, 10),
      publishedAt,
      validity: pickValidity(),
      topics,
      body: bodyOf(unit, kind, publishedAt),
      year,
    };
  };
}

/** A PostgreSQL array literal of text values. */
function textArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}

const INSERT_COLUMNS = [
  ["index_no", "text"],
  ["kind", "text"],
  ["title", "text"],
  ["doc_number", "text"],
  ["doc_number_key", "text"],
  ["unit_id", "int"],
  ["issuer", "text"],
  ["written_at", "date"],
  ["published_at", "date"],
  ["validity", "text"],
  ["topics", "text[]"],
  ["status", "text"],
  ["publish_at", "timestamptz"],
  ["body", "text"],
  ["created_by", "text"],
] as const;

type TScaleUp = {
  generated: number;
  statements: number;
  generateMs: number;
  segmentMs: number;
  insertMs: number;
};

/**
 * Writes `count` generated documents in multi-row INSERTs, each with its row of the search index
 * (document_search) in the same statement. The vector is built by the same SQL function as the app's
 * (document_search_vector) from the app's own segmentation (searchTextOf).
 */
async function scaleUp(
  database: TDatabase,
  count: number,
  seed: number,
  sources: TSource[],
  units: TUnit[],
): Promise<TScaleUp> {
  const next = documentGenerator(seed, sources, units);
  const indexSeq = await indexCounters(database);
  const result: TScaleUp = { generated: 0, statements: 0, generateMs: 0, segmentMs: 0, insertMs: 0 };
  const names = INSERT_COLUMNS.map(([n]) => n).join(", ");
  const started = performance.now();
  for (let done = 0; done < count; ) {
    const size = Math.min(INSERT_BATCH, count - done);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (let i = 0; i < size; i++) {
      const t0 = performance.now();
      const g = next();
      const key = `${g.unit.id}/${g.year}`;
      const seq = (indexSeq.get(key) ?? 0) + 1;
      indexSeq.set(key, seq);
      const values = [
        `${g.unit.code}/${g.year}-${String(seq).padStart(5, "0")}`,
        g.kind,
        g.title,
        g.docNumber,
        docNumberKeyOf(g.docNumber),
        g.unit.id,
        g.unit.name,
        g.writtenAt,
        g.publishedAt,
        g.validity,
        textArray(g.topics),
        "published",
        `${g.publishedAt}T09:00:00+08:00`,
        g.body,
        ACTOR.name,
      ];
      const t1 = performance.now();
      const text = searchTextOf({
        title: g.title,
        docNumber: g.docNumber,
        issuer: g.unit.name,
        keywords: [],
        topics: g.topics,
        summary: "",
        body: g.body,
      });
      const t2 = performance.now();
      result.generateMs += t1 - t0;
      result.segmentMs += t2 - t1;
      const cells = values.map((v, j) => {
        params.push(v);
        return `$${params.length}::${INSERT_COLUMNS[j]?.[1]}`;
      });
      params.push(text.title, text.keywords, text.body.slice(0, MAX_INDEXED_CHARS));
      cells.push(`$${params.length - 2}::text`, `$${params.length - 1}::text`, `$${params.length}::text`);
      tuples.push(`(${cells.join(", ")})`);
    }
    const t3 = performance.now();
    // 索引号 is unique: it pairs each inserted document with its words for the search index.
    await database.query(
      `with v (${names}, title_words, keyword_words, body_words) as (values ${tuples.join(", ")}),
         d as (insert into documents (${names}) select ${names} from v returning *)
       insert into document_search (document_id, unit_id, kind, status, publish_at, published_at, validity,
           repealed_at, ends_as, topics, title, doc_number_key, search_vector)
         select d.id, d.unit_id, d.kind, d.status, d.publish_at, d.published_at, d.validity, d.repealed_at,
           d.ends_as, d.topics, d.title, d.doc_number_key,
           document_search_vector(v.title_words, v.keyword_words, v.body_words)
         from d join v on v.index_no = d.index_no`,
      params,
    );
    result.insertMs += performance.now() - t3;
    result.statements++;
    done += size;
    result.generated = done;
    if (result.statements % 20 === 0 || done === count)
      console.log(
        `  已写入 ${fmt(done, 0)} / ${fmt(count, 0)} 件（${fmt((performance.now() - started) / 1000, 1)} s）`,
      );
  }
  await saveIndexCounters(database, indexSeq);
  return result;
}

/** The 索引号 sequence numbers already handed out, per unit and year, so that generated ones follow on. */
async function indexCounters(database: TDatabase): Promise<Map<string, number>> {
  const rows = await database.query<{ unit_id: number; year: number; last: number }>(
    "select unit_id, year, last from document_index_counters",
  );
  return new Map(rows.map((r) => [`${r.unit_id}/${r.year}`, r.last]));
}

async function saveIndexCounters(database: TDatabase, seq: Map<string, number>): Promise<void> {
  const rows = [...seq.entries()].map(([key, last]) => [...key.split("/").map(Number), last] as number[]);
  for (let i = 0; i < rows.length; i += 1000) {
    const slice = rows.slice(i, i + 1000);
    await database.query(
      `insert into document_index_counters (unit_id, year, last) values ${slice
        .map((_, j) => `($${3 * j + 1}::int, $${3 * j + 2}::int, $${3 * j + 3}::int)`)
        .join(", ")} on conflict (unit_id, year) do update set last = excluded.last`,
      slice.flat(),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Measuring one query

type TStatementKey = "top" | "rest" | "details" | "facets";
const STATEMENT_LABELS: Record<TStatementKey, string> = {
  top: "取出各词所在的文件（每个词第一次被查时，从全文索引）",
  rest: "检索副本的版本（每次检索一次）",
  details: "读取本页文件和摘要片段",
  facets: "分面中发布机构的名称（计分、计数和分面本身在进程内存中）",
};

/** What searchDocuments sends for a query: its statements, recognised by their shape, and any `set` before them. */
type TStatements = Partial<Record<TStatementKey, TCaptured>> & { settings: TCaptured[] };

async function captureStatements(database: TDatabase, q: string): Promise<TStatements> {
  const captured: TCaptured[] = [];
  await searchDocuments(capturingDb(database, captured), { q, page: 1, pageSize: PAGE_SIZE });
  const out: TStatements = { settings: [] };
  for (const c of captured) {
    // The page and the counts run at once, each in its own transaction: each sets the same options.
    if (/^\s*set\s|set_config\('enable_seqscan'/i.test(c.query)) {
      if (!out.settings.some((x) => x.query === c.query)) out.settings.push(c);
    } else if (/from units where id in/i.test(c.query)) out.facets = c;
    else if (/"bodyExcerpt"/.test(c.query)) out.details = c;
    else if (/array\(select document_id from document_search/.test(c.query)) out.top = c;
    else if (/^\s*select \(select coalesce\(max\(id\)/.test(c.query)) out.rest = c;
  }
  return out;
}

/**
 * Runs `fn` as the app runs the statement: when it sets planner options (`set local …`) first, inside a
 * transaction on one connection with the same settings.
 */
async function inSession<T>(
  database: TDatabase,
  settings: TCaptured[],
  fn: (c: TConnection) => Promise<T>,
): Promise<T> {
  if (settings.length === 0) return fn(database);
  return database.withConnection(async (c) => {
    await c.exec("begin");
    try {
      for (const s of settings) await c.query(s.query, s.params);
      return await fn(c);
    } finally {
      await c.exec("commit");
    }
  });
}

/** Milliseconds of each measured run of one captured statement (the transaction around it not counted). */
async function timeStatement(
  database: TDatabase,
  settings: TCaptured[],
  s: TCaptured,
  rounds: { warmup: number; repeat: number },
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < rounds.warmup + rounds.repeat; i++) {
    const ms = await inSession(database, settings, async (c) => {
      const t0 = performance.now();
      await c.query(s.query, s.params);
      return performance.now() - t0;
    });
    if (i >= rounds.warmup) samples.push(ms);
  }
  return samples;
}

const ILIKE_PAGE = `select id, title, doc_number, published_at from documents
  where title ilike $1 or body ilike $1 order by published_at desc limit ${PAGE_SIZE}`;
const ILIKE_COUNT = "select count(*)::int as n from documents where title ilike $1 or body ilike $1";

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, "\\$&")}%`;
}

type TQueryResult = {
  q: string;
  kind: string;
  hits: { search: number; ilike: number };
  /** Planner settings the app sets before its statements (`set local …`), if any. */
  settings: string[];
  samples: Record<"search" | TStatementKey | "ilikePage" | "ilikeTotal", number[]>;
  ms: Record<"search" | TStatementKey | "ilikePage" | "ilikeTotal", TStats>;
  explain: Partial<Record<TStatementKey | "ilikePage" | "ilikeCount", TExplain>>;
};

async function measureQuery(database: TDatabase, query: TQuery, o: TOptions): Promise<TQueryResult> {
  const db = database.db;
  const rounds = { warmup: o.warmup, repeat: o.repeat };
  const first = await searchDocuments(db, { q: query.q, page: 1, pageSize: PAGE_SIZE });
  const search = await sample(rounds, () =>
    searchDocuments(db, { q: query.q, page: 1, pageSize: PAGE_SIZE }),
  );
  const statements = await captureStatements(database, query.q);
  const timed: Record<TStatementKey, number[]> = { top: [], rest: [], details: [], facets: [] };
  for (const key of Object.keys(timed) as TStatementKey[]) {
    const s = statements[key];
    if (s) timed[key] = await timeStatement(database, statements.settings, s, rounds);
  }

  const pattern = likePattern(query.q);
  // --ilike-repeat 0 leaves the ILIKE comparison out (it reads the whole table, seconds each time).
  const [{ n: ilikeHits } = { n: 0 }] =
    o.ilikeRepeat > 0 ? await database.query<{ n: number }>(ILIKE_COUNT, [pattern]) : [];
  const ilikePage: number[] = [];
  const ilikeTotal: number[] = [];
  if (o.ilikeRepeat > 0)
    await sample({ warmup: 1, repeat: o.ilikeRepeat }, async (i) => {
      const t0 = performance.now();
      await database.query(ILIKE_PAGE, [pattern]);
      const t1 = performance.now();
      await database.query(ILIKE_COUNT, [pattern]);
      if (i < 1) return;
      ilikePage.push(t1 - t0);
      ilikeTotal.push(performance.now() - t0);
    });

  const plans: TQueryResult["explain"] = {};
  for (const key of Object.keys(timed) as TStatementKey[]) {
    const s = statements[key];
    if (s) plans[key] = await inSession(database, statements.settings, (c) => explain(c, s));
  }
  if (o.ilikeRepeat > 0) {
    plans.ilikePage = await explain(database, { query: ILIKE_PAGE, params: [pattern] });
    plans.ilikeCount = await explain(database, { query: ILIKE_COUNT, params: [pattern] });
  }

  const samples = { search, ...timed, ilikePage, ilikeTotal };
  const ms = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v)])) as TQueryResult["ms"];
  return {
    q: query.q,
    kind: query.kind,
    hits: { search: first.total, ilike: ilikeHits },
    settings: statements.settings.map((c) => c.query),
    samples,
    ms,
    explain: plans,
  };
}

// ---------------------------------------------------------------------------------------------
// Database facts for the report

async function settingsOf(database: TDatabase): Promise<Record<string, string>> {
  const rows = await database.query<{ name: string; setting: string; unit: string | null }>(
    `select name, setting, unit from pg_settings where name in
      ('shared_buffers', 'work_mem', 'effective_cache_size', 'jit', 'max_parallel_workers_per_gather',
       'autovacuum', 'random_page_cost', 'gin_fuzzy_search_limit')`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.unit ? `${r.setting} (${r.unit})` : r.setting]));
}

async function sizesOf(database: TDatabase) {
  const [row] = await database.query<Record<string, string>>(
    `select count(*)::text as documents,
       pg_size_pretty(pg_table_size('documents')) as "table",
       pg_size_pretty(pg_relation_size('documents')) as heap,
       pg_size_pretty(pg_indexes_size('documents')) as indexes,
       pg_size_pretty(pg_relation_size('document_search')) as "searchHeap",
       pg_size_pretty(pg_relation_size('document_search_vector_idx')) as "searchIndex",
       sum(length(body))::text as "bodyChars",
       avg(length(body))::int::text as "avgBodyChars"
     from documents`,
  );
  return row ?? {};
}

// ---------------------------------------------------------------------------------------------

async function createUnits(db: TDatabase["db"]): Promise<TUnit[]> {
  const units: TUnit[] = [];
  for (const [i, spec] of UNITS.entries()) {
    const row = await createUnit(db, ACTOR, {
      name: spec.name,
      kind: spec.kind,
      aliases: [],
      address: "",
      phone: "",
      duties: "",
      sortOrder: i + 1,
    });
    units.push({ ...spec, id: row.id, code: `GK${String(row.id).padStart(4, "0")}` });
  }
  return units;
}

async function importCorpus(db: TDatabase["db"], root: string, unitId: number) {
  const t0 = performance.now();
  let lastLog = t0;
  const report: TImportReport = await importDocuments(db, ACTOR, {
    root,
    unitId,
    onProgress: (done, total) => {
      const now = performance.now();
      if (now - lastLog > 10_000 || done === total) {
        lastLog = now;
        console.log(`  已导入 ${done} / ${total} 个文件（${fmt((now - t0) / 1000, 1)} s）`);
      }
    },
  });
  const ms = performance.now() - t0;
  return { report, ms };
}

const ROW_KEYS = ["search", "top", "rest", "details", "facets", "ilikePage", "ilikeTotal"] as const;
const ROW_LABELS: Record<(typeof ROW_KEYS)[number], string> = {
  search: "项目搜索 searchDocuments（一页 + 分面 + 摘要）",
  top: STATEMENT_LABELS.top,
  rest: STATEMENT_LABELS.rest,
  details: STATEMENT_LABELS.details,
  facets: STATEMENT_LABELS.facets,
  ilikePage: "ILIKE：只取一页",
  ilikeTotal: "ILIKE：一页 + 计数",
};

async function main(): Promise<void> {
  const o = readOptions(parseOptions, usage);
  const host = await machine();
  const startedAt = new Date();
  warnIfBusy(host, "结果可能偏高且不稳定");

  const { database, label, cleanup } = await openFresh(o.databaseUrl, o.keep, "gongkai-bench-search-");
  try {
    const version = await serverVersion(database);
    const autovacuumLauncher = await hasAutovacuum(database);
    const settings = await settingsOf(database);
    console.log(`${label}：${version}；autovacuum launcher：${autovacuumLauncher ? "有" : "无"}`);
    await migrate(database);
    const db = database.db;
    const units = await createUnits(db);
    const importUnit = units[1] as TUnit;

    // ---- the whole corpus through the app's importer
    console.log(`导入语料 ${o.corpus}（发布机构：${importUnit.name}）……`);
    const imported = await importCorpus(db, o.corpus, importUnit.id);
    const r = imported.report;
    console.log(
      `导入：${r.files} 个文件，新建 ${r.created}、更新 ${r.updated}、未变 ${r.unchanged}、跳过 ${r.skipped.length}、失败 ${r.failed.length}；` +
        `${fmt(imported.ms / 1000, 1)} s，${fmt((r.files * 1000) / imported.ms, 1)} 个文件/s`,
    );

    // ---- scale-up
    const [{ n: afterImport } = { n: 0 }] = await database.query<{ n: number }>(
      "select count(*)::int as n from documents",
    );
    const toGenerate = Math.max(0, o.docs - afterImport);
    const sources = await loadSources(database);
    if (toGenerate > 0 && sources.length === 0) throw new Error("语料中没有可用的正文段落，无法生成文件");
    console.log(`生成 ${fmt(toGenerate, 0)} 件文件（来源：${sources.length} 件导入文件的标题和段落）……`);
    const scaled = toGenerate > 0 ? await scaleUp(database, toGenerate, o.seed, sources, units) : null;
    if (scaled)
      console.log(
        `扩充：${fmt(scaled.generated, 0)} 件，生成 ${fmt(scaled.generateMs / 1000, 1)} s、分词 ${fmt(scaled.segmentMs / 1000, 1)} s、` +
          `写入 ${fmt(scaled.insertMs / 1000, 1)} s（${scaled.statements} 条多行 INSERT）`,
      );

    const tv = performance.now();
    await database.exec("vacuum analyze documents");
    await database.exec("vacuum analyze document_search");
    await database.exec("vacuum analyze units");
    const vacuumMs = performance.now() - tv;
    const sizes = await sizesOf(database);
    console.log(`VACUUM ANALYZE：${fmt(vacuumMs / 1000, 1)} s；${JSON.stringify(sizes)}`);

    // ---- queries
    const results: TQueryResult[] = [];
    for (const query of QUERIES) {
      const res = await measureQuery(database, query, o);
      results.push(res);
      console.log(
        `  ${query.q}：命中 ${res.hits.search} / ILIKE ${res.hits.ilike}；搜索 p50 ${fmt(res.ms.search.p50)} p95 ${fmt(res.ms.search.p95)} ms，` +
          `排序 p50 ${fmt(res.ms.top.p50)}，分面 p50 ${fmt(res.ms.facets.p50)}${res.samples.ilikeTotal.length > 0 ? `，ILIKE 一页+计数 p50 ${fmt(res.ms.ilikeTotal.p50)}` : ""} ms`,
      );
    }
    const overall = Object.fromEntries(
      ROW_KEYS.map((k) => [k, stats(results.flatMap((x) => x.samples[k]))]),
    ) as Record<(typeof ROW_KEYS)[number], TStats>;

    // ---- report
    const docs = Number(sizes.documents ?? 0);
    console.log(
      `\n${label}，${fmt(docs, 0)} 件文件；${QUERIES.length} 条查询，每条预热 ${o.warmup} 次、测量 ${o.repeat} 次` +
        `（ILIKE 预热 1 次、测量 ${o.ilikeRepeat} 次）\n`,
    );
    console.log(
      table(
        [
          ["方法（全部查询）", "p50 ms", "p95 ms", "最大 ms", "样本"],
          ...ROW_KEYS.filter((k) => overall[k].samples > 0).map((k) => [
            ROW_LABELS[k],
            fmt(overall[k].p50),
            fmt(overall[k].p95),
            fmt(overall[k].max),
            String(overall[k].samples),
          ]),
        ],
        true,
      ),
    );
    console.log("");
    console.log(
      table(
        [
          [
            "查询",
            "命中",
            "ILIKE 命中",
            "搜索 p50",
            "p95",
            "排序 p50",
            "词频 p50",
            "分面 p50",
            "ILIKE p50",
            "p95",
          ],
          ...results.map((x) => [
            x.q,
            fmt(x.hits.search, 0),
            fmt(x.hits.ilike, 0),
            fmt(x.ms.search.p50),
            fmt(x.ms.search.p95),
            fmt(x.ms.top.p50),
            x.samples.rest.length > 0 ? fmt(x.ms.rest.p50) : "—",
            fmt(x.ms.facets.p50),
            x.samples.ilikeTotal.length > 0 ? fmt(x.ms.ilikeTotal.p50) : "—",
            x.samples.ilikeTotal.length > 0 ? fmt(x.ms.ilikeTotal.p95) : "—",
          ]),
        ],
        true,
      ),
    );

    const slowest = [...results].sort((a, b) => b.ms.search.p95 - a.ms.search.p95)[0];
    if (slowest) {
      console.log(`\n最慢的查询（按搜索 p95）：${slowest.q}`);
      for (const key of ["top", "rest", "details", "facets"] as const) {
        const p = slowest.explain[key];
        if (!p) continue;
        console.log(
          `\n${STATEMENT_LABELS[key]}：\n${p.sql}\n参数：${JSON.stringify(p.params)}\n${p.plan.join("\n")}`,
        );
      }
    }
    console.log("\n各查询的扫描方式（EXPLAIN ANALYZE）：");
    for (const x of results)
      for (const [key, p] of Object.entries(x.explain))
        console.log(
          `  ${x.q} / ${key}：${scans(p.plan) || "（无扫描节点）"}；执行 ${p.executionMs ?? "?"} ms`,
        );

    // The catalogue's first page (no query, no filter): every public document counted for the facets.
    const catalogue = stats(
      await sample({ warmup: o.warmup, repeat: o.repeat }, () =>
        searchDocuments(db, { page: 1, pageSize: PAGE_SIZE }),
      ),
    );
    console.log(
      `\n目录首页（无查询、无过滤，全部 ${fmt(docs, 0)} 件计入分面）：p50 ${fmt(catalogue.p50)} ms，p95 ${fmt(catalogue.p95)} ms（不计入检索目标）`,
    );

    // Words found in most documents, apart from the fixed set of the target: where counting facets costs most.
    const veryCommon: Record<string, TStats & { hits: number }> = {};
    for (const q of VERY_COMMON_WORDS) {
      const { total } = await searchDocuments(db, { q, page: 1, pageSize: PAGE_SIZE });
      const measured = stats(
        await sample({ warmup: o.warmup, repeat: o.repeat }, () =>
          searchDocuments(db, { q, page: 1, pageSize: PAGE_SIZE }),
        ),
      );
      veryCommon[q] = { ...measured, hits: total };
      console.log(
        `极常用词“${q}”（命中 ${fmt(total, 0)} 件）：p50 ${fmt(measured.p50)} ms，p95 ${fmt(measured.p95)} ms（不计入检索目标）`,
      );
    }

    const p95 = overall.search.p95;
    const importSeconds = imported.ms / 1000;
    console.log(
      `\n目标：全部语料导入 ≤ ${TARGET_IMPORT_SECONDS} s：${fmt(importSeconds, 1)} s，${importSeconds <= TARGET_IMPORT_SECONDS ? "达到" : "未达到"}；` +
        `搜索 p95 ≤ ${TARGET_P95_MS} ms（目标针对 PostgreSQL、10 万件）：${fmt(p95)} ms，${p95 <= TARGET_P95_MS ? "达到" : "未达到"}`,
    );

    const report = {
      benchmark: "search: corpus import, scale-up, searchDocuments vs ILIKE",
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      command: commandLine("bench:search"),
      machine: { ...host, loadAvgAtEnd: loadAvg() },
      database: { kind: label, version, autovacuumLauncher, settings },
      options: { ...o, databaseUrl: o.databaseUrl ? "(given)" : undefined, pageSize: PAGE_SIZE },
      import: {
        ms: imported.ms,
        files: r.files,
        created: r.created,
        updated: r.updated,
        unchanged: r.unchanged,
        filesPerSecond: (r.files * 1000) / imported.ms,
        skipped: r.skipped,
        failed: r.failed,
        underived: r.underived.map((u) => ({ problem: u.problem, count: u.count })),
      },
      scaleUp: scaled,
      vacuumAnalyzeMs: vacuumMs,
      sizes,
      targets: {
        importSeconds: { target: TARGET_IMPORT_SECONDS, measured: importSeconds },
        searchP95Ms: { target: TARGET_P95_MS, measured: p95 },
      },
      labels: ROW_LABELS,
      overallMs: overall,
      catalogueFirstPageMs: catalogue,
      veryCommonWordsMs: veryCommon,
      queries: results.map(({ samples: _samples, ...rest }) => rest),
    };
    const file = await writeResults(`search-${database.kind}`, startedAt, report);
    console.log(`\n结果已写入 ${path.relative(process.cwd(), file)}`);
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
