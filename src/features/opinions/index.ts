// 政务舆情 (seed tasks 10, 28, 29): items from every channel with hour clocks (STATUTES §9), the 12345
// import, the public 领导信箱 and 回应关切, trends with spike alerts, liaison reminders.

export { opinionDashboardCards } from "./dashboard-cards";
export { loadDemoOpinions } from "./demo-opinions";
export { opinionEvidence } from "./evidence";
export { registerOpinionsApi } from "./opinions.api";
export { opinionsRoutes } from "./opinions.routes";
export { sendOpinionReminders } from "./reminders";
