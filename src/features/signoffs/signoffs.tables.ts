import { sql } from "drizzle-orm";
import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ts } from "../../platform/db/columns";

// Drizzle mirror of migrations/0067_document_signoffs.sql (the SQL file is the source of truth).
export const documentSignoffs = pgTable(
  "document_signoffs",
  {
    documentId: integer("document_id").notNull(),
    unitId: integer("unit_id").notNull(),
    decision: text("decision", { enum: ["signed", "returned"] }),
    comment: text("comment").notNull().default(""),
    decidedBy: integer("decided_by"),
    decidedAt: ts("decided_at"),
    requestedAt: ts("requested_at").notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.unitId] })],
);
