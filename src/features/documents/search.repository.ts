import { type SQL, sql } from "drizzle-orm";
import type { TUnitScope } from "../../platform/auth/permissions";
import { type Db, selectRows } from "../../platform/db";
import { inUnitScope } from "../../platform/db/unit-scope";
import type { TSearchQuery } from "../../platform/text";
import { effectiveValiditySql, isPublic, publicIn } from "./documents.repository";
import { documentSearch, documents } from "./documents.tables";

/** The query's terms as search-query.ts builds them, for ranking. */
export type TRanking = Pick<
  TSearchQuery,
  "required" | "optional" | "phrases" | "minMatch" | "anyTerm" | "titleTerms"
>;

/**
 * What a catalogue or search asks for; `tsQuery` (what matches: enough of the query's terms),
 * `ranking` and `docNumberKey` are the query already analysed.
 */
export type TSearchFilter = {
  text?: string;
  tsQuery?: string | null;
  ranking?: TRanking;
  docNumberKey?: string | null;
  /** With a query, relevance unless `date`; without one always newest first. */
  sort?: "relevance" | "date";
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
  if (!f.tsQuery) return filtersAndMatch(f, today, null);
  const anyTerm = f.ranking?.anyTerm;
  const inTitle = anyTerm ? sql` || document_rank_query(${textQuery(anyTerm)})` : sql``;
  return filtersAndMatch(f, today, sql`${s.searchVector} @@ (${textQuery(f.tsQuery)}${inTitle})`);
}

/*
 * Relevance. A document's score, worked out from the GIN index alone (no match's text vector is read):
 *   (2 × title coverage + 1 if the title holds the typed text + 100 if its 文号 was typed)
 *     × (3 if in force, else 2)
 *   + body coverage + 0.5 × the share of the query's runs of several words found as written (proximity)
 *   + 1 for a national law or administrative regulation (宪法, 法律, 行政法规: they apply here, the local
 *     rules of other places in the library do not),
 * newest first among equals. Coverage is the share of the query's terms a document has, each term
 * weighted by how rare it is (ln(1 + N / documents with it)); title coverage counts the terms in the
 * title, 文号, keywords or topics (the '^' words of document_search_vector, asked for by
 * document_rank_query). Title hits so weigh more than any body coverage unless they are the query's
 * commonest words. With one term the order is: title hits by validity, then every other match newest
 * first, whatever its validity.
 * Each term's matches (and title matches, and phrase matches) are one bitmap scan of the GIN index;
 * the scans are added up per document.
 */

/** Laws and regulations that apply everywhere: ranked before local rules that cover a query as well. */
const NATIONAL_LEVELS = ["宪法", "法律", "行政法规"];

/** Each term's (or phrase's, or the 文号's) matches as rows: document, kind of hit, term number. */
function hitRows(f: TSearchFilter, today: string, r: TRanking): SQL {
  const where = all(filters(f, today));
  const inForce = sql`${effectiveValiditySql(today, s)} in ('valid', 'amended')`;
  const exact = f.text ? sql`strpos(${s.title}, ${f.text}) > 0` : sql`false`;
  const national = sql`${s.level} in (${sql.join(
    NATIONAL_LEVELS.map((l) => sql`${l}`),
    sql`, `,
  )})`;
  const branch = (kind: string, term: number, match: SQL) =>
    sql`select ${s.documentId} as id, ${s.publishedAt} as published_at, ${inForce} as in_force, ${exact} as exact,
          ${national} as national, ${kind}::text as k, ${term}::int as t from ${s} where ${where} and ${match}`;
  const branches: SQL[] = [];
  [...r.required, ...r.optional].forEach((term, i) => {
    branches.push(branch("b", i, sql`${s.searchVector} @@ ${textQuery(term)}`));
    branches.push(branch("t", i, sql`${s.searchVector} @@ document_rank_query(${textQuery(term)})`));
  });
  r.phrases.forEach((phrase, i) => {
    branches.push(branch("p", i, sql`${s.searchVector} @@ ${textQuery(phrase)}`));
  });
  if (f.docNumberKey) branches.push(branch("d", -1, sql`${s.docNumberKey} = ${f.docNumberKey}`));
  return sql.join(branches, sql` union all `);
}

