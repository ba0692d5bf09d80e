import { sql } from "drizzle-orm";
import { boolean, integer, pgTable, primaryKey, serial, text } from "drizzle-orm/pg-core";
import { day, ts } from "../../platform/db/columns";

// Drizzle mirrors of migrations/0065_proposals.sql (the SQL file is the source of truth).

export const proposals = pgTable("proposals", {
  id: serial("id").primaryKey(),
  kind: text("kind", { enum: ["npc_suggestion", "cppcc_proposal"] }).notNull(),
  year: integer("year").notNull(),
  number: text("number").notNull(),
  title: text("title").notNull(),
  submitters: text("submitters").array().notNull(),
  leadUnitId: integer("lead_unit_id").notNull(),
  assignedAt: day("assigned_at").notNull(),
  isComplex: boolean("is_complex").notNull().default(false),
  dueDate: day("due_date").notNull(),
  dueDateProvisional: boolean("due_date_provisional").notNull().default(false),
  coOpinionDue: day("co_opinion_due"),
  status: text("status", { enum: ["handling", "replied", "closed"] })
    .notNull()
    .default("handling"),
  round: integer("round").notNull().default(1),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  updatedAt: ts("updated_at").notNull().default(sql`now()`),
});

export const proposalCoUnits = pgTable(
  "proposal_co_units",
  {
    proposalId: integer("proposal_id").notNull(),
    unitId: integer("unit_id").notNull(),
    opinion: text("opinion"),
    opinionAt: day("opinion_at"),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.unitId] })],
);

export const proposalReplies = pgTable("proposal_replies", {
  id: serial("id").primaryKey(),
  proposalId: integer("proposal_id").notNull(),
  round: integer("round").notNull(),
  repliedAt: day("replied_at").notNull(),
  category: text("category", { enum: ["A", "B", "C"] }).notNull(),
  body: text("body").notNull(),
  isPublic: boolean("is_public").notNull(),
  privateReason: text("private_reason").notNull().default(""),
  satisfaction: text("satisfaction", { enum: ["satisfied", "basically_satisfied", "dissatisfied"] }),
  satisfactionAt: day("satisfaction_at"),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});
