// 主动公开: the document library, its catalogue and search, 公报, interpretations, feeds and import.

export { attachGeneratedFile } from "./document-attachments";
export { registerDocumentsApi } from "./documents.api";
export { SearchForm } from "./documents.public-pages";
export { documentTitles } from "./documents.repository";
export { documentsRoutes } from "./documents.routes";
export { documentsStaffRoutes } from "./documents.staff-routes";
export { createGazetteIssue } from "./gazette";
export { importDocuments, type TImportReport } from "./import/import-documents";
export { publishDocument, withdrawDocument } from "./publish-document";
export { createDocument, updateDocument } from "./save-document";
export type { TSearchHit } from "./search.repository";
export { latestDocuments, searchDocuments } from "./search-documents";
