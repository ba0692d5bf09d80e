import { recordAudit, type TActor } from "../../platform/audit";
import { can, type TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import {
  extractTextIsolated,
  findFile,
  storeFile,
  type TBlobStore,
  type TFileRow,
} from "../../platform/files";
import { MSG } from "../../platform/messages";
import { searchTextOf } from "./document-text";
import {
  attachmentsOf,
  deleteAttachment,
  findDocument,
  insertAttachment,
  lockDocument,
  type TDocumentRow,
  updateDocumentRow,
} from "./documents.repository";
import { isPublicNow, isStaffOf } from "./read-document";

export const DOCUMENT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** The search vector again, now that the attachments' text changed. */
async function reindex(tx: Db, row: TDocumentRow): Promise<void> {
  const texts = (await attachmentsOf(tx, row.id)).map((a) => a.extractedText ?? "");
  await updateDocumentRow(tx, row.id, {}, searchTextOf(row, texts));
}

/** Records a stored file as the document's next attachment, reindexes and audits, in `tx`. */
async function attachStoredFile(
  tx: Db,
  actor: TActor,
  row: TDocumentRow,
  file: TFileRow,
  name: string,
  text: string | null,
  note: Record<string, unknown>,
) {
  const attachment = await insertAttachment(tx, {
    documentId: row.id,
    fileId: file.id,
    name,
    sortOrder: (await attachmentsOf(tx, row.id)).length,
    extractedText: text,
  });
  await reindex(tx, row);
  await recordAudit(tx, actor, {
    action: "document.attach",
    entity: "document",
    entityId: row.id,
    unitId: row.unitId,
    after: { attachmentId: attachment.id, name, sha256: file.sha256, size: file.size, ...note },
  });
  return attachment;
}

async function editable(db: Db, p: TPrincipal, id: number): Promise<TDocumentRow> {
  const row = await findDocument(db, id);
  if (!row || !can(p, "documents.edit", row.unitId)) throw new AppError("not_found", MSG.notFound);
  if (row.status === "withdrawn") throw new AppError("conflict", "已撤回的文件不能再修改。");
  return row;
}

/**
 * Adds a file (PDF, DOCX, XLSX or image, checked by content and size, stored once by hash) to a
 * document; its text, where a library can read it, goes into search and the privacy check.
 */
export async function addDocumentAttachment(
  db: Db,
  blobs: TBlobStore,
  actor: TActor,
  p: TPrincipal,
  documentId: number,
  upload: { data: Uint8Array; name: string },
) {
  await editable(db, p, documentId);
  const file = await storeFile(db, blobs, upload.data, { maxBytes: DOCUMENT_ATTACHMENT_MAX_BYTES });
  const text = await extractTextIsolated(upload.data, file.mime);
  const name = upload.name.trim().slice(0, 200) || `附件.${file.ext}`;
  return db.transaction(async (tx) => {
    const locked = await lockDocument(tx, documentId);
    if (!locked) throw new AppError("not_found", MSG.notFound);
    // A new file has not been through the privacy check that a confirmation answered.
    if (locked.privacyConfirmedBy)
      await updateDocumentRow(tx, documentId, { privacyConfirmedBy: null, privacyConfirmedAt: null });
    return attachStoredFile(tx, actor, locked, file, name, text, { hasText: text !== null });
  });
}

/**
 * Adds a file that server code made from the document's own content (the annual report's Word
 * file) within the caller's transaction: no upload to check the unit's rights for, and its text is
 * the text the publication's privacy check already read.
 */
export async function attachGeneratedFile(
  tx: Db,
  blobs: TBlobStore,
  actor: TActor,
  documentId: number,
  upload: { data: Uint8Array; name: string },
) {
  const row = await lockDocument(tx, documentId);
  if (!row) throw new AppError("not_found", MSG.notFound);
  const file = await storeFile(tx, blobs, upload.data, { maxBytes: DOCUMENT_ATTACHMENT_MAX_BYTES });
  const text = await extractTextIsolated(upload.data, file.mime);
  return attachStoredFile(tx, actor, row, file, upload.name, text, { generated: true });
}

/** A file uploaded with a new draft, checked and stored, its text read; linked by `attachUploads`. */
export type TStoredUpload = { file: TFileRow; name: string; text: string | null };

/**
 * Checks (type, size) and stores the files sent with a new draft, and reads their text, before the
 * draft's transaction: a file refused here stops the draft from being created at all. The stored
 * content is addressed by its hash, so a file kept from a refused draft is only an unused copy.
 */
export async function storeDocumentUploads(
  db: Db,
  blobs: TBlobStore,
  uploads: { data: Uint8Array; name: string }[],
  field = "files",
): Promise<TStoredUpload[]> {
  const out: TStoredUpload[] = [];
  for (const u of uploads) {
    const file = await storeFile(db, blobs, u.data, { maxBytes: DOCUMENT_ATTACHMENT_MAX_BYTES, field });
    const text = await extractTextIsolated(u.data, file.mime);
    out.push({ file, name: u.name.trim().slice(0, 200) || `附件.${file.ext}`, text });
  }
  return out;
}

/** Links stored uploads to a document being created, in its transaction, each audited. */
export async function attachUploads(tx: Db, actor: TActor, row: TDocumentRow, uploads: TStoredUpload[]) {
  for (const u of uploads)
    await attachStoredFile(tx, actor, row, u.file, u.name, u.text, { hasText: u.text !== null });
}

/** Removes a file from a document (the stored content stays: other records may share it). */
export async function removeDocumentAttachment(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  documentId: number,
  attachmentId: number,
): Promise<void> {
  const row = await editable(db, p, documentId);
  if (row.status === "published")
    throw new AppError("conflict", "已发布文件的附件不能删除；如需更正，请撤回或发布更正文件。");
  await db.transaction(async (tx) => {
    if (!(await deleteAttachment(tx, documentId, attachmentId)))
      throw new AppError("not_found", MSG.notFound);
    await reindex(tx, row);
    await recordAudit(tx, actor, {
      action: "document.detach",
      entity: "document",
      entityId: documentId,
      unitId: row.unitId,
      before: { attachmentId },
    });
  });
}

/** An attachment's content, for whoever may read the document. */
export async function openDocumentAttachment(
  db: Db,
  blobs: TBlobStore,
  viewer: TPrincipal | null,
  documentId: number,
  attachmentId: number,
) {
  const row = await findDocument(db, documentId);
  if (!row || !(isPublicNow(row) || isStaffOf(viewer, row))) throw new AppError("not_found", MSG.notFound);
  const attachment = (await attachmentsOf(db, documentId)).find((a) => a.id === attachmentId);
  const file = attachment && (await findFile(db, attachment.fileId));
  if (!attachment || !file) throw new AppError("not_found", MSG.notFound);
  return {
    name: attachment.name,
    mime: file.mime,
    data: await blobs.get(file.sha256),
    /** Published now: the same bytes for everyone, so caches may keep them. */
    isPublic: isPublicNow(row),
  };
}
