import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { readFirstSheetIsolated, type TSheetLimits } from "../../platform/files";
import { toFieldIssues } from "../../platform/validation";
import { areasFor, insertItems, lastSortOrder, type TAreaRow } from "./catalogues.repository";
import { ZCreateItemBody } from "./catalogues.schemas";
import { parseChannels } from "./channels";
import { itemValues, requireUnit, resolveArea } from "./save-item";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A unit's catalogue is a few hundred rows of a dozen columns; these limits leave room and no more. */
export const CATALOGUE_SHEET_LIMITS: TSheetLimits = {
  maxUnzippedBytes: 20 * 1024 * 1024,
  maxRows: 5_001,
  maxCells: 100_000,
};

type TColumn =
  | "seq"
  | "area"
  | "level1"
  | "level2"
  | "content"
  | "basis"
  | "timeLimit"
  | "subject"
  | "channels"
  | "audPublic"
  | "audSpecific"
  | "modeProactive"
  | "modeRequest"
  | "levelCounty"
  | "levelTownship";

// Header words of the common layout, tried in order on each column's header text (the merged
// header rows joined top to bottom, e.g. "公开对象全社会").
const HEADERS: [RegExp, TColumn][] = [
  [/一级事项/, "level1"],
  [/二级事项/, "level2"],
  [/公开内容|要素/, "content"],
  [/公开依据/, "basis"],
  [/公开时限/, "timeLimit"],
  [/公开主体/, "subject"],
  [/公开渠道|载体/, "channels"],
  [/全社会/, "audPublic"],
  [/特定/, "audSpecific"],
  [/依申请/, "modeRequest"],
  [/主动/, "modeProactive"],
  [/县级/, "levelCounty"],
  [/乡级|镇级|街道级/, "levelTownship"],
  [/序号/, "seq"],
  [/领域/, "area"],
];
const HEADER_WORDS =
  /一级事项|二级事项|公开内容|公开依据|公开时限|公开主体|公开渠道|公开对象|公开方式|公开层级|全社会|特定群众|依申请|县级|乡级/;

const isTicked = (cell: string | undefined) => !!cell && /[√✓✔☑■●]|^(是|有|y|yes|1)$/i.test(cell.trim());

export type TImportResult = { created: number; failed: { row: number; reason: string }[] };

type TLayout = { headerEnd: number; columns: Map<TColumn, number>; title: string };

/** Finds the header rows (one or two, merged) and which column holds what. */
export function findLayout(rows: string[][]): TLayout | null {
  const first = rows.findIndex((r, i) => i < 10 && r.some((c) => HEADER_WORDS.test(c)));
  if (first < 0) return null;
  let last = first;
  while (
    last + 1 < rows.length &&
    last - first < 2 &&
    (rows[last + 1] ?? []).some((c) => HEADER_WORDS.test(c))
  )
    last++;
  const width = Math.max(...rows.slice(first, last + 1).map((r) => r.length));
  const columns = new Map<TColumn, number>();
  for (let col = 0; col < width; col++) {
    const text = rows
      .slice(first, last + 1)
      .map((r) => r[col] ?? "")
      .filter((t, i, all) => t !== all[i - 1])
      .join("");
    const hit = HEADERS.find(([re]) => re.test(text));
    if (hit && !columns.has(hit[1])) columns.set(hit[1], col);
  }
  const title = rows
    .slice(0, first)
    .map((r) => r.find((c) => c) ?? "")
    .join(" ");
  return { headerEnd: last, columns, title };
}

/** The area a sheet is about: named by the caller, in an area column, or in the title above the header. */
function areaFromTitle(title: string, areas: TAreaRow[]): TAreaRow | null {
  const hits = areas.filter((a) => a.isActive && title.includes(a.name.replace(/领域$/, "")));
  return hits.sort((a, b) => b.name.length - a.name.length)[0] ?? null;
}

/**
 * The rows of a catalogue sheet as item bodies, and the rows that cannot be items with the reason.
 * Row numbers count the sheet's non-blank rows from 1, which are the Excel row numbers of a sheet
 * without blank rows (merged cells repeat their value on every row they span).
 */
