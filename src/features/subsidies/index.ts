// Village subsidy notices (惠民惠农补贴公示): published per village or community for their notice
// period, with masked ID numbers; kept on file for the village afterwards.

export { isPublicOn, keptThrough, publishSubsidyNotice, purgeExpiredNotices } from "./publish-notice";
export { registerSubsidiesApi } from "./subsidies.api";
export { subsidiesRoutes } from "./subsidies.routes";
