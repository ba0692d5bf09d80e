// 会签: named units sign a document off before it may be published (work-plan task 10).

export { signoffsDashboardCard } from "./dashboard-card";
export { signoffDocumentHooks } from "./document-hooks";
export { registerSignoffsApi } from "./signoffs.api";
export { signoffsRoutes } from "./signoffs.routes";
