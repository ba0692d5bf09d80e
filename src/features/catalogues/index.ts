// Basic-level standard catalogues (基层政务公开标准目录, "26+1+n"): each unit's items, import and
// export, documents tagged with the items they carry out, postings on other channels, the coverage
// check (回头看) with its rectification list, and the catalogue indicator of the assessment.

import { can } from "../../platform/auth/permissions";
import { registerDocumentHooks } from "../documents";
import { TagPanel } from "./catalogues.pages";
import { taggingOf } from "./tag-document";

export { registerCataloguesApi } from "./catalogues.api";
export { cataloguesRoutes } from "./catalogues.routes";
export { checkCoverage, coverageByUnit } from "./check-coverage";
export { loadDemoCatalogues } from "./demo-catalogues";

/** Adds the tag section to the back-office document page (for staff who may edit the document). */
export function registerCatalogueDocumentHooks(): void {
  registerDocumentHooks("catalogues", {
    staffPanel: async ({ db, principal, document, csrfToken }) => {
      if (!can(principal, "documents.edit", document.unitId)) return null;
      const { items, tagged, suggested } = await taggingOf(db, document.id, {
        unit_id: document.unitId,
        title: document.title,
        topics: document.topics,
        keywords: document.keywords,
      });
      return TagPanel({ documentId: document.id, csrfToken, items, tagged, suggested });
    },
  });
}
