import type { Db } from "../../platform/db";
import { listUnits } from "../org";
import { countsBySector, listPublished, type TComplaintRow } from "./complaints.repository";
import { FINDING_LABELS, SECTOR_LABELS, SECTORS, STATUS_LABELS } from "./complaints.schemas";

/** What the complainant sees with receipt number and query code: the handling, not the contact. */
export async function presentStatus(db: Db, row: TComplaintRow) {
  const unitName = row.unitId ? ((await listUnits(db)).find((u) => u.id === row.unitId)?.name ?? null) : null;
  return {
    receiptNo: row.receiptNo,
    submittedOn: row.submittedOn,
    organisation: row.organisation,
    sector: row.sector,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    unitName,
    rectifyBy: row.rectifyBy,
    finding: row.finding,
    findingLabel: row.finding ? FINDING_LABELS[row.finding] : null,
    result: row.status === "concluded" ? row.result : null,
    concludedOn: row.concludedOn,
  };
}

/** Staff view of one complaint: everything, contact included. */
export function presentStaff(row: TComplaintRow) {
  const { queryCodeHash: _hash, ...rest } = row;
  return rest;
}

/** The year's public figures: counts per sector (every sector, zeros included) and published outcomes. */
export async function publicComplaints(db: Db, year: number) {
  const counts = await countsBySector(db, year);
  const sectors = SECTORS.map((sector) => {
    const r = counts.find((c) => c.sector === sector);
    return {
      sector,
      label: SECTOR_LABELS[sector],
      received: r?.received ?? 0,
      concluded: r?.concluded ?? 0,
      rectified: r?.rectified ?? 0,
      notRectified: r?.notRectified ?? 0,
      unfounded: r?.unfounded ?? 0,
      open: r?.open ?? 0,
    };
  });
  const items = (await listPublished(db, year)).map((r) => ({
    receiptNo: r.receiptNo,
    organisation: r.organisation,
    sector: r.sector,
    unitName: r.unitName,
    rectifyBy: r.rectifyBy,
    finding: r.finding,
    concludedOn: r.concludedOn,
    summary: r.publicSummary,
  }));
  return { year, sectors, total: items.length, items };
}