export function readCatalogueRows(rows: string[][], areas: TAreaRow[], areaHint?: string) {
  const failed: TImportResult["failed"] = [];
  const layout = findLayout(rows);
  if (!layout?.columns.has("level1") || !layout.columns.has("level2"))
    return { items: [], failed: [{ row: 1, reason: "没有找到表头：须有“一级事项”“二级事项”等列。" }] };
  const hinted = areaHint ? resolveArea(areas, areaHint) : null;
  if (areaHint && !hinted)
    return { items: [], failed: [{ row: 1, reason: `没有名为“${areaHint}”的领域。` }] };
  const titleArea = hinted ?? areaFromTitle(layout.title, areas);
  const col = (r: string[], c: TColumn) => {
    const i = layout.columns.get(c);
    return i === undefined ? "" : (r[i] ?? "").trim();
  };
  const has = (c: TColumn) => layout.columns.has(c);
  const items: { row: number; areaId: number; body: ReturnType<typeof ZCreateItemBody.parse> }[] = [];
  for (let i = layout.headerEnd + 1; i < rows.length; i++) {
    const r = rows[i] as string[];
    const rowNo = i + 1;
    const level1 = col(r, "level1");
    const level2 = col(r, "level2");
    if (!level1 && !level2) continue;
    const areaCell = col(r, "area");
    const area = areaCell ? resolveArea(areas, areaCell) : titleArea;
    if (!area) {
      failed.push({
        row: rowNo,
        reason: areaCell
          ? `没有名为“${areaCell}”的领域。`
          : "无法确定所属领域：请在标题、“领域”列或导入时注明。",
      });
      continue;
    }
    const audience =
      isTicked(col(r, "audSpecific")) && !isTicked(col(r, "audPublic")) ? "specific" : "public";
    const hasAudience = !has("audPublic") || isTicked(col(r, "audPublic")) || isTicked(col(r, "audSpecific"));
    const mode =
      isTicked(col(r, "modeRequest")) && !isTicked(col(r, "modeProactive")) ? "on_request" : "proactive";
    const hasMode =
      !has("modeProactive") || isTicked(col(r, "modeProactive")) || isTicked(col(r, "modeRequest"));
    const levels = [
      ...(isTicked(col(r, "levelCounty")) ? ["county"] : []),
      ...(isTicked(col(r, "levelTownship")) ? ["township"] : []),
    ];
    const reasons: string[] = [];
    if (!hasAudience) reasons.push("未勾选公开对象");
    if (!hasMode) reasons.push("未勾选公开方式");
    const parsed = ZCreateItemBody.safeParse({
      area: area.id,
      level1,
      level2,
      content: col(r, "content"),
      basis: col(r, "basis"),
      timeLimit: col(r, "timeLimit"),
      subject: col(r, "subject"),
      channels: parseChannels(col(r, "channels")).slice(0, 20),
      audience,
      mode,
      levels,
      keywords: [],
    });
    if (!parsed.success)
      reasons.push(
        ...toFieldIssues(parsed.error).map((x) =>
          x.path === "levels"
            ? "未勾选公开层级"
            : x.path === "level1" || x.path === "level2"
              ? `${x.path === "level1" ? "一级事项" : "二级事项"}为空或过长`
              : `${x.path}：${x.message}`,
        ),
      );
    if (reasons.length || !parsed.success) failed.push({ row: rowNo, reason: `${reasons.join("；")}。` });
    else items.push({ row: rowNo, areaId: area.id, body: parsed.data });
  }
  return { items, failed };
}

/** Imports a unit's catalogue from XLSX: every good row is added in one transaction; the others are listed. */
export async function importCatalogue(
  db: Db,
  actor: TActor,
  unitId: number,
  bytes: Uint8Array,
  areaHint?: string,
): Promise<TImportResult> {
  await requireUnit(db, unitId);
  const rows = await readFirstSheetIsolated(bytes, CATALOGUE_SHEET_LIMITS);
  const { items, failed } = readCatalogueRows(rows, await areasFor(db, unitId), areaHint);
  if (items.length === 0) return { created: 0, failed };
  await db.transaction(async (tx) => {
    const start = await lastSortOrder(tx, unitId);
    const created = await insertItems(
      tx,
      items.map((it, n) => itemValues(unitId, it.areaId, it.body, actor.name, start + n + 1)),
    );
    await recordAudit(tx, actor, {
      action: "catalogue.import",
      entity: "catalogue_item",
      unitId,
      after: { created: created.length, failed: failed.length, ids: created.map((c) => c.id) },
    });
  });
  return { created: items.length, failed };
}
