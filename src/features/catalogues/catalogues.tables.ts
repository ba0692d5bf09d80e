import { sql } from "drizzle-orm";
import { boolean, integer, pgTable, primaryKey, serial, text } from "drizzle-orm/pg-core";
import { day, ts } from "../../platform/db/columns";

// Drizzle mirrors of migrations/0050_catalogues.sql (the SQL file is the source of truth).

export const catalogueAreas = pgTable("catalogue_areas", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  tier: text("tier", { enum: ["state", "city", "unit"] }).notNull(),
  unitId: integer("unit_id"),
  source: text("source").notNull().default(""),
  sortOrder: integer("sort_order").notNull().default(0),
  isActive: boolean("is_active").notNull().default(true),
});

export const catalogueItems = pgTable("catalogue_items", {
  id: serial("id").primaryKey(),
  unitId: integer("unit_id").notNull(),
  areaId: integer("area_id").notNull(),
  level1: text("level1").notNull(),
  level2: text("level2").notNull(),
  content: text("content").notNull().default(""),
  basis: text("basis").notNull().default(""),
  timeLimit: text("time_limit").notNull().default(""),
  timeRuleKind: text("time_rule_kind", { enum: ["workdays_after_event"] }),
  timeRuleDays: integer("time_rule_days"),
  subject: text("subject").notNull().default(""),
  channels: text("channels").array().notNull().default(sql`'{}'`),
  audience: text("audience", { enum: ["public", "specific"] }).notNull(),
  mode: text("mode", { enum: ["proactive", "on_request"] }).notNull(),
  levels: text("levels", { enum: ["county", "township"] })
    .array()
    .notNull()
    .default(sql`'{}'`),
  keywords: text("keywords").array().notNull().default(sql`'{}'`),
  sortOrder: integer("sort_order").notNull().default(0),
  isActive: boolean("is_active").notNull().default(true),
  createdBy: text("created_by").notNull(),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  updatedAt: ts("updated_at").notNull().default(sql`now()`),
});

export const documentCatalogueItems = pgTable(
  "document_catalogue_items",
  {
    documentId: integer("document_id").notNull(),
    itemId: integer("item_id").notNull(),
    taggedBy: text("tagged_by").notNull(),
    taggedAt: ts("tagged_at").notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.itemId] })],
);

export const cataloguePostings = pgTable("catalogue_postings", {
  id: serial("id").primaryKey(),
  itemId: integer("item_id").notNull(),
  documentId: integer("document_id"),
  channel: text("channel").notNull(),
  title: text("title").notNull().default(""),
  formedOn: day("formed_on"),
  postedOn: day("posted_on").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

export const catalogueRectifications = pgTable("catalogue_rectifications", {
  id: serial("id").primaryKey(),
  unitId: integer("unit_id").notNull(),
  itemId: integer("item_id").notNull(),
  problem: text("problem", { enum: ["missing", "late", "wrong_channel"] }).notNull(),
  periodFrom: day("period_from").notNull(),
  periodTo: day("period_to").notNull(),
  deadline: day("deadline").notNull(),
  status: text("status", { enum: ["open", "done"] })
    .notNull()
    .default("open"),
  followUp: text("follow_up").notNull().default(""),
  createdBy: text("created_by").notNull(),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  closedBy: text("closed_by"),
  closedAt: ts("closed_at"),
});
