import { type TPrincipal, unitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { listStaffDocuments } from "./staff.repository";

/** Documents sent for review in the units this reviewer may publish for, most recently changed first. */
export async function documentsAwaitingReview(db: Db, p: TPrincipal, today: string, limit = 10) {
  return listStaffDocuments(
    db,
    { units: unitScope(p, "documents.review"), status: "review" },
    today,
    1,
    limit,
  );
}
