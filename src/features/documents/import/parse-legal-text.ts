import { chineseNumber } from "../../../platform/text";
import type { TDocumentKind, TValidity } from "../documents.schemas";

/** 效力级别 of a legal text, as the library shows it. */
export const LEGAL_LEVELS = [
  "宪法",
  "法律",
  "行政法规",
  "部门规章",
  "司法解释",
  "地方性法规",
  "地方政府规章",
  "其他",
] as const;
export type TLegalLevel = (typeof LEGAL_LEVELS)[number];

/** What one Markdown legal text yields for the document library, with what could not be derived. */
export type TParsedLegalText = {
  /** Stable identity across re-imports: the file's base name (title and version date), not its folder. */
  sourceKey: string;
  title: string;
  kind: TDocumentKind;
  level: TLegalLevel;
  issuer: string | null;
  docNumber: string | null;
  /** The version date written in the file name, `YYYY-MM-DD`. */
  versionDate: string | null;
  writtenAt: string | null;
  publishedAt: string | null;
  effectiveAt: string | null;
  validity: TValidity;
  history: string[];
  body: string;
  problems: string[];
  /** Set when the file cannot become a document at all; the importer skips it. */
  fatal: string | null;
};

const MARKER = "<!-- INFO END -->";

/** Problems reported to the person running the import. */
export const IMPORT_PROBLEMS = {
  noTitle: "缺少标题行，已用文件名作为标题",
  noVersionDate: "文件名中没有版本日期",
  noMarker: "缺少“INFO END”标记，已按日期行划分沿革与正文",
  noIssuer: "未能识别发文机关",
  presumedIssuer: "发文机关系按目录推定",
  noDocNumber: "未能识别文号",
  noWrittenAt: "未能识别成文日期",
  noPublishedAt: "未能识别发布日期",
  publishedFromFileName: "发布日期取自文件名中的版本日期",
  noEffectiveAt: "未能识别施行日期",
  noLevel: "未能从目录识别效力级别",
  historyBehind: "沿革未记载文件名所示的版本，成文日期和文号未予采用",
  historyAhead: "沿革记载了晚于文件名所示版本的修改，正文可能不是最新文本",
  unreadHistory: (line: string) => `沿革中有未能识别的内容：${line}`,
  emptyBody: "正文为空",
} as const;

/** Reads one corpus file (its path below the import folder and its text) into library fields; no I/O. */
export function parseLegalText(relPath: string, content: string): TParsedLegalText {
  const problems: string[] = [];
  const { baseName, versionDate } = readFileName(relPath);
  if (!versionDate) problems.push(IMPORT_PROBLEMS.noVersionDate);
  const parts = splitParts(content);
  if (!parts.hasMarker) problems.push(IMPORT_PROBLEMS.noMarker);
  const title = parts.title ?? baseName.replace(DATE_SUFFIX, "").trim();
  if (!parts.title) problems.push(IMPORT_PROBLEMS.noTitle);

  const events = readHistory(parts.history, title);
  const unread = events.filter((e) => e.action === null && e.text !== "");
  for (const e of unread) problems.push(IMPORT_PROBLEMS.unreadHistory(excerpt(e.text)));
  const version = latestVersion(events, parts.body, versionDate);
  if (version.isHistoryBehind) problems.push(IMPORT_PROBLEMS.historyBehind);
  if (versionDate && version.writtenAt && versionDate < version.writtenAt) {
    problems.push(IMPORT_PROBLEMS.historyAhead);
  }
  const derivedIssuer = firstIssuer(events) ?? issuerFromTitle(title);
  const level = levelOf(relPath, derivedIssuer);
  const issuer = derivedIssuer ?? presumedIssuer(relPath, level.level);
  const docNumber =
    version.docNumber ?? docNumberLine(parts.history) ?? docNumberLine(leadingLines(parts.body));
  const publishedAt = version.publishedAt ?? versionDate;

  if (!issuer) problems.push(IMPORT_PROBLEMS.noIssuer);
  else if (!derivedIssuer) problems.push(IMPORT_PROBLEMS.presumedIssuer);
  if (!docNumber) problems.push(IMPORT_PROBLEMS.noDocNumber);
  if (!version.writtenAt) problems.push(IMPORT_PROBLEMS.noWrittenAt);
  if (!publishedAt) problems.push(IMPORT_PROBLEMS.noPublishedAt);
  else if (!version.publishedAt) problems.push(IMPORT_PROBLEMS.publishedFromFileName);
  if (!version.effectiveAt) problems.push(IMPORT_PROBLEMS.noEffectiveAt);
  if (!level.fromFolder) problems.push(IMPORT_PROBLEMS.noLevel);
  const fatal = parts.body === "" ? IMPORT_PROBLEMS.emptyBody : null;

  return {
    sourceKey: baseName,
    title,
    kind: kindOf(relPath),
    level: level.level,
    issuer,
    docNumber,
    versionDate,
    writtenAt: version.writtenAt,
    publishedAt,
    effectiveAt: version.effectiveAt,
    validity: validityOf(title, events),
    history: parts.history,
    body: parts.body,
    problems,
    fatal,
  };
}

