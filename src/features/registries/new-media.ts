import ExcelJS from "exceljs";
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import type { TUnitRow } from "../org";
import { averageScore, scoreInspection } from "./new-media-score";
import {
  accountsIn,
  findAccount,
  findAccountNamed,
  insertAccount,
  insertInspection,
  inspectionsOf,
  type TInspection,
  type TNewMediaAccount,
  updateAccountRow,
} from "./registries.repository";
import {
  FILING_LABELS,
  PLATFORM_LABELS,
  type TInspectionForm,
  type TNewMediaAccountForm,
} from "./registries.schemas";

const nameTaken = () =>
  new AppError("validation_failed", MSG.validation, {
    issues: [{ path: "name", message: "该平台上已登记同名账号。" }],
  });

/** Registers a government new-media account (政务新媒体备案登记) for its operator unit. */
export async function registerAccount(
  db: Db,
  actor: TActor,
  input: TNewMediaAccountForm,
): Promise<TNewMediaAccount> {
  return db.transaction(async (tx) => {
    if (await findAccountNamed(tx, input.platform, input.name)) throw nameTaken();
    const row = await insertAccount(tx, input);
    await recordAudit(tx, actor, {
      action: "new_media.create",
      entity: "new_media_account",
      entityId: row.id,
      unitId: row.unitId,
      after: row,
    });
    return row;
  });
}

/** Changes an account's details (closing it, its 备案 status). */
export async function updateAccount(
  db: Db,
  actor: TActor,
  id: number,
  input: TNewMediaAccountForm,
): Promise<TNewMediaAccount> {
  return db.transaction(async (tx) => {
    const before = await findAccount(tx, id);
    if (!before) throw new AppError("not_found", MSG.notFound);
    const clash = await findAccountNamed(tx, input.platform, input.name);
    if (clash && clash.id !== id) throw nameTaken();
    const after = await updateAccountRow(tx, id, input);
    await recordAudit(tx, actor, {
      action: "new_media.update",
      entity: "new_media_account",
      entityId: id,
      unitId: after.unitId,
      before,
      after,
    });
    return after;
  });
}

/** Records an inspection; its score and veto are computed once, here, and kept as recorded. */
export async function recordInspection(
  db: Db,
  actor: TActor,
  account: TNewMediaAccount,
  input: TInspectionForm,
): Promise<TInspection> {
  if (input.inspectedOn < account.registeredOn)
    throw new AppError("validation_failed", MSG.validation, {
      issues: [{ path: "inspectedOn", message: "检查日期不能早于账号开设日期。" }],
    });
  const { score, isVetoed } = scoreInspection(input);
  return db.transaction(async (tx) => {
    const row = await insertInspection(tx, { ...input, accountId: account.id, score, isVetoed });
    await recordAudit(tx, actor, {
      action: "new_media.inspect",
      entity: "new_media_inspection",
      entityId: row.id,
      unitId: account.unitId,
      after: row,
    });
    return row;
  });
}

export type TUnitNewMediaScore = {
  unitId: number;
  accounts: number;
  inspections: number;
  vetoes: number;
  /** Mean inspection score of the year, one decimal; null without inspections. */
  average: number | null;
};

/** Per unit for one year: accounts, inspections, vetoes and the mean score. */
export async function newMediaScores(db: Db, year: number): Promise<TUnitNewMediaScore[]> {
  const accounts = await accountsIn(db, "all");
  const inspections = await inspectionsOf(
    db,
    accounts.map((a) => a.id),
    year,
  );
  const unitOf = new Map(accounts.map((a) => [a.id, a.unitId]));
  const unitIds = [...new Set(accounts.map((a) => a.unitId))];
  return unitIds.map((unitId) => {
    const own = inspections.filter((i) => unitOf.get(i.accountId) === unitId);
    return {
      unitId,
      accounts: accounts.filter((a) => a.unitId === unitId && isOpenIn(a, year)).length,
      inspections: own.length,
      vetoes: own.filter((i) => i.isVetoed).length,
      average: averageScore(own.map((i) => i.score)),
    };
  });
}

