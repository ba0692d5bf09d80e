import { bigint, integer, pgTable, serial, text } from "drizzle-orm/pg-core";
import { day, ts } from "../../platform/db/columns";

// Drizzle mirrors of migrations/0056_subsidy_notices.sql (the SQL file is the source of truth).

export const subsidyNotices = pgTable("subsidy_notices", {
  id: serial("id").primaryKey(),
  unitId: integer("unit_id").notNull(),
  title: text("title").notNull(),
  startsOn: day("starts_on").notNull(),
  endsOn: day("ends_on").notNull(),
  rowCount: integer("row_count").notNull(),
  totalFen: bigint("total_fen", { mode: "number" }).notNull(),
  createdBy: integer("created_by"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const subsidyRows = pgTable("subsidy_rows", {
  id: serial("id").primaryKey(),
  noticeId: integer("notice_id").notNull(),
  position: integer("position").notNull(),
  name: text("name").notNull(),
  idMasked: text("id_masked").notNull(),
  item: text("item").notNull(),
  amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
});

export const villageTerminals = pgTable("village_terminals", {
  unitId: integer("unit_id").primaryKey(),
  keyHash: text("key_hash").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});
