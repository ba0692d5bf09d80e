import { sql } from "drizzle-orm";
import { boolean, integer, pgTable, serial, text } from "drizzle-orm/pg-core";
import { day, ts } from "../../platform/db/columns";
import { FINDINGS, SECTORS, STATUSES } from "./complaints.schemas";

// Drizzle mirror of migrations/0066_complaints.sql (the SQL file is the source of truth).
export const complaints = pgTable("complaints", {
  id: serial("id").primaryKey(),
  receiptNo: text("receipt_no").notNull(),
  queryCodeHash: text("query_code_hash").notNull(),
  organisation: text("organisation").notNull(),
  sector: text("sector", { enum: SECTORS }).notNull(),
  description: text("description").notNull(),
  contact: text("contact").notNull().default(""),
  submittedAt: ts("submitted_at").notNull().default(sql`now()`),
  submittedOn: day("submitted_on").notNull(),
  unitId: integer("unit_id"),
  status: text("status", { enum: STATUSES }).notNull().default("submitted"),
  rectifyBy: day("rectify_by"),
  finding: text("finding", { enum: FINDINGS }),
  result: text("result").notNull().default(""),
  concludedOn: day("concluded_on"),
  publicSummary: text("public_summary").notNull().default(""),
  isPublished: boolean("is_published").notNull().default(false),
  publishedAt: ts("published_at"),
  updatedAt: ts("updated_at").notNull().default(sql`now()`),
});
