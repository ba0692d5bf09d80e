/** Roles. District-wide roles carry no unit; unit roles are scoped to one unit. */
export const ROLES = [
  "admin",
  "office",
  "office_head",
  "unit_editor",
  "unit_reviewer",
  "unit_head",
  "unit_liaison",
] as const;
export type TRole = (typeof ROLES)[number];

export const DISTRICT_ROLES: readonly TRole[] = ["admin", "office", "office_head"];

export const ROLE_LABELS: Record<TRole, string> = {
  admin: "系统管理员",
  office: "政务公开办公室工作人员",
  office_head: "政务公开办公室负责人",
  unit_editor: "单位信息编辑",
  unit_reviewer: "单位信息审核",
  unit_head: "单位负责人",
  unit_liaison: "单位政务公开联络员",
};

export type TPermission =
  | "users.manage"
  | "units.manage"
  | "audit.read"
  | "calendar.edit"
  | "guide.edit"
  | "unit.read"
  | "liaisons.read"
  | "liaisons.manage"
  | "documents.edit"
  | "documents.review"
  | "catalogue.manage"
  | "requests.handle"
  | "requests.extend"
  | "requests.spotcheck"
  | "ledger.manage"
  | "ledger.report"
  | "reports.edit"
  | "subsidies.publish"
  | "subsidies.read"
  | "registries.manage"
  | "newmedia.register"
  | "training.record"
  | "engagement.manage"
  | "opinions.handle"
  | "opinions.manage"
  /** 政策问答: route questions to units, publish answers to the 问答库, edit the synonym list. */
  | "answers.manage"
  /** 政策问答: answer the questions routed to one's unit, log phone and in-person enquiries. */
  | "answers.reply"
  | "proposals.manage"
  | "proposals.reply"
  | "complaints.handle"
  | "signoffs.sign";

// Which role may do what. A unit role grants the permission for its own unit only.
const GRANTS: Record<TRole, readonly TPermission[]> = {
  admin: [
    "users.manage",
    "units.manage",
    "audit.read",
    "calendar.edit",
    "guide.edit",
    "unit.read",
    "liaisons.read",
    "liaisons.manage",
    "ledger.manage",
  ],
  office: [
    "units.manage",
    "calendar.edit",
    "guide.edit",
    "unit.read",
    "liaisons.read",
    "liaisons.manage",
    "documents.edit",
    "documents.review",
    "catalogue.manage",
    "requests.spotcheck",
    "requests.handle",
    "ledger.manage",
    "reports.edit",
    "subsidies.publish",
    "subsidies.read",
    "registries.manage",
    "newmedia.register",
    "training.record",
    "engagement.manage",
    "opinions.handle",
    "opinions.manage",
    "answers.manage",
    "answers.reply",
    "proposals.manage",
    "proposals.reply",
    "complaints.handle",
  ],
  office_head: [
    // The head answers for the office's work, so reads who did what in the back office.
    "audit.read",
    "units.manage",
    "calendar.edit",
    "guide.edit",
    "unit.read",
    "liaisons.read",
    "liaisons.manage",
    "documents.edit",
    "documents.review",
    "catalogue.manage",
    "requests.spotcheck",
    "requests.handle",
    "requests.extend",
    "ledger.manage",
    "reports.edit",
    "subsidies.publish",
    "subsidies.read",
    "registries.manage",
    "newmedia.register",
    "training.record",
    "engagement.manage",
    "opinions.handle",
    "opinions.manage",
    "answers.manage",
    "answers.reply",
    "proposals.manage",
    "proposals.reply",
    "complaints.handle",
  ],
  // A village's (or its 街道's) editors publish its subsidy notices; see features/subsidies.
  unit_editor: [
    "unit.read",
    "documents.edit",
    "subsidies.publish",
    "subsidies.read",
    "newmedia.register",
    "engagement.manage",
  ],
  unit_reviewer: [
    "unit.read",
    "documents.edit",
    "documents.review",
    "subsidies.publish",
    "subsidies.read",
    "newmedia.register",
    "engagement.manage",
  ],
  unit_head: [
    "unit.read",
    "liaisons.read",
    "liaisons.manage",
    "documents.review",
    "requests.handle",
    "requests.extend",
    "ledger.report",
    "reports.edit",
    "subsidies.publish",
    "subsidies.read",
    "newmedia.register",
    "training.record",
    "engagement.manage",
    "opinions.handle",
    "answers.reply",
    "proposals.reply",
    "complaints.handle",
    // Only a unit's head signs a document off (会签) for the unit.
    "signoffs.sign",
  ],
  unit_liaison: [
    "unit.read",
    "liaisons.read",
    "requests.handle",
    "ledger.report",
    "subsidies.read",
    "newmedia.register",
    "training.record",
    "opinions.handle",
    "answers.reply",
    "proposals.reply",
    "complaints.handle",
  ],
};

export type TRoleGrant = { role: TRole; unitId: number | null };

export type TPrincipal = {
  userId: number;
  username: string;
  displayName: string;
  roles: TRoleGrant[];
  mustChangePassword: boolean;
};

/** Whether the principal holds `permission` district-wide, or for `unitId` when one is given. */
export function can(p: TPrincipal, permission: TPermission, unitId?: number): boolean {
  return p.roles.some(
    (g) =>
      GRANTS[g.role].includes(permission) &&
      (g.unitId === null || (unitId !== undefined && g.unitId === unitId)),
  );
}

/** The units a principal acts for: "all" for district-wide roles, otherwise a list (maybe empty). */
export type TUnitScope = "all" | number[];

/** The units where the principal holds `permission`: "all" for district-wide roles. */
export function unitScope(p: TPrincipal, permission: TPermission): TUnitScope {
  const grants = p.roles.filter((g) => GRANTS[g.role].includes(permission));
  if (grants.some((g) => g.unitId === null)) return "all";
  return [...new Set(grants.map((g) => g.unitId as number))];
}

/**
 * Whether a unit is in a scope, for rows already in memory; queries use `inUnitScope` from the
 * database layer instead. Something without a unit is in the scope of district roles only.
 */
export const isInUnitScope = (scope: TUnitScope, unitId: number | null): boolean =>
  scope === "all" || (unitId !== null && scope.includes(unitId));

/** Whether the principal holds `permission` anywhere at all (for showing navigation). */
export function canAnywhere(p: TPrincipal, permission: TPermission): boolean {
  const scope = unitScope(p, permission);
  return scope === "all" || scope.length > 0;
}
