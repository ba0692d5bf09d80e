import { recordAudit, type TActor } from "../../platform/audit";
import { hashPassword } from "../../platform/auth/password";
import { assertStrongPassword } from "../../platform/auth/password-policy";
import { DISTRICT_ROLES, type TRoleGrant } from "../../platform/auth/permissions";
import { destroyUserSessions, revokeUserApiTokens } from "../../platform/auth/sessions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import {
  findUnit,
  findUser,
  findUserByUsername,
  insertUser,
  replaceRoles,
  rolesOf,
  type TUserRow,
  updateUserRow,
} from "./org.repository";
import type { TCreateUserBody } from "./org.schemas";

/** What the audit log and the API may show of a user: never the password hash. */
export function presentUser(u: TUserRow, roles: TRoleGrant[]) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    isActive: u.isActive,
    mustChangePassword: u.mustChangePassword,
    roles,
  };
}

/** District roles carry no unit; unit roles need an existing unit. Duplicates are dropped. */
async function normaliseGrants(tx: Db, grants: TRoleGrant[]): Promise<TRoleGrant[]> {
  const seen = new Map<string, TRoleGrant>();
  for (const g of grants) {
    const isDistrict = DISTRICT_ROLES.includes(g.role);
    if (isDistrict && g.unitId !== null)
      throw new AppError("validation_failed", MSG.validation, {
        issues: [{ path: "roles", message: "区级角色不属于某个单位，不能选择单位。" }],
      });
    if (!isDistrict && (g.unitId === null || !(await findUnit(tx, g.unitId))))
      throw new AppError("validation_failed", MSG.validation, {
        issues: [{ path: "roles", message: "单位角色必须选择一个存在的单位。" }],
      });
    seen.set(`${g.role}:${g.unitId}`, g);
  }
  return [...seen.values()];
}

/** Creates a staff account with its roles. */
export async function createUser(
  db: Db,
  actor: TActor,
  body: Omit<TCreateUserBody, "email"> & { email?: string },
  opts: { mustChangePassword?: boolean } = {},
) {
  assertStrongPassword(body.password, [body.username, body.displayName], "password");
  const passwordHash = await hashPassword(body.password);
  return db.transaction(async (tx) => {
    if (await findUserByUsername(tx, body.username)) throw new AppError("conflict", MSG.usernameTaken);
    const roles = await normaliseGrants(tx, body.roles);
    const user = await insertUser(tx, {
      username: body.username,
      displayName: body.displayName,
      email: body.email ?? "",
      passwordHash,
      mustChangePassword: opts.mustChangePassword ?? true,
    });
    await replaceRoles(tx, user.id, roles);
    const after = presentUser(user, roles);
    await recordAudit(tx, actor, { action: "user.create", entity: "user", entityId: user.id, after });
    return after;
  });
}

/** Changes a user's name, roles and whether the account may sign in; disabling ends its sessions. */
export async function updateUser(
  db: Db,
  actor: TActor,
  id: number,
  v: { displayName: string; email: string; isActive: boolean; roles: TRoleGrant[] },
) {
  return db.transaction(async (tx) => {
    const user = await findUser(tx, id);
    if (!user) throw new AppError("not_found", MSG.unknownUser);
    if (actor.userId === id && !v.isActive) throw new AppError("conflict", MSG.cannotDisableSelf);
    const before = presentUser(user, await rolesOf(tx, id));
    const roles = await normaliseGrants(tx, v.roles);
    await updateUserRow(tx, id, { displayName: v.displayName, email: v.email, isActive: v.isActive });
    await replaceRoles(tx, id, roles);
    if (!v.isActive) await destroyUserSessions(tx, id);
    const after = { ...before, displayName: v.displayName, email: v.email, isActive: v.isActive, roles };
    await recordAudit(tx, actor, { action: "user.update", entity: "user", entityId: id, before, after });
    return after;
  });
}

/**
 * An administrator sets a temporary password; the user must change it at next sign-in. Their
 * sessions end and their API tokens are revoked, since the old password may be why it was reset.
 */
export async function resetPassword(db: Db, actor: TActor, username: string, newPassword: string) {
  assertStrongPassword(newPassword, [username], "password");
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    const user = await findUserByUsername(tx, username);
    if (!user) throw new AppError("not_found", MSG.unknownUser);
    await updateUserRow(tx, user.id, {
      passwordHash,
      mustChangePassword: true,
      passwordChangedAt: new Date(),
    });
    await destroyUserSessions(tx, user.id);
    const tokensRevoked = await revokeUserApiTokens(tx, user.id);
    await recordAudit(tx, actor, {
      action: "user.reset_password",
      entity: "user",
      entityId: user.id,
      after: { username, mustChangePassword: true, tokensRevoked },
    });
    return user.id;
  });
}
