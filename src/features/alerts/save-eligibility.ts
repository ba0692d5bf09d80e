import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { eligibilityOf, saveEligibility } from "./alerts.repository";
import type { TPolicyEligibility } from "./alerts.schemas";
import { queueProfileMatches, type TDocState } from "./queue-alerts";

/**
 * Records who a policy is for (audited). On a published document the kept profiles it now matches
 * are queued at once; those already told about it are not told again.
 */
export async function updateEligibility(
  db: Db,
  actor: TActor,
  document: TDocState,
  body: TPolicyEligibility,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await eligibilityOf(tx, document.id);
    await saveEligibility(tx, document.id, body);
    await recordAudit(tx, actor, {
      action: "document.eligibility_update",
      entity: "policy_eligibility",
      entityId: document.id,
      unitId: document.unitId,
      before,
      after: body,
    });
    await queueProfileMatches(tx, document);
  });
}
