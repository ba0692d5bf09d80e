import { sql } from "drizzle-orm";
import { boolean, date, integer, pgTable, serial, text } from "drizzle-orm/pg-core";
import { ts } from "../../platform/db/columns";
import { UNIT_KINDS } from "./org.schemas";

export const units = pgTable("units", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind", { enum: UNIT_KINDS }).notNull(),
  aliases: text("aliases").array().notNull().default(sql`'{}'`),
  sortOrder: integer("sort_order").notNull().default(0),
  address: text("address").notNull().default(""),
  phone: text("phone").notNull().default(""),
  duties: text("duties").notNull().default(""),
  indexCode: text("index_code").notNull().default(""),
  /** Calendar days a notice sent by ordinary post is taken to need to arrive (the clerk may correct it). */
  postedMailDays: integer("posted_mail_days").notNull().default(3),
  isActive: boolean("is_active").notNull().default(true),
  /** A village's or community's 街道办事处 (migrations/0055). */
  parentId: integer("parent_id"),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  updatedAt: ts("updated_at").notNull().default(sql`now()`),
});

export const liaisonTerms = pgTable("liaison_terms", {
  id: serial("id").primaryKey(),
  unitId: integer("unit_id").notNull(),
  userId: integer("user_id"),
  name: text("name").notNull(),
  position: text("position").notNull().default(""),
  phone: text("phone").notNull().default(""),
  mobile: text("mobile").notNull().default(""),
  email: text("email").notNull().default(""),
  startedOn: date("started_on", { mode: "string" }).notNull(),
  endedOn: date("ended_on", { mode: "string" }),
  previousTermId: integer("previous_term_id"),
  handoverNote: text("handover_note").notNull().default(""),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});
