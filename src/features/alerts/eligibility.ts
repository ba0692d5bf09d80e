import type { Db } from "../../platform/db";
import { todayInChina } from "../calendar";
import { insertProfile, queueConfirmation, visibleEligibility } from "./alerts.repository";
import type { TEligibilityBody } from "./alerts.schemas";
import { matchEligibility } from "./match-eligibility";
import { newToken } from "./subscribe";

export type TEligibleItem = { documentId: number; title: string; docNumber: string; reasons: string[] };

/** 政策找人: the visible, valid policies whose recorded eligibility the answers meet, with the reasons. */
export async function findEligiblePolicies(
  db: Db,
  answers: TEligibilityBody,
  today = todayInChina(),
): Promise<TEligibleItem[]> {
  const items: TEligibleItem[] = [];
  for (const rule of await visibleEligibility(db)) {
    const m = matchEligibility(rule, answers, today);
    if (m.isMatch)
      items.push({
        documentId: rule.documentId,
        title: rule.title,
        docNumber: rule.docNumber,
        reasons: m.reasons,
      });
  }
  return items;
}

/**
 * Keeps the answers as a profile (only with consent and an address), pending until the confirmation
 * link is used; from then on new matching policies are pushed to it.
 */
export async function keepProfile(db: Db, email: string, answers: TEligibilityBody): Promise<void> {
  await db.transaction(async (tx) => {
    const id = await insertProfile(tx, { email, token: newToken(), answers });
    await queueConfirmation(tx, { email, profileId: id });
  });
}
