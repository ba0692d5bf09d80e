import { can, type TPrincipal, unitScope } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";

// Decisions and consultations are the responsible unit's work: whoever edits that unit's documents
// (its editors and reviewers, and the office for every unit) keeps its catalogue, consultations and
// dispositions. Publishing a feedback report is the office's (a district role that reviews documents).
const EDIT = "documents.edit" as const;

/** The units whose decisions and consultations the principal keeps: "all" for the office. */
export const participationScope = (p: TPrincipal) => unitScope(p, EDIT);

/** The unit's records are the principal's to keep; a unit they may not see answers 404. */
export function assertUnitAccess(p: TPrincipal, unitId: number): void {
  if (!can(p, EDIT, unitId)) throw new AppError("not_found", MSG.notFound);
}

/** Whether the principal may publish a feedback report (the office, district-wide). */
export const canPublishFeedback = (p: TPrincipal) => can(p, "documents.review");
