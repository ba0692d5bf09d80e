import { type Db, titleOfRow } from "../../platform/db";

// What a progress report in the work-plan ledger may cite from this feature, by its link.

/** NPC suggestions and CPPCC proposals (task 27). */
export const proposalEvidence = {
  label: "建议提案办理",
  path: /^\/(?:admin\/)?proposals\/(\d+)$/,
  titleOf: (db: Db, id: number) => titleOfRow(db, "proposals", id),
};
