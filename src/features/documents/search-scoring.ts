import type { TSearchFilter } from "./search-filter";
import { inForceOn, numberKey, publicAt, type TLibrary, titleKey, validitiesOn } from "./search-library";

/*
 * Relevance. A document's score:
 *   (2 × title coverage + 1 if the title holds the typed text + 100 if its 文号 was typed)
 *     × (3 if in force, else 2)
 *   + body coverage + 0.5 × the share of the query's runs of several words found as written (proximity)
 *   + 1 for a national law or administrative regulation (宪法, 法律, 行政法规: they apply here, the local
 *     rules of other places in the library do not),
 * newest first among equals. Coverage is the share of the query's terms a document has, each term
 * weighted by how rare it is in the library (ln(1 + N / documents with it), N every document of the
 * index); title coverage counts the terms in the title, 文号, keywords or topics (the '^' words of
 * document_search_vector). Title hits so weigh more than any body coverage unless they are the query's
 * commonest words. With one term the order is: title hits by validity, then every other match newest
 * first, whatever its validity.
 *
 * A document matches when it holds at least `minMatch` of the required terms, or one of them (other
 * than a kind of document: 通知, 办法 …) in its title, or the typed 文号.
 */

/** The postings a query needs: each term in the text and in the title, each phrase, and the typed 文号. */
export function postingKeys(f: TSearchFilter): string[] {
  const r = f.ranking;
  const terms = r ? [...r.required, ...r.optional] : [];
  return [
    ...terms,
    ...terms.map(titleKey),
    ...(r?.phrases ?? []),
    ...(f.docNumberKey ? [numberKey(f.docNumberKey)] : []),
  ];
}

export type TScored = {
  /** Positions in the library of the page's documents, in order. */
  page: number[];
  total: number;
  /** Positions of every match, ascending, for the facets. */
  matches: Int32Array;
  /** Which documents pass the filters other than the text, 1 by position. */
  passing: Uint8Array;
};

const ASCII_WORD = /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]/;

type TQueryContext = { f: TSearchFilter; today: string; now: number };

/**
 * Which documents pass the filters other than the text (the scope, unit, year, topic, kind and
 * validity), as 1 or 0 by position.
 */
function passing(library: TLibrary, { f, today, now }: TQueryContext): Uint8Array {
  const inScope =
    f.scope === "public" ? publicAt(library, now) : f.scope.units === "all" ? null : new Set(f.scope.units);
  const hasFilters = f.unitId || f.year || f.topic || f.kind || f.validity;
  if (inScope instanceof Uint8Array && !hasFilters) return inScope;
  const validity = f.validity ? validitiesOn(library, today) : null;
  const isWanted = (v: string) =>
    f.validity === "in_force" ? v === "valid" || v === "amended" : v === f.validity;
  return Uint8Array.from(library.docs, (d, i) => {
    if (inScope instanceof Uint8Array ? !inScope[i] : inScope && !inScope.has(d.unitId)) return 0;
    if (f.unitId && d.unitId !== f.unitId) return 0;
    if (f.year && d.year !== f.year) return 0;
    if (f.topic && !d.topics.includes(f.topic)) return 0;
    if (f.kind && d.kind !== f.kind) return 0;
    if (validity && !isWanted(validity[i] as string)) return 0;
    return 1;
  });
}

/**
 * The positions, ascending, of the documents that pass the filters and (with a query) match: at least
 * `minMatch` required terms, or one in the title, or the 文号 (the match when `minMatch` is 0: a 文号 alone).
 */
function matchingPositions(
  isPassing: Uint8Array,
  found: {
    requiredFound: Uint8Array;
    requiredInTitle: Uint8Array;
    byNumber: Uint8Array;
    minMatch: number;
  } | null,
): Int32Array {
  // Written into the library's buffer, then copied at its length: pushing to an array was 15 times slower.
  const positions = positionBuffer(isPassing.length);
  let count = 0;
  if (!found) {
    for (let i = 0; i < isPassing.length; i++) if (isPassing[i] !== 0) positions[count++] = i;
    return positions.slice(0, count);
  }
  const { requiredFound, requiredInTitle, byNumber, minMatch } = found;
  for (let i = 0; i < isPassing.length; i++) {
    if (isPassing[i] === 0) continue;
    const terms = requiredFound[i] as number;
    if (minMatch > 0 ? terms >= minMatch || requiredInTitle[i] !== 0 || byNumber[i] !== 0 : byNumber[i] !== 0)
      positions[count++] = i;
  }
  return positions.slice(0, count);
}

