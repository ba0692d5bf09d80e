import { createDbCache } from "../../platform/cache";
import type { Db } from "../../platform/db";
import { findDocNumber, queryWords, snippetParts, toSearchQuery } from "../../platform/text";
import { markdownToPlainText } from "../../platform/ui/markdown";
import { todayInChina } from "../calendar";
import { listSynonyms } from "./documents.repository";
import type { TDocumentListQuery } from "./documents.schemas";
import { pageRows, type TSearchHit } from "./search.repository";
import { emptyFacets, searchFacets, type TFacets } from "./search-facets";
import type { TSearchFilter } from "./search-filter";
import { libraryWith } from "./search-library";
import { PHRASINGS } from "./search-phrasings";
import { postingKeys, scoreLibrary } from "./search-scoring";

// Staff change synonyms rarely; every search needs them.
const synonymCache = createDbCache<string[][]>(60_000);

/** The synonym groups staff manage, cached briefly. */
export function loadSynonyms(db: Db): Promise<string[][]> {
  return synonymCache.get(db, async () => (await listSynonyms(db)).map((s) => s.terms));
}

export function invalidateSynonyms(db: Db): void {
  synonymCache.invalidate(db);
}

export type TSnippetPart = { text: string; hit: boolean };
export type TSearchItem = TSearchHit & { snippet: TSnippetPart[] };
export type TSearchResult = {
  total: number;
  items: TSearchItem[];
  facets: TFacets;
  terms: string[];
};

/** The query analysed once: what matches and how it ranks, with synonyms, and the 文号 it names, if any. */
async function analyse(db: Db, q: string | undefined) {
  if (!q) return { search: null, docNumberKey: null, terms: [] as string[] };
  const found = findDocNumber(q);
  // A query that is nothing but a 文号 looks the number up; words around it still search the text.
  const synonyms = await loadSynonyms(db);
  const search = found?.isWhole ? null : toSearchQuery(q, { synonyms, phrasings: PHRASINGS });
  // Highlight what matched, synonyms included: a search for 医保 marks 医疗保险 in the snippet.
  const equivalents = [
    ...synonyms.filter((group) => group.some((term) => q.includes(term))).flat(),
    ...PHRASINGS.filter(([everyday]) => q.includes(everyday)).flatMap(([, legal]) => legal),
  ];
  const terms = [...new Set([...equivalents, ...queryWords(q)])].filter((t) => t.trim().length > 0);
  return { search, docNumberKey: found?.key ?? null, terms };
}

/**
 * The catalogue and the search: one page of documents with facet counts. Without a query the newest
 * come first; with one, the most relevant (search-scoring.ts).
 */
export async function searchDocuments(
  db: Db,
  query: TDocumentListQuery,
  scope: TSearchFilter["scope"] = "public",
): Promise<TSearchResult> {
  const today = todayInChina();
  const { filter, a } = await filterOf(db, query, scope);
  if (query.q && !a.search && !a.docNumberKey)
    return { total: 0, items: [], facets: emptyFacets(), terms: [] };
  const { library, scored, ids } = await matchesOf(
    db,
    filter,
    today,
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  const [hits, facets] = await Promise.all([
    pageRows(db, ids, today, a.terms),
    searchFacets(db, library, scored, today),
  ]);
  const items = hits.map((h) => ({ ...h, snippet: snippetOf(h, a.terms) }));
  return { total: scored.total, items, facets, terms: a.terms };
}

/**
 * The matches of a filter in the search's copy of the library: a page of them (and its documents'
 * ids), their number and all of them.
 */
async function matchesOf(db: Db, filter: TSearchFilter, today: string, offset: number, limit: number) {
  const { library, postings } = await libraryWith(db, postingKeys(filter));
  const scored = scoreLibrary(library, postings, { f: filter, today, now: Date.now() }, offset, limit);
  return { library, scored, ids: scored.page.map((i) => library.docs[i]?.id ?? 0) };
}

/** The ids of the first `limit` matches. */
async function matchingIds(db: Db, filter: TSearchFilter, limit: number): Promise<number[]> {
  return (await matchesOf(db, filter, todayInChina(), 0, limit)).ids;
}

async function filterOf(
  db: Db,
  query: Omit<TDocumentListQuery, "page" | "pageSize">,
  scope: TSearchFilter["scope"],
) {
  const a = await analyse(db, query.q);
  const filter: TSearchFilter = {
    text: query.q,
    tsQuery: a.search?.match ?? null,
    ranking: a.search ?? undefined,
    docNumberKey: a.docNumberKey,
    sort: query.sort,
    unitId: query.unit,
    year: query.year,
    topic: query.topic,
    kind: query.kind,
    validity: query.validity,
    scope,
  };
  return { filter, a };
}

/** The filtered public catalogue in list order, without snippets, for feeds and the CSV export. */
export async function catalogueRows(
  db: Db,
  query: Omit<TDocumentListQuery, "page" | "pageSize">,
  limit: number,
): Promise<TSearchHit[]> {
  const { filter, a } = await filterOf(db, query, "public");
  if (query.q && !a.search && !a.docNumberKey) return [];
  return pageRows(db, await matchingIds(db, filter, limit), todayInChina(), [], 0);
}

/**
 * The ids of the public documents that best match `q`, best first, and the terms searched for: the
 * search's ranking without its page of rows, counts or facets (政策问答 looks for clauses in them).
 */
export async function rankDocuments(
  db: Db,
  query: Pick<TDocumentListQuery, "q" | "validity">,
  limit: number,
): Promise<{ ids: number[]; terms: string[] }> {
  const { filter, a } = await filterOf(db, { ...query, sort: "relevance" }, "public");
  if (!a.search && !a.docNumberKey) return { ids: [], terms: [] };
  return { ids: await matchingIds(db, filter, limit), terms: a.terms };
}

/** The newest public documents, for the home page. */
export function latestDocuments(db: Db, limit: number): Promise<TSearchHit[]> {
  return catalogueRows(db, {}, limit);
}

function snippetOf(h: TSearchHit, terms: string[]): TSnippetPart[] {
  const text = h.summary || markdownToPlainText(h.bodyExcerpt);
  return snippetParts(text.replace(/\s+/g, " "), terms, 120);
}

/** A snippet for the JSON API: plain text, and where the hits are as `[start, length]` in characters. */
export function snippetForApi(parts: TSnippetPart[]): { snippet: string; highlights: [number, number][] } {
  let snippet = "";
  const highlights: [number, number][] = [];
  for (const part of parts) {
    const start = [...snippet].length;
    if (part.hit) highlights.push([start, [...part.text].length]);
    snippet += part.text;
  }
  return { snippet, highlights };
}
