// Complaints that public enterprises and institutions failed to disclose (work-plan task 24).

export { registerComplaintsApi } from "./complaints.api";
export { complaintsRoutes } from "./complaints.routes";
export { SECTOR_LABELS as COMPLAINT_SECTOR_LABELS, SECTORS as COMPLAINT_SECTORS } from "./complaints.schemas";
export { complaintsDashboardCard } from "./dashboard-card";
export { applyComplaintAction } from "./handle-complaint";
export { submitComplaint } from "./submit-complaint";
