// Public participation in decisions (公众参与): the yearly catalogue of major administrative decisions
// with every stage, public consultations on drafts, comments, their dispositions and the feedback report.

export { registerConsultationsApi } from "./consultations.api";
export { consultationsRoutes } from "./consultations.routes";
export { DISPOSITION_LABELS, STAGE_LABELS } from "./consultations.schemas";
export { participationCard } from "./dashboard-card";
export { loadParticipationDemo } from "./demo-data";
export { consultationEvidence, decisionEvidence } from "./evidence";
