// The work-plan ledger (工作台账): plans, tasks, responsible units, deadlines.

export { importPlan, readPlanCsv } from "./import-plan";
export { registerLedgerApi } from "./ledger.api";
