import { type SQL, sql } from "drizzle-orm";
import type { TUnitScope } from "../../platform/auth/permissions";
import { type Db, selectRows } from "../../platform/db";
import { inUnitScope } from "../../platform/db/unit-scope";
import { effectiveValiditySql, isPublic, publicIn } from "./documents.repository";
import { documentSearch, documents } from "./documents.tables";

/** What a catalogue or search asks for; `tsQuery` and `docNumberKey` are the query already analysed. */
export type TSearchFilter = {
  text?: string;
  tsQuery?: string | null;
  docNumberKey?: string | null;
  unitId?: number;
  year?: number;
  topic?: string;
  kind?: string;
  validity?: string;
  /** Public catalogue, or the back office limited to some units. */
  scope: "public" | { units: TUnitScope };
};

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

// Searches read the narrow search index (document_search), never the wide documents rows: a word found
// in tens of thousands of documents is then counted and ranked from a heap that stays in memory.
const s = documentSearch;

/** The filters other than the text: scope, unit, year, topic, kind and validity. */
function filters(f: TSearchFilter, today: string): SQL[] {
  const parts: SQL[] = [];
  if (f.scope === "public") parts.push(publicIn(s));
  else parts.push(inUnitScope(s.unitId, f.scope.units));
  if (f.unitId) parts.push(sql`${s.unitId} = ${f.unitId}`);
  if (f.year)
    parts.push(
      sql`${s.publishedAt} >= ${`${f.year}-01-01`}::date and ${s.publishedAt} < ${`${f.year + 1}-01-01`}::date`,
    );
  if (f.topic) parts.push(sql`${s.topics} @> array[${f.topic}]::text[]`);
  if (f.kind) parts.push(sql`${s.kind} = ${f.kind}`);
  if (f.validity === "in_force") parts.push(sql`${effectiveValiditySql(today, s)} in ('valid', 'amended')`);
  else if (f.validity) parts.push(sql`${effectiveValiditySql(today, s)} = ${f.validity}`);
  return parts;
}

const textQuery = (tsQuery: string) => sql`to_tsquery('simple', ${tsQuery})`;
const all = (parts: SQL[]) => (parts.length > 0 ? sql.join(parts, sql` and `) : sql`true`);

/** The filters, and `textMatch` or the typed 文号 when there is a query. */
function filtersAndMatch(f: TSearchFilter, today: string, textMatch: SQL | null): SQL {
  const alternatives: SQL[] = [];
  if (textMatch) alternatives.push(textMatch);
  if (f.docNumberKey) alternatives.push(sql`${s.docNumberKey} = ${f.docNumberKey}`);
  const parts = filters(f, today);
  if (alternatives.length > 0) parts.push(sql`(${sql.join(alternatives, sql` or `)})`);
  return all(parts);
}

/** Every match: the filters, and the text or the 文号 when there is a query. */
export function conditions(f: TSearchFilter, today: string): SQL {
  return filtersAndMatch(f, today, f.tsQuery ? sql`${s.searchVector} @@ ${textQuery(f.tsQuery)}` : null);
}

/*
 * Relevance. The matches whose title, 文号, keywords or topics hold the query, or whose 文号 was typed,
 * come first, ranked by: the 文号 itself typed, the exact query text in the title, valid before not
 * valid, then the newest. All other matches follow, newest first. Both groups are asked of the GIN
 * index as such (the '^' words of document_search_vector mark the title and keyword words), so no
 * match's vector is ever read, and the second group is only read when the first does not fill the page.
 * Ranking by how often the words occur would read every match's whole vector (docs/PERFORMANCE.md).
 */

/** The first group: matches by title, keywords or 文号, with their score. */
function titleMatches(f: TSearchFilter, today: string): { where: SQL; score: SQL } {
  const inTitle = f.tsQuery
    ? sql`${s.searchVector} @@ (${textQuery(f.tsQuery)} && document_rank_query(${textQuery(f.tsQuery)}))`
    : null;
  const parts: SQL[] = [sql`2`];
  if (f.text) parts.push(sql`(case when strpos(${s.title}, ${f.text}) > 0 then 1 else 0 end)`);
  if (f.docNumberKey) parts.push(sql`(case when ${s.docNumberKey} = ${f.docNumberKey} then 100 else 0 end)`);
  // In force (有效 or 已修改) counts half as much again as ended: 3 against 2 keeps the arithmetic in integers.
  const validity = sql`(case when ${effectiveValiditySql(today, s)} in ('valid', 'amended') then 3 else 2 end)`;
  return {
    where: filtersAndMatch(f, today, inTitle),
    score: sql`(${sql.join(parts, sql` + `)}) * ${validity}`,
  };
}