let positionsScratch = new Int32Array(0);

function positionBuffer(n: number): Int32Array {
  if (positionsScratch.length < n) positionsScratch = new Int32Array(n);
  return positionsScratch;
}

type TScratch = Record<"titleWeight" | "bodyWeight", Float64Array> &
  Record<"requiredFound" | "requiredInTitle" | "requiredTitled" | "phrasesFound" | "byNumber", Uint8Array>;

// A document's sums while a query is scored, one set per library: allocating them per query (2 MB at
// 100,000 documents) kept the garbage collector busy for longer than the scoring took. Scoring is
// synchronous, so no two queries use them at once.
const scratches = new WeakMap<TLibrary, TScratch>();

function scratchOf(library: TLibrary): TScratch {
  const n = library.docs.length;
  let scratch = scratches.get(library);
  if (!scratch) {
    scratch = {
      titleWeight: new Float64Array(n),
      bodyWeight: new Float64Array(n),
      requiredFound: new Uint8Array(n),
      requiredInTitle: new Uint8Array(n),
      requiredTitled: new Uint8Array(n),
      phrasesFound: new Uint8Array(n),
      byNumber: new Uint8Array(n),
    };
    scratches.set(library, scratch);
  }
  for (const array of Object.values(scratch)) array.fill(0);
  return scratch;
}

/** Adds `value` at each position of `list`. */
function addAt(into: Float64Array | Uint8Array, list: Int32Array, value: number): void {
  for (let k = 0; k < list.length; k++) {
    const i = list[k] as number;
    into[i] = (into[i] as number) + value;
  }
}

/**
 * The page `offset`…`offset + limit` of the matches, their number and all their positions (ascending,
 * so newest first): by relevance when there is a query (unless asked for by date), else by date.
 */
