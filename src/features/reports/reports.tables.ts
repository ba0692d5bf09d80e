import { sql } from "drizzle-orm";
import { boolean, integer, numeric, pgTable, serial, text } from "drizzle-orm/pg-core";
import { ts } from "../../platform/db/columns";
import { REPORT_STATUSES } from "./reports.schemas";

// Drizzle mirror of migrations/0013_annual_reports.sql (the SQL file is the source of truth).

export const annualReports = pgTable("annual_reports", {
  id: serial("id").primaryKey(),
  year: integer("year").notNull(),
  unitId: integer("unit_id"),
  issuerName: text("issuer_name").notNull().default(""),
  overview: text("overview").notNull().default(""),
  problems: text("problems").notNull().default(""),
  otherMatters: text("other_matters").notNull().default(""),
  includePlanProgress: boolean("include_plan_progress").notNull().default(false),
  licensingCount: integer("licensing_count").notNull().default(0),
  penaltyCount: integer("penalty_count").notNull().default(0),
  enforcementCount: integer("enforcement_count").notNull().default(0),
  feeAmount: numeric("fee_amount", { precision: 14, scale: 4, mode: "number" }).notNull().default(0),
  status: text("status", { enum: REPORT_STATUSES }).notNull().default("draft"),
  documentId: integer("document_id"),
  publishedAt: ts("published_at"),
  updatedBy: text("updated_by").notNull().default(""),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  updatedAt: ts("updated_at").notNull().default(sql`now()`),
});

export type TAnnualReportRow = typeof annualReports.$inferSelect;
