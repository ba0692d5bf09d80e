import ExcelJS from "exceljs";
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { loadWorkCalendar } from "../calendar";
import { listUnits } from "../org";
import {
  findItem,
  findRectification,
  insertPosting,
  insertRectifications,
  itemsOf,
  openRectificationKeys,
  publicationsInPeriod,
  type TPublicationRow,
  timeRuleOf,
  updateRectification,
} from "./catalogues.repository";
import { PROBLEM_LABELS, type STATE_LABELS } from "./catalogues.schemas";
import { normalizeChannel } from "./channels";
import { documentChannels, judgeItem, type TPublication } from "./coverage-rules";

/**
 * The coverage check (回头看) of one unit's catalogue, or every unit's (unitId null), over [from, to]:
 * each item's state and the publications it rests on. Three queries and one pass, whatever the size.
 */
export async function checkCoverage(db: Db, unitId: number | null, from: string, to: string) {
  const [items, rows, cal] = await Promise.all([
    itemsOf(db, unitId),
    publicationsInPeriod(db, unitId, from, to),
    loadWorkCalendar(db),
  ]);
  const byItem = new Map<number, TPublicationRow[]>();
  for (const r of rows) {
    const list = byItem.get(r.item_id);
    if (list) list.push(r);
    else byItem.set(r.item_id, [r]);
  }
  const dueCache = new Map<string, { date: string; isProvisional: boolean }>();
  return items.map((item) => {
    const pubs: TPublication[] = (byItem.get(item.id) ?? []).map((r) => ({
      documentId: r.document_id,
      postingId: r.posting_id,
      title: r.title,
      formedOn: r.formed_on,
      publishedOn: r.published_on,
      channels: r.document_id !== null ? documentChannels(r.channels) : r.channels.map(normalizeChannel),
    }));
    const judged = judgeItem(
      { id: item.id, timeRule: timeRuleOf(item), mode: item.mode, channels: item.channels },
      pubs,
      cal,
      dueCache,
    );
    return {
      ...judged,
      unitId: item.unitId,
      area: item.areaName,
      level1: item.level1,
      level2: item.level2,
      timeLimit: item.timeLimit,
      itemChannels: item.channels,
    };
  });
}

export type TCoverageResult = Awaited<ReturnType<typeof checkCoverage>>;

/** Per unit: how many items were checked and how many of each state. */
export function coverageByUnit(result: TCoverageResult) {
  const out = new Map<number, Record<keyof typeof STATE_LABELS, number> & { checked: number }>();
  for (const r of result) {
    const row = out.get(r.unitId) ?? {
      ok: 0,
      missing: 0,
      late: 0,
      wrong_channel: 0,
      not_applicable: 0,
      checked: 0,
    };
    row[r.state]++;
    if (r.state !== "not_applicable") row.checked++;
    out.set(r.unitId, row);
  }
  return out;
}

