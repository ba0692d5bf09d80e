import { sql } from "drizzle-orm";
import { type Db, selectRows } from "../../platform/db";
import { effectiveValidity } from "./read-document";
import { withIndexScans } from "./search.repository";
import { NATIONAL_LEVELS } from "./search-scoring";

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
 * (migration 0069). Each search first reads the highest id (one index probe); a copy loaded under
 * another id is dropped and loaded again, so any process sees a committed change on its next search.
 * Postings are fetched in one statement with that id, so they always belong to the copy they are
 * added to.
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
  version: string;
  /** Newest first (published_at desc nulls last, id desc): a document's position is its date order. */
  docs: TLibraryDocument[];
  /** 1 for a national law or regulation (NATIONAL_LEVELS), by position. */
  isNational: Uint8Array;
  /** Positions in `docs` by document id and by 文号 key. */
  positionOf: Map<number, number>;
  byNumber: Map<string, number[]>;
  /** Positions of the documents holding a term, ascending, by tsquery (with "^" for titles). */
  postings: Map<string, Int32Array>;
  postingsSize: number;
  /** Each document's validity as read on a day (validitiesOn), for the last day asked. */
  validities?: { today: string; values: string[]; isInForce: Uint8Array };
  /** Which documents are public (isPublicAt), until the next scheduled publication. */
  isPublic?: { until: number; values: Uint8Array };
};

/** Postings kept per library, in positions (4 bytes each): the least recently used go first. */
const MAX_POSTINGS = 16_000_000;

const libraries = new WeakMap<Db, TLibrary>();
const loading = new WeakMap<Db, Promise<TLibrary>>();

const VERSION = sql`(select coalesce(max(id), 0)::text from document_search_changes)`;

/** The state of the search index now: the highest change id. */
async function currentVersion(db: Db): Promise<string> {
  const [row] = await selectRows<{ version: string }>(db, sql`select ${VERSION} as version`);
  return row?.version ?? "0";
}

/** The library as the database holds it now, loaded again when the index changed. */
async function libraryOf(db: Db): Promise<TLibrary> {
  const version = await currentVersion(db);
  const held = libraries.get(db);
  if (held && held.version === version) return held;
  const pending = loading.get(db);
  if (pending) {
    const loaded = await pending;
    if (loaded.version === version) return loaded;
  }
  const load = loadLibrary(db).finally(() => loading.delete(db));
  loading.set(db, load);
  const loaded = await load;
  libraries.set(db, loaded);
  return loaded;
}

type TDocumentRow = {
  version: string;
  id: number;
  unitId: number;
  kind: string;
  status: string;
  publishAt: number | null;
  publishedAt: string | null;
  validity: string;
  repealedAt: string | null;
  endsAs: string;
  amendedAt: string | null;
  topics: string[];
  title: string;
  docNumberKey: string | null;
  level: string;
};

async function loadLibrary(db: Db): Promise<TLibrary> {
  // One statement, one snapshot: the rows and the version they are at (on every row).
  const rows = await selectRows<TDocumentRow>(
    db,
    sql`select v.version, document_id as id, unit_id as "unitId", kind, status,
          (extract(epoch from publish_at) * 1000)::float8 as "publishAt", published_at::text as "publishedAt",
          validity, repealed_at::text as "repealedAt", ends_as as "endsAs", amended_at::text as "amendedAt",
          topics, title, doc_number_key as "docNumberKey", level
        from document_search, (select ${VERSION} as version) v
        order by published_at desc nulls last, document_id desc`,
  );
  // An empty index has no row to carry the version: it is read again on every search (and costs nothing).
  const version = rows[0]?.version ?? "";
  const docs = rows.map(
    (d): TLibraryDocument => ({
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
    }),
  );
  const byNumber = new Map<string, number[]>();
  docs.forEach((d, i) => {
    if (!d.docNumberKey) return;
    const same = byNumber.get(d.docNumberKey);
    if (same) same.push(i);
    else byNumber.set(d.docNumberKey, [i]);
  });
  const positionOf = new Map(docs.map((d, i) => [d.id, i]));
  const isNational = Uint8Array.from(docs, (d) => (d.isNational ? 1 : 0));
  return {
    version,
    docs,
    isNational,
    positionOf,
    byNumber,
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

/**
 * The library with the postings of `keys` (tsqueries; titleKey for titles), fetched from the text
 * index in one statement when missing. Tried again from the start when the index changed meanwhile.
 */
export async function libraryWith(
  db: Db,
  keys: string[],
): Promise<{ library: TLibrary; postings: Map<string, Int32Array> }> {
  for (let attempt = 1; ; attempt++) {
    const library = await libraryOf(db);
    const missing = [...new Set(keys)].filter((k) => !library.postings.has(k));
    if (missing.length > 0) {
      const fetched = await withIndexScans(db, (tx) => fetchPostings(tx, missing));
      // Changed since the library was loaded: these postings are of another state. Rarely twice in a row;
      // the third time they are used as they are (a change landed within milliseconds of this search).
      if (fetched.version !== library.version && attempt < 3) continue;
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

async function fetchPostings(db: Db, keys: string[]): Promise<{ version: string; ids: number[][] }> {
  const lists = keys.map((key) => {
    const isTitle = key.startsWith("^");
    const query = sql`to_tsquery('simple', ${isTitle ? key.slice(1) : key})`;
    const match = isTitle ? sql`document_rank_query(${query})` : query;
    return sql`array(select document_id from document_search where search_vector @@ ${match})::text`;
  });
  const [row] = await selectRows<{ version: string; lists: string[] }>(
    db,
    sql`select ${VERSION} as version, array[${sql.join(lists, sql`, `)}] as lists`,
  );
  return {
    version: row?.version ?? "0",
    ids: (row?.lists ?? []).map((text) => (text.length > 2 ? text.slice(1, -1).split(",").map(Number) : [])),
  };
}

function positionsOf(library: TLibrary, ids: number[]): Int32Array {
  const positions = new Int32Array(ids.length);
  let n = 0;
  for (const id of ids) {
    const position = library.positionOf.get(id);
    if (position !== undefined) positions[n++] = position;
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

/** Forgets the changes before the latest: only the highest id is ever compared (housekeeping). */
export async function purgeSearchChanges(db: Db): Promise<void> {
  await db.execute(
    sql`delete from document_search_changes where id < (select max(id) from document_search_changes)`,
  );
}