/** The second group: text matches outside the title and keywords, and not by 文号. */
function otherMatches(f: TSearchFilter, today: string, tsQuery: string): SQL {
  const parts = filters(f, today);
  parts.push(
    sql`${s.searchVector} @@ (${textQuery(tsQuery)} && !! document_rank_query(${textQuery(tsQuery)}))`,
  );
  if (f.docNumberKey) parts.push(sql`${s.docNumberKey} is distinct from ${f.docNumberKey}`);
  return all(parts);
}

const NEWEST_FIRST = sql`${s.publishedAt} desc nulls last, ${s.documentId} desc`;

async function idsOf(db: Db, where: SQL, order: SQL, limit: number, offset: number): Promise<number[]> {
  if (limit <= 0) return [];
  const rows = await selectRows<{ id: number }>(
    db,
    sql`select ${s.documentId} as id from ${s} where ${where} order by ${order} limit ${limit} offset ${offset}`,
  );
  return rows.map((r) => r.id);
}

/** The ids of one page, in order. */
async function pageIds(db: Db, f: TSearchFilter, today: string, page: number, pageSize: number) {
  const offset = (page - 1) * pageSize;
  if (!f.tsQuery && !f.docNumberKey) return idsOf(db, conditions(f, today), NEWEST_FIRST, pageSize, offset);
  const first = titleMatches(f, today);
  const top = await idsOf(db, first.where, sql`${first.score} desc, ${NEWEST_FIRST}`, offset + pageSize, 0);
  const fromTop = top.slice(offset);
  // Fewer than asked for means the first group is all there: the page goes on into the second.
  if (top.length === offset + pageSize || !f.tsQuery) return fromTop;
  const rest = await idsOf(
    db,
    otherMatches(f, today, f.tsQuery),
    NEWEST_FIRST,
    pageSize - fromTop.length,
    Math.max(0, offset - top.length),
  );
  return [...fromTop, ...rest];
}

/**
 * Runs text searches on bitmaps from the GIN index only. When a word is in most documents the planner
 * prefers reading the table, or walking the date index, to using the GIN index, not knowing that
 * testing a row means decompressing its whole text vector from TOAST: ten times slower than the bitmap
 * (measured at 100,000 documents, docs/PERFORMANCE.md).
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
 * One page of documents, newest first, or by relevance when there is a query. The page is chosen from
 * the search index alone; only its documents are then read, with an excerpt of the body around the
 * first of `terms` for the snippet (or its start; none when `excerptChars` is 0, as for exports).
 */
export async function searchPage(
  db: Db,
  f: TSearchFilter,
  today: string,
  page: number,
  pageSize: number,
  terms: string[] = [],
  excerptChars = EXCERPT_CHARS,
): Promise<TSearchHit[]> {
  const ids = await pageIds(db, f, today, page, pageSize);
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

/** One row per grouping set of the matches (see searchFacets): `g` says which column it is grouped by. */
export type TFacetGroupRow = {
  unit_id: number | null;
  unit_name: string | null;
  year: number | null;
  kind: string | null;
  validity: string | null;
  topics: string[] | null;
  g: number;
  n: string | number;
};

export function facetGroups(db: Db, f: TSearchFilter, today: string): Promise<TFacetGroupRow[]> {
  return selectRows<TFacetGroupRow>(
    db,
    sql`select c.*, u.name as unit_name from (
          select d.unit_id, d.year, d.kind, d.validity, d.topics,
            grouping(d.unit_id, d.year, d.kind, d.validity, d.topics) as g, count(*) as n
          from (
            select ${s.unitId} as unit_id, extract(year from ${s.publishedAt})::int as year, ${s.kind} as kind,
              ${effectiveValiditySql(today, s)} as validity, ${s.topics} as topics
            from ${s} where ${conditions(f, today)}
          ) d
          group by grouping sets ((d.unit_id), (d.year), (d.kind), (d.validity), (d.topics), ())
        ) c left join units u on u.id = c.unit_id`,
  );
}
