import { createHash } from "node:crypto";
import type { TDocumentRow } from "./documents.repository";

/** What a version keeps: every field a reader or reviewer could ask about, not the search index. */
export function snapshotOf(row: TDocumentRow): Record<string, unknown> {
  return { ...row };
}

/** What the audit log keeps: the snapshot with the body as its length and hash (versions hold the text). */
export function auditViewOf(row: TDocumentRow): Record<string, unknown> {
  const { body, ...rest } = snapshotOf(row);
  const text = String(body ?? "");
  return { ...rest, body: { length: text.length, sha256: createHash("sha256").update(text).digest("hex") } };
}
