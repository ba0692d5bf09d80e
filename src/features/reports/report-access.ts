import { can, type TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { findUnit } from "../org";

/**
 * The caller may read and edit this report: the district's own report (unitId null) needs a
 * district-wide role, a unit's report the role in that unit. Anything else answers 404.
 */
export async function assertCanEditReport(db: Db, p: TPrincipal, unitId: number | null): Promise<void> {
  const isAllowed = unitId === null ? can(p, "reports.edit") : can(p, "reports.edit", unitId);
  if (!isAllowed) throw new AppError("not_found", MSG.notFound);
  if (unitId !== null && !(await findUnit(db, unitId))) throw new AppError("not_found", MSG.notFound);
}
