import { boolean, integer, numeric, pgTable, serial, text } from "drizzle-orm/pg-core";
import { day, ts } from "../../platform/db/columns";

// Drizzle mirrors of migrations/0057–0059 (the SQL files are the source of truth).

export const newMediaAccounts = pgTable("new_media_accounts", {
  id: serial("id").primaryKey(),
  unitId: integer("unit_id").notNull(),
  platform: text("platform").notNull(),
  name: text("name").notNull(),
  purpose: text("purpose").notNull().default(""),
  registeredOn: day("registered_on").notNull(),
  closedOn: day("closed_on"),
  filingStatus: text("filing_status").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const newMediaInspections = pgTable("new_media_inspections", {
  id: serial("id").primaryKey(),
  accountId: integer("account_id").notNull(),
  inspectedOn: day("inspected_on").notNull(),
  lastUpdatedOn: day("last_updated_on"),
  brokenLinks: integer("broken_links").notNull().default(0),
  wrongItems: integer("wrong_items").notNull().default(0),
  unansweredMessages: integer("unanswered_messages").notNull().default(0),
  note: text("note").notNull().default(""),
  score: integer("score").notNull(),
  isVetoed: boolean("is_vetoed").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const trainingSessions = pgTable("training_sessions", {
  id: serial("id").primaryKey(),
  unitId: integer("unit_id").notNull(),
  title: text("title").notNull(),
  kind: text("kind").notNull(),
  heldOn: day("held_on").notNull(),
  hours: numeric("hours", { precision: 4, scale: 1 }).notNull(),
  trainer: text("trainer").notNull().default(""),
  attendees: text("attendees").array().notNull().default([]),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const caseEntries = pgTable("case_entries", {
  id: serial("id").primaryKey(),
  kind: text("kind").notNull(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  outcome: text("outcome").notNull().default(""),
  lesson: text("lesson").notNull().default(""),
  sourceRequestId: integer("source_request_id"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const publicEnterprises = pgTable("public_enterprises", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  sector: text("sector").notNull(),
  supervisorUnitId: integer("supervisor_unit_id").notNull(),
  disclosureItems: text("disclosure_items").array().notNull().default([]),
  website: text("website").notNull().default(""),
  servicePhone: text("service_phone").notNull().default(""),
  address: text("address").notNull().default(""),
  isActive: boolean("is_active").notNull().default(true),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const readingRooms = pgTable("reading_rooms", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  address: text("address").notNull(),
  hours: text("hours").notNull().default(""),
  phone: text("phone").notNull().default(""),
  mapUrl: text("map_url").notNull().default(""),
  services: text("services").notNull().default(""),
  sortOrder: integer("sort_order").notNull().default(0),
  isActive: boolean("is_active").notNull().default(true),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
