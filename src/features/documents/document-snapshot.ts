import { createHash } from "node:crypto";
import type { TDocumentRow } from "./documents.repository";

/** What a version keeps: every field a reader or reviewer could ask about, not the search index. */
export function snapshotOf(row: TDocumentRow): Record<string, unknown> {
  return { ...row };
}

/** What the audit log keeps: the snapshot with the body as its length and hash (versions hold the text). */
export function auditViewOf(row: TDocumentRow): Record<string, unknown> {
  const { body, bodyHtml, ...rest } = snapshotOf(row);
  const digest = (value: unknown) => {
    const text = String(value ?? "");
    return { length: text.length, sha256: createHash("sha256").update(text).digest("hex") };
  };
  return { ...rest, body: digest(body), ...(bodyHtml ? { bodyHtml: digest(bodyHtml) } : {}) };
}