/** One page of the matches by relevance (see above). */
async function rankedIds(db: Db, f: TSearchFilter, today: string, limit: number, offset: number) {
  const r = f.ranking ?? {
    required: [],
    optional: [],
    phrases: [],
    minMatch: 0,
    anyTerm: null,
    titleTerms: [],
  };
  const proximity = r.phrases.length > 0 ? 0.5 / r.phrases.length : 0;
  // The same terms as anyTerm in conditions(): the count and the page agree on what matches.
  const titleTerms =
    r.titleTerms.length > 0
      ? sql.join(
          r.titleTerms.map((i) => sql`${i}::int`),
          sql`, `,
        )
      : sql`null`;
  const rows = await selectRows<{ id: number }>(
    db,
    sql`with u as (${hitRows(f, today, r)}),
        w as (
          select t, ln(1 + greatest(
              (select reltuples from pg_class where oid = 'document_search'::regclass)::float8,
              max(count(*)) over ()) / count(*)) as w
          from u where k = 'b' group by t
        ),
        total as (select greatest(coalesce(sum(w), 0), 1e-9) as w from w),
        d as (
          select u.id, max(u.published_at) as published_at, bool_or(u.in_force) as in_force,
            bool_or(u.exact) as exact, bool_or(u.national) as national, bool_or(u.k = 'd') as by_number,
            coalesce(sum(w.w) filter (where u.k = 't'), 0) as title_weight,
            coalesce(sum(w.w) filter (where u.k = 'b'), 0) as body_weight,
            count(*) filter (where u.k = 'b' and u.t < ${r.required.length}) as required_found,
            count(*) filter (where u.k = 't' and u.t in (${titleTerms})) as required_in_title,
            count(*) filter (where u.k = 'p') as phrases_found
          from u left join w on w.t = u.t and u.k in ('b', 't')
          group by u.id
        )
        select d.id from d, total
        where d.required_found >= ${r.minMatch} or d.required_in_title > 0 or d.by_number
        order by (2 * d.title_weight / total.w + d.exact::int + 100 * d.by_number::int)
            * (case when d.in_force then 3 else 2 end)
          + d.body_weight / total.w + ${proximity}::float8 * d.phrases_found + d.national::int desc,
          d.published_at desc nulls last, d.id desc
        limit ${limit} offset ${offset}`,
  );
  return rows.map((row) => row.id);
}

const NEWEST_FIRST = sql`${s.publishedAt} desc nulls last, ${s.documentId} desc`;

/** The ids of one page, in order: by relevance when there is a query, unless asked for by date. */
export async function pageIds(db: Db, f: TSearchFilter, today: string, page: number, pageSize: number) {
  const offset = (page - 1) * pageSize;
  if ((!f.tsQuery && !f.docNumberKey) || f.sort === "date") {
    const rows = await selectRows<{ id: number }>(
      db,
      sql`select ${s.documentId} as id from ${s} where ${conditions(f, today)}
          order by ${NEWEST_FIRST} limit ${pageSize} offset ${offset}`,
    );
    return rows.map((row) => row.id);
  }
  return rankedIds(db, f, today, pageSize, offset);
}

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

/** How many documents match. */
export async function countMatches(db: Db, f: TSearchFilter, today: string): Promise<number> {
  const [row] = await selectRows<{ n: string | number }>(
    db,
    sql`select count(*) as n from ${s} where ${conditions(f, today)}`,
  );
  return Number(row?.n ?? 0);
}

/**
 * The facet counts of the matches, grouped; with `sampleEvery` k only of the matches whose id is a
 * multiple of k (ids are given in the order documents are made, so every kind, unit and year is in
 * the sample about as often as in the whole).
 */
export function facetGroups(
  db: Db,
  f: TSearchFilter,
  today: string,
  sampleEvery = 1,
): Promise<TFacetGroupRow[]> {
  const sample = sampleEvery > 1 ? sql` and ${s.documentId} % ${sampleEvery} = 0` : sql``;
  return selectRows<TFacetGroupRow>(
    db,
    sql`select c.*, u.name as unit_name from (
          select d.unit_id, d.year, d.kind, d.validity, d.topics,
            grouping(d.unit_id, d.year, d.kind, d.validity, d.topics) as g, count(*) as n
          from (
            select ${s.unitId} as unit_id, extract(year from ${s.publishedAt})::int as year, ${s.kind} as kind,
              ${effectiveValiditySql(today, s)} as validity, ${s.topics} as topics
            from ${s} where ${conditions(f, today)}${sample}
          ) d
          group by grouping sets ((d.unit_id), (d.year), (d.kind), (d.validity), (d.topics), ())
        ) c left join units u on u.id = c.unit_id`,
  );
}
