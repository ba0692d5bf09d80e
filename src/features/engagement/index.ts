// 公众参与: meetings with public seats filled by a reproducible draw (列席), government open days with a
// waiting list, surveys with charted results, and the /participation landing page.

export { loadDemoEngagement } from "./demo-engagement";
export { drawSeats, maskName } from "./draw";
export { registerEngagementApi } from "./engagement.api";
export { EngagementCard } from "./engagement.card";
export { engagementRoutes } from "./engagement.routes";
export { meetingEvidence, openDayEvidence, surveyEvidence } from "./evidence";
