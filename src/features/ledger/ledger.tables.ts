import { sql } from "drizzle-orm";
import { boolean, integer, pgTable, primaryKey, serial, text, timestamp } from "drizzle-orm/pg-core";
import { day, ts } from "../../platform/db/columns";

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
  reviewOutcome: text("review_outcome"),
  reviewReason: text("review_reason").notNull().default(""),
  reviewedBy: text("reviewed_by"),
  reviewedAt: ts("reviewed_at"),
  carriedFromTaskId: integer("carried_from_task_id"),
});

export const ledgerTaskUnits = pgTable("ledger_task_units", {
  id: serial("id").primaryKey(),
  taskId: integer("task_id").notNull(),
  name: text("name").notNull(),
  role: text("role").notNull(),
  unitId: integer("unit_id"),
  collective: text("collective"),
});

export const ledgerReports = pgTable("ledger_reports", {
  id: serial("id").primaryKey(),
  taskId: integer("task_id").notNull(),
  unitId: integer("unit_id").notNull(),
  body: text("body").notNull(),
  reportedOn: day("reported_on").notNull(),
  isComplete: boolean("is_complete").notNull().default(false),
  status: text("status").notNull().default("submitted"),
  reviewComment: text("review_comment").notNull().default(""),
  reviewedBy: text("reviewed_by"),
  reviewedAt: ts("reviewed_at"),
  createdBy: text("created_by").notNull(),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

export const ledgerReportEvidence = pgTable("ledger_report_evidence", {
  id: serial("id").primaryKey(),
  reportId: integer("report_id").notNull(),
  kind: text("kind").notNull(),
  documentId: integer("document_id"),
  url: text("url"),
  fileId: integer("file_id"),
  name: text("name").notNull().default(""),
});

export const ledgerReminders = pgTable(
  "ledger_reminders",
  {
    taskId: integer("task_id").notNull(),
    unitId: integer("unit_id").notNull(),
    kind: text("kind").notNull(),
    recipients: text("recipients").array().notNull(),
    sentAt: ts("sent_at").notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.unitId, t.kind] })],
);

export const ledgerAssessmentWeights = pgTable("ledger_assessment_weights", {
  planId: integer("plan_id").primaryKey(),
  onTime: integer("on_time").notNull(),
  returned: integer("returned").notNull(),
  review: integer("review").notNull(),
  latePublication: integer("late_publication").notNull().default(0),
  requestTimeliness: integer("request_timeliness").notNull().default(0),
  appealCorrection: integer("appeal_correction").notNull().default(0),
  spotCheck: integer("spot_check").notNull().default(0),
  catalogueCoverage: integer("catalogue_coverage").notNull().default(0),
  updatedBy: text("updated_by").notNull(),
  updatedAt: ts("updated_at").notNull().default(sql`now()`),
});

export const ledgerPublicParts = pgTable("ledger_public_parts", {
  id: serial("id").primaryKey(),
  planId: integer("plan_id").notNull(),
  section: text("section"),
  publishedBy: text("published_by").notNull(),
  publishedAt: ts("published_at").notNull().default(sql`now()`),
});