/** Keys of texts that a later version of the same title replaces (validity "amended"); undated ones are left alone. */
export function supersededKeys(
  texts: Pick<TParsedLegalText, "sourceKey" | "title" | "level" | "versionDate">[],
): Set<string> {
  const newest = new Map<string, string>();
  for (const t of texts) {
    const group = `${t.level}\u0000${t.title}`;
    const date = newest.get(group);
    if (t.versionDate && (!date || t.versionDate > date)) newest.set(group, t.versionDate);
  }
  const keys = new Set<string>();
  for (const t of texts) {
    const date = newest.get(`${t.level}\u0000${t.title}`);
    if (t.versionDate && date && t.versionDate < date) keys.add(t.sourceKey);
  }
  return keys;
}

// ---------------------------------------------------------------- file name and layout

const DATE_SUFFIX = /[(（](\d{4}-\d{2}-\d{2})[)）]$/;

function readFileName(relPath: string): { baseName: string; versionDate: string | null } {
  const name = relPath.split(/[\\/]/).pop() ?? relPath;
  const baseName = name.replace(/\.md$/i, "");
  const date = DATE_SUFFIX.exec(baseName)?.[1] ?? null;
  return { baseName, versionDate: date && isRealDate(date) ? date : null };
}

type TParts = { title: string | null; history: string[]; body: string; hasMarker: boolean };

function splitParts(content: string): TParts {
  const text = content.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const at = text.indexOf(MARKER);
  const { title, rest } = readTitle((at >= 0 ? text.slice(0, at) : text).split("\n"));
  if (at >= 0) {
    return { title, history: nonEmpty(rest), body: text.slice(at + MARKER.length).trim(), hasMarker: true };
  }
  // Without the marker, only the leading dated lines are history; the first other line starts the body.
  const history: string[] = [];
  let i = 0;
  for (; i < rest.length; i++) {
    const line = (rest[i] ?? "").trim();
    if (line === "") continue;
    if (!looksLikeHistory(line)) break;
    history.push(line);
  }
  return { title, history, body: rest.slice(i).join("\n").trim(), hasMarker: false };
}