/**
 * For the ledger's assessment: one unit's new-media inspection score for a year (the mean of its
 * accounts' inspections that year), or null when none of its accounts was inspected.
 */
export async function newMediaScore(db: Db, unitId: number, year: number): Promise<TUnitNewMediaScore> {
  return (
    (await newMediaScores(db, year)).find((s) => s.unitId === unitId) ?? {
      unitId,
      accounts: 0,
      inspections: 0,
      vetoes: 0,
      average: null,
    }
  );
}

/** Whether an account was open at some point of the year. */
const isOpenIn = (a: TNewMediaAccount, year: number) =>
  a.registeredOn <= `${year}-12-31` && (!a.closedOn || a.closedOn >= `${year}-01-01`);

/**
 * The yearly 政务新媒体 work tables as an XLSX workbook: the accounts open during the year with
 * their inspections, every inspection, and the scores by unit.
 */
export async function exportWorkTables(db: Db, year: number, units: TUnitRow[]): Promise<Buffer> {
  const names = new Map(units.map((u) => [u.id, u.name]));
  const accounts = (await accountsIn(db, "all")).filter((a) => isOpenIn(a, year));
  const inspections = await inspectionsOf(
    db,
    accounts.map((a) => a.id),
    year,
  );
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("政务新媒体");
  sheet.addRow([`${year}年政务新媒体基本情况表`]);
  sheet.addRow([
    "序号",
    "账号名称",
    "平台",
    "主办单位",
    "用途",
    "开设日期",
    "关闭日期",
    "备案状态",
    "本年检查次数",
    "单项否决次数",
    "平均得分",
  ]);
  accounts.forEach((a, i) => {
    const own = inspections.filter((x) => x.accountId === a.id);
    sheet.addRow([
      i + 1,
      a.name,
      PLATFORM_LABELS[a.platform as keyof typeof PLATFORM_LABELS] ?? a.platform,
      names.get(a.unitId) ?? "",
      a.purpose,
      a.registeredOn,
      a.closedOn ?? "",
      FILING_LABELS[a.filingStatus as keyof typeof FILING_LABELS] ?? a.filingStatus,
      own.length,
      own.filter((x) => x.isVetoed).length,
      averageScore(own.map((x) => x.score)) ?? "",
    ]);
  });
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const checks = wb.addWorksheet("检查情况");
  checks.addRow([`${year}年政务新媒体检查情况表`]);
  checks.addRow([
    "检查日期",
    "账号名称",
    "主办单位",
    "最近更新日期",
    "失效链接",
    "错误信息",
    "未回复留言",
    "单项否决",
    "得分",
    "备注",
  ]);
  for (const x of [...inspections].reverse()) {
    const a = byId.get(x.accountId);
    checks.addRow([
      x.inspectedOn,
      a?.name ?? "",
      a ? (names.get(a.unitId) ?? "") : "",
      x.lastUpdatedOn ?? "从未更新",
      x.brokenLinks,
      x.wrongItems,
      x.unansweredMessages,
      x.isVetoed ? "是（两周未更新）" : "否",
      x.score,
      x.note,
    ]);
  }
  const scores = wb.addWorksheet("单位得分");
  scores.addRow([`${year}年各单位政务新媒体检查得分`]);
  scores.addRow(["单位", "账号数", "检查次数", "单项否决次数", "平均得分"]);
  for (const s of await newMediaScores(db, year))
    scores.addRow([names.get(s.unitId) ?? "", s.accounts, s.inspections, s.vetoes, s.average ?? ""]);
  for (const ws of [sheet, checks, scores]) {
    ws.getRow(1).font = { bold: true, size: 14 };
    ws.getRow(2).font = { bold: true };
    ws.columns.forEach((c) => {
      c.width = 16;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
