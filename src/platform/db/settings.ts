import { eq } from "drizzle-orm";
import type { Db } from "./index";
import { settings } from "./tables";

/** One stored setting as written, or undefined when never saved. */
export async function readSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  // The value is whatever the one writer of this key stored; see writeSetting.
  return row?.value as T | undefined;
}

/** Stores a setting, replacing the previous value. */
export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}
