import { recordAudit, type TActor } from "../../platform/audit";
import { DUMMY_HASH, hashPassword, verifyPassword } from "../../platform/auth/password";
import { assertStrongPassword } from "../../platform/auth/password-policy";
import {
  createApiToken,
  createSession,
  destroySession,
  destroyUserSessions,
  revokeApiToken,
  revokeUserApiTokens,
} from "../../platform/auth/sessions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { clearRateLimit, giveBackRateLimit, hitRateLimit } from "../../platform/rate-limit";
import { findUser, findUserByUsername, updateUserRow } from "./org.repository";

// Sign-in throttling, in fixed 15-minute windows shared by all processes (OWASP ASVS 2.2.1):
// - one address and one account: 5 attempts, then refused, so one address cannot guess on;
// - one address, any accounts: 20 attempts, then refused;
// - one account, any addresses: never refused, so that nobody can lock the owner out, but past 10
//   attempts every further one waits 1, 2, 4, 8, then 10 seconds before the password is checked.
// Attempts are counted before the password is checked, each by one atomic increment, so parallel
// requests cannot all slip under a limit; a successful attempt is given back.
const WINDOW_S = 15 * 60;
const MAX_PER_PAIR = 5;
const MAX_PER_IP = 20;
const FREE_PER_USER = 10;
const MAX_DELAY_MS = 10_000;

/** Waiting is behind an object so that tests can replace it. */
export const loginThrottle = {
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

const delayFor = (attempts: number) =>
  attempts <= FREE_PER_USER ? 0 : Math.min(1000 * 2 ** (attempts - FREE_PER_USER - 1), MAX_DELAY_MS);

/**
 * Checks a username and password, with throttling by address, by account and address, and by
 * account. Unknown users cost the same time as known ones, and the answer never says which part
 * was wrong.
 */
export async function checkCredentials(db: Db, username: string, password: string, ip: string) {
  const ipKey = `login:ip:${ip}`;
  const pairKey = `login:pair:${username}|${ip}`;
  const userKey = `login:user:${username}`;
  const byIp = await hitRateLimit(db, ipKey, MAX_PER_IP, WINDOW_S);
  // Checked one after the other, so that a refused attempt does not count against the account.
  const byPair = byIp.isAllowed ? await hitRateLimit(db, pairKey, MAX_PER_PAIR, WINDOW_S) : null;
  if (!byPair?.isAllowed) {
    const wait = (byPair ?? byIp).retryAfterSeconds;
    throw new AppError("too_many_requests", MSG.loginLocked(Math.ceil(wait / 60)), {
      retryAfterSeconds: wait,
    });
  }
  const byUser = await hitRateLimit(db, userKey, Number.MAX_SAFE_INTEGER, WINDOW_S);
  const delay = delayFor(byUser.count);
  if (delay > 0) await loginThrottle.sleep(delay);
  const user = await findUserByUsername(db, username);
  const isValid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !isValid || !user.isActive) throw new AppError("unauthorized", MSG.badCredentials);
  await clearRateLimit(db, pairKey);
  await giveBackRateLimit(db, ipKey, WINDOW_S);
  await giveBackRateLimit(db, userKey, WINDOW_S);
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

/** A user changes their own password; every other session of theirs ends and every API token is revoked. */
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
  assertStrongPassword(input.newPassword, [user.username, user.displayName], "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await updateUserRow(tx, user.id, {
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: new Date(),
    });
    await destroyUserSessions(tx, user.id, keepSessionId);
    const tokensRevoked = await revokeUserApiTokens(tx, user.id);
    await recordAudit(tx, actor, {
      action: "user.change_password",
      entity: "user",
      entityId: user.id,
      after: { tokensRevoked },
    });
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

/** A user revokes one of their own API tokens, audited; another user's token is "not found". */
export async function revokeOwnApiToken(db: Db, actor: TActor & { userId: number }, tokenId: number) {
  await db.transaction(async (tx) => {
    if (!(await revokeApiToken(tx, actor.userId, tokenId))) throw new AppError("not_found", MSG.notFound);
    await recordAudit(tx, actor, {
      action: "auth.token_revoked",
      entity: "api_token",
      entityId: tokenId,
    });
  });
}
