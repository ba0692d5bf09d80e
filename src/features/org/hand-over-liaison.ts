import { and, eq } from "drizzle-orm";
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { userRoles } from "../../platform/db/tables";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { currentLiaisons, endTerm, findUnit, insertTerm, usersOfUnit } from "./org.repository";
import type { THandoverBody } from "./org.schemas";

/**
 * Records a change of a unit's liaison (联络员): the current term ends on the day the new one
 * starts, with a note of what was handed over, and the new term points back to it. When the
 * liaison has an account, the unit_liaison role follows the roster.
 */
export async function handOverLiaison(db: Db, actor: TActor, unitId: number, body: THandoverBody) {
  return db.transaction(async (tx) => {
    if (!(await findUnit(tx, unitId))) throw new AppError("not_found", MSG.unknownUnit);
    if (body.userId && !(await usersOfUnit(tx, unitId)).some((u) => u.id === body.userId))
      throw new AppError("validation_failed", MSG.validation, {
        issues: [{ path: "userId", message: "所选账号不属于本单位。" }],
      });
    const [current] = await currentLiaisons(tx, [unitId]);
    if (current && body.startedOn < current.startedOn)
      throw new AppError("validation_failed", MSG.validation, {
        issues: [{ path: "startedOn", message: MSG.liaisonHandoverDate }],
      });
    if (current) {
      await endTerm(tx, current.id, body.startedOn, body.handoverNote);
      if (current.userId && current.userId !== body.userId)
        await tx
          .delete(userRoles)
          .where(
            and(
              eq(userRoles.userId, current.userId),
              eq(userRoles.role, "unit_liaison"),
              eq(userRoles.unitId, unitId),
            ),
          );
    }
    const term = await insertTerm(tx, {
      unitId,
      userId: body.userId ?? null,
      name: body.name,
      position: body.position,
      phone: body.phone,
      mobile: body.mobile,
      email: body.email,
      startedOn: body.startedOn,
      previousTermId: current?.id ?? null,
    });
    if (body.userId)
      await tx
        .insert(userRoles)
        .values({ userId: body.userId, role: "unit_liaison", unitId })
        .onConflictDoNothing();
    await recordAudit(tx, actor, {
      action: current ? "liaison.handover" : "liaison.appoint",
      entity: "liaison",
      entityId: term.id,
      unitId,
      before: current ?? null,
      after: { ...term, handoverNote: body.handoverNote },
    });
    return term;
  });
}
