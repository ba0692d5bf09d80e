import type { Db } from "../../platform/db";
import { estimatedMatches, matchesWithSample, type TFacetRow, unitNames } from "./search.repository";
import type { TSearchFilter } from "./search-filter";

export type TFacetCount = { value: string; label: string; count: number };
export type TFacets = {
  unit: TFacetCount[];
  year: TFacetCount[];
  topic: TFacetCount[];
  kind: TFacetCount[];
  validity: TFacetCount[];
};

const MAX_TOPICS = 100;

/**
 * Up to this many matches the facets are counted exactly; above it (as the planner expects them) on a
 * sample of about this many matches, scaled to the total and marked approximate. Counting is what a search costs when a word is
 * in tens of thousands of documents (docs/PERFORMANCE.md); the total itself is always exact.
 */
export const EXACT_FACETS_UP_TO = 5_000;

export type TFacetResult = { total: number; facets: TFacets; facetsApproximate: boolean };

/** Every how many matches one is sampled so that about `upTo` are: 1 (all) up to `upTo`. */
const everyFor = (matches: number, upTo: number) => (matches <= upTo ? 1 : Math.ceil(matches / upTo));

/**
 * The total and the count of every facet value, in one pass over the matches' narrow rows: the rate
 * of the sample is chosen from the planner's estimate of the matches, before they are read. When the
 * estimate was far too high (too few sampled to show, or the matches few enough to count them all),
 * they are read again at the rate the exact total asks for.
 */
export async function searchFacets(
  db: Db,
  f: TSearchFilter,
  today: string,
  exactUpTo = EXACT_FACETS_UP_TO,
): Promise<TFacetResult> {
  let every = everyFor(await estimatedMatches(db, f, today), exactUpTo);
  let { total, sample } = await matchesWithSample(db, f, today, every);
  const wanted = everyFor(total, exactUpTo);
  if (every > wanted && (wanted === 1 || sample.length < exactUpTo / 2)) {
    every = wanted;
    ({ total, sample } = await matchesWithSample(db, f, today, every));
  }
  const names = await unitNames(db, [...new Set(sample.map(([unitId]) => unitId))]);
  const counted = facetsOf(sample, names);
  if (every === 1) return { total, facets: counted, facetsApproximate: false };
  const scale = sample.length > 0 ? total / sample.length : 0;
  const scaled = (counts: TFacetCount[]) => counts.map((c) => ({ ...c, count: Math.round(c.count * scale) }));
  const facets: TFacets = {
    unit: scaled(counted.unit),
    year: scaled(counted.year),
    topic: scaled(counted.topic),
    kind: scaled(counted.kind),
    validity: scaled(counted.validity),
  };
  return { total, facets, facetsApproximate: true };
}

function facetsOf(rows: TFacetRow[], unitNames: Map<number, string>): TFacets {
  const tally = () => new Map<string, number>();
  const unit = tally();
  const year = tally();
  const kind = tally();
  const validity = tally();
  const topic = tally();
  const add = (counts: Map<string, number>, value: string) => counts.set(value, (counts.get(value) ?? 0) + 1);
  for (const [unitId, y, k, v, topics] of rows) {
    add(unit, String(unitId));
    if (y !== null) add(year, String(y));
    add(kind, k);
    add(validity, v);
    for (const t of topics) add(topic, t);
  }
  const list = (counts: Map<string, number>, label: (value: string) => string) =>
    [...counts].map(([value, count]) => ({ value, label: label(value), count }));
  const byCount = (a: TFacetCount, b: TFacetCount) => b.count - a.count;
  return {
    unit: list(unit, (id) => unitNames.get(Number(id)) ?? "").sort(
      (a, b) => byCount(a, b) || a.label.localeCompare(b.label, "zh"),
    ),
    year: list(year, (y) => `${y}年`).sort((a, b) => Number(b.value) - Number(a.value)),
    kind: list(kind, (k) => k).sort(byCount),
    validity: list(validity, (v) => v).sort(byCount),
    topic: list(topic, (t) => t)
      .sort((a, b) => byCount(a, b) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, MAX_TOPICS),
  };
}
