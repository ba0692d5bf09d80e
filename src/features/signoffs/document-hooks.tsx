import type { TDocumentHooks } from "../documents";
import { activeUnits } from "../org";
import { assertAllSigned, canRequireSignoffs } from "./manage-signoffs";
import { SignoffSection } from "./signoffs.pages";
import { signoffsOf } from "./signoffs.repository";

/** 会签 in the document life cycle: publication waits for every signature; a section on the staff page. */
export const signoffDocumentHooks: TDocumentHooks = {
  beforePublish: (tx, document) => assertAllSigned(tx, document.id),
  staffPanel: async ({ db, principal, document, csrfToken }) => {
    const rows = await signoffsOf(db, document.id);
    const canRequire = canRequireSignoffs(principal, document);
    if (rows.length === 0 && (!canRequire || document.status === "published")) return null;
    return (
      <SignoffSection
        csrfToken={csrfToken}
        principal={principal}
        doc={document}
        rows={rows}
        units={await activeUnits(db)}
        canRequire={canRequire}
      />
    );
  },
};
