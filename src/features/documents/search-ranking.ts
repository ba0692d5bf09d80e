import { type SQL, sql } from "drizzle-orm";
import { type Db, selectRows } from "../../platform/db";
import { atLeast } from "../../platform/text";
import { effectiveValiditySql } from "./documents.repository";
import {
  all,
  conditions,
  filters,
  plannedRows,
  s,
  type TRanking,
  type TSearchFilter,
  textQuery,
} from "./search-filter";

/*
 * Relevance. A document's score, worked out from the GIN index alone (no match's text vector is read):
 *   (2 × title coverage + 1 if the title holds the typed text + 100 if its 文号 was typed)
 *     × (3 if in force, else 2)
 *   + body coverage + 0.5 × the share of the query's runs of several words found as written (proximity)
 *   + 1 for a national law or administrative regulation (宪法, 法律, 行政法规: they apply here, the local
 *     rules of other places in the library do not),
 * newest first among equals. Coverage is the share of the query's terms a document has, each term
 * weighted by how rare it is in the library (ln(1 + N / documents with it)); title coverage counts the
 * terms in the title, 文号, keywords or topics (the '^' words of document_search_vector, asked for by
 * document_rank_query). Title hits so weigh more than any body coverage unless they are the query's
 * commonest words. With one term the order is: title hits by validity, then every other match newest
 * first, whatever its validity.
 *
 * Two ways to the same page:
 * - every match: each term's matches (and title matches, and phrase matches) are one bitmap scan of
 *   the GIN index, added up per document. Its cost grows with how many documents hold each word:
 *   行政 or 安全 are in half the library.
 * - the title tier first (tierPage): the documents whose title holds every required term. Outside it
 *   a document's score has a ceiling (it lacks at least one title term and cannot hold the typed text
 *   in its title); when the tier alone fills the page above that ceiling, the page is the tier's, and
 *   only the tier was read. Otherwise every match is ranked.
 */

/** Laws and regulations that apply everywhere: ranked before local rules that cover a query as well. */
const NATIONAL_LEVELS = ["宪法", "法律", "行政法规"];

