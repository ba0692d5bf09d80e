// The requests feature (依申请公开): registration, the statutory clock, actions, replies.

export { requestCaseSource } from "./case-source";
export { computeClock } from "./compute-due-date";
export { perRequestFee, perVolumeFee } from "./fees";
export {
  APPLICANT_KIND_CODES,
  APPLICANT_KINDS,
  OUTCOME_CODES,
  OUTCOMES,
  type TApplicantKind,
  type TOutcome,
} from "./outcomes";
export { STATUS_LABELS as REQUEST_STATUS_LABELS } from "./present";
export { refreshPausedDueDates } from "./refresh-paused";
export { requestsNeedingReminders, sendDueReminders } from "./reminders";
export { registerRequestsApi } from "./requests.api";
export { requestsRoutes } from "./requests.routes";
export { ACTION_LABELS as REQUEST_ACTION_LABELS } from "./requests.schemas";
export { spotCheckRoutes } from "./spot-checks.routes";
export { requestsWaiting } from "./waiting-work";
