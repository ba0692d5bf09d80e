import { type SQL, sql } from "drizzle-orm";
import type { TUnitScope } from "../../platform/auth/permissions";
import { type Db, selectRows } from "../../platform/db";
import { inUnitScope } from "../../platform/db/unit-scope";
import type { TSearchQuery } from "../../platform/text";
import { effectiveValiditySql, publicIn } from "./documents.repository";
import { documentSearch } from "./documents.tables";

// What a search asks for and the SQL that says which documents it matches (search.repository.ts reads
// them, search-ranking.ts orders them).

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

// Searches read the narrow search index (document_search), never the wide documents rows: a word found
// in tens of thousands of documents is then counted and ranked from a heap that stays in memory.
export const s = documentSearch;

/** The filters other than the text: scope, unit, year, topic, kind and validity. */
export function filters(f: TSearchFilter, today: string): SQL[] {
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

export const textQuery = (tsQuery: string) => sql`to_tsquery('simple', ${tsQuery})`;
export const all = (parts: SQL[]) => (parts.length > 0 ? sql.join(parts, sql` and `) : sql`true`);

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

/** How many rows of the search index the planner expects `where` to match, from its statistics alone (no row is read). */
export async function plannedRows(db: Db, where: SQL): Promise<number> {
  const rows = await selectRows<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(
    db,
    sql`explain (format json) select 1 from ${s} where ${where}`,
  );
  return Number(rows[0]?.["QUERY PLAN"][0].Plan["Plan Rows"] ?? 0);
}
