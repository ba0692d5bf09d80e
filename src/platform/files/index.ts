import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { fileTypeFromBuffer } from "file-type";
import type { Db } from "../db";
import { AppError } from "../errors";
import { unzippedSizes } from "./zip-sizes";

const files = pgTable("files", {
  id: serial("id").primaryKey(),
  sha256: text("sha256").notNull(),
  size: integer("size").notNull(),
  mime: text("mime").notNull(),
  ext: text("ext").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type TFileRow = typeof files.$inferSelect;

/** Where file contents live, addressed by their SHA-256: local disk by default; object storage can implement the same. */
export type TBlobStore = {
  put(sha256: string, data: Uint8Array): Promise<void>;
  get(sha256: string): Promise<Buffer>;
};

/** Files under `dir/ab/abcdef…`; written to a temporary name first, so a crash leaves no half file. */
export function localBlobStore(dir: string): TBlobStore {
  const where = (sha: string) => path.join(dir, sha.slice(0, 2), sha);
  return {
    async put(sha, data) {
      const target = where(sha);
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, target);
    },
    get: (sha) => readFile(where(sha)),
  };
}

/** The kinds of file the platform accepts, recognised by their content, not their name. */
export const DOCUMENT_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  png: "image/png",
  jpg: "image/jpeg",
};

/**
 * The largest unpacked size of an uploaded XLSX or DOCX (both ZIP archives): ten times the largest
 * upload any form accepts, above real office files, far below what a ZIP bomb inflates to.
 */
export const MAX_UNZIPPED_UPLOAD_BYTES = 100 * 1024 * 1024;

/**
 * Checks a file's type by its content and its size, stores its content once, and returns its row.
 * A file of another type, an empty one, one above `maxBytes` or an XLSX/DOCX that unpacks to more
 * than MAX_UNZIPPED_UPLOAD_BYTES is refused with a 4xx in Chinese, and nothing is stored.
 */
export async function storeFile(
  db: Db,
  blobs: TBlobStore,
  data: Uint8Array,
  opts: { maxBytes: number; allowed?: Record<string, string>; field?: string },
): Promise<TFileRow> {
  const allowed = opts.allowed ?? DOCUMENT_TYPES;
  const field = opts.field ?? "file";
  if (data.byteLength === 0)
    throw new AppError("validation_failed", "文件为空。", {
      issues: [{ path: field, message: "文件为空。" }],
    });
  if (data.byteLength > opts.maxBytes) {
    const message = `文件不能超过 ${Math.floor(opts.maxBytes / 1024 / 1024)} MB。`;
    throw new AppError("validation_failed", message, { issues: [{ path: field, message }] });
  }
  const type = await fileTypeFromBuffer(data);
  if (!type || !(type.ext in allowed)) {
    const message = `只接受 ${Object.keys(allowed).join("、").toUpperCase()} 文件。`;
    throw new AppError("validation_failed", message, { issues: [{ path: field, message }] });
  }
  // Read from the ZIP directory, before anything unpacks the file (text extraction, downloads).
  const unzipped = type.ext === "xlsx" || type.ext === "docx" ? unzippedSizes(data) : null;
  if (unzipped && unzipped.total > MAX_UNZIPPED_UPLOAD_BYTES) {
    const message = `文件解压后超过 ${MAX_UNZIPPED_UPLOAD_BYTES / 1024 / 1024} MB（Excel、Word 文件是压缩包），可能是异常文件，未保存。`;
    throw new AppError("payload_too_large", message, { issues: [{ path: field, message }] });
  }
  const sha256 = createHash("sha256").update(data).digest("hex");
  const [existing] = await db.select().from(files).where(eq(files.sha256, sha256));
  if (existing) return existing;
  await blobs.put(sha256, data);
  const [row] = await db
    .insert(files)
    .values({ sha256, size: data.byteLength, mime: type.mime, ext: type.ext })
    .onConflictDoUpdate({ target: files.sha256, set: { sha256 } })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function findFile(db: Db, id: number): Promise<TFileRow | undefined> {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row;
}
export { extractTextIsolated, readFirstSheetIsolated } from "./extract-isolated";
export { extractText } from "./extract-text";
export type { TSheetLimits } from "./read-sheet";
