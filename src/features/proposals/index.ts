// 人大代表建议、政协委员提案 (STATUTES §9): registration, the reply clock, replies published in full.

export { addCalendarMonths, computeProposalDueDate } from "./compute-proposal-due-date";
export { proposalsDashboardCard } from "./dashboard-card";
export { proposalEvidence } from "./evidence";
export { recordSatisfaction, replyToProposal } from "./handle-proposal";
export { registerProposalsApi } from "./proposals.api";
export { proposalsRoutes } from "./proposals.routes";
export {
  CATEGORY_LABELS as PROPOSAL_CATEGORY_LABELS,
  KIND_LABELS as PROPOSAL_KIND_LABELS,
} from "./proposals.schemas";
export { registerProposal } from "./register-proposal";
