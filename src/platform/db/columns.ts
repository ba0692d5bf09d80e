import { date, timestamp } from "drizzle-orm/pg-core";

/** A `timestamptz` column read as a JS Date. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A `date` column read as a `YYYY-MM-DD` string: a calendar day in China, no time zone games. */
export const day = (name: string) => date(name, { mode: "string" });
