import { type Db, titleOfRow } from "../../platform/db";

// What a progress report in the work-plan ledger may cite from this feature, by its link.

/** Public-opinion items and their responses (tasks 28–29). */
export const opinionEvidence = {
  label: "政务舆情",
  path: /^\/admin\/opinions\/(\d+)$/,
  titleOf: (db: Db, id: number) => titleOfRow(db, "opinions", id),
};
