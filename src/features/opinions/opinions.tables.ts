import { sql } from "drizzle-orm";
import { boolean, integer, pgTable, primaryKey, serial, text } from "drizzle-orm/pg-core";
import { ts } from "../../platform/db/columns";
import { EVENT_TYPES, SEVERITIES, SOURCES } from "./opinions.schemas";

// Drizzle mirrors of migrations/0060_opinions.sql.

export const opinionTopics = pgTable("opinion_topics", {
  id: serial("id").primaryKey(),
  code: text("code").notNull(),
  name: text("name").notNull(),
  keywords: text("keywords").array().notNull().default(sql`'{}'`),
  isBuiltin: boolean("is_builtin").notNull().default(false),
  sortOrder: integer("sort_order").notNull().default(0),
  isActive: boolean("is_active").notNull().default(true),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

export const opinions = pgTable("opinions", {
  id: serial("id").primaryKey(),
  title: text("title").notNull(),
  body: text("body").notNull().default(""),
  source: text("source", { enum: SOURCES }).notNull(),
  topicId: integer("topic_id"),
  suggestedTopicId: integer("suggested_topic_id"),
  isTopicConfirmed: boolean("is_topic_confirmed").notNull().default(false),
  unitId: integer("unit_id"),
  severity: text("severity", { enum: SEVERITIES }).notNull(),
  discoveredAt: ts("discovered_at").notNull(),
  releaseDueAt: ts("release_due_at"),
  pressConferenceDueAt: ts("press_conference_due_at"),
  responseDueAt: ts("response_due_at"),
  releasedAt: ts("released_at"),
  pressConferenceAt: ts("press_conference_at"),
  respondedAt: ts("responded_at"),
  nextDueAt: ts("next_due_at"),
  workOrderNo: text("work_order_no"),
  handledAt: ts("handled_at"),
  satisfaction: text("satisfaction").notNull().default(""),
  writerName: text("writer_name").notNull().default(""),
  writerContact: text("writer_contact").notNull().default(""),
  receiptNo: text("receipt_no"),
  responseText: text("response_text").notNull().default(""),
  publicQuestion: text("public_question").notNull().default(""),
  publishedAt: ts("published_at"),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  updatedAt: ts("updated_at").notNull().default(sql`now()`),
});

export const opinionEvents = pgTable("opinion_events", {
  id: serial("id").primaryKey(),
  opinionId: integer("opinion_id").notNull(),
  type: text("type", { enum: EVENT_TYPES }).notNull(),
  at: ts("at").notNull(),
  documentId: integer("document_id"),
  note: text("note").notNull().default(""),
  actorName: text("actor_name").notNull().default(""),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

export const opinionSpikeAlerts = pgTable("opinion_spike_alerts", {
  id: serial("id").primaryKey(),
  topicId: integer("topic_id").notNull(),
  windowStart: ts("window_start").notNull(),
  windowEnd: ts("window_end").notNull(),
  itemCount: integer("item_count").notNull(),
  threshold: integer("threshold").notNull(),
  raisedAt: ts("raised_at").notNull().default(sql`now()`),
  acknowledgedAt: ts("acknowledged_at"),
});

export const opinionReminders = pgTable(
  "opinion_reminders",
  {
    opinionId: integer("opinion_id").notNull(),
    kind: text("kind", { enum: ["due_soon", "overdue"] }).notNull(),
    sentTo: text("sent_to").array().notNull().default(sql`'{}'`),
    sentAt: ts("sent_at").notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.opinionId, t.kind] })],
);

export type TOpinionRow = typeof opinions.$inferSelect;
export type TTopicRow = typeof opinionTopics.$inferSelect;
