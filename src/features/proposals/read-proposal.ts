import { canAnywhere, type TPrincipal, type TUnitScope, unitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { coUnitsOf, findProposal, isVisible, repliesOf, type TProposalRow } from "./proposals.repository";

/** The units whose proposals the caller may see: district roles all, a unit its own (lead or co-unit). */
export function proposalScope(p: TPrincipal): TUnitScope {
  const manage = unitScope(p, "proposals.manage");
  if (manage === "all") return "all";
  const reply = unitScope(p, "proposals.reply");
  return reply === "all" ? "all" : [...new Set([...manage, ...reply])];
}

/** The proposal if the caller may see it; 404 otherwise (not 403, so it does not reveal it exists). */
export async function visibleProposal(db: Db, p: TPrincipal, id: number): Promise<TProposalRow> {
  if (!canAnywhere(p, "proposals.reply") && !canAnywhere(p, "proposals.manage"))
    throw new AppError("not_found", MSG.notFound);
  if (!(await isVisible(db, id, proposalScope(p)))) throw new AppError("not_found", MSG.notFound);
  const row = await findProposal(db, id);
  if (!row) throw new AppError("not_found", MSG.notFound);
  return row;
}

/** Everything staff see about one proposal: units, opinions, replies with their views. */
export async function readProposal(db: Db, p: TPrincipal, id: number) {
  const row = await visibleProposal(db, p, id);
  return presentStaff(row, await coUnitsOf(db, id), await repliesOf(db, id));
}

export function presentStaff(
  row: TProposalRow,
  coUnits: Awaited<ReturnType<typeof coUnitsOf>>,
  replies: Awaited<ReturnType<typeof repliesOf>>,
) {
  return {
    id: row.id,
    kind: row.kind,
    year: row.year,
    number: row.number,
    title: row.title,
    submitters: row.submitters,
    leadUnitId: row.leadUnitId,
    coUnits: coUnits.map((c) => ({
      unitId: c.unitId,
      unitName: c.unitName,
      opinion: c.opinion,
      opinionAt: c.opinionAt,
    })),
    assignedAt: row.assignedAt,
    complex: row.isComplex,
    dueDate: row.dueDate,
    dueDateProvisional: row.dueDateProvisional,
    coOpinionDue: row.coOpinionDue,
    status: row.status,
    round: row.round,
    replies: replies.map((r) => ({
      round: r.round,
      date: r.repliedAt,
      category: r.category,
      text: r.body,
      publish: r.isPublic,
      privateReason: r.privateReason || null,
      satisfaction: r.satisfaction,
      satisfactionAt: r.satisfactionAt,
    })),
  };
}
