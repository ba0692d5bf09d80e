import { can, type TPrincipal, unitScope } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";

/** Who may see a request: district roles, the assigned unit, and units helping with it (协查). */
export function canSeeRequest(p: TPrincipal, unitId: number | null, cohandlers: number[]): boolean {
  if (can(p, "requests.handle")) return true;
  return [unitId, ...cohandlers].some((u) => u !== null && can(p, "requests.handle", u));
}

/** 404 (not 403) for a request the caller may not see, so its existence is not revealed. */
export function assertCanSee(p: TPrincipal, unitId: number | null, cohandlers: number[]): void {
  if (!canSeeRequest(p, unitId, cohandlers)) throw new AppError("not_found", MSG.notFound);
}

export const requestScope = (p: TPrincipal) => unitScope(p, "requests.handle");

/** Masks the middle of an ID number or phone so lists never show it whole. */
export function mask(value: string | undefined | null, keepStart = 3, keepEnd = 4): string {
  if (!value) return "";
  if (value.length <= keepStart + keepEnd) return "*".repeat(value.length);
  return value.slice(0, keepStart) + "*".repeat(value.length - keepStart - keepEnd) + value.slice(-keepEnd);
}
