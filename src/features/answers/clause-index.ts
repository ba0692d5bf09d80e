import { sql } from "drizzle-orm";
import { createDbCache } from "../../platform/cache";
import { type Db, inBatches } from "../../platform/db";
import { indexText } from "../../platform/text";
import type { TDocumentEvent } from "../documents";
import {
  deleteClauses,
  insertClauses,
  outOfStepDocuments,
  readDocumentsForIndex,
} from "./answers.repository";
import { splitClauses } from "./split-clauses";

/**
 * The clause index follows the document library in two ways:
 * - every change made through the documents feature (publish, withdraw, edit, repeal or amendment
 *   taking effect) reindexes that document inside the same transaction (the afterChange hook), so an
 *   answer never cites a withdrawn document or an old text;
 * - documents written in bulk by the legal-text import bypass the hooks, so the index also records
 *   which version (updated_at) of each document it holds and `syncClauseIndex` indexes whatever is
 *   out of step. The import command runs it at its end; the answer service runs it lazily, at most
 *   once a minute per process, so an import by any other route is picked up without a restart.
 * Only documents whose own validity is 有效 are indexed; whether one may answer today (published and
 * due, no repeal date passed) is checked at query time.
 */
export async function reindexDocuments(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await deleteClauses(db, ids);
  const docs = await readDocumentsForIndex(db, ids);
  await insertClauses(
    db,
    docs.map((d) => ({
      documentId: d.id,
      updatedAt: d.updatedAt,
      clauses: d.isIndexed
        ? splitClauses(d.body).map((c) => ({ ...c, words: indexText(`${c.chapter} ${c.body}`) }))
        : null,
    })),
  );
}

/** The afterChange document hook: the changed document's clauses, in the changing transaction. */
export async function onDocumentChange(tx: Db, event: TDocumentEvent): Promise<void> {
  await reindexDocuments(tx, [event.document.id]);
}

// Documents per transaction when catching up after a bulk import.
const SYNC_BATCH = 50;
/**
 * Transactions at once when catching up: while one connection's database backend builds the text
 * vectors of a batch, this process splits and segments the next.
 */
const SYNC_WRITERS = 2;

/** Indexes every document whose indexed version is not its current one; returns how many. */
export async function syncClauseIndex(db: Db): Promise<number> {
  let done = 0;
  for (;;) {
    const ids = await outOfStepDocuments(db, SYNC_BATCH * SYNC_WRITERS * 4);
    if (ids.length === 0) break;
    await inBatches(ids, { size: SYNC_BATCH, writers: SYNC_WRITERS }, async (batch) => {
      await db.transaction((tx) => reindexDocuments(tx, batch));
      done += batch.length;
    });
  }
  if (done > 0) await db.execute(sql`analyze answer_clauses`);
  return done;
}

const lazySync = createDbCache<number>(60_000);

/** syncClauseIndex at most once a minute per database and process (see above). */
export function ensureClauseIndex(db: Db): Promise<number> {
  return lazySync.get(db, () => syncClauseIndex(db));
}
