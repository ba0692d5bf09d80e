import { customType, date, timestamp } from "drizzle-orm/pg-core";

/** A `timestamptz` column read as a JS Date. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A `date` column read as a `YYYY-MM-DD` string: a calendar day in China, no time zone games. */
export const day = (name: string) => date(name, { mode: "string" });

/**
 * A `jsonb` column whose value is parsed exactly once. Both drivers (PGlite and postgres.js) already
 * hand over parsed JSON; Drizzle's own `jsonb` then parses any string again, so the recorded string
 * "-1" came back as the number -1 and "null" as null. Here what was written is what is read.
 */
export const jsonValue = <T = unknown>(name: string) =>
  customType<{ data: T; driverData: unknown }>({
    dataType: () => "jsonb",
    toDriver: (value) => JSON.stringify(value),
    // The shape is the writer's: every write goes through the zod schema that defines T.
    fromDriver: (value) => value as T,
  })(name);
