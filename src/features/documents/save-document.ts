import { recordAudit, type TActor } from "../../platform/audit";
import { can, type TPrincipal, unitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError, type TFieldIssue } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { loadWorkCalendar, todayInChina } from "../calendar";
import { findUnit } from "../org";
import { attachUploads, type TStoredUpload } from "./document-attachments";
import { announceDocumentChange } from "./document-hooks";
import { auditViewOf, snapshotOf } from "./document-snapshot";
import { docNumberKeyOf, searchTextOf } from "./document-text";
import {
  attachmentsOf,
  documentsByIds,
  findDocument,
  insertDocument,
  insertVersion,
  listTopics,
  lockDocument,
  relationsOf,
  replaceOutgoingRelations,
  replaceQa,
  type TDocumentInsert,
  type TDocumentRow,
  updateDocumentRow,
} from "./documents.repository";
import type { TCreateDocumentBody, TUpdateDocumentBody } from "./documents.schemas";
import { nextIndexNo } from "./index-number";
import { applyPublish, assertPublishable, recordPublishBlocked } from "./publish-document";

const invalid = (issues: TFieldIssue[]) =>
  new AppError("unprocessable", issues[0]?.message ?? MSG.validation, { issues });

/** The unit a new document belongs to: the one given, or the only unit where the author may edit. */
function unitFor(p: TPrincipal, unitId: number | undefined): number {
  if (unitId !== undefined) return unitId;
  const scope = unitScope(p, "documents.edit");
  if (scope !== "all" && scope.length === 1 && scope[0] !== undefined) return scope[0];
  throw invalid([{ path: "unitId", message: "请选择发布机构。" }]);
}

/**
 * A relation may point only at a published document or at one of the author's own units: another
 * unit's draft answers exactly like a missing document, so that its title and existence stay hidden.
 */
function mayLinkTo(p: TPrincipal, target: TDocumentRow): boolean {
  return target.status === "published" || can(p, "documents.edit", target.unitId);
}

/** Rules that zod cannot check alone: managed topics, links that exist, dates in order. */
async function checkRules(
  db: Db,
  p: TPrincipal,
  selfId: number | null,
  d: TDocumentInsert,
  body: TUpdateDocumentBody,
) {
  const issues: TFieldIssue[] = [];
  const known = new Set((await listTopics(db)).map((t) => t.name));
  const unknown = (d.topics ?? []).filter((t) => !known.has(t));
  if (unknown.length > 0)
    issues.push({ path: "topics", message: `主题分类不在目录中：${unknown.join("、")}。` });
  if (d.interpretsId != null) {
    if (d.kind !== "interpretation")
      issues.push({ path: "interprets", message: "只有政策解读可以关联被解读的文件。" });
    const [target] = await documentsByIds(db, [d.interpretsId]);
    if (!target || target.id === selfId) issues.push({ path: "interprets", message: "被解读的文件不存在。" });
  }
  const relationIds = (body.relations ?? []).map((r) => r.documentId);
  if (relationIds.includes(selfId ?? -1)) issues.push({ path: "relations", message: "文件不能关联自己。" });
  const found = new Set(
    (await documentsByIds(db, relationIds)).filter((r) => mayLinkTo(p, r)).map((r) => r.id),
  );
  if (relationIds.some((id) => !found.has(id)))
    issues.push({ path: "relations", message: "关联的文件不存在。" });
  if (d.writtenAt && d.publishedAt && d.publishedAt < d.writtenAt)
    issues.push({ path: "publishedAt", message: "发布日期不能早于成文日期。" });
  if (d.repealedAt && d.effectiveAt && d.repealedAt < d.effectiveAt)
    issues.push({ path: "repealedAt", message: "废止日期不能早于实施日期。" });
  if (issues.length > 0) throw invalid(issues);
}

/**
 * Once published, a document's repeals and amendments have taken effect (or been proposed): changing
 * them by an edit would leave the other document ended without a link, so they stay as published.
 */
async function assertEndingRelationsKept(
  db: Db,
  id: number,
  wanted: { kind: string; documentId: number }[],
): Promise<void> {
  const key = (kind: string, toId: number) => `${kind}:${toId}`;
  const ending = (kind: string) => kind === "repeals" || kind === "amends";
  const before = (await relationsOf(db, id))
    .filter((r) => r.fromId === id && ending(r.kind))
    .map((r) => key(r.kind, r.toId))
    .sort();
  const after = [
    ...new Set(wanted.filter((r) => ending(r.kind)).map((r) => key(r.kind, r.documentId))),
  ].sort();
  if (before.join() !== after.join())
    throw new AppError(
      "conflict",
      "已发布文件的“废止”“修改”关系不能更改；如有错误，请撤回本文件（被废止、修改的文件随之恢复）后重新发布。",
    );
}

/** The fields of the body as table columns (absent fields stay absent). */
function columnsOf(body: TUpdateDocumentBody): Partial<TDocumentInsert> {
  const { interprets, qa: _qa, relations: _rel, changeNote: _note, version: _v, ...rest } = body;
  return { ...rest, ...(interprets !== undefined ? { interpretsId: interprets } : {}) };
}

/** Art. 26: 20 working days from the day the information was made. */
async function publishDueOf(db: Db, writtenAt: string | null | undefined): Promise<string | null> {
  if (!writtenAt) return null;
  return (await loadWorkCalendar(db)).addWorkdays(writtenAt, 20).date;
}

