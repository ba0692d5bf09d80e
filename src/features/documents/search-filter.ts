import type { TUnitScope } from "../../platform/auth/permissions";
import type { TSearchQuery } from "../../platform/text";

// What a search asks for (search-documents.ts analyses it, search-scoring.ts ranks and filters by it).

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
