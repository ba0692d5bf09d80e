import { sql } from "drizzle-orm";
import { boolean, integer, pgTable, primaryKey, serial, text } from "drizzle-orm/pg-core";
import { day, jsonValue, ts } from "../../platform/db/columns";
import { CLOCK_STATES } from "./compute-due-date";
import { APPLICANT_KIND_CODES, OUTCOME_CODES } from "./outcomes";
import { CHANNELS, DELIVERIES, FORMS, type TApplicant } from "./requests.schemas";

export const requests = pgTable("requests", {
  id: serial("id").primaryKey(),
  receiptNo: text("receipt_no").notNull(),
  queryCodeHash: text("query_code_hash"),
  channel: text("channel", { enum: CHANNELS }).notNull(),
  applicantKind: text("applicant_kind", { enum: APPLICANT_KIND_CODES }).notNull(),
  applicant: jsonValue<TApplicant>("applicant").notNull(),
  applicantKey: text("applicant_key").notNull(),
  description: text("description").notNull(),
  form: text("form", { enum: FORMS }).notNull().default("paper"),
  delivery: text("delivery", { enum: DELIVERIES }).notNull().default("post"),
  submittedAt: ts("submitted_at").notNull().default(sql`now()`),
  receivedAt: day("received_at"),
  unitId: integer("unit_id"),
  status: text("status", { enum: CLOCK_STATES }).notNull(),
  dueDate: day("due_date"),
  dueDateProvisional: boolean("due_date_provisional").notNull().default(false),
  /** Last day of the earliest open consultation's 15 working days (Art. 32), to flag one left open. */
  consultationAnswerBy: day("consultation_answer_by"),
  outcome: text("outcome", { enum: OUTCOME_CODES }),
  outcomeReason: text("outcome_reason").notNull().default(""),
  legalBasis: text("legal_basis").notNull().default(""),
  otherAgency: text("other_agency").notNull().default(""),
  closedAt: day("closed_at"),
  disclosedDocumentId: integer("disclosed_document_id"),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  updatedAt: ts("updated_at").notNull().default(sql`now()`),
});

export const requestCohandlers = pgTable(
  "request_cohandlers",
  { requestId: integer("request_id").notNull(), unitId: integer("unit_id").notNull() },
  (t) => [primaryKey({ columns: [t.requestId, t.unitId] })],
);

export const requestActions = pgTable("request_actions", {
  id: serial("id").primaryKey(),
  requestId: integer("request_id").notNull(),
  type: text("type").notNull(),
  date: day("date").notNull(),
  payload: jsonValue<Record<string, unknown>>("payload").notNull().default({}),
  actorId: integer("actor_id"),
  actorName: text("actor_name").notNull(),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

export const requestAppeals = pgTable("request_appeals", {
  id: serial("id").primaryKey(),
  requestId: integer("request_id").notNull(),
  kind: text("kind").notNull(),
  filedAt: day("filed_at").notNull(),
  result: text("result"),
  decidedAt: day("decided_at"),
  authority: text("authority").notNull().default(""),
  caseNo: text("case_no").notNull().default(""),
  note: text("note").notNull().default(""),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  updatedAt: ts("updated_at").notNull().default(sql`now()`),
});

export const requestContacts = pgTable("request_contacts", {
  id: serial("id").primaryKey(),
  requestId: integer("request_id").notNull(),
  method: text("method").notNull(),
  date: day("date").notNull(),
  summary: text("summary").notNull(),
  actorId: integer("actor_id"),
  actorName: text("actor_name").notNull(),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

export const requestAttachments = pgTable("request_attachments", {
  id: serial("id").primaryKey(),
  requestId: integer("request_id").notNull(),
  fileId: integer("file_id").notNull(),
  kind: text("kind").notNull(),
  name: text("name").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

/** One row per reminder sent (request, kind, due date): claimed before sending, so it goes out once. */
export const requestReminders = pgTable("request_reminders", {
  requestId: integer("request_id").notNull(),
  kind: text("kind").notNull(),
  dueDate: day("due_date").notNull(),
  recipients: text("recipients").array().notNull(),
});
