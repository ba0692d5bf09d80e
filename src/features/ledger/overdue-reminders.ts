// Overdue reminders to each responsible unit's liaison: listed on the ledger pages, and sent by
// e-mail when SMTP is configured, once per task, unit and kind whichever process runs first.

import type { Db } from "../../platform/db";
import type { TMailer } from "../../platform/mailer";
import { currentLiaisons, staffEmails } from "../org";
import { claimOverdueReminders, dropOverdueReminders, listPlans } from "./ledger.repository";
import { planBoard, type TPlanBoard } from "./plan-board";

/** The units of a board with tasks past due and not finished, with their current liaison; tasks closed at year end are left out. */
export async function overdueOnBoard(db: Db, board: TPlanBoard) {
  const rows = board.byUnit
    .map((r) => ({ unit: r.unit, tasks: r.overdueTasks.filter((t) => t.reviewOutcome === null) }))
    .filter((r) => r.tasks.length > 0);
  const liaisons = await currentLiaisons(
    db,
    rows.map((r) => r.unit.id),
  );
  return rows.map((r) => ({ ...r, liaison: liaisons.find((l) => l.unitId === r.unit.id) ?? null }));
}

/** Every unit of the plan with overdue tasks, with its liaison. */
export async function overdueByUnit(db: Db, planId: number, today: string) {
  return overdueOnBoard(db, await planBoard(db, planId, today));
}

/** The unit's liaison addresses: the roster's current liaison and users holding the liaison role there. */
async function liaisonEmails(db: Db, unitId: number, rosterEmail: string | undefined): Promise<string[]> {
  const emails = new Set<string>();
  if (rosterEmail) emails.add(rosterEmail);
  for (const e of await staffEmails(db, unitId, ["unit_liaison"])) emails.add(e);
  return [...emails].sort();
}

/**
 * E-mails each unit's liaison the overdue tasks not yet reminded of: one message per unit listing
 * the new ones, each task and unit claimed first so that concurrent runs do not send twice.
 */
export async function sendOverdueReminders(db: Db, mailer: TMailer, today: string, baseUrl = "") {
  let sent = 0;
  let unaddressed = 0;
  for (const plan of await listPlans(db))
    for (const row of await overdueByUnit(db, plan.id, today)) {
      const to = await liaisonEmails(db, row.unit.id, row.liaison?.email);
      if (to.length === 0) {
        unaddressed++;
        continue;
      }
      const claimed = await claimOverdueReminders(
        db,
        row.unit.id,
        row.tasks.map((t) => t.id),
        to,
      );
      if (claimed.length === 0) continue;
      const tasks = row.tasks.filter((t) => claimed.includes(t.id));
      try {
        await mailer.send({
          to,
          subject: `【工作台账】${row.unit.name} 有 ${tasks.length} 项任务已逾期`,
          text: [
            `${plan.title}`,
            `以下任务已超过完成时限，请尽快报告进展：`,
            ...tasks.map(
              (t) => `  ${t.no}. ${t.requirement.slice(0, 60)}（时限：${t.deadlineText}，${t.dueDate}）`,
            ),
            `报告进展：${baseUrl}/admin/ledger/plans/${plan.id}?unit=${row.unit.id}`,
          ].join("\n"),
        });
      } catch (err) {
        // Not sent: drop the claims so that the next run tries again.
        await dropOverdueReminders(
          db,
          row.unit.id,
          tasks.map((t) => t.id),
        );
        throw err;
      }
      sent++;
    }
  return { sent, unaddressed };
}
