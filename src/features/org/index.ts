// The org feature: units, people, roles, sign-in and the liaison roster.
export { orgRoutes, idParam } from "./org.routes";
export { registerOrgApi } from "./org.api";
export { createUnit } from "./save-unit";
export { createUser, resetPassword } from "./manage-users";
export { handOverLiaison } from "./hand-over-liaison";
export { listUnits, findUnit, findUserByUsername, currentLiaisons } from "./org.repository";
export type { TUnitRow } from "./org.repository";
export { UNIT_KINDS, UNIT_KIND_LABELS, type TUnitKind } from "./org.schemas";
