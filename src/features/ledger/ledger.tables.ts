import { sql } from "drizzle-orm";
import { boolean, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { day } from "../../platform/db/columns";

export const ledgerPlans = pgTable("ledger_plans", {
  id: serial("id").primaryKey(),
  title: text("title").notNull(),
  issuedAt: day("issued_at").notNull(),
  year: integer("year").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
});

export const ledgerTasks = pgTable("ledger_tasks", {
  id: serial("id").primaryKey(),
  planId: integer("plan_id").notNull(),
  no: integer("no").notNull(),
  section: text("section").notNull(),
  group: text("grp").notNull().default(""),
  requirement: text("requirement").notNull(),
  unitsText: text("units_text").notNull(),
  deadlineText: text("deadline_text").notNull(),
  dueDate: day("due_date"),
  ongoing: boolean("ongoing").notNull().default(false),
  deadlineProblem: text("deadline_problem"),
  status: text("status").notNull().default("not_started"),
});

export const ledgerTaskUnits = pgTable("ledger_task_units", {
  id: serial("id").primaryKey(),
  taskId: integer("task_id").notNull(),
  name: text("name").notNull(),
  role: text("role").notNull(),
  unitId: integer("unit_id"),
  collective: text("collective"),
});
