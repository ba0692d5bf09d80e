import { sql } from "drizzle-orm";
import { bigserial, boolean, integer, pgTable, primaryKey, serial, text } from "drizzle-orm/pg-core";
import { ROLES } from "../auth/permissions";
import { jsonValue, ts } from "./columns";

// Drizzle mirrors of the tables created by migrations/*.sql (the SQL files are the source of truth).

export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonValue("value").notNull(),
  updatedAt: ts("updated_at").notNull().default(sql`now()`),
});

export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  username: text("username").notNull(),
  displayName: text("display_name").notNull(),
  email: text("email").notNull().default(""),
  passwordHash: text("password_hash").notNull(),
  isActive: boolean("is_active").notNull().default(true),
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  passwordChangedAt: ts("password_changed_at").notNull().default(sql`now()`),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  updatedAt: ts("updated_at").notNull().default(sql`now()`),
});

export const userRoles = pgTable("user_roles", {
  id: serial("id").primaryKey(),
  userId: integer("user_id").notNull(),
  role: text("role", { enum: ROLES }).notNull(),
  unitId: integer("unit_id"),
});

export const sessions = pgTable("sessions", {
  id: text("id").primaryKey(),
  userId: integer("user_id").notNull(),
  csrfToken: text("csrf_token").notNull(),
  ip: text("ip").notNull().default(""),
  userAgent: text("user_agent").notNull().default(""),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  lastSeenAt: ts("last_seen_at").notNull().default(sql`now()`),
  expiresAt: ts("expires_at").notNull(),
});

export const apiTokens = pgTable("api_tokens", {
  id: serial("id").primaryKey(),
  userId: integer("user_id").notNull(),
  tokenHash: text("token_hash").notNull(),
  label: text("label").notNull().default(""),
  createdAt: ts("created_at").notNull().default(sql`now()`),
  lastUsedAt: ts("last_used_at"),
  expiresAt: ts("expires_at").notNull(),
  revokedAt: ts("revoked_at"),
});

export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: ts("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

export const auditLog = pgTable("audit_log", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  at: ts("at").notNull(),
  actorId: integer("actor_id"),
  actorName: text("actor_name").notNull(),
  action: text("action").notNull(),
  entity: text("entity").notNull(),
  entityId: text("entity_id"),
  unitId: integer("unit_id"),
  // Parsed once on read, so that verification hashes exactly the values that were written.
  before: jsonValue("before"),
  after: jsonValue("after"),
  ip: text("ip").notNull().default(""),
  requestId: text("request_id").notNull().default(""),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});

export const formSubmissions = pgTable("form_submissions", {
  tokenHash: text("token_hash").primaryKey(),
  purpose: text("purpose").notNull(),
  sealedReceipt: text("sealed_receipt"),
  createdAt: ts("created_at").notNull().default(sql`now()`),
});
