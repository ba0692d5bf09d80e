import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { loadWorkCalendar, todayInChina } from "../calendar";
import { findUnit } from "../org";
import { computeProposalDueDate } from "./compute-proposal-due-date";
import { insertProposal, type TProposalRow } from "./proposals.repository";
import type { TCreateProposalBody } from "./proposals.schemas";

const refuse = (path: string, message: string) =>
  new AppError("unprocessable", message, { issues: [{ path, message }] });

/**
 * The office registers a suggestion or proposal as assigned (交办): its lead and co-units, and the
 * due date computed by STATUTES §9. A number already used for that kind and year → 409.
 */
export async function registerProposal(
  db: Db,
  actor: TActor,
  body: TCreateProposalBody,
): Promise<TProposalRow> {
  if (body.assignedAt > todayInChina()) throw refuse("assignedAt", "交办日期不能晚于今天。");
  const coUnitIds = [...new Set(body.coUnitIds ?? [])];
  if (coUnitIds.includes(body.leadUnitId)) throw refuse("coUnitIds", "会办单位不能同时是主办单位。");
  for (const [path, id] of [
    ["leadUnitId", body.leadUnitId] as const,
    ...coUnitIds.map((id) => ["coUnitIds", id] as const),
  ])
    if (!(await findUnit(db, id))) throw refuse(path, MSG.unknownUnit);
  const due = computeProposalDueDate(body.assignedAt, body.complex === true, await loadWorkCalendar(db));
  if (body.coOpinionDue !== undefined) {
    if (coUnitIds.length === 0) throw refuse("coOpinionDue", "没有会办单位时无需设定会办意见期限。");
    if (body.coOpinionDue <= body.assignedAt || body.coOpinionDue > due.dueDate)
      throw refuse("coOpinionDue", `会办意见期限应在交办日期之后、答复期限 ${due.dueDate} 之前。`);
  }
  return db.transaction(async (tx) => {
    const row = await insertProposal(
      tx,
      {
        kind: body.kind,
        year: Number(body.assignedAt.slice(0, 4)),
        number: body.number,
        title: body.title,
        submitters: body.submitters,
        leadUnitId: body.leadUnitId,
        assignedAt: body.assignedAt,
        isComplex: body.complex === true,
        dueDate: due.dueDate,
        dueDateProvisional: due.isProvisional,
        coOpinionDue: body.coOpinionDue ?? null,
      },
      coUnitIds,
    );
    await recordAudit(tx, actor, {
      action: "proposal.register",
      entity: "proposal",
      entityId: row.id,
      unitId: row.leadUnitId,
      after: {
        kind: row.kind,
        number: row.number,
        title: row.title,
        leadUnitId: row.leadUnitId,
        coUnitIds,
        assignedAt: row.assignedAt,
        isComplex: row.isComplex,
        dueDate: row.dueDate,
      },
    });
    return row;
  });
}
