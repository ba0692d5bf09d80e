import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, ne } from "drizzle-orm";
import type { Db } from "../db";
import { apiTokens, sessions, userRoles, users } from "../db/tables";
import type { TPrincipal } from "./permissions";

const IDLE_MS = 8 * 60 * 60 * 1000;
const ABSOLUTE_MS = 24 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 5 * 60 * 1000;
const TOKEN_TTL_MS = 90 * 24 * 60 * 60 * 1000;

/** A random secret suitable for a cookie, a CSRF token or an API token. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Only hashes of bearer secrets are stored, so a leaked table opens no session. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Loads a user's identity and roles; null when the user does not exist or is disabled. */
export async function loadPrincipal(db: Db, userId: number): Promise<TPrincipal | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user?.isActive) return null;
  const roles = await db
    .select({ role: userRoles.role, unitId: userRoles.unitId })
    .from(userRoles)
    .where(eq(userRoles.userId, userId));
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    mustChangePassword: user.mustChangePassword,
    roles: roles.map((r) => ({ role: r.role, unitId: r.unitId })),
  };
}

export type TSession = { id: string; userId: number; csrfToken: string };

/** Starts a browser session; returns the cookie value (never stored) and the session's CSRF token. */
export async function createSession(db: Db, userId: number, meta: { ip: string; userAgent: string }) {
  const token = randomToken();
  const csrfToken = randomToken();
  await db.insert(sessions).values({
    id: hashSecret(token),
    userId,
    csrfToken,
    ip: meta.ip,
    userAgent: meta.userAgent.slice(0, 300),
    expiresAt: new Date(Date.now() + IDLE_MS),
  });
  return { token, csrfToken };
}

/** Resolves a session cookie; slides the idle expiry, bounded by an absolute lifetime. */
export async function resolveSession(db: Db, token: string): Promise<TSession | null> {
  const id = hashSecret(token);
  const now = new Date();
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    const expiresAt = new Date(Math.min(now.getTime() + IDLE_MS, row.createdAt.getTime() + ABSOLUTE_MS));
    await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
  }
  return { id: row.id, userId: row.userId, csrfToken: row.csrfToken };
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, hashSecret(token)));
}

/** Ends every session of a user (after a password change or reset), optionally keeping one. */
export async function destroyUserSessions(db: Db, userId: number, exceptSessionId?: string): Promise<void> {
  const cond = exceptSessionId
    ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
    : eq(sessions.userId, userId);
  await db.delete(sessions).where(cond);
}

/** Issues an API token for integrators; the plain token is returned once and never stored. */
export async function createApiToken(
  db: Db,
  userId: number,
  label = "",
): Promise<{ token: string; expiresAt: Date }> {
  const token = `gk_${randomToken()}`;
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS);
  await db.insert(apiTokens).values({ userId, tokenHash: hashSecret(token), label, expiresAt });
  return { token, expiresAt };
}

/** The user id behind a bearer token, or null if unknown, expired or revoked. */
export async function resolveApiToken(db: Db, token: string): Promise<number | null> {
  const now = new Date();
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.tokenHash, hashSecret(token)),
        gt(apiTokens.expiresAt, now),
        isNull(apiTokens.revokedAt),
      ),
    );
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return row.userId;
}

/** A user's tokens that still work, newest first, for their account page (never the secret). */
export async function listApiTokens(db: Db, userId: number) {
  return db
    .select({
      id: apiTokens.id,
      label: apiTokens.label,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .where(
      and(eq(apiTokens.userId, userId), gt(apiTokens.expiresAt, new Date()), isNull(apiTokens.revokedAt)),
    )
    .orderBy(desc(apiTokens.id));
}

/** Revokes one of the user's own working tokens; false when there is no such token. */
export async function revokeApiToken(db: Db, userId: number, tokenId: number): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/**
 * Revokes every token of a user. A token was obtained with the password, so whoever knew an old
 * password must not keep access through it after a change or reset. Returns how many were revoked.
 */
export async function revokeUserApiTokens(db: Db, userId: number): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

/** Removes expired sessions; run periodically. */
export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