/** The leading "# " lines; a part of a code has two ("# 中华人民共和国民法典", "# 总则"). */
function readTitle(lines: string[]): { title: string | null; rest: string[] } {
  const parts: string[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line === "") continue;
    if (!/^#\s+\S/.test(line)) break;
    parts.push(line.replace(/^#\s+/, "").replace(/\s+/g, " "));
  }
  return { title: parts.length > 0 ? parts.join(" ") : null, rest: lines.slice(i) };
}

function looksLikeHistory(line: string): boolean {
  const normalized = line.normalize("NFKC");
  if (normalized.length > 300) return false;
  return new RegExp(`^[(（]?${DATE_SOURCE}`).test(normalized) || /^(公布|发布)之日起?施行$/.test(normalized);
}

function nonEmpty(lines: string[]): string[] {
  return lines.map((l) => l.trim()).filter((l) => l !== "");
}

function leadingLines(body: string): string[] {
  return nonEmpty(body.split("\n").slice(0, 12));
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

// ---------------------------------------------------------------- dates

const NUM = "[0-9〇零一二三四五六七八九十]";
// Lines in the corpus sometimes break inside a date ("2014年9月26⏎日"), hence the optional spaces.
const DATE_SOURCE = `(${NUM}{4})\\s*年\\s*(${NUM}{1,3})\\s*月\\s*(${NUM}{1,3})\\s*日|(\\d{4})-(\\d{2})-(\\d{2})`;

function isoDate(year: string, month: string, day: string): string | null {
  const y = chineseNumber(year);
  const m = chineseNumber(month);
  const d = chineseNumber(day);
  if (y === null || m === null || d === null) return null;
  const iso = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return isRealDate(iso) ? iso : null;
}

function isRealDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso);
}

// ---------------------------------------------------------------- history events

type TAction =
  | "adopted"
  | "revised"
  | "amended"
  | "published"
  | "approved"
  | "effective"
  | "repealed"
  | "expired";

type TEvent = {
  date: string | null;
  text: string;
  action: TAction | null;
  /** Organs that made, published or approved this step (never the approving organ for a made step). */
  organs: string[];
  docNumber: string | null;
  /** A step without its own verb, adopted together with the next one (joint 司法解释). */
  isJoint: boolean;
  /** A making step dated by its approval: "…批准的《…的决定》修正". */
  isApproval: boolean;
};

const MAKING: ReadonlySet<TAction | null> = new Set<TAction | null>(["adopted", "revised", "amended"]);

function readHistory(lines: string[], title: string): TEvent[] {
  const text = joinLines(lines.filter((l) => !DOC_NUMBER_LINE.test(l.normalize("NFKC"))));
  const places = placesOf(title, text);
  const events: TEvent[] = [];
  const matches = [...text.matchAll(new RegExp(DATE_SOURCE, "g"))];
  const lead = text.slice(0, matches[0]?.index ?? text.length);
  if (!repeatsTitle(lead, title)) events.push(...readSteps(null, lead, places));
  matches.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = matches[i + 1]?.index ?? text.length;
    const date = m[1] ? isoDate(m[1], m[2] ?? "", m[3] ?? "") : isoDate(m[4] ?? "", m[5] ?? "", m[6] ?? "");
    events.push(...readSteps(date, text.slice(start, end), places));
  });
  markJointSteps(events);
  return events;
}

function readSteps(date: string | null, raw: string, places: string[]): TEvent[] {
  return raw
    .split(SAME_DAY)
    .filter((step) => cleanEdges(step) !== "")
    .flatMap((step) => readEvent(date, step, places));
}

/** Some files repeat the title, wrapped, above the history. */
function repeatsTitle(lead: string, title: string): boolean {
  const flat = lead.replace(/[\s、]/g, "");
  return flat === "" || title.replace(/\s/g, "").includes(flat);
}

/** History lines as one text: a wrapped line continues its step; after a finished step, a line starts a new one. */
function joinLines(lines: string[]): string {
  const normalized = lines.map((l) => l.normalize("NFKC").trim());
  return normalized.reduce((text, line, i) => {
    if (i === 0) return line;
    const previous = normalized[i - 1] ?? "";
    if (new RegExp(`^[(（]?(${DATE_SOURCE})`).test(line)) return `${text}\n${line}`;
    if (STEP_END.test(previous)) return `${text}${SAME_DAY}${line}`;
    // "国家经济委员会⏎国家档案局发布": organs of one step, one per line.
    return text + (isBareOrgan(previous) ? "、" : "") + line;
  }, "");
}

/** Marks a new step on the same day as the previous one. */
const SAME_DAY = "\u241E";
const STEP_END = /(通过|批准|公布|发布|施行|修订|修正|印发|颁布)[)）]?$/;

function isBareOrgan(line: string): boolean {
  const rest = line.replace(new RegExp(`^(${DATE_SOURCE})\\s*`), "");
  return rest.length <= 20 && /^[\p{Script=Han}]+$/u.test(rest) && ORGAN_END.test(rest);
}

/** Places an abbreviated organ ("市十四届人大常委会") may stand for: the title's, then the history's. */
function placesOf(title: string, history: string): string[] {
  const places = [...title.matchAll(/^(.+?[省市县])/g)].map((m) => m[1] ?? "");
  for (const m of history.matchAll(
    /(?:^|日|\s)([\p{Script=Han}]{2,12}?[省市县])(?:第[^届]{1,4}届)?人民代表大会/gu,
  )) {
    places.push(m[1] ?? "");
  }
  return places.filter((p) => p !== "");
}

