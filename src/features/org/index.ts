// The org feature: units, people, roles, sign-in and the liaison roster.

export { handOverLiaison } from "./hand-over-liaison";
export { createUser, resetPassword } from "./manage-users";
export { registerOrgApi } from "./org.api";
export type { TUnitRow } from "./org.repository";
export { currentLiaisons, findUnit, findUserByUsername, listUnits, staffEmails } from "./org.repository";
export { orgRoutes } from "./org.routes";
export { type TUnitKind, UNIT_KIND_LABELS, UNIT_KINDS } from "./org.schemas";
export { activeUnits } from "./public-units";
export { createUnit } from "./save-unit";
