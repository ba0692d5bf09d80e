import { sql } from "drizzle-orm";
import { type Db, selectRows } from "../../platform/db";
import { effectiveValidity } from "./read-document";
import { withIndexScans } from "./search.repository";

/*
 * The search's copy of the library, one per process and database: every document's facts that search
 * filters, ranks and counts by (from the narrow search index, newest first), and the postings of the
 * terms searched for (which documents hold a term), fetched from the GIN index the first time a term
 * is asked for and kept while the index does not change.
 *
 * Why in memory: a word of a question is in tens of thousands of documents at 100,000, and ranking,
 * counting and the facets then add up per document over every one of them. In PostgreSQL that was a
 * heap row read, a validity computed and a row grouped per document and term (150–900 ms for common
 * multi-word questions); here it is a few typed-array passes (docs/PERFORMANCE.md).
 *
 * Freshness: every statement that changes document_search adds a row to document_search_changes
 * naming the documents, with its transaction (migration 0069). The copy remembers the snapshot it was
 * read in; each search asks, in one statement, for the changes that snapshot did not see and the
 * changed documents' rows, and replaces them (the postings are then fetched again as asked for). So
 * any process sees a committed change on its next search, and two transactions committing in the
 * other order than they took their ids are both seen. Postings are fetched in a statement that also
 * says whether anything changed since the copy's snapshot: they always belong to the copy.
 */

export type TLibraryDocument = {
  id: number;
  unitId: number;
  kind: string;
  status: string;
  /** When it is due to be public, in ms since the epoch. */
  publishAt: number | null;
  publishedAt: string | null;
  year: number | null;
  validity: string;
  repealedAt: string | null;
  endsAs: string;
  amendedAt: string | null;
  topics: string[];
  title: string;
  docNumberKey: string | null;
  isNational: boolean;
};

export type TLibrary = {
  /** The snapshot (pg_current_snapshot) the copy is of: changes it did not see are the ones since. */
  snapshot: string;
  /** Newest first (published_at desc nulls last, id desc): a document's position is its date order. */
  docs: TLibraryDocument[];
  /** 1 for a national law or regulation (NATIONAL_LEVELS), by position. */
  isNational: Uint8Array;
  /** Positions in `docs` by document id (-1 for none). */
  positionOf: Int32Array;
  /** Positions of the documents holding a term, ascending, by tsquery (with "^" for titles). */
  postings: Map<string, Int32Array>;
  postingsSize: number;
  /** Each document's validity as read on a day (validitiesOn), for the last day asked. */
  validities?: { today: string; values: string[]; isInForce: Uint8Array };
  /** Which documents are public (isPublicAt), until the next scheduled publication. */
  isPublic?: { until: number; values: Uint8Array };
};

/** Laws and regulations that apply everywhere: ranked before local rules that cover a query as well. */
const NATIONAL_LEVELS = ["宪法", "法律", "行政法规"];

/** Postings kept per library, in positions (4 bytes each): the least recently used go first. */
const MAX_POSTINGS = 16_000_000;

const libraries = new WeakMap<Db, TLibrary>();
const refreshing = new WeakMap<Db, Promise<unknown>>();

// The changes a snapshot did not see: committed since, in whatever order their ids were given out.
const unseenChanges = (snapshot: string) =>
  sql`from document_search_changes
      where xid >= pg_snapshot_xmin(${snapshot}::pg_snapshot) and not pg_visible_in_snapshot(xid, ${snapshot}::pg_snapshot)`;

const DOCUMENT_COLUMNS = sql`document_id as id, unit_id as "unitId", kind, status,
  (extract(epoch from publish_at) * 1000)::float8 as "publishAt", published_at::text as "publishedAt",
  validity, repealed_at::text as "repealedAt", ends_as as "endsAs", amended_at::text as "amendedAt",
  topics, title, doc_number_key as "docNumberKey", level`;

/**
 * The library as the database holds it now. One statement per search when nothing changed; the
 * changed documents when some did; the whole library at first, after a TRUNCATE or when the changes
 * since the copy was loaded have been purged. One refresh at a time per database: a search that finds
 * one running waits for it, then looks again (it may have started before this search's change).
 */
async function libraryOf(db: Db): Promise<TLibrary> {
  for (;;) {
    const running = refreshing.get(db);
    if (running) {
      await running.catch(() => undefined);
      continue;
    }
    const held = libraries.get(db);
    const delta = held ? await changesSince(db, held.snapshot) : null;
    if (held && delta && !delta.isWhole && delta.changedIds.length === 0) return held;
    if (refreshing.get(db)) continue;
    const refresh = (
      held && delta && !delta.isWhole ? Promise.resolve(withChanges(held, delta)) : loadLibrary(db)
    )
      .then((library) => libraries.set(db, library))
      .finally(() => refreshing.delete(db));
    refreshing.set(db, refresh);
    await refresh;
  }
}

/** A row as the library's statements read it: the snapshot, and the level for isNational. */
type TDocumentRow = Omit<TLibraryDocument, "year" | "isNational"> & { snapshot: string; level: string };

