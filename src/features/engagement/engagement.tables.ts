import { sql } from "drizzle-orm";
import { bigserial, integer, pgTable, primaryKey, serial, text } from "drizzle-orm/pg-core";
import { day, jsonValue, ts } from "../../platform/db/columns";

// Drizzle mirrors of migrations/0035_engagement.sql (the SQL file is the source of truth).

export const meetings = pgTable("meetings", {
  id: serial("id").primaryKey(),
  unitId: integer("unit_id").notNull(),
  title: text("title").notNull(),
  summary: text("summary").notNull().default(""),
  heldAt: day("held_at").notNull(),
  registrationClosesAt: day("registration_closes_at").notNull(),
  seats: integer("seats").notNull(),
  drawSeed: text("draw_seed"),
  drawSelected: integer("draw_selected").array(),
  drawRegistrationIds: integer("draw_registration_ids").array(),
  drawnAt: ts("drawn_at"),
  drawPublishedAt: ts("draw_published_at"),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

export const meetingRegistrations = pgTable("meeting_registrations", {
  id: serial("id").primaryKey(),
  meetingId: integer("meeting_id").notNull(),
  name: text("name").notNull(),
  phone: text("phone").notNull(),
  kind: text("kind").notNull(),
  reason: text("reason").notNull(),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

export const meetingOpinions = pgTable("meeting_opinions", {
  id: serial("id").primaryKey(),
  meetingId: integer("meeting_id").notNull(),
  registrationId: integer("registration_id"),
  speaker: text("speaker").notNull().default(""),
  opinion: text("opinion").notNull(),
  outcome: text("outcome").notNull().default(""),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

export const openDays = pgTable("open_days", {
  id: serial("id").primaryKey(),
  unitId: integer("unit_id").notNull(),
  title: text("title").notNull(),
  summary: text("summary").notNull().default(""),
  place: text("place").notNull().default(""),
  heldAt: day("held_at").notNull(),
  registrationClosesAt: day("registration_closes_at").notNull(),
  capacity: integer("capacity").notNull(),
  feedback: text("feedback").notNull().default(""),
  feedbackPublishedAt: ts("feedback_published_at"),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

export const openDayRegistrations = pgTable("open_day_registrations", {
  id: serial("id").primaryKey(),
  openDayId: integer("open_day_id").notNull(),
  name: text("name").notNull(),
  phone: text("phone").notNull(),
  tokenHash: text("token_hash").notNull(),
  status: text("status").notNull(),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  promotedAt: ts("promoted_at"),
  cancelledAt: ts("cancelled_at"),
});

export type TQuestion = {
  kind: "single" | "multiple" | "scale" | "text";
  text: string;
  options?: string[];
};
export type TAnswer = number | number[] | string | null;

export const surveys = pgTable("surveys", {
  id: serial("id").primaryKey(),
  unitId: integer("unit_id").notNull(),
  openDayId: integer("open_day_id"),
  title: text("title").notNull(),
  summary: text("summary").notNull().default(""),
  opensAt: day("opens_at").notNull(),
  closesAt: day("closes_at").notNull(),
  questions: jsonValue<TQuestion[]>("questions").notNull(),
  feedback: text("feedback").notNull().default(""),
  feedbackPublishedAt: ts("feedback_published_at"),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

export const surveyResponses = pgTable("survey_responses", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  surveyId: integer("survey_id").notNull(),
  respondentHash: text("respondent_hash").notNull(),
  answers: jsonValue<TAnswer[]>("answers").notNull(),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

/** Running counts of a survey's answers (question -1, value 0: the number of responses). */
export const surveyTallies = pgTable(
  "survey_tallies",
  {
    surveyId: integer("survey_id").notNull(),
    question: integer("question").notNull(),
    value: integer("value").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.question, t.value] })],
);