export function scoreLibrary(
  library: TLibrary,
  postings: Map<string, Int32Array>,
  context: TQueryContext,
  offset: number,
  limit: number,
): TScored {
  const { f } = context;
  const n = library.docs.length;
  const isPassing = passing(library, context);
  const byDate = (matches: Int32Array) => ({
    page: Array.from(matches.subarray(offset, offset + limit)),
    total: matches.length,
    matches,
    passing: isPassing,
  });
  if (!f.tsQuery && !f.docNumberKey) {
    return byDate(matchingPositions(isPassing, null));
  }
  const r = f.ranking ?? {
    required: [],
    optional: [],
    phrases: [],
    minMatch: 0,
    anyTerm: null,
    titleTerms: [],
  };
  const terms = [...r.required, ...r.optional];
  const empty = new Int32Array(0);
  const lists = terms.map((t) => postings.get(t) ?? empty);
  const weights = lists.map((list) => (list.length > 0 ? Math.log(1 + n / list.length) : 0));
  const total = Math.max(
    1e-9,
    weights.reduce((a, b) => a + b, 0),
  );
  const { titleWeight, bodyWeight, requiredFound, requiredInTitle, requiredTitled, phrasesFound, byNumber } =
    scratchOf(library);
  const { isNational } = library;
  const titleTerms = new Set(r.titleTerms);
  terms.forEach((term, t) => {
    const w = weights[t] ?? 0;
    const list = lists[t] ?? empty;
    const titleList = postings.get(titleKey(term)) ?? empty;
    addAt(bodyWeight, list, w);
    addAt(titleWeight, titleList, w);
    if (t < r.required.length) {
      addAt(requiredFound, list, 1);
      addAt(requiredTitled, titleList, 1);
      if (titleTerms.has(t)) addAt(requiredInTitle, titleList, 1);
    }
  });
  for (const phrase of r.phrases) addAt(phrasesFound, postings.get(phrase) ?? empty, 1);
  if (f.docNumberKey) addAt(byNumber, postings.get(numberKey(f.docNumberKey)) ?? empty, 1);
  const matches = matchingPositions(isPassing, {
    requiredFound,
    requiredInTitle,
    byNumber,
    minMatch: r.minMatch,
  });
  if (f.sort === "date") return byDate(matches);
  const isInForce = inForceOn(library, context.today);
  const proximity = r.phrases.length > 0 ? 0.5 / r.phrases.length : 0;
  // A title that holds the typed text holds each of its terms (a term is a run's words, or their bigrams,
  // or a synonym of the typed form): only those are compared. Typed letters or digits may sit inside a
  // longer word of a title (GB2020a), which is not their term: then every title is.
  const text = f.text ?? "";
  const mayHoldText = ASCII_WORD.test(text)
    ? () => true
    : (i: number) => requiredTitled[i] === r.required.length;
  const scoreWith = (i: number, exact: number) => {
    const raw =
      ((2 * (titleWeight[i] as number)) / total + exact + 100 * (byNumber[i] as number)) *
        (isInForce[i] ? 3 : 2) +
      (bodyWeight[i] as number) / total +
      proximity * (phrasesFound[i] as number) +
      (isNational[i] as number);
    // Rounded so that equal scores tie whatever order their parts were added in.
    return Math.round(raw * 1e9) / 1e9;
  };
  const mayBeExact = (i: number) => text !== "" && mayHoldText(i);
  // Comparing titles with the text is most of the cost of a score: only done for a document that
  // would make the page if its title held the text.
  const score = {
    atMost: (i: number) => scoreWith(i, mayBeExact(i) ? 1 : 0),
    exactly: (i: number) => scoreWith(i, mayBeExact(i) && library.docs[i]?.title.includes(text) ? 1 : 0),
  };
  const page = best(matches, score, offset + limit).slice(offset);
  return { page, total: matches.length, matches, passing: isPassing };
}

type THeapEntry = { i: number; s: number };

/** Whether `a` ranks below `b`: a lower score, or the same score and older (a later position). */
const ranksBelow = (a: THeapEntry, b: THeapEntry) => a.s < b.s || (a.s === b.s && a.i > b.i);

/**
 * The `k` best positions by score, ties by position (newest first): a bounded heap whose root is the
 * worst of the best so far, so that a query matching most of the library does not sort all of it.
 * `atMost` is a cheap ceiling of `exactly`: a document whose ceiling misses the page is not scored.
 */
function best(
  positions: Int32Array,
  score: { atMost: (i: number) => number; exactly: (i: number) => number },
  k: number,
): number[] {
  if (k <= 0) return [];
  const heap: THeapEntry[] = [];
  const at = (x: number) => heap[x] as THeapEntry;
  const swap = (x: number, y: number) => {
    const t = at(x);
    heap[x] = at(y);
    heap[y] = t;
  };
  const missesPage = (i: number, s: number) => {
    const root = heap[0];
    return heap.length >= k && root !== undefined && (s < root.s || (s === root.s && i > root.i));
  };
  for (const i of positions) {
    if (missesPage(i, score.atMost(i))) continue;
    const s = score.exactly(i);
    if (missesPage(i, s)) continue;
    const entry = { i, s };
    if (heap.length < k) {
      heap.push(entry);
      for (let x = heap.length - 1; x > 0 && ranksBelow(at(x), at((x - 1) >> 1)); x = (x - 1) >> 1)
        swap(x, (x - 1) >> 1);
    } else {
      heap[0] = entry;
      for (let x = 0; ; ) {
        let m = x;
        for (const c of [2 * x + 1, 2 * x + 2]) if (c < heap.length && ranksBelow(at(c), at(m))) m = c;
        if (m === x) break;
        swap(x, m);
        x = m;
      }
    }
  }
  return heap.sort((a, b) => (ranksBelow(a, b) ? 1 : ranksBelow(b, a) ? -1 : 0)).map((e) => e.i);
}
