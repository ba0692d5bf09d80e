import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { OUTCOMES } from "./outcomes";
import { loadVisibleRequest } from "./visible-request";

/**
 * What the staff case library takes from a request the caller may see (404 otherwise): the request
 * and its reply's reasons, and every applicant field, so that the library can take them out of the
 * text (see features/registries, anonymise). The applicant fields never leave the server.
 */
export async function requestCaseSource(db: Db, p: TPrincipal, id: number) {
  const { r } = await loadVisibleRequest(db, p, id);
  const a = r.applicant;
  return {
    description: r.description,
    outcome: r.outcome ? (OUTCOMES[r.outcome]?.label ?? r.outcome) : "",
    reason: [r.outcomeReason, r.legalBasis].filter(Boolean).join("\n"),
    applicantTexts: [a.name, a.idNumber, a.orgCode, a.contactPerson, a.phone, a.email, a.address].filter(
      (s): s is string => typeof s === "string" && s !== "",
    ),
  };
}
