import { can, type TPrincipal, unitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { findOpinion } from "./opinions.repository";
import type { TOpinionRow } from "./opinions.tables";

/** The units whose items the principal handles. */
export const opinionScope = (p: TPrincipal) => unitScope(p, "opinions.handle");

/** An item the principal may handle; any other (or none) answers 404. */
export async function loadVisibleOpinion(db: Db, p: TPrincipal, id: number): Promise<TOpinionRow> {
  const row = await findOpinion(db, id);
  if (!row || !canHandle(p, row.unitId)) throw new AppError("not_found", MSG.notFound);
  return row;
}

/** Whether the principal handles items of this unit (one without a unit: district roles only). */
export function canHandle(p: TPrincipal, unitId: number | null): boolean {
  return can(p, "opinions.handle", unitId ?? undefined);
}
