// Policy services: e-mail alerts on any catalogue filter (double opt-in, digests, one-click
// unsubscribe), signed webhooks, 政策找人 (eligibility matching and kept profiles) and reach (到达率).

export { registerAlertsApi } from "./alerts.api";
export { alertsRoutes, eligibilityStaffPanel } from "./alerts.routes";
export { loadDemoAlerts } from "./demo-alerts";
export { queueForDocumentEvent } from "./queue-alerts";
export { sendOutbox, type TSendReport } from "./send-outbox";