async function loadLibrary(db: Db): Promise<TLibrary> {
  // One statement, one snapshot: the rows and the snapshot they were read in (on every row; on a row
  // of nulls when the index is empty).
  const rows = await selectRows<TDocumentRow>(
    db,
    sql`select s.snapshot, d.* from (select pg_current_snapshot()::text as snapshot) s
        left join lateral (select ${DOCUMENT_COLUMNS} from document_search
          order by published_at desc nulls last, document_id desc) d on true`,
  );
  const docs = rows.filter((row) => row.id !== null).map(libraryDocument);
  return buildLibrary(docs, rows[0]?.snapshot ?? "");
}

type TDelta = { snapshot: string; isWhole: boolean; changedIds: number[]; rows: TDocumentRow[] };

/** The documents changed since `snapshot`, read in one statement with the snapshot they are at. */
async function changesSince(db: Db, snapshot: string): Promise<TDelta> {
  const [row] = await selectRows<{
    snapshot: string;
    isWhole: boolean;
    changedIds: number[] | null;
    rows: string;
  }>(
    db,
    sql`with changes as (select document_ids ${unseenChanges(snapshot)}),
          changed as (select distinct unnest(document_ids) as id from changes)
        select pg_current_snapshot()::text as snapshot,
          exists (select from changes where document_ids is null)
            or (select up_to from document_search_pruned) >= pg_snapshot_xmin(${snapshot}::pg_snapshot) as "isWhole",
          array(select id from changed) as "changedIds",
          (select coalesce(json_agg(d), '[]')::text from (select ${DOCUMENT_COLUMNS} from document_search
            where document_id in (select id from changed)) d) as rows`,
  );
  return {
    snapshot: row?.snapshot ?? snapshot,
    isWhole: row?.isWhole ?? true,
    changedIds: row?.changedIds ?? [],
    rows: JSON.parse(row?.rows ?? "[]") as TDocumentRow[],
  };
}

/** The library with the changed documents replaced (or gone); the postings are fetched again as asked for. */
function withChanges(held: TLibrary, delta: TDelta): TLibrary {
  const changed = new Set(delta.changedIds);
  const fresh = delta.rows.map(libraryDocument).sort(newestFirst);
  const docs: TLibraryDocument[] = [];
  let k = 0;
  for (const d of held.docs) {
    if (changed.has(d.id)) continue;
    while (k < fresh.length && newestFirst(fresh[k] as TLibraryDocument, d) < 0)
      docs.push(fresh[k++] as TLibraryDocument);
    docs.push(d);
  }
  docs.push(...fresh.slice(k));
  return buildLibrary(docs, delta.snapshot);
}

/** The order of the library: published_at desc nulls last, document_id desc (as loadLibrary's SQL). */
function newestFirst(a: TLibraryDocument, b: TLibraryDocument): number {
  if (a.publishedAt !== b.publishedAt) {
    if (a.publishedAt === null) return 1;
    if (b.publishedAt === null) return -1;
    return a.publishedAt > b.publishedAt ? -1 : 1;
  }
  return b.id - a.id;
}

function libraryDocument(d: TDocumentRow): TLibraryDocument {
  return {
    id: d.id,
    unitId: d.unitId,
    kind: d.kind,
    status: d.status,
    publishAt: d.publishAt === null ? null : Number(d.publishAt),
    publishedAt: d.publishedAt,
    year: d.publishedAt ? Number(d.publishedAt.slice(0, 4)) : null,
    validity: d.validity,
    repealedAt: d.repealedAt,
    endsAs: d.endsAs,
    amendedAt: d.amendedAt,
    topics: d.topics,
    title: d.title,
    docNumberKey: d.docNumberKey,
    isNational: NATIONAL_LEVELS.includes(d.level),
  };
}

/**
 * Each document's position by its id (-1 for none): ids are serial, so an array of the highest id is a
 * few hundred KB, and a Map of 100,000 entries kept the garbage collector busy on every reload.
 */
function positionsById(docs: TLibraryDocument[]): Int32Array {
  const positions = new Int32Array(docs.reduce((max, d) => Math.max(max, d.id), 0) + 1).fill(-1);
  docs.forEach((d, i) => {
    positions[d.id] = i;
  });
  return positions;
}

export function buildLibrary(docs: TLibraryDocument[], snapshot: string): TLibrary {
  return {
    snapshot,
    docs,
    isNational: Uint8Array.from(docs, (d) => (d.isNational ? 1 : 0)),
    positionOf: positionsById(docs),
    postings: new Map(),
    postingsSize: 0,
  };
}

/** Each document's validity on `today`, by position (computed once a day). */
export function validitiesOn(library: TLibrary, today: string): string[] {
  return validityFacts(library, today).values;
}

/** Whether each document is in force on `today` (有效 or 已修改), by position, as 1 or 0. */
export function inForceOn(library: TLibrary, today: string): Uint8Array {
  return validityFacts(library, today).isInForce;
}