/** One dated stretch of history; "…公告公布施行" yields a publication and an entry into force. */
function readEvent(date: string | null, raw: string, places: string[]): TEvent[] {
  const text = cleanEdges(raw);
  const plain = withoutQuotedTitles(text);
  const both = /(公布|发布|印发)(之日起?)?施行$/.exec(plain);
  if (both && plain.slice(0, both.index).replace(/^自/, "") === "") {
    // "公布之日施行": in force from publication, whenever that was.
    return [
      { date, text, action: "effective", organs: [], docNumber: null, isJoint: false, isApproval: false },
    ];
  }
  const verb = actionOf(plain);
  const { organs, docNumber } = organsOf(text, plain, verb === "approved", places);
  // "国务院令第N号" alone is the promulgation order itself.
  const action = both ? "published" : (verb ?? (docNumber ? "published" : null));
  const isApproval = MAKING.has(action) && plain.includes("批准");
  const event: TEvent = { date, text, action, organs, docNumber, isJoint: false, isApproval };
  return both ? [event, { ...event, action: "effective", organs: [], docNumber: null }] : [event];
}

function cleanEdges(text: string): string {
  // "根据" introduces the next dated step; brackets and commas are only wrapping.
  return text
    .replace(/\s+/g, "")
    .replace(/根据$/, "")
    .replace(/^[,，、。;；:：()（）\s]+|[,，、。;；:：()（）\s]+$/g, "");
}

function withoutQuotedTitles(text: string): string {
  let out = text.replace(/[<〈]/g, "〈").replace(/[>〉]/g, "〉");
  let previous = "";
  while (previous !== out) {
    previous = out;
    out = out.replace(/《[^《》]*》/g, "");
  }
  // A title cut off by a line break never closes.
  return out.replace(/《.*$/, "");
}

const VERBS: [RegExp, TAction][] = [
  [/修订通过|修订/g, "revised"],
  [/修正通过|修正|修改$/g, "amended"],
  [/通过/g, "adopted"],
  [/公布|发布|颁布|印发|公告$/g, "published"],
  [/批准/g, "approved"],
  [/施行|生效|^起?(实施|执行)$/g, "effective"],
  [/废止/g, "repealed"],
  [/失效/g, "expired"],
];

function actionOf(plain: string): TAction | null {
  let best: { end: number; action: TAction } | null = null;
  for (const [pattern, action] of VERBS) {
    for (const m of plain.matchAll(pattern)) {
      // The verb that ends last is the step's own; "修订通过" ends where "通过" does and wins by order.
      const end = (m.index ?? 0) + m[0].length;
      if (!best || end > best.end) best = { end, action };
    }
  }
  return best?.action ?? null;
}

function markJointSteps(events: TEvent[]): void {
  for (let i = events.length - 2; i >= 0; i--) {
    const here = events[i];
    const next = events[i + 1];
    if (!here || !next || here.action !== null || here.organs.length === 0) continue;
    if (MAKING.has(next.action)) {
      here.action = next.action;
      here.isJoint = true;
    }
  }
}

// ---------------------------------------------------------------- organs and 文号

const ORGAN_END =
  /(人民代表大会常务委员会|人民代表大会|国务院|人民政府|委员会|部|局|署|院|办公厅|办公室|银行|军委|总会|联合会|总社|总工会)$/;
// Words of titles and captions that can end in an organ-like character ("…典型案例最高人民法院").
const NOT_ORGAN = /关于|决定|条例|规定|办法|案例|典型/;
const STEP_WORDS = /会议|通过|批准|修订|修正/;
const SESSION = /第?[0-9一二三四五六七八九十百零〇]+(届|次)/g;

function organsOf(
  text: string,
  plain: string,
  isApproval: boolean,
  places: string[],
): { organs: string[]; docNumber: string | null } {
  // The organ named before 令/公告 is the whole step; a meeting before it is a different step shape.
  const order = /^(.+?)(?:令第?(\d+)号|第(\d+)号令)/.exec(plain);
  if (order?.[1] && !STEP_WORDS.test(order[1])) {
    return orderNumber(order[1], order[2] ?? order[3] ?? "", places);
  }
  const notice = /^(.+?)公告(?:第(\d+)号)?/.exec(plain);
  if (notice?.[1] && !STEP_WORDS.test(notice[1])) {
    const organs = organList(notice[1], places);
    const number = notice[2] ? `${stripCountry(notice[1])}公告第${notice[2]}号` : null;
    return { organs, docNumber: number };
  }
  // An amending decision names its maker: 《郑州市人民代表大会常务委员会关于修改…的决定》 approved by the province.
  const decision = /^《([^《》〈〉]+?)关于/.exec(text.replace(/^.*?(?=《)/, ""));
  const decisionOrgans = decision?.[1] ? organList(decision[1], places) : [];
  if (decisionOrgans.length > 0 && !isApproval) return { organs: decisionOrgans, docNumber: null };
  return { organs: meetingOrgans(plain, places), docNumber: null };
}

