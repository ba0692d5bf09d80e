import { recordAudit, type TActor } from "../../platform/audit";
import { can, type TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { announceDocumentChange } from "./document-hooks";
import { snapshotOf } from "./document-snapshot";
import {
  appliedRelationsOn,
  findDocument,
  insertVersion,
  lockDocument,
  relationsOf,
  type TDocumentRow,
  type TRelation,
  updateDocumentRow,
  updateRelation,
} from "./documents.repository";
import type { TRelationPrior } from "./documents.tables";

// A repeal ends another document's validity and an amendment changes it: both speak for the unit
// that owns that document. So they take effect only when that unit or a district role publishes
// them; any other unit's repeal or amendment waits as a proposal that the target's unit (or the
// office) accepts or declines. Each one keeps the target's dates from before it took effect, so that
// withdrawing the repealing or amending document puts them back.

const ENDING_KINDS = new Set(["repeals", "amends"]);

/** Whether the principal may end or amend the target: its own unit's reviewer, or a district role. */
function mayDecideFor(p: TPrincipal, target: TDocumentRow): boolean {
  return can(p, "documents.review", target.unitId);
}

/** The target's dates that a relation of this kind writes. */
function datesOf(kind: string, row: TDocumentRow): TRelationPrior {
  return kind === "repeals"
    ? { repealedAt: row.repealedAt, endsAs: row.endsAs }
    : { amendedAt: row.amendedAt };
}

/** From the source's 实施日期 (or, without one, its 发布日期). */
function writtenBy(kind: string, source: TDocumentRow): TRelationPrior {
  const from = source.effectiveAt ?? source.publishedAt;
  return kind === "repeals" ? { repealedAt: from, endsAs: "repealed" } : { amendedAt: from };
}

const LABEL: Record<string, string> = { repeals: "被废止", amends: "被修改" };

/** Writes dates on the target as a new version of it, with the note that says why. */
async function writeTargetDates(
  tx: Db,
  actor: TActor,
  target: TDocumentRow,
  dates: TRelationPrior,
  note: string,
): Promise<TDocumentRow> {
  const updated = await updateDocumentRow(tx, target.id, { ...dates, version: target.version + 1 });
  await insertVersion(tx, {
    documentId: target.id,
    version: updated.version,
    snapshot: snapshotOf(updated),
    changeNote: note,
    createdBy: actor.name,
  });
  await announceDocumentChange(tx, { kind: "validity_changed", document: updated });
  return updated;
}

/** The relation takes effect: the target's dates change, the old ones are kept on the relation. */
async function applyRelation(
  tx: Db,
  actor: TActor,
  rel: TRelation,
  source: TDocumentRow,
  target: TDocumentRow,
): Promise<void> {
  const dates = writtenBy(rel.kind, source);
  const from = dates.repealedAt ?? dates.amendedAt;
  await updateRelation(tx, rel.id, {
    state: "applied",
    prior: datesOf(rel.kind, target),
    decidedBy: actor.name,
    decidedAt: new Date(),
  });
  await writeTargetDates(
    tx,
    actor,
    target,
    dates,
    `${LABEL[rel.kind]}：见《${source.title}》${source.docNumber ? `（${source.docNumber}）` : ""}，自 ${from} 起`,
  );
  await recordAudit(tx, actor, {
    action: rel.kind === "repeals" ? "document.repealed" : "document.amended",
    entity: "document",
    entityId: target.id,
    unitId: target.unitId,
    before: datesOf(rel.kind, target),
    after: { ...dates, by: source.id, relationId: rel.id },
  });
}

/**
 * On publishing `source`: each of its repeals and amendments takes effect when the publisher may
 * decide for the target, and otherwise becomes a proposal to the target's unit.
 */
export async function applyOutgoingRelations(
  tx: Db,
  actor: TActor,
  p: TPrincipal,
  source: TDocumentRow,
): Promise<void> {
  const outgoing = (await relationsOf(tx, source.id)).filter(
    (r) => r.fromId === source.id && ENDING_KINDS.has(r.kind) && r.state === "pending",
  );
  for (const rel of outgoing) {
    const target = await lockDocument(tx, rel.toId);
    if (!target) continue;
    if (mayDecideFor(p, target)) {
      await applyRelation(tx, actor, rel, source, target);
      continue;
    }
    await updateRelation(tx, rel.id, { state: "proposed" });
    await recordAudit(tx, actor, {
      action: "document.relation_propose",
      entity: "document",
      entityId: target.id,
      unitId: target.unitId,
      after: { relationId: rel.id, kind: rel.kind, by: source.id },
    });
  }
}

/**
 * On withdrawing `source`: its repeals and amendments in effect are undone and its proposals lapse.
 * Undoing one puts back the dates it found, unless a later one of the same kind took effect on the
 * same target since: that one then inherits those dates, to put back when it is undone in turn.
 */
export async function revokeOutgoingRelations(tx: Db, actor: TActor, source: TDocumentRow): Promise<void> {
  const outgoing = (await relationsOf(tx, source.id)).filter(
    (r) => r.fromId === source.id && ENDING_KINDS.has(r.kind) && ["applied", "proposed"].includes(r.state),
  );
  for (const rel of outgoing) {
    const target = rel.state === "applied" ? await lockDocument(tx, rel.toId) : undefined;
    const inEffect = target ? await appliedRelationsOn(tx, target.id, rel.kind) : [];
    const position = inEffect.findIndex((r) => r.id === rel.id);
    const later = position >= 0 ? inEffect[position + 1] : undefined;
    await updateRelation(tx, rel.id, { state: "revoked", decidedBy: actor.name, decidedAt: new Date() });
    if (!target) continue;
    // Relations recorded before their prior dates were kept found the target without dates.
    const prior =
      rel.prior ?? (rel.kind === "repeals" ? { repealedAt: null, endsAs: "invalid" } : { amendedAt: null });
    if (later) await updateRelation(tx, later.id, { prior });
    else
      await writeTargetDates(
        tx,
        actor,
        target,
        prior,
        `《${source.title}》已撤回，${rel.kind === "repeals" ? "废止" : "修改"}不再生效`,
      );
    await recordAudit(tx, actor, {
      action: rel.kind === "repeals" ? "document.repeal_revoke" : "document.amend_revoke",
      entity: "document",
      entityId: target.id,
      unitId: target.unitId,
      before: datesOf(rel.kind, target),
      after: later ? datesOf(rel.kind, target) : prior,
    });
  }
}

/**
 * The target's unit (or a district role) accepts a proposed repeal or amendment, which then takes
 * effect as if published by them, or declines it; either way it is audited.
 */
export async function decideProposal(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  targetId: number,
  relationId: number,
  decision: "accept" | "decline",
): Promise<void> {
  await db.transaction(async (tx) => {
    const target = await lockDocument(tx, targetId);
    const staff = target && (can(p, "documents.edit", target.unitId) || mayDecideFor(p, target));
    if (!target || !staff) throw new AppError("not_found", MSG.notFound);
    if (!mayDecideFor(p, target)) throw new AppError("forbidden", MSG.forbidden);
    const rel = (await relationsOf(tx, targetId)).find((r) => r.id === relationId && r.toId === targetId);
    if (!rel || !ENDING_KINDS.has(rel.kind)) throw new AppError("not_found", MSG.notFound);
    if (rel.state !== "proposed") throw new AppError("conflict", "该提议已经处理过，或已随来文撤回。");
    const source = await findDocument(tx, rel.fromId);
    if (source?.status !== "published")
      throw new AppError("conflict", "提出废止或修改的文件已不在发布状态。");
    await recordAudit(tx, actor, {
      action: decision === "accept" ? "document.relation_accept" : "document.relation_decline",
      entity: "document",
      entityId: target.id,
      unitId: target.unitId,
      before: { relationId, state: rel.state },
      after: { relationId, state: decision === "accept" ? "applied" : "declined", by: source.id },
    });
    if (decision === "accept") await applyRelation(tx, actor, rel, source, target);
    else
      await updateRelation(tx, rel.id, { state: "declined", decidedBy: actor.name, decidedAt: new Date() });
  });
}
