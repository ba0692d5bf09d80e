import { sql } from "drizzle-orm";
import type { TUnitScope } from "../../platform/auth/permissions";
import { type Db, selectRows } from "../../platform/db";
import { inUnitScope } from "../../platform/db/unit-scope";
import { effectiveValiditySql, isPublic, publicIn } from "./documents.repository";
import { documentSearch, documents } from "./documents.tables";

// The narrow search index (document_search): the documents' facts and text vectors, without bodies.
const s = documentSearch;

export type TSearchHit = {
  id: number;
  title: string;
  docNumber: string;
  indexNo: string;
  kind: string;
  unitId: number;
  unitName: string;
  issuer: string;
  writtenAt: string | null;
  publishedAt: string | null;
  validity: string;
  /** 废止日期 (失效 or 废止) and 修改日期: kept apart, an amended document stays in force. */
  repealedAt: string | null;
  amendedAt: string | null;
  status: string;
  summary: string;
  /** Part of the body around the first hit, for the snippet. */
  bodyExcerpt: string;
};

// The snippet is cut from this much of the body, starting a little before the first hit.
const EXCERPT_CHARS = 2_000;
const EXCERPT_LEAD_CHARS = 200;

/**
 * Runs text searches on bitmaps from the GIN index only. When a word is in most documents the planner
 * prefers reading the table, or walking the date index, to using the GIN index, not knowing that
 * testing a row means decompressing its whole text vector from TOAST: ten times slower than the bitmap
 * (measured at 100,000 documents, docs/PERFORMANCE.md).
 * Switching plans off makes PostgreSQL price them at 10^10, far above jit_above_cost: this is one
 * reason JIT is off for the app's connections (openDatabase).
 */
export function withIndexScans<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`,
    );
    return fn(tx);
  });
}

/**
 * The rows of a page of documents, in the order of `ids`, with an excerpt of the body around the first
 * of `terms` for the snippet (or its start; none when `excerptChars` is 0, as for exports).
 */
export async function pageRows(
  db: Db,
  ids: number[],
  today: string,
  terms: string[] = [],
  excerptChars = EXCERPT_CHARS,
): Promise<TSearchHit[]> {
  if (ids.length === 0) return [];
  const firstHit =
    terms.length > 0
      ? sql`coalesce(least(${sql.join(
          terms.map((t) => sql`nullif(strpos(documents.body, ${t}), 0)`),
          sql`, `,
        )}), 1)`
      : sql`1`;
  const rows = await selectRows<TSearchHit>(
    db,
    sql`select documents.id, documents.title, documents.doc_number as "docNumber", documents.index_no as "indexNo", documents.kind,
          documents.unit_id as "unitId", u.name as "unitName", documents.issuer,
          to_char(documents.written_at, 'YYYY-MM-DD') as "writtenAt",
          to_char(documents.published_at, 'YYYY-MM-DD') as "publishedAt",
          ${effectiveValiditySql(today)} as validity,
          to_char(documents.repealed_at, 'YYYY-MM-DD') as "repealedAt",
          to_char(documents.amended_at, 'YYYY-MM-DD') as "amendedAt", documents.status, documents.summary,
          substr(documents.body, greatest(1, ${firstHit} - ${EXCERPT_LEAD_CHARS}), ${excerptChars}) as "bodyExcerpt"
        from documents join units u on u.id = documents.unit_id
        where documents.id in ${ids}`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Titles that contain what is being typed, for suggestions while typing. */
export async function suggestTitles(
  db: Db,
  prefix: string,
  limit = 8,
): Promise<{ id: number; title: string }[]> {
  return selectRows<{ id: number; title: string }>(
    db,
    sql`select ${documents.id} as id, ${documents.title} as title from ${documents}
        where ${isPublic} and ${documents.title} ilike ${`%${prefix.replace(/[\\%_]/g, "\\$&")}%`}
        order by (strpos(${documents.title}, ${prefix}) = 1) desc, length(${documents.title}), ${documents.id} desc
        limit ${limit}`,
  );
}

export type TLatePublication = {
  id: number;
  title: string;
  unitName: string;
  writtenAt: string;
  publishDue: string;
  publishedAt: string;
};

/** Published items that came out more than 20 working days after they were made (Art. 26). */
export async function latePublications(db: Db, units: TUnitScope, limit = 500) {
  return selectRows<TLatePublication>(
    db,
    sql`select d.id, d.title, u.name as "unitName", to_char(d.written_at, 'YYYY-MM-DD') as "writtenAt",
          to_char(d.publish_due, 'YYYY-MM-DD') as "publishDue", to_char(d.published_at, 'YYYY-MM-DD') as "publishedAt"
        from documents d join units u on u.id = d.unit_id
        where d.status = 'published' and d.published_at > d.publish_due
          and ${inUnitScope(sql`d.unit_id`, units)}
        order by d.published_at desc, d.id desc limit ${limit}`,
  );
}

/** Every public document's id and date, newest first, for the sitemap. */
export async function publicDocumentDates(db: Db, limit: number) {
  return selectRows<{ id: number; publishedAt: string | null }>(
    db,
    sql`select ${documents.id} as id, to_char(${documents.publishedAt}, 'YYYY-MM-DD') as "publishedAt"
        from ${documents} where ${isPublic} order by ${documents.publishedAt} desc nulls last, ${documents.id} desc limit ${limit}`,
  );
}

/**
 * The latest public documents sharing a topic with a document, for the aside of its page: read from
 * the narrow search index, whose topics carry a GIN index, newest first.
 */
export async function latestOnTopics(db: Db, topics: string[], exceptId: number, limit: number) {
  if (topics.length === 0) return [];
  return selectRows<{ id: number; title: string; publishedAt: string | null }>(
    db,
    sql`select ${s.documentId} as id, ${s.title} as title, to_char(${s.publishedAt}, 'YYYY-MM-DD') as "publishedAt"
        from ${s} where ${publicIn(s)} and ${s.topics} && ${sql`array[${sql.join(
          topics.map((t) => sql`${t}`),
          sql`, `,
        )}]::text[]`} and ${s.documentId} <> ${exceptId}
        order by ${s.publishedAt} desc nulls last, ${s.documentId} desc limit ${limit}`,
  );
}

/** The names of these units, for facet labels. */
export async function unitNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await selectRows<{ id: number; name: string }>(
    db,
    sql`select id, name from units where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
