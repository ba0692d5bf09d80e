import type { Db } from "../../platform/db";
import { listUnits } from "../org";
import { rowsOf, type TSubsidyNotice, type TSubsidyRow } from "./subsidies.repository";
import { fenToYuan } from "./subsidy-rows";

export type TNoticeWithRows = TSubsidyNotice & { unitName: string; rows: TSubsidyRow[] };

/** Notices with their rows and their village's name, for pages and the API. */
export async function withRows(db: Db, notices: TSubsidyNotice[]): Promise<TNoticeWithRows[]> {
  const [rows, units] = await Promise.all([
    rowsOf(
      db,
      notices.map((n) => n.id),
    ),
    listUnits(db),
  ]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  return notices.map((n) => ({
    ...n,
    unitName: names.get(n.unitId) ?? "",
    rows: rows.filter((r) => r.noticeId === n.id),
  }));
}

/** The public form of a notice: the ID numbers are the masked ones, the only ones stored. */
export function presentPublicNotice(n: TNoticeWithRows) {
  return {
    id: n.id,
    unitId: n.unitId,
    unitName: n.unitName,
    title: n.title,
    startsAt: n.startsOn,
    endsAt: n.endsOn,
    total: fenToYuan(n.totalFen),
    rows: n.rows.map((r) => ({
      name: r.name,
      idNumber: r.idMasked,
      item: r.item,
      amount: fenToYuan(r.amountFen),
    })),
  };
}
