// Chinese text tools for search and publishing: segmentation for PostgreSQL full-text search,
// tsquery building, 文号 parsing, personal-data scanning and search-result snippets.
export { chineseNumber } from "./chinese-number";
export {
  type DocNumber,
  type DocNumberMatch,
  docNumberKey,
  findDocNumber,
  formatDocNumber,
  parseDocNumber,
} from "./doc-number";
export { FILLER_WORDS } from "./filler-words";
export {
  findPersonalData,
  isValidId18,
  type PersonalDataFinding,
  type PersonalDataKind,
  passesLuhn,
} from "./privacy-scan";
export { minimumMatch, type TQueryVocabulary, type TSearchQuery, toSearchQuery } from "./search-query";
export { indexText, queryTerms, queryWords, tokensForIndex } from "./segment";
export { type SnippetPart, snippetParts } from "./snippet";
export { toTsQuery } from "./ts-query";
