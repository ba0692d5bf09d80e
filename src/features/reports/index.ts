// The statutory annual report (政府信息公开工作年度报告, task 64): statistics, staff's sections,
// checks, publication in the catalogue and the Word file.

export { computeAnnualReport } from "./compute-annual-report";
export { publishReport } from "./publish-report";
export { annualReportStatus } from "./report-status";
export { registerReportsApi } from "./reports.api";
export { reportsRoutes } from "./reports.routes";
export { saveNarrative } from "./save-narrative";