const national = sql`${s.level} in (${sql.join(
  NATIONAL_LEVELS.map((l) => sql`${l}`),
  sql`, `,
)})`;
const inForce = (today: string) => sql`${effectiveValiditySql(today, s)} in ('valid', 'amended')`;
const exactTitle = (f: TSearchFilter) => (f.text ? sql`strpos(${s.title}, ${f.text}) > 0` : sql`false`);
const floats = (values: number[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}::float8`),
    sql`, `,
  )}]::float8[]`;

type TWeights = { terms: number[]; total: number };

/**
 * Above this many documents a term's count comes from the planner's statistics (the most common
 * lexemes of the text vectors and their frequencies, kept by ANALYZE): counting 政府 in 96,000 of
 * 100,000 documents takes 20 ms, the estimate is within a few tenths of a percent and takes none.
 */
const COUNTED_UP_TO = 5_000;

/**
 * Each term's weight, ln(1 + N / documents holding it) over the whole library (0 when none does), and
 * their sum. Rare terms are counted from the GIN index, common ones estimated (COUNTED_UP_TO).
 */
export async function termWeights(db: Db, terms: string[]): Promise<TWeights> {
  const estimates = await Promise.all(
    terms.map((t) => plannedRows(db, sql`${s.searchVector} @@ ${textQuery(t)}`)),
  );
  const toCount = terms.filter((_t, i) => (estimates[i] ?? 0) <= COUNTED_UP_TO);
  const counts = sql.join(
    toCount.map((t) => sql`(select count(*) from ${s} where ${s.searchVector} @@ ${textQuery(t)})`),
    sql`, `,
  );
  const [row] = await selectRows<{ n: number; counted: (number | string)[] }>(
    db,
    sql`select (select reltuples from pg_class where oid = 'document_search'::regclass)::float8 as n,
          array[${counts}]::float8[] as counted`,
  );
  const counted = new Map(toCount.map((t, i) => [t, Number(row?.counted[i] ?? 0)]));
  const df = terms.map((t, i) => counted.get(t) ?? estimates[i] ?? 0);
  const n = Math.max(Number(row?.n ?? 0), ...df);
  const weights = df.map((d) => (d > 0 ? Math.log(1 + n / d) : 0));
  const total = Math.max(
    1e-9,
    weights.reduce((a, b) => a + b, 0),
  );
  return { terms: weights, total };
}

/** The score of a row of `d` (see above); rounded so that equal scores tie whatever order they were added in. */
function score(w: TWeights, r: TRanking): SQL {
  const proximity = r.phrases.length > 0 ? 0.5 / r.phrases.length : 0;
  return sql`round(((2 * d.title_weight / ${w.total}::float8 + d.exact::int + 100 * d.by_number::int)
      * (case when d.in_force then 3 else 2 end)
    + d.body_weight / ${w.total}::float8 + ${proximity}::float8 * d.phrases_found + d.national::int)::numeric, 9)`;
}

const BY_SCORE = sql`score desc, d.published_at desc nulls last, d.id desc`;

/**
 * The positions of the required terms that make a document match by its title alone (anyTerm in
 * conditions(), so the count and the page agree on what matches), for `t in (…)`; -1 keeps an empty list valid.
 */
const titleTermList = (r: TRanking) =>
  sql.join(
    [-1, ...r.titleTerms].map((i) => sql`${i}::int`),
    sql`, `,
  );

/** Each term's (or phrase's, or the 文号's) matches as rows: document, kind of hit, term number. */
function hitRows(f: TSearchFilter, today: string, r: TRanking): SQL {
  const where = all(filters(f, today));
  const branch = (kind: string, term: number, match: SQL) =>
    sql`select ${s.documentId} as id, ${s.publishedAt} as published_at, ${inForce(today)} as in_force,
          ${exactTitle(f)} as exact, ${national} as national, ${kind}::text as k, ${term}::int as t
        from ${s} where ${where} and ${match}`;
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

/** One page of every match by relevance. */
export async function everyMatchPage(
  db: Db,
  f: TSearchFilter,
  today: string,
  r: TRanking,
  w: TWeights,
  limit: number,
  offset: number,
): Promise<number[]> {
  const weight = sql`(${floats(w.terms)})[u.t + 1]`;
  const rows = await selectRows<{ id: number }>(
    db,
    sql`with u as (${hitRows(f, today, r)}),
        d as (
          select u.id, max(u.published_at) as published_at, bool_or(u.in_force) as in_force,
            bool_or(u.exact) as exact, bool_or(u.national) as national, bool_or(u.k = 'd') as by_number,
            coalesce(sum(${weight}) filter (where u.k = 't'), 0) as title_weight,
            coalesce(sum(${weight}) filter (where u.k = 'b'), 0) as body_weight,
            count(*) filter (where u.k = 'b' and u.t < ${r.required.length}) as required_found,
            count(*) filter (where u.k = 't' and u.t in (${titleTermList(r)})) as required_in_title,
            count(*) filter (where u.k = 'p') as phrases_found
          from u group by u.id
        )
        select d.id, ${score(w, r)} as score from d
        where d.required_found >= ${r.minMatch} or d.required_in_title > 0 or d.by_number
        order by ${BY_SCORE}
        limit ${limit} offset ${offset}`,
  );
  return rows.map((row) => row.id);
}

/** Documents whose title holds at least `m` of the required terms. */
const tierQuery = (r: TRanking, m: number) => sql`document_rank_query(${textQuery(atLeast(r.required, m))})`;

/**
 * How many documents of the whole library each tier holds, up to `upTo`, widest last: the tiers of all
 * required terms in the title, and of all but one.
 */
async function tierSizes(db: Db, r: TRanking, upTo: number): Promise<{ m: number; size: number }[]> {
  const ms: number[] = [];
  // A tier of m of many terms is an OR of every choice of m, costly to test: at most one term is
  // missing from the title (either of two). Measured: a tier of one of three terms held most titles
  // with any of them and cost more than it saved.
  const n = r.required.length;
  for (let m = n; m >= Math.max(1, n - 1); m--) ms.push(m);
  const counts = sql.join(
    ms.map(
      (m) =>
        sql`(select count(*) from (select from ${s} where ${s.searchVector} @@ ${tierQuery(r, m)} limit ${upTo}) t)`,
    ),
    sql`, `,
  );
  const [row] = await selectRows<{ sizes: (number | string)[] }>(
    db,
    sql`select array[${counts}]::float8[] as sizes`,
  );
  return ms.map((m, i) => ({ m, size: Number(row?.sizes[i] ?? 0) }));
}

/**
 * The first `limit + offset` documents of tier `m` (titles holding at least m required terms), when
 * they are the page (see above); null when a document outside the tier might outrank one of them.
 *
 * A document outside the tier holds at most m − 1 required terms in its title, and cannot hold the
 * typed text there (each of its runs would give the title every term: segment.ts), so it scores at
 * most 3 × 2 × (the m − 1 heaviest required weights + every optional weight) / total, plus 1 (body),
 * 0.5 (proximity) and 1 (national). Within the tier each term is looked up by a GIN scan that
 * intersects it with the tier; in the tier of all required terms those are known to be there (a
 * title's words are indexed plainly as well as with '^'), and only optional terms and phrases are.
 */
export async function tierPage(
  db: Db,
  f: TSearchFilter,
  today: string,
  r: TRanking,
  w: TWeights,
  m: number,
  limit: number,
  offset: number,
): Promise<number[] | null> {
  const requiredWeights = w.terms.slice(0, r.required.length);
  const optionalWeight = w.terms.slice(r.required.length).reduce((a, b) => a + b, 0);
  const heaviest = [...requiredWeights].sort((a, b) => b - a).slice(0, m - 1);
  const ceiling = (6 * (heaviest.reduce((a, b) => a + b, 0) + optionalWeight)) / w.total + 2.5;
  const isWhole = m === r.required.length;
  const tier = tierQuery(r, m);
  const within = (k: string, t: number, match: SQL) =>
    sql`select ${s.documentId} as id, ${k}::text as k, ${t}::int as t from ${s}
        where ${s.searchVector} @@ (${tier} && ${match})`;
  const hits: SQL[] = [];
  [...r.required, ...r.optional].forEach((term, i) => {
    if (isWhole && i < r.required.length) return;
    hits.push(within("b", i, textQuery(term)), within("t", i, sql`document_rank_query(${textQuery(term)})`));
  });
  r.phrases.forEach((phrase, i) => {
    hits.push(within("p", i, textQuery(phrase)));
  });
  const x =
    hits.length > 0
      ? sql.join(hits, sql` union all `)
      : sql`select null::int as id, null::text as k, null::int as t where false`;
  const weight = sql`(${floats(w.terms)})[x.t + 1]`;
  // In the whole tier every required term is a title and body hit of every document.
  const known = isWhole ? requiredWeights.reduce((a, b) => a + b, 0) : 0;
  const requiredFound = isWhole
    ? sql`${r.required.length}::int`
    : sql`count(*) filter (where x.k = 'b' and x.t < ${r.required.length})`;
  const inTitle = isWhole
    ? sql`${r.titleTerms.length}::int`
    : sql`count(*) filter (where x.k = 't' and x.t in (${titleTermList(r)}))`;
  const wanted = limit + offset;
  const rows = await selectRows<{ id: number; score: string }>(
    db,
    sql`with base as (
          select ${s.documentId} as id, ${s.publishedAt} as published_at, ${inForce(today)} as in_force,
            ${exactTitle(f)} as exact, ${national} as national
          from ${s} where ${all(filters(f, today))} and ${s.searchVector} @@ ${tier}
        ),
        x as (${x}),
        d as (
          select b.id, b.published_at, b.in_force, b.exact, b.national, false as by_number,
            ${known}::float8 + coalesce(sum(${weight}) filter (where x.k = 't'), 0) as title_weight,
            ${known}::float8 + coalesce(sum(${weight}) filter (where x.k = 'b'), 0) as body_weight,
            ${requiredFound} as required_found, ${inTitle} as required_in_title,
            count(x.id) filter (where x.k = 'p') as phrases_found
          from base b left join x on x.id = b.id
          group by b.id, b.published_at, b.in_force, b.exact, b.national
        )
        select d.id, ${score(w, r)} as score from d
        where d.required_found >= ${r.minMatch} or d.required_in_title > 0
        order by ${BY_SCORE} limit ${wanted}`,
  );
  const last = rows.at(-1);
  if (rows.length < wanted || !last || Number(last.score) <= ceiling + 1e-6) return null;
  return rows.slice(offset).map((row) => row.id);
}

/** Typed letters or digits may sit inside a longer word of a title (GB2020a), outside the tier's reach. */
const ASCII_WORD = /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]/;

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
  const w = await termWeights(db, [...r.required, ...r.optional]);
  // A one-character word left over from a question ('不':*) is a prefix: intersected with a tier it
  // makes the GIN index read every word beginning with it (不得, 不予, 不服 …), slower than every match.
  const hasPrefix = r.optional.some((t) => t.includes(":*"));
  if (r.required.length > 0 && !hasPrefix && !f.docNumberKey && !ASCII_WORD.test(f.text ?? "")) {
    // The narrowest tier that can fill the page, then the next wider one, before every match.
    const wanted = limit + offset;
    const tiers = (await tierSizes(db, r, wanted)).filter((t) => t.size >= wanted);
    for (const { m } of tiers) {
      const page = await tierPage(db, f, today, r, w, m, limit, offset);
      if (page) return page;
    }
  }
  return everyMatchPage(db, f, today, r, w, limit, offset);
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