function validityFacts(library: TLibrary, today: string) {
  if (library.validities?.today !== today) {
    const values = library.docs.map((d) => effectiveValidity(d, today));
    const isInForce = Uint8Array.from(values, (v) => (v === "valid" || v === "amended" ? 1 : 0));
    library.validities = { today, values, isInForce };
  }
  return library.validities;
}

/** Which documents the public may see at `now` (published and due), by position, as 1 or 0. */
export function publicAt(library: TLibrary, now: number): Uint8Array {
  if (!library.isPublic || now >= library.isPublic.until) {
    let until = Number.POSITIVE_INFINITY;
    const values = Uint8Array.from(library.docs, (d) => {
      if (d.status !== "published" || d.publishAt === null) return 0;
      if (d.publishAt > now) {
        until = Math.min(until, d.publishAt);
        return 0;
      }
      return 1;
    });
    library.isPublic = { until, values };
  }
  return library.isPublic.values;
}

/** A term's postings key: its tsquery, with "^" in front for the title (and keywords) only. */
export const titleKey = (tsQuery: string) => `^${tsQuery}`;

/** The postings key of the documents with a 文号 (by its key, docNumberKeyOf). */
export const numberKey = (docNumberKey: string) => `#${docNumberKey}`;

/**
 * The library with the postings of `keys` (tsqueries; titleKey for titles, numberKey for a 文号),
 * fetched from the indexes in one statement when missing. Tried again from the start when the index changed meanwhile.
 */
export async function libraryWith(
  db: Db,
  keys: string[],
): Promise<{ library: TLibrary; postings: Map<string, Int32Array> }> {
  for (let attempt = 1; ; attempt++) {
    const library = await libraryOf(db);
    const missing = [...new Set(keys)].filter((k) => !library.postings.has(k));
    if (missing.length > 0) {
      const fetched = await withIndexScans(db, (tx) => fetchPostings(tx, missing, library.snapshot));
      // Changed since the library was loaded: these postings are of another state. Rarely twice in a row;
      // the third time they are used as they are (a change landed within milliseconds of this search).
      if (fetched.isChanged && attempt < 3) continue;
      missing.forEach((key, i) => {
        remember(library, key, positionsOf(library, fetched.ids[i] ?? []));
      });
    }
    const postings = new Map<string, Int32Array>();
    for (const key of keys) {
      const list = library.postings.get(key) ?? new Int32Array(0);
      // Used now: it moves to the end of the least-recently-used order.
      library.postings.delete(key);
      library.postings.set(key, list);
      postings.set(key, list);
    }
    return { library, postings };
  }
}

async function fetchPostings(
  db: Db,
  keys: string[],
  snapshot: string,
): Promise<{ isChanged: boolean; ids: number[][] }> {
  const lists = keys.map((key) => {
    const query = sql`to_tsquery('simple', ${key.slice(1)})`;
    const match = key.startsWith("#")
      ? sql`doc_number_key = ${key.slice(1)}`
      : key.startsWith("^")
        ? sql`search_vector @@ document_rank_query(${query})`
        : sql`search_vector @@ to_tsquery('simple', ${key})`;
    return sql`array(select document_id from document_search where ${match})::text`;
  });
  const [row] = await selectRows<{ isChanged: boolean; lists: string[] }>(
    db,
    sql`select exists (select ${unseenChanges(snapshot)}) as "isChanged", array[${sql.join(lists, sql`, `)}] as lists`,
  );
  return {
    isChanged: row?.isChanged ?? true,
    ids: (row?.lists ?? []).map((text) => (text.length > 2 ? text.slice(1, -1).split(",").map(Number) : [])),
  };
}

function positionsOf(library: TLibrary, ids: number[]): Int32Array {
  const positions = new Int32Array(ids.length);
  let n = 0;
  for (const id of ids) {
    const position = library.positionOf[id] ?? -1;
    if (position >= 0) positions[n++] = position;
  }
  return positions.subarray(0, n).sort();
}

function remember(library: TLibrary, key: string, list: Int32Array): void {
  library.postings.set(key, list);
  library.postingsSize += list.length;
  for (const [old, oldList] of library.postings) {
    if (library.postingsSize <= MAX_POSTINGS || old === key) break;
    library.postings.delete(old);
    library.postingsSize -= oldList.length;
  }
}

/** Loads this process's copy of the library ahead of the first search (at start, in the background). */
export async function warmSearch(db: Db): Promise<void> {
  await libraryOf(db);
}

/**
 * Forgets the changes of more than an hour ago (housekeeping), and records the newest transaction
 * forgotten: a copy loaded before it is loaded again whole, since it may have needed one of them.
 */
export async function purgeSearchChanges(db: Db): Promise<void> {
  await db.execute(sql`with gone as (
      delete from document_search_changes where at < now() - interval '1 hour' returning xid
    )
    update document_search_pruned set up_to = greatest(up_to, (select max(xid) from gone))
    where exists (select from gone)`);
}
