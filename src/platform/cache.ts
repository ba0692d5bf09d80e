import type { Db } from "./db";

/**
 * A small per-database, per-process cache for data that every page needs and that changes rarely
 * (the guide, the calendar, the unit list). Entries expire after `ttlMs`, so several app processes
 * agree again within that time; the process that saves a change drops its entry at once.
 */
export function createDbCache<T>(ttlMs: number) {
  const entries = new WeakMap<Db, { value: T; at: number }>();
  return {
    async get(db: Db, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(db);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value;
      const value = await load();
      entries.set(db, { value, at: Date.now() });
      return value;
    },
    invalidate(db: Db): void {
      entries.delete(db);
    },
  };
}