/** The check as an Excel workbook: a summary by unit and one row per item with a problem. */
export async function coverageXlsx(db: Db, result: TCoverageResult, from: string, to: string) {
  const units = new Map((await listUnits(db)).map((u) => [u.id, u.name]));
  const wb = new ExcelJS.Workbook();
  const sum = wb.addWorksheet("按单位汇总");
  sum.addRow([`标准目录落实情况“回头看”（${from} 至 ${to}）`]);
  sum.addRow(["单位", "检查事项", "已按要求公开", "未公开", "逾期公开", "渠道不符", "不检查", "落实率(%)"]);
  for (const [unitId, c] of coverageByUnit(result))
    sum.addRow([
      units.get(unitId) ?? String(unitId),
      c.checked,
      c.ok,
      c.missing,
      c.late,
      c.wrong_channel,
      c.not_applicable,
      c.checked ? Math.round((c.ok / c.checked) * 1000) / 10 : "",
    ]);
  const det = wb.addWorksheet("问题清单");
  det.addRow(["单位", "领域", "一级事项", "二级事项", "公开时限", "问题", "公开情况"]);
  for (const r of result)
    if (r.problems.length)
      det.addRow([
        units.get(r.unitId) ?? String(r.unitId),
        r.area,
        r.level1,
        r.level2,
        r.timeLimit,
        r.problems.map((p) => PROBLEM_LABELS[p]).join("、"),
        r.documents
          .map(
            (d) =>
              `${d.title}（${d.publishedOn}发布${d.dueDate ? `，应于${d.dueDate}前` : ""}；${d.channels.join("、")}）`,
          )
          .join("\n"),
      ]);
  for (const s of [sum, det]) s.getRow(s === sum ? 2 : 1).font = { bold: true };
  det.getColumn(4).width = 30;
  det.getColumn(7).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Records that an item was posted on a channel (公示栏 on a date, …), for a document or on its own; audited. */
export async function recordPosting(
  db: Db,
  actor: TActor,
  v: {
    itemId: number;
    channel: string;
    title: string;
    documentId?: number;
    formedOn?: string;
    postedOn: string;
  },
) {
  const item = await findItem(db, v.itemId);
  if (!item?.isActive) throw new AppError("not_found", "没有这个目录事项。");
  if (!v.documentId && !v.title)
    throw new AppError("validation_failed", "请填写张贴内容的标题，或选择对应的已发布文件。", {
      issues: [{ path: "title", message: "请填写标题，或选择对应的文件。" }],
    });
  return db.transaction(async (tx) => {
    const row = await insertPosting(tx, {
      itemId: v.itemId,
      documentId: v.documentId ?? null,
      channel: normalizeChannel(v.channel),
      title: v.title,
      formedOn: v.formedOn ?? null,
      postedOn: v.postedOn,
      createdBy: actor.name,
    });
    await recordAudit(tx, actor, {
      action: "catalogue.posting_create",
      entity: "catalogue_item",
      entityId: v.itemId,
      unitId: item.unitId,
      after: row,
    });
    return row;
  });
}

/**
 * Puts the chosen items' problems of a check on the rectification list with a deadline; a problem
 * already open for the same period is not added twice. Returns how many were added.
 */
export async function createRectifications(
  db: Db,
  actor: TActor,
  v: { from: string; to: string; deadline: string; itemIds: number[] },
) {
  if (v.deadline < v.to)
    throw new AppError("validation_failed", "整改期限应在检查期间结束之后。", {
      issues: [{ path: "deadline", message: "整改期限应在检查期间结束之后。" }],
    });
  const wanted = new Set(v.itemIds);
  const result = (await checkCoverage(db, null, v.from, v.to)).filter((r) => wanted.has(r.itemId));
  const open = await openRectificationKeys(db, v.from, v.to);
  const rows = result.flatMap((r) =>
    r.problems
      .filter((problem) => !open.has(`${r.itemId}:${problem}`))
      .map((problem) => ({
        unitId: r.unitId,
        itemId: r.itemId,
        problem,
        periodFrom: v.from,
        periodTo: v.to,
        deadline: v.deadline,
        createdBy: actor.name,
      })),
  );
  if (rows.length === 0) return 0;
  await db.transaction(async (tx) => {
    const created = await insertRectifications(tx, rows);
    await recordAudit(
      tx,
      actor,
      created.map((c) => ({
        action: "catalogue.rectification_create",
        entity: "catalogue_rectification",
        entityId: c.id,
        unitId: c.unitId,
        after: c,
      })),
    );
  });
  return rows.length;
}

/** The unit's follow-up on a rectification; the office (`canClose`) may also mark it done. Audited. */
export async function followUpRectification(
  db: Db,
  actor: TActor,
  id: number,
  v: { followUp: string; isDone: boolean },
  canClose: boolean,
) {
  const before = await findRectification(db, id);
  if (!before) throw new AppError("not_found", "没有这条整改记录。");
  const isDone = canClose && v.isDone;
  return db.transaction(async (tx) => {
    const after = await updateRectification(tx, id, {
      followUp: v.followUp,
      ...(isDone ? { status: "done", closedBy: actor.name, closedAt: new Date() } : {}),
    });
    await recordAudit(tx, actor, {
      action: "catalogue.rectification_update",
      entity: "catalogue_rectification",
      entityId: id,
      unitId: before.unitId,
      before,
      after,
    });
    return after;
  });
}
