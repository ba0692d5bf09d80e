import type { Db } from "../../platform/db";
import { unitNames } from "./search.repository";
import { type TLibrary, type TLibraryDocument, validitiesOn } from "./search-library";

export type TFacetCount = { value: string; label: string; count: number };
export type TFacets = {
  unit: TFacetCount[];
  year: TFacetCount[];
  topic: TFacetCount[];
  kind: TFacetCount[];
  validity: TFacetCount[];
};

const MAX_TOPICS = 100;

// One collator for every sort: localeCompare(…, "zh") builds one per comparison.
const CHINESE = new Intl.Collator("zh");

/** A facet's value of each document as a small number, and the values the numbers stand for. */
type TCoded = { codes: Int32Array; values: string[] };

/** Numbers values by first appearance; `values` lists them, as text, in that order. */
function numbering<V extends string | number>() {
  const numbers = new Map<V, number>();
  return {
    of(v: V): number {
      let code = numbers.get(v);
      if (code === undefined) {
        code = numbers.size;
        numbers.set(v, code);
      }
      return code;
    },
    values: () => [...numbers.keys()].map(String),
  };
}

/** A facet with one value per document, or none (`valueOf` gives null). */
function coded<V extends string | number>(
  docs: TLibraryDocument[],
  valueOf: (d: TLibraryDocument, i: number) => V | null,
): { starts: Int32Array; coded: TCoded } {
  const numbers = numbering<V>();
  const starts = new Int32Array(docs.length + 1);
  const codes = new Int32Array(docs.length);
  let n = 0;
  docs.forEach((d, i) => {
    const v = valueOf(d, i);
    if (v !== null) codes[n++] = numbers.of(v);
    starts[i + 1] = n;
  });
  return { starts, coded: { codes: codes.slice(0, n), values: numbers.values() } };
}

/** The topics, several per document. */
function codedTopics(docs: TLibraryDocument[]): { starts: Int32Array; coded: TCoded } {
  const numbers = numbering<string>();
  const starts = new Int32Array(docs.length + 1);
  docs.forEach((d, i) => {
    starts[i + 1] = (starts[i] as number) + d.topics.length;
  });
  const codes = new Int32Array(starts[docs.length] as number);
  let n = 0;
  for (const d of docs) for (const topic of d.topics) codes[n++] = numbers.of(topic);
  return { starts, coded: { codes, values: numbers.values() } };
}

type TFacetCodes = Record<keyof TFacets, { starts: Int32Array; coded: TCoded }>;

// Counting by number, not by string, is what keeps the facets of 100,000 matches within a few ms.
const facetCodes = new WeakMap<TLibrary, { today: string; facets: TFacetCodes }>();

function codesOf(library: TLibrary, today: string): TFacetCodes {
  const held = facetCodes.get(library);
  if (held?.today === today) return held.facets;
  const validities = validitiesOn(library, today);
  const { docs } = library;
  const facets: TFacetCodes = {
    unit: coded(docs, (d) => d.unitId),
    year: coded(docs, (d) => d.year),
    topic: codedTopics(docs),
    kind: coded(docs, (d) => d.kind),
    validity: coded(docs, (_d, i) => validities[i] as string),
  };
  facetCodes.set(library, { today, facets });
  return facets;
}

type TFacetCoding = TFacetCodes[keyof TFacets];

/** Adds `by` to the count of each value of document `i`. */
function count(counts: Int32Array, { starts, coded }: TFacetCoding, i: number, by: number): void {
  for (let k = starts[i] as number; k < (starts[i + 1] as number); k++) {
    const code = coded.codes[k] as number;
    counts[code] = (counts[code] as number) + by;
  }
}

// Counts over every document passing the filters, per set of flags (the public one is kept until the
// next scheduled publication) and facet: a search matching most of them is counted as those less the
// documents it does not match, a few thousand instead of a hundred thousand.
const passingCounts = new WeakMap<Uint8Array, WeakMap<TFacetCoding, Int32Array>>();

function countsOfPassing(facet: TFacetCoding, passing: Uint8Array): Int32Array {
  const byFacet = passingCounts.get(passing) ?? new WeakMap<TFacetCoding, Int32Array>();
  passingCounts.set(passing, byFacet);
  let counts = byFacet.get(facet);
  if (!counts) {
    counts = new Int32Array(facet.coded.values.length);
    for (let i = 0; i < passing.length; i++) if (passing[i]) count(counts, facet, i, 1);
    byFacet.set(facet, counts);
  }
  return counts;
}

/** How many of the matches have each value of a facet, as [value, count], in order of first appearance. */
function tally(facet: TFacetCoding, { matches, passing }: TMatches): [string, number][] {
  let counts: Int32Array;
  if (matches.length * 2 > passing.length) {
    counts = countsOfPassing(facet, passing).slice();
    let m = 0;
    for (let i = 0; i < passing.length; i++) {
      if (!passing[i]) continue;
      if (matches[m] === i) m++;
      else count(counts, facet, i, -1);
    }
  } else {
    counts = new Int32Array(facet.coded.values.length);
    for (const i of matches) count(counts, facet, i, 1);
  }
  return facet.coded.values.flatMap((value, code) =>
    (counts[code] as number) > 0 ? [[value, counts[code] as number]] : [],
  );
}

/** The matches (positions, ascending) among the documents passing the filters (1 by position). */
type TMatches = { matches: Int32Array; passing: Uint8Array };

/** The count of every facet value over the matches (positions in the library), exactly. */
export async function searchFacets(
  db: Db,
  library: TLibrary,
  matches: TMatches,
  today: string,
): Promise<TFacets> {
  const codes = codesOf(library, today);
  const counted = (name: keyof TFacets) => tally(codes[name], matches);
  const [unit, year, topic, kind, validity] = (["unit", "year", "topic", "kind", "validity"] as const).map(
    counted,
  );
  const names = await unitNames(
    db,
    (unit ?? []).map(([id]) => Number(id)),
  );
  const list = (counts: [string, number][] | undefined, label: (value: string) => string) =>
    (counts ?? []).map(([value, count]) => ({ value, label: label(value), count }));
  const byCount = (a: TFacetCount, b: TFacetCount) => b.count - a.count;
  return {
    unit: list(unit, (id) => names.get(Number(id)) ?? "").sort(
      (a, b) => byCount(a, b) || CHINESE.compare(a.label, b.label),
    ),
    year: list(year, (y) => `${y}年`).sort((a, b) => Number(b.value) - Number(a.value)),
    kind: list(kind, (k) => k).sort(byCount),
    validity: list(validity, (v) => v).sort(byCount),
    topic: list(topic, (t) => t)
      .sort((a, b) => byCount(a, b) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, MAX_TOPICS),
  };
}

export function emptyFacets(): TFacets {
  return { unit: [], year: [], topic: [], kind: [], validity: [] };
}
