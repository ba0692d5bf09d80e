import { can, canAnywhere, type TPermission, type TPrincipal } from "../auth/permissions";
import { AppError } from "../errors";
import { MSG } from "../messages";
import type { TCtx } from "./context";

/** The signed-in principal, or 401 (pages redirect to the login form). */
export function requireUser(c: TCtx): TPrincipal {
  const p = c.get("principal");
  if (!p) throw new AppError("unauthorized", MSG.unauthorized);
  return p;
}

/** 403 unless the principal holds the permission somewhere (district-wide or in some unit). */
export function requirePermission(c: TCtx, permission: TPermission): TPrincipal {
  const p = requireUser(c);
  if (!canAnywhere(p, permission)) throw new AppError("forbidden", MSG.forbidden);
  return p;
}

/**
 * The principal may act on this unit's data. A unit the caller may not see answers 404, not 403,
 * so that a unit's records do not even reveal that they exist.
 */
export function requireUnitPermission(c: TCtx, permission: TPermission, unitId: number): TPrincipal {
  const p = requireUser(c);
  if (!can(p, permission, unitId)) throw new AppError("not_found", MSG.notFound);
  return p;
}
