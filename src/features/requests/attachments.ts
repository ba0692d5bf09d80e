import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { findFile, storeFile, type TBlobStore, type TFileRow } from "../../platform/files";
import { MSG } from "../../platform/messages";
import { findAttachment, insertAttachments } from "./requests.repository";
import { loadVisibleRequest } from "./visible-request";

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_KINDS = { id_copy: "身份证明", other: "其他材料" } as const;
export type TAttachmentKind = keyof typeof ATTACHMENT_KINDS;

export type TUpload = { data: Uint8Array; name: string; kind: TAttachmentKind };

/** Stores uploads (checked by content and size) before the request's transaction; returns their file rows. */
export async function storeUploads(
  db: Db,
  blobs: TBlobStore,
  uploads: TUpload[],
): Promise<(TUpload & { file: TFileRow })[]> {
  const out = [];
  for (const u of uploads)
    out.push({
      ...u,
      file: await storeFile(db, blobs, u.data, {
        maxBytes: ATTACHMENT_MAX_BYTES,
        field: u.kind === "id_copy" ? "idCopy" : "file",
      }),
    });
  return out;
}

/** Links stored files to a request, inside the caller's transaction. */
export async function linkAttachments(
  tx: Db,
  requestId: number,
  stored: { file: TFileRow; name: string; kind: TAttachmentKind }[],
) {
  await insertAttachments(
    tx,
    stored.map((s) => ({
      requestId,
      fileId: s.file.id,
      kind: s.kind,
      name: s.name.slice(0, 200) || `附件.${s.file.ext}`,
    })),
  );
}

/** Staff add a paper to a request they may see; audited. */
export async function addAttachment(
  db: Db,
  blobs: TBlobStore,
  actor: TActor,
  p: TPrincipal,
  requestId: number,
  upload: TUpload,
) {
  const { r } = await loadVisibleRequest(db, p, requestId);
  const [stored] = await storeUploads(db, blobs, [upload]);
  if (!stored) throw new Error("no file stored");
  const after = { kind: upload.kind, name: upload.name, fileId: stored.file.id, sha256: stored.file.sha256 };
  await db.transaction(async (tx) => {
    await linkAttachments(tx, requestId, [stored]);
    await recordAudit(tx, actor, {
      action: "request.attach",
      entity: "request",
      entityId: requestId,
      unitId: r.unitId,
      after,
    });
  });
  return after;
}

/** One attachment's content for staff who may see the request; each view of an ID copy is audited. */
export async function openAttachment(
  db: Db,
  blobs: TBlobStore,
  actor: TActor,
  p: TPrincipal,
  requestId: number,
  attachmentId: number,
) {
  const { r } = await loadVisibleRequest(db, p, requestId);
  const a = await findAttachment(db, requestId, attachmentId);
  const file = a ? await findFile(db, a.fileId) : undefined;
  if (!a || !file) throw new AppError("not_found", MSG.notFound);
  if (a.kind === "id_copy")
    await db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: "request.view_id_copy",
        entity: "request",
        entityId: requestId,
        unitId: r.unitId,
        after: { attachmentId },
      }),
    );
  return { name: a.name, mime: file.mime, data: await blobs.get(file.sha256) };
}