function orderNumber(
  rawOrgans: string,
  number: string,
  places: string[],
): { organs: string[]; docNumber: string } {
  const name = stripCountry(rawOrgans)
    .split("、")
    .map((part) => stripCountry(part))
    .join("、");
  // 主席令 promulgates a law; the law's maker is the congress, which other steps name.
  const organs = /^(国家)?主席$/.test(name) ? [] : organList(rawOrgans, places);
  return { organs, docNumber: `${name}令第${number}号` };
}

function meetingOrgans(plain: string, places: string[]): string[] {
  const organs: string[] = [];
  for (const part of plain.split("、")) {
    const cut = part.search(
      /第[0-9一二三四五六七八九十百零〇]+次|会议|(修订|修正)?(通过|公布|发布|颁布|印发|批准|施行)/,
    );
    const head = cut >= 0 ? part.slice(0, cut) : part;
    const organ = normalizeOrgan(head, places);
    if (organ && !organs.includes(organ)) organs.push(organ);
  }
  return organs;
}

function organList(raw: string, places: string[]): string[] {
  return raw
    .split("、")
    .map((part) => normalizeOrgan(part, places))
    .filter((o): o is string => o !== null);
}

function stripCountry(name: string): string {
  return name.replace(/^[经由在]/, "").replace(/^中华人民共和国/, "");
}

function normalizeOrgan(raw: string, places: string[]): string | null {
  let organ = stripCountry(raw.replace(SESSION, ""))
    .replace(/(人大常委会|人民代表大会常委员会)$/, "人民代表大会常务委员会")
    .replace(/人大$/, "人民代表大会")
    .replace(/^中央军委$/, "中央军事委员会")
    .replace(/(常务|全体|部务|局务|署务|委务|行务|主任|部长|局长|署长)?(办公)?$/, "")
    .replace(/^(.+?(院|部|局|署))(审判|检察)委员会$/, "$1");
  // "市十四届人大常委会" leaves out the city; the title or another step names it.
  if (/^[省市县](人民|人大)/.test(organ)) {
    const place = places.find((p) => p.at(-1) === organ[0]);
    if (!place) return null;
    organ = place + organ.slice(1);
  }
  if (
    organ.length < 2 ||
    organ.length > 40 ||
    !ORGAN_END.test(organ) ||
    !/^[\p{Script=Han}]+$/u.test(organ)
  ) {
    return null;
  }
  return NOT_ORGAN.test(organ) ? null : organ;
}

/** The organ that first made the text (with the organs that made it jointly), never an approving one. */
function firstIssuer(events: TEvent[]): string | null {
  const start = events.findIndex(
    (e) => (MAKING.has(e.action) || e.action === "published") && e.organs.length,
  );
  if (start < 0) return null;
  const organs: string[] = [];
  for (let i = start; i < events.length; i++) {
    const event = events[i];
    if (!event) break;
    for (const o of event.organs) if (!organs.includes(o)) organs.push(o);
    if (!event.isJoint) break;
  }
  return organs.join("、");
}

function issuerFromTitle(title: string): string | null {
  const head = /^(.+?)关于/.exec(title)?.[1];
  if (!head) return null;
  const organs = organList(head.replace(/\s+/g, "、").replace(/、+/g, "、"), []);
  return organs.length > 0 && organs.join("").length === head.replace(/[\s、]/g, "").length
    ? organs.join("、")
    : null;
}

const DOC_NUMBER_LINE = /^[\p{Script=Han}]{1,12}[〔[(]\d{4}[〕\])]\s*\d+\s*号$/u;

function docNumberLine(lines: string[]): string | null {
  const line = lines.map((l) => l.normalize("NFKC").trim()).find((l) => DOC_NUMBER_LINE.test(l));
  return line ? line.replace(/\s+/g, "").replace(/[[(]/, "〔").replace(/[\])]/, "〕") : null;
}

