import type { Db } from "../../platform/db";
import { countMatches, facetGroups, type TFacetGroupRow, type TSearchFilter } from "./search.repository";

export type TFacetCount = { value: string; label: string; count: number };
export type TFacets = {
  unit: TFacetCount[];
  year: TFacetCount[];
  topic: TFacetCount[];
  kind: TFacetCount[];
  validity: TFacetCount[];
};

// grouping() has one bit per column, the first column highest: 0b01111 is the row grouped by unit.
const GROUPED_BY = { unit: 0b01111, year: 0b10111, kind: 0b11011, validity: 0b11101, topics: 0b11110 };
const ALL = 0b11111;
const MAX_TOPICS = 100;

/**
 * Up to this many matches the facets are counted exactly; above it on a sample of about this many
 * matches, scaled to the total and marked approximate. Counting is what a search costs when a word is
 * in tens of thousands of documents (docs/PERFORMANCE.md); the total itself is always exact.
 */
export const EXACT_FACETS_UP_TO = 5_000;

export type TFacetResult = { total: number; facets: TFacets; facetsApproximate: boolean };

/**
 * The total and the count of every facet value, in one pass over the matches' narrow rows (grouping
 * sets). Topics are counted by the set a document carries (a few hundred distinct sets) and split into
 * single topics here, which is cheaper than unnesting every match's array in SQL.
 */
export async function searchFacets(
  db: Db,
  f: TSearchFilter,
  today: string,
  exactUpTo = EXACT_FACETS_UP_TO,
): Promise<TFacetResult> {
  const total = await countMatches(db, f, today);
  if (total <= exactUpTo) {
    return { ...facetsOf(await facetGroups(db, f, today)), facetsApproximate: false };
  }
  const sample = facetsOf(await facetGroups(db, f, today, Math.ceil(total / exactUpTo)));
  const scale = sample.total > 0 ? total / sample.total : 0;
  const scaled = (counts: TFacetCount[]) => counts.map((c) => ({ ...c, count: Math.round(c.count * scale) }));
  const facets: TFacets = {
    unit: scaled(sample.facets.unit),
    year: scaled(sample.facets.year),
    topic: scaled(sample.facets.topic),
    kind: scaled(sample.facets.kind),
    validity: scaled(sample.facets.validity),
  };
  return { total, facets, facetsApproximate: true };
}

function facetsOf(rows: TFacetGroupRow[]): { total: number; facets: TFacets } {
  const facets: TFacets = { unit: [], year: [], topic: [], kind: [], validity: [] };
  const topics = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    const count = Number(r.n);
    if (r.g === ALL) total = count;
    else if (r.g === GROUPED_BY.unit && r.unit_id !== null)
      facets.unit.push({ value: String(r.unit_id), label: r.unit_name ?? "", count });
    else if (r.g === GROUPED_BY.year && r.year !== null)
      facets.year.push({ value: String(r.year), label: `${r.year}年`, count });
    else if (r.g === GROUPED_BY.kind && r.kind !== null)
      facets.kind.push({ value: r.kind, label: r.kind, count });
    else if (r.g === GROUPED_BY.validity && r.validity !== null)
      facets.validity.push({ value: r.validity, label: r.validity, count });
    else if (r.g === GROUPED_BY.topics && r.topics !== null)
      for (const t of r.topics) topics.set(t, (topics.get(t) ?? 0) + count);
  }
  facets.unit.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "zh"));
  facets.year.sort((a, b) => Number(b.value) - Number(a.value));
  facets.kind.sort((a, b) => b.count - a.count);
  facets.validity.sort((a, b) => b.count - a.count);
  facets.topic = [...topics.entries()]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_TOPICS)
    .map(([t, count]) => ({ value: t, label: t, count }));
  return { total, facets };
}
