import { recordAudit, type TActor } from "../../platform/audit";
import { DUMMY_HASH, hashPassword, verifyPassword } from "../../platform/auth/password";
import {
  createApiToken,
  createSession,
  destroySession,
  destroyUserSessions,
} from "../../platform/auth/sessions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { clearRateLimit, hitRateLimit, peekRateLimit } from "../../platform/rate-limit";
import { findUser, findUserByUsername, updateUserRow } from "./org.repository";

// Five wrong passwords for one account, or twenty from one address, in 15 minutes lock it out
// for the rest of that window.
const WINDOW_S = 15 * 60;
const MAX_PER_USER = 5;
const MAX_PER_IP = 20;

/**
 * Checks a username and password, with throttling by account and by address. Unknown users cost
 * the same time as known ones, and the answer never says which part was wrong.
 */
export async function checkCredentials(db: Db, username: string, password: string, ip: string) {
  const userKey = `login-fail:user:${username}`;
  const ipKey = `login-fail:ip:${ip}`;
  const [byUser, byIp] = [
    await peekRateLimit(db, userKey, WINDOW_S),
    await peekRateLimit(db, ipKey, WINDOW_S),
  ];
  if (byUser.count >= MAX_PER_USER || byIp.count >= MAX_PER_IP) {
    const wait = Math.max(byUser.retryAfterSeconds, byIp.retryAfterSeconds);
    throw new AppError("too_many_requests", MSG.loginLocked(Math.ceil(wait / 60)), {
      retryAfterSeconds: wait,
    });
  }
  const user = await findUserByUsername(db, username);
  const isValid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !isValid || !user.isActive) {
    await hitRateLimit(db, userKey, MAX_PER_USER, WINDOW_S);
    await hitRateLimit(db, ipKey, MAX_PER_IP, WINDOW_S);
    throw new AppError("unauthorized", MSG.badCredentials);
  }
  await clearRateLimit(db, userKey);
  return user;
}

function actorFor(
  user: { id: number; displayName: string; username: string },
  meta: { ip: string; requestId: string },
): TActor {
  return {
    userId: user.id,
    name: `${user.displayName}（${user.username}）`,
    ip: meta.ip,
    requestId: meta.requestId,
  };
}

/** Password sign-in for the browser: a new session, audited. */
export async function signIn(
  db: Db,
  input: { username: string; password: string },
  meta: { ip: string; userAgent: string; requestId: string },
) {
  const user = await checkCredentials(db, input.username, input.password, meta.ip);
  return db.transaction(async (tx) => {
    const session = await createSession(tx, user.id, meta);
    await recordAudit(tx, actorFor(user, meta), { action: "auth.login", entity: "user", entityId: user.id });
    return { ...session, mustChangePassword: user.mustChangePassword };
  });
}

/** Password exchange for an API token (integrators), audited. */
export async function issueApiToken(
  db: Db,
  input: { username: string; password: string },
  meta: { ip: string; requestId: string },
) {
  const user = await checkCredentials(db, input.username, input.password, meta.ip);
  return db.transaction(async (tx) => {
    const token = await createApiToken(tx, user.id, "api");
    await recordAudit(tx, actorFor(user, meta), {
      action: "auth.token_issued",
      entity: "user",
      entityId: user.id,
    });
    return token;
  });
}

/** A user changes their own password; every other session of theirs ends. */
export async function changePassword(
  db: Db,
  actor: TActor & { userId: number },
  input: { currentPassword: string; newPassword: string },
  keepSessionId?: string,
) {
  const user = await findUser(db, actor.userId);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash)))
    throw new AppError("validation_failed", MSG.validation, {
      issues: [{ path: "currentPassword", message: MSG.currentPasswordWrong }],
    });
  if (input.currentPassword === input.newPassword)
    throw new AppError("validation_failed", MSG.validation, {
      issues: [{ path: "newPassword", message: MSG.passwordSameAsOld }],
    });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await updateUserRow(tx, user.id, {
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: new Date(),
    });
    await destroyUserSessions(tx, user.id, keepSessionId);
    await recordAudit(tx, actor, { action: "user.change_password", entity: "user", entityId: user.id });
  });
}

/** Ends the browser session, audited when someone was signed in. */
export async function signOut(db: Db, actor: TActor, token: string) {
  await db.transaction(async (tx) => {
    await destroySession(tx, token);
    if (actor.userId)
      await recordAudit(tx, actor, { action: "auth.logout", entity: "user", entityId: actor.userId });
  });
}
