// Reminders to each unit's liaison: items whose next clock runs out within the hour, and items
// overdue. One message per unit and kind; each item and kind is claimed first, so that concurrent
// runs (several processes) do not send twice.

import type { Db } from "../../platform/db";
import type { TMailer } from "../../platform/mailer";
import { currentLiaisons, listUnits, staffEmails } from "../org";
import { chinaDateTime, DUE_SOON_MS, remainingText } from "./compute-clocks";
import { claimReminders, dropReminders, itemsToRemind } from "./opinions.repository";

const KIND_TEXT = { due_soon: "1 小时内到期", overdue: "已超时" } as const;

/** The unit's liaison addresses: the roster's current liaison and users holding the liaison role there. */
async function liaisonEmails(db: Db, unitId: number): Promise<string[]> {
  const emails = new Set<string>();
  for (const l of await currentLiaisons(db, [unitId])) if (l.email) emails.add(l.email);
  for (const e of await staffEmails(db, unitId, ["unit_liaison"])) emails.add(e);
  return [...emails].sort();
}

/** Sends the reminders due at `now`; returns how many messages went out and how many units have no address. */
export async function sendOpinionReminders(db: Db, mailer: TMailer, now: Date, baseUrl = "") {
  let sent = 0;
  let unaddressed = 0;
  const units = new Map((await listUnits(db)).map((u) => [u.id, u.name]));
  for (const kind of ["overdue", "due_soon"] as const) {
    const items = await itemsToRemind(db, kind, now, new Date(now.getTime() + DUE_SOON_MS));
    const byUnit = new Map<number, typeof items>();
    for (const item of items) {
      if (!item.unitId) continue;
      byUnit.set(item.unitId, [...(byUnit.get(item.unitId) ?? []), item]);
    }
    for (const [unitId, list] of byUnit) {
      const to = await liaisonEmails(db, unitId);
      if (to.length === 0) {
        unaddressed++;
        continue;
      }
      const claimed = await claimReminders(
        db,
        kind,
        list.map((i) => i.id),
        to,
      );
      const mine = list.filter((i) => claimed.includes(i.id));
      if (mine.length === 0) continue;
      try {
        await mailer.send({
          to,
          subject: `【政务舆情】${units.get(unitId) ?? ""} 有 ${mine.length} 条舆情回应时限${KIND_TEXT[kind]}`,
          text: [
            `以下舆情的回应时限${KIND_TEXT[kind]}，请尽快处理并在系统中记录：`,
            ...mine.map(
              (i) =>
                `  ${i.title.slice(0, 40)}（时限：${chinaDateTime(i.nextDueAt as Date)}，${remainingText(i.nextDueAt as Date, now)}）${baseUrl}/admin/opinions/${i.id}`,
            ),
          ].join("\n"),
        });
      } catch (err) {
        await dropReminders(
          db,
          kind,
          mine.map((i) => i.id),
        );
        throw err;
      }
      sent++;
    }
  }
  return { sent, unaddressed };
}