/** A new document, as a draft or published at once (the latter needs the reviewer role). */
export async function createDocument(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  body: TCreateDocumentBody,
  extra: { sourceKey?: string; bodyHtml?: string; uploads?: TStoredUpload[] } = {},
): Promise<TDocumentRow> {
  const unitId = unitFor(p, body.unitId);
  if (!can(p, "documents.edit", unitId)) throw new AppError("forbidden", MSG.forbidden);
  if (body.status === "published" && !can(p, "documents.review", unitId))
    throw new AppError("forbidden", "发布需要审核权限。");
  const unit = await findUnit(db, unitId);
  if (!unit) throw invalid([{ path: "unitId", message: MSG.unknownUnit }]);
  const { status, ...fields } = body;
  const values: TDocumentInsert = {
    ...columnsOf(fields),
    title: body.title,
    kind: body.kind ?? "other",
    unitId,
    indexNo: "",
    docNumberKey: docNumberKeyOf(body.docNumber ?? ""),
    issuer: body.issuer || unit.name,
    publishDue: await publishDueOf(db, body.writtenAt),
    sourceKey: extra.sourceKey ?? null,
    // Only server code passes HTML (the annual report); the API and forms cannot reach this field.
    bodyHtml: extra.bodyHtml ?? null,
    createdBy: actor.name,
    status: "draft",
  };
  await checkRules(db, p, null, values, fields);
  const year = Number((body.writtenAt ?? todayInChina()).slice(0, 4));
  try {
    return await db.transaction(async (tx) => {
      values.indexNo = await nextIndexNo(tx, unit, year);
      let row = await insertDocument(tx, values, searchTextOf(withDefaults(values)));
      if (body.qa) await replaceQa(tx, row.id, body.qa);
      if (body.relations) await replaceOutgoingRelations(tx, row.id, body.relations);
      await insertVersion(tx, {
        documentId: row.id,
        version: 1,
        snapshot: snapshotOf(row),
        changeNote: "新建",
        createdBy: actor.name,
      });
      await recordAudit(tx, actor, {
        action: "document.create",
        entity: "document",
        entityId: row.id,
        unitId,
        after: auditViewOf(row),
      });
      // Attached before a publication in the same request, so its privacy check reads them too.
      if (extra.uploads?.length) await attachUploads(tx, actor, row, extra.uploads);
      if (status === "published") {
        await assertPublishable(tx, row, {});
        row = await applyPublish(tx, actor, p, row, {});
      }
      return row;
    });
  } catch (e) {
    await recordPublishBlocked(db, actor, e);
    throw e;
  }
}

function withDefaults(v: Partial<TDocumentInsert>) {
  return {
    title: v.title ?? "",
    docNumber: v.docNumber ?? "",
    issuer: v.issuer ?? "",
    keywords: v.keywords ?? [],
    topics: v.topics ?? [],
    summary: v.summary ?? "",
    body: v.body ?? "",
  };
}

/** A change to a document: a new version with its note; a published document's change needs a note. */
export async function updateDocument(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  id: number,
  body: TUpdateDocumentBody,
): Promise<TDocumentRow> {
  const current = await findDocument(db, id);
  if (!current || !can(p, "documents.edit", current.unitId)) throw new AppError("not_found", MSG.notFound);
  if (body.unitId !== undefined && body.unitId !== current.unitId && !can(p, "documents.edit", body.unitId))
    throw new AppError("forbidden", MSG.forbidden);
  if (current.status === "withdrawn") throw new AppError("conflict", "已撤回的文件不能再修改。");
  if (current.status === "published" && !body.changeNote)
    throw invalid([{ path: "changeNote", message: "修改已发布的文件须说明修改原因。" }]);
  if (body.version !== undefined && body.version !== current.version)
    throw new AppError("conflict", "文件刚被其他人修改，请刷新后重试。");
  if (current.status !== "draft" && current.status !== "review" && body.relations)
    await assertEndingRelationsKept(db, id, body.relations);
  const next = { ...current, ...columnsOf(body) } as TDocumentRow;
  if (current.status === "published" && !next.publishedAt)
    throw invalid([{ path: "publishedAt", message: "已发布的文件必须有发布日期。" }]);
  next.docNumberKey = docNumberKeyOf(next.docNumber);
  // HTML rendered from the old text would no longer match an edited body: the page falls back to it.
  if (body.body !== undefined && body.body !== current.body) next.bodyHtml = null;
  if (body.writtenAt !== undefined) next.publishDue = await publishDueOf(db, next.writtenAt);
  await checkRules(db, p, id, next, body);
  return db.transaction(async (tx) => {
    const locked = await lockDocument(tx, id);
    if (!locked || locked.version !== current.version)
      throw new AppError("conflict", "文件刚被其他人修改，请刷新后重试。");
    const texts = (await attachmentsOf(tx, id)).map((a) => a.extractedText ?? "");
    const { id: _id, createdAt: _c, createdBy: _b, updatedAt: _u, ...changes } = next;
    const row = await updateDocumentRow(
      tx,
      id,
      { ...changes, version: current.version + 1 },
      searchTextOf(next, texts),
    );
    if (body.qa) await replaceQa(tx, id, body.qa);
    if (body.relations) await replaceOutgoingRelations(tx, id, body.relations);
    await insertVersion(tx, {
      documentId: id,
      version: row.version,
      snapshot: snapshotOf(row),
      changeNote: body.changeNote ?? "",
      createdBy: actor.name,
    });
    await recordAudit(tx, actor, {
      action: "document.update",
      entity: "document",
      entityId: id,
      unitId: row.unitId,
      before: auditViewOf(current),
      after: auditViewOf(row),
    });
    await announceDocumentChange(tx, { kind: "updated", document: row });
    return row;
  });
}
