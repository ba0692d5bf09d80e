// The work-plan ledger (工作台账): plans, tasks, responsible units, deadlines, progress and review.

export { publicPlans, publicProgress, setPlanPublic } from "./accountability";
export { accountabilityRoutes } from "./accountability.routes";
export { loadDemoProgress } from "./demo-progress";
export { registerEvidenceRecords, type TEvidenceRecordSource } from "./evidence-records";
export { importPlan, readPlanCsv } from "./import-plan";
export { registerLedgerApi } from "./ledger.api";
export { ledgerRoutes } from "./ledger.routes";
export { overdueByUnit, sendOverdueReminders } from "./overdue-reminders";
export { reviewReport, submitReport } from "./report-progress";
export { STATUS_LABELS as TASK_STATUS_LABELS, type TTaskStatus, taskStatus } from "./task-status";
export { ledgerTasksDue, type TTaskDue } from "./tasks-due";
