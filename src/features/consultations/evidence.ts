import { type Db, titleOfRow } from "../../platform/db";

// What a progress report in the work-plan ledger may cite from this feature, by its link.

/** Consultations and their feedback reports (tasks 30–31). */
export const consultationEvidence = {
  label: "意见征集",
  path: /^\/consultations\/(\d+)$/,
  titleOf: (db: Db, id: number) => titleOfRow(db, "consultations", id),
};

/** Major decisions and their stages (task 30). */
export const decisionEvidence = {
  label: "重大行政决策",
  path: /^\/decisions\/(\d+)$/,
  titleOf: (db: Db, id: number) => titleOfRow(db, "decisions", id),
};
