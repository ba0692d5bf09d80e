import { createDbCache } from "../../platform/cache";
import type { Db } from "../../platform/db";
import { listUnits, type TUnitRow } from "./org.repository";

// The portal shows the active units on several pages; they change a few times a year.
const cache = createDbCache<TUnitRow[]>(10_000);

/** The active units, as the public sees them (briefly cached). */
export function activeUnits(db: Db): Promise<TUnitRow[]> {
  return cache.get(db, () => listUnits(db, { isActiveOnly: true }));
}

export function invalidateActiveUnits(db: Db): void {
  cache.invalidate(db);
}
