// 主动公开: the document library, its catalogue and search, 公报, interpretations, feeds and import.

export { documentsAwaitingReview } from "./awaiting-review";
export { attachGeneratedFile } from "./document-attachments";
export { registerDocumentHooks, type TDocumentEvent, type TDocumentHooks } from "./document-hooks";
export { registerDocumentsApi } from "./documents.api";
export { SearchForm } from "./documents.public-pages";
export {
  documentTitles,
  effectiveValiditySql,
  nextScheduledPublication,
  publicIn,
} from "./documents.repository";
export { documentsRoutes } from "./documents.routes";
export {
  DISCLOSURE_LABELS,
  KIND_LABELS as DOCUMENT_KIND_LABELS,
  STATUS_LABELS as DOCUMENT_STATUS_LABELS,
  VALIDITY_LABELS,
} from "./documents.schemas";
export { documentsStaffRoutes } from "./documents.staff-routes";
export { documentSearch, documents as documentsTable } from "./documents.tables";
export { createGazetteIssue } from "./gazette";
export { importDocuments, type TImportReport } from "./import/import-documents";
export { publishDocument, withdrawDocument } from "./publish-document";
export { createDocument, updateDocument } from "./save-document";
export type { TSearchHit } from "./search.repository";
export { latestDocuments, loadSynonyms, rankDocuments, searchDocuments } from "./search-documents";
export { purgeSearchChanges, warmSearch } from "./search-library";
export { PHRASINGS } from "./search-phrasings";
