import type { Db } from "../../platform/db";
import { findReport } from "./reports.repository";

/** Whether the report of `year` for a unit (null: the district's own) is new, a draft or published. */
export async function annualReportStatus(
  db: Db,
  year: number,
  unitId: number | null,
): Promise<"new" | "draft" | "published"> {
  const row = await findReport(db, year, unitId);
  return row?.status ?? "new";
}
