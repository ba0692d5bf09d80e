import { type Column, inArray, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { TUnitScope } from "../auth/permissions";

/**
 * The one condition limiting rows to the caller's units (`unitScope`): everything for district
 * roles, nothing for an empty list (`in ()` is not valid SQL), otherwise `col in (...)`. A row
 * without a unit is in the scope of district roles only.
 */
export function inUnitScope(col: Column | SQLWrapper, scope: TUnitScope): SQL {
  if (scope === "all") return sql`true`;
  if (scope.length === 0) return sql`false`;
  return inArray(col, scope);
}
