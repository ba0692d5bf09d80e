import { sql } from "drizzle-orm";
import { boolean, customType, integer, pgTable, serial, text } from "drizzle-orm/pg-core";
import { day, jsonValue, ts } from "../../platform/db/columns";

// Drizzle mirrors of migrations/0010_documents.sql (the SQL file is the source of truth).

/** A tsvector column; written only through SQL (document_search_vector), never read back by the app. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const documents = pgTable("documents", {
  id: serial("id").primaryKey(),
  indexNo: text("index_no").notNull(),
  kind: text("kind").notNull(),
  level: text("level").notNull().default(""),
  title: text("title").notNull(),
  docNumber: text("doc_number").notNull().default(""),
  docNumberKey: text("doc_number_key"),
  unitId: integer("unit_id").notNull(),
  issuer: text("issuer").notNull().default(""),
  writtenAt: day("written_at"),
  publishedAt: day("published_at"),
  effectiveAt: day("effective_at"),
  validity: text("validity").notNull().default("valid"),
  repealedAt: day("repealed_at"),
  endsAs: text("ends_as").notNull().default("invalid"),
  /** 修改日期 (0017): set by an amending document; an amendment does not end the validity. */
  amendedAt: day("amended_at"),
  topics: text("topics").array().notNull().default(sql`'{}'`),
  keywords: text("keywords").array().notNull().default(sql`'{}'`),
  summary: text("summary").notNull().default(""),
  disclosure: text("disclosure").notNull().default("proactive"),
  body: text("body").notNull().default(""),
  /** HTML rendered by trusted server code (0018), shown instead of the Markdown body; see DocumentPage. */
  bodyHtml: text("body_html"),
  status: text("status").notNull().default("draft"),
  publishAt: ts("publish_at"),
  interpretsId: integer("interprets_id"),
  interpretationForm: text("interpretation_form").notNull().default("text"),
  videoUrl: text("video_url").notNull().default(""),
  needsInterpretation: boolean("needs_interpretation").notNull().default(false),
  interpretationWaiver: text("interpretation_waiver").notNull().default(""),
  privacyConfirmedBy: text("privacy_confirmed_by"),
  privacyConfirmedAt: ts("privacy_confirmed_at"),
  withdrawalNotice: text("withdrawal_notice").notNull().default(""),
  withdrawnAt: ts("withdrawn_at"),
  sourceKey: text("source_key"),
  publishDue: day("publish_due"),
  version: integer("version").notNull().default(1),
  createdBy: text("created_by").notNull(),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  updatedAt: ts("updated_at").notNull().default(sql`now()`),
});

/**
 * The search index (migrations/0016_document_search.sql): what a search filters, ranks and counts by,
 * one narrow row per document, written by documents.repository with every document write.
 */
export const documentSearch = pgTable("document_search", {
  documentId: integer("document_id").primaryKey(),
  unitId: integer("unit_id").notNull(),
  kind: text("kind").notNull(),
  status: text("status").notNull(),
  publishAt: ts("publish_at"),
  publishedAt: day("published_at"),
  validity: text("validity").notNull(),
  repealedAt: day("repealed_at"),
  endsAs: text("ends_as").notNull(),
  amendedAt: day("amended_at"),
  topics: text("topics").array().notNull(),
  title: text("title").notNull(),
  docNumberKey: text("doc_number_key"),
  level: text("level").notNull().default(""),
  searchVector: tsvector("search_vector").notNull(),
});

export const documentTopics = pgTable("document_topics", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
});

export const documentVersions = pgTable("document_versions", {
  id: serial("id").primaryKey(),
  documentId: integer("document_id").notNull(),
  version: integer("version").notNull(),
  snapshot: jsonValue<Record<string, unknown>>("snapshot").notNull(),
  changeNote: text("change_note").notNull().default(""),
  createdBy: text("created_by").notNull(),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

export const documentRelations = pgTable("document_relations", {
  id: serial("id").primaryKey(),
  fromId: integer("from_id").notNull(),
  toId: integer("to_id").notNull(),
  kind: text("kind").notNull(),
  /** pending | applied | proposed | declined | revoked (0017); `prior`: the target's dates before it applied. */
  state: text("state").notNull().default("pending"),
  prior: jsonValue<TRelationPrior>("prior"),
  decidedBy: text("decided_by"),
  decidedAt: ts("decided_at"),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

/** The dates a repeal (repealedAt, endsAs) or an amendment (amendedAt) writes on its target. */
export type TRelationPrior = { repealedAt?: string | null; endsAs?: string; amendedAt?: string | null };

export const documentAttachments = pgTable("document_attachments", {
  id: serial("id").primaryKey(),
  documentId: integer("document_id").notNull(),
  fileId: integer("file_id").notNull(),
  name: text("name").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
  extractedText: text("extracted_text"),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

export const documentQa = pgTable("document_qa", {
  id: serial("id").primaryKey(),
  documentId: integer("document_id").notNull(),
  question: text("question").notNull(),
  answer: text("answer").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
});

export const documentIndexCounters = pgTable("document_index_counters", {
  unitId: integer("unit_id").notNull(),
  year: integer("year").notNull(),
  last: integer("last").notNull(),
});

export const gazetteIssues = pgTable("gazette_issues", {
  id: serial("id").primaryKey(),
  year: integer("year").notNull(),
  number: integer("number").notNull(),
  publishedOn: day("published_on").notNull(),
  title: text("title").notNull().default(""),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});

export const gazetteItems = pgTable("gazette_items", {
  id: serial("id").primaryKey(),
  issueId: integer("issue_id").notNull(),
  documentId: integer("document_id").notNull(),
  section: text("section").notNull().default(""),
  sortOrder: integer("sort_order").notNull().default(0),
});

export const searchSynonyms = pgTable("search_synonyms", {
  id: serial("id").primaryKey(),
  terms: text("terms").array().notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});
