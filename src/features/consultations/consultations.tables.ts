import { sql } from "drizzle-orm";
import { integer, jsonb, pgTable, serial, text } from "drizzle-orm/pg-core";
import { day, ts } from "../../platform/db/columns";

// Drizzle mirrors of migrations/0030_consultations.sql (the SQL file is the source of truth).

export const decisions = pgTable("decisions", {
  id: serial("id").primaryKey(),
  unitId: integer("unit_id").notNull(),
  year: integer("year").notNull(),
  title: text("title").notNull(),
  summary: text("summary").notNull().default(""),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  updatedAt: ts("updated_at").notNull().default(sql`now()`),
});

export const decisionStages = pgTable("decision_stages", {
  id: serial("id").primaryKey(),
  decisionId: integer("decision_id").notNull(),
  stage: text("stage").notNull(),
  date: day("date").notNull(),
  documentId: integer("document_id"),
  note: text("note").notNull().default(""),
  warnings: jsonb("warnings").$type<string[]>().notNull().default([]),
  recordedAt: ts("recorded_at").notNull().default(sql`now()`),
});

export const consultations = pgTable("consultations", {
  id: serial("id").primaryKey(),
  unitId: integer("unit_id").notNull(),
  decisionId: integer("decision_id"),
  title: text("title").notNull(),
  draft: text("draft").notNull(),
  explanation: text("explanation").notNull().default(""),
  opensAt: day("opens_at").notNull(),
  closesAt: day("closes_at").notNull(),
  shortPeriodReason: text("short_period_reason"),
  feedbackPublishedAt: ts("feedback_published_at"),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  updatedAt: ts("updated_at").notNull().default(sql`now()`),
});

export const consultationComments = pgTable("consultation_comments", {
  id: serial("id").primaryKey(),
  consultationId: integer("consultation_id").notNull(),
  body: text("body").notNull(),
  clause: text("clause"),
  name: text("name"),
  contact: text("contact"),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  disposition: text("disposition"),
  reason: text("reason"),
  disposedAt: ts("disposed_at"),
  disposedBy: text("disposed_by"),
  hiddenAt: ts("hidden_at"),
  hiddenReason: text("hidden_reason"),
  hiddenBy: text("hidden_by"),
});
