import { recordAudit, type TActor } from "../../platform/audit";
import { can, type TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { documentFacts, itemIdsOfDocument, itemsOf, replaceDocumentItems } from "./catalogues.repository";
import { suggestItems } from "./suggest-items";

/** The document, if the principal may edit its unit's documents; otherwise 404. */
export async function editableDocument(db: Db, p: TPrincipal, documentId: number) {
  const doc = await documentFacts(db, documentId);
  if (!doc || !can(p, "documents.edit", doc.unit_id)) throw new AppError("not_found", MSG.notFound);
  return doc;
}

/** What the tag form shows: the unit's items, those tagged, and those suggested from the document's words. */
export async function taggingOf(
  db: Db,
  documentId: number,
  doc: { unit_id: number; title: string; topics: string[]; keywords: string[] },
) {
  const items = await itemsOf(db, doc.unit_id);
  const tagged = await itemIdsOfDocument(db, documentId);
  const suggested = suggestItems(
    doc,
    items.map((i) => ({
      id: i.id,
      areaName: i.areaName,
      level1: i.level1,
      level2: i.level2,
      keywords: i.keywords,
    })),
  );
  return { items, tagged, suggested };
}

/**
 * Sets the catalogue items a document carries out (the whole set; an empty list clears them). Each
 * item must be an active item of the document's own unit's catalogue; audited.
 */
export async function setDocumentItems(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  documentId: number,
  itemIds: number[],
) {
  const doc = await editableDocument(db, p, documentId);
  const ids = [...new Set(itemIds)].sort((a, b) => a - b);
  const own = new Set((await itemsOf(db, doc.unit_id)).map((i) => i.id));
  const foreign = ids.filter((id) => !own.has(id));
  if (foreign.length)
    throw new AppError("validation_failed", MSG.validation, {
      issues: [{ path: "itemIds", message: `事项 ${foreign.join("、")} 不在本单位的标准目录中。` }],
    });
  const before = await itemIdsOfDocument(db, documentId);
  await db.transaction(async (tx) => {
    await replaceDocumentItems(tx, documentId, ids, actor.name);
    await recordAudit(tx, actor, {
      action: "document.catalogue_items",
      entity: "document",
      entityId: documentId,
      unitId: doc.unit_id,
      before: { itemIds: before },
      after: { itemIds: ids },
    });
  });
  return { documentId, itemIds: ids };
}
