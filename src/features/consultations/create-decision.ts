import { sql } from "drizzle-orm";
import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { selectRows } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { assertUnitAccess } from "./access";
import { insertDecision } from "./consultations.repository";
import type { TCreateDecisionBody } from "./consultations.schemas";

/** Adds a decision to a unit's yearly catalogue (条例 Art. 3), audited. */
export async function createDecision(db: Db, actor: TActor, p: TPrincipal, body: TCreateDecisionBody) {
  assertUnitAccess(p, body.unitId);
  const unit = await selectRows<{ id: number }>(db, sql`select id from units where id = ${body.unitId}`);
  if (unit.length === 0)
    throw new AppError("unprocessable", MSG.unknownUnit, {
      issues: [{ path: "unitId", message: MSG.unknownUnit }],
    });
  return db.transaction(async (tx) => {
    const row = await insertDecision(tx, {
      unitId: body.unitId,
      year: body.year,
      title: body.title,
      summary: body.summary ?? "",
    });
    await recordAudit(tx, actor, {
      action: "decision.create",
      entity: "decision",
      entityId: row.id,
      unitId: row.unitId,
      after: { year: row.year, title: row.title, summary: row.summary },
    });
    return row;
  });
}