// ---------------------------------------------------------------- the latest version

type TVersion = {
  writtenAt: string | null;
  publishedAt: string | null;
  effectiveAt: string | null;
  docNumber: string | null;
  /** The file name dates a later version than any step its history records. */
  isHistoryBehind: boolean;
};

type THistoryVersion = {
  writtenAt: string | null;
  /** Only a publication the history states. */
  publishedAt: string | null;
  approvedAt: string | null;
  lastStepAt: string | null;
  docNumber: string | null;
  after: TEvent[];
  isWholeText: boolean;
};

function latestVersion(events: TEvent[], body: string, versionDate: string | null): TVersion {
  const h = historyVersion(events);
  if (
    versionDate &&
    h.lastStepAt &&
    versionDate > h.lastStepAt &&
    !withinHalfYear(h.lastStepAt, versionDate)
  ) {
    // The text is a later version than its history records (a missing amendment): only the file name dates it.
    const effectiveAt = effectiveDate([], body, versionDate, false);
    return { writtenAt: null, publishedAt: versionDate, effectiveAt, docNumber: null, isHistoryBehind: true };
  }
  // The file name carries the publication date; a city's regulation appears after the province approves it.
  const isVersionDatePlausible = versionDate && h.writtenAt && versionDate >= h.writtenAt;
  const publishedAt =
    h.publishedAt ?? (isVersionDatePlausible ? versionDate : null) ?? h.approvedAt ?? h.writtenAt;
  return {
    writtenAt: h.writtenAt,
    publishedAt,
    effectiveAt: effectiveDate(h.after, body, h.writtenAt, h.isWholeText, publishedAt),
    docNumber: h.docNumber,
    isHistoryBehind: false,
  };
}

function historyVersion(events: TEvent[]): THistoryVersion {
  const lastStepAt = latest(
    events.filter((e) => e.action !== null && e.action !== "effective").map((e) => e.date),
  );
  // The version is anchored on its last making step; a text only ever "发布"d is anchored on that.
  const made = lastIndex(events, (e) => MAKING.has(e.action) && e.date !== null && !e.isJoint);
  const anchor = made >= 0 ? made : lastIndex(events, (e) => e.action === "published" && e.date !== null);
  const last = events[anchor];
  if (!last) {
    const none = { writtenAt: null, publishedAt: null, approvedAt: null, docNumber: null };
    return { ...none, lastStepAt, after: events, isWholeText: true };
  }
  const steps = versionSteps(events, anchor);
  const after = events.slice(anchor + 1);
  const writtenAt = latest(steps.filter((e) => e !== last || !e.isApproval).map((e) => e.date)) ?? last.date;
  const approvedAt = last.isApproval
    ? last.date
    : (after.find((e) => e.action === "approved" && e.date !== null && e.date >= (writtenAt ?? ""))?.date ??
      null);
  const published = made >= 0 ? after.find((e) => e.action === "published" && e.date !== null) : last;
  return {
    writtenAt,
    publishedAt: published?.date ?? null,
    approvedAt,
    lastStepAt,
    docNumber: [...steps, ...after].find((e) => e.docNumber)?.docNumber ?? null,
    after,
    // An amending decision leaves the old closing article in place; only a whole new text dates itself.
    isWholeText: last.action !== "amended",
  };
}

/** The steps that made the latest version: joint adoptions, and the adoption that a later approval dates. */
function versionSteps(events: TEvent[], anchor: number): TEvent[] {
  let start = anchor;
  while (start > 0 && events[start - 1]?.isJoint) start--;
  const last = events[anchor];
  const previous = events[start - 1];
  if (last?.isApproval && previous && MAKING.has(previous.action) && !previous.isApproval) {
    if (withinHalfYear(previous.date, last.date)) start--;
  }
  return events.slice(start, anchor + 1);
}

function withinHalfYear(earlier: string | null, later: string | null): boolean {
  if (!earlier || !later || earlier > later) return false;
  return Date.parse(later) - Date.parse(earlier) <= 183 * 24 * 3600 * 1000;
}

function effectiveDate(
  after: TEvent[],
  body: string,
  writtenAt: string | null,
  isWholeText: boolean,
  publishedAt: string | null = null,
): string | null {
  const effective = after.filter((e) => e.action === "effective");
  const dated = effective.findLast((e) => e.date !== null);
  if (dated?.date) return dated.date;
  if (effective.length > 0) return publishedAt;
  // The closing article says when the text takes effect; an older date belongs to an earlier version.
  const clause = body
    .normalize("NFKC")
    .match(new RegExp(`自(?:(?:${DATE_SOURCE})|(?:公布|发布|印发)之日)起?(?:施行|生效)`, "g"));
  const last = clause?.at(-1);
  if (!last) return null;
  if (/之日/.test(last)) return isWholeText ? publishedAt : null;
  const m = new RegExp(DATE_SOURCE).exec(last);
  const date = m ? isoDate(m[1] ?? m[4] ?? "", m[2] ?? m[5] ?? "", m[3] ?? m[6] ?? "") : null;
  return date && (!writtenAt || date >= writtenAt) ? date : null;
}

function lastIndex<T>(items: T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}

function latest(dates: (string | null)[]): string | null {
  return dates.reduce<string | null>((max, d) => (d && (!max || d > max) ? d : max), null);
}

// ---------------------------------------------------------------- level, kind, validity

const FOLDER_LEVELS: Record<string, TLegalLevel> = {
  宪法: "宪法",
  法律: "法律",
  宪法相关法: "法律",
  民法典: "法律",
  民法商法: "法律",
  行政法: "法律",
  经济法: "法律",
  社会法: "法律",
  刑法: "法律",
  诉讼与非诉讼程序法: "法律",
  行政法规: "行政法规",
  部门规章: "部门规章",
  司法解释: "司法解释",
  地方性法规: "地方性法规",
  地方政府规章: "地方政府规章",
  政府规章: "地方政府规章",
  案例: "其他",
  其他: "其他",
};

function levelOf(relPath: string, issuer: string | null): { level: TLegalLevel; fromFolder: boolean } {
  // Outermost first: "案例/民法典/" holds cases about the code, not the code.
  const folders = relPath.split(/[\\/]/).slice(0, -1);
  for (const folder of folders) {
    const level = FOLDER_LEVELS[folder] ?? (folder.endsWith("政府规章") ? "地方政府规章" : undefined);
    // A government's own rules are sometimes filed among the congress's regulations.
    if (level === "地方性法规" && issuer?.endsWith("人民政府"))
      return { level: "地方政府规章", fromFolder: true };
    if (level) return { level, fromFolder: true };
  }
  return { level: levelFromIssuer(issuer), fromFolder: false };
}

// Folder names use the short forms of some organs.
const FULL_NAMES: Record<string, string> = {
  市场监督管理总局: "国家市场监督管理总局",
  人力资源社会保障部: "人力资源和社会保障部",
};

/** Without any history, the folder still says who makes such texts: 国务院, or the ministry it is named after. */
function presumedIssuer(relPath: string, level: TLegalLevel): string | null {
  const folders = relPath.split(/[\\/]/).slice(0, -1);
  const ministry = folders[folders.indexOf("部门规章") + 1];
  if (folders.includes("部门规章") && ministry && ORGAN_END.test(ministry))
    return FULL_NAMES[ministry] ?? ministry;
  return level === "行政法规" ? "国务院" : null;
}

function levelFromIssuer(issuer: string | null): TLegalLevel {
  if (!issuer) return "其他";
  if (/^全国人民代表大会/.test(issuer)) return "法律";
  if (/^国务院/.test(issuer)) return "行政法规";
  if (/^最高人民(法院|检察院)/.test(issuer)) return "司法解释";
  if (/人民代表大会(常务委员会)?$/.test(issuer)) return "地方性法规";
  if (/人民政府$/.test(issuer)) return "地方政府规章";
  return "其他";
}

function kindOf(relPath: string): TDocumentKind {
  // Court cases are examples of how law is applied, not policy documents.
  return relPath.split(/[\\/]/).includes("案例") ? "other" : "policy";
}

function validityOf(title: string, events: TEvent[]): TValidity {
  if (/[(（](已)?废止[)）]/.test(title) || events.some((e) => e.action === "repealed")) return "repealed";
  if (/[(（](已)?失效[)）]/.test(title) || events.some((e) => e.action === "expired")) return "invalid";
  return "valid";
}
