// Resolves the "units" column of a work plan to units: named units and aliases to ids, 牵头/配合 to
// lead and support roles, collective references kept collective. Unknown names are reported.

export type TUnitRef = {
  name: string;
  role: "lead" | "support";
  unitId: number | null;
  collective?: "departments" | "subdistricts" | "relevant_departments";
};

type TUnit = { id: number; name: string; kind: string; aliases: string[] };

const COLLECTIVES: Record<string, NonNullable<TUnitRef["collective"]>> = {
  区政府各部门: "departments",
  各部门: "departments",
  各街道办事处: "subdistricts",
  各街道: "subdistricts",
  区政府有关部门: "relevant_departments",
  有关部门: "relevant_departments",
  相关部门: "relevant_departments",
  各相关部门: "relevant_departments",
  区直有关部门: "relevant_departments",
};

function findUnit(name: string, units: TUnit[]): TUnit | undefined {
  const exact = units.filter((u) => u.name === name || u.aliases.includes(name));
  if (exact.length === 1) return exact[0];
  // "卫健局" for "区卫健局": only when exactly one unit fits.
  const prefixed = units.filter((u) => u.name === `区${name}` || u.aliases.includes(`区${name}`));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** Resolves every name in a units cell; a name that fits no unit stays, with unitId null, and is listed. */
export function resolveUnitRefs(text: string, units: TUnit[]): { refs: TUnitRef[]; unresolved: string[] } {
  const refs: TUnitRef[] = [];
  const unresolved: string[] = [];
  // "区司法局、区行政审批局、区大数据局牵头，各相关部门配合": 牵头 and 配合 apply to the whole clause.
  const clauses = text
    .split(/[，,；;]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  const hasLead = clauses.some((c) => c.endsWith("牵头"));
  for (const clause of clauses) {
    let role: TUnitRef["role"] = hasLead ? "support" : "lead";
    let body = clause;
    if (body.endsWith("牵头")) {
      role = "lead";
      body = body.slice(0, -2);
    } else if (body.endsWith("配合")) {
      role = "support";
      body = body.slice(0, -2);
    }
    for (const part of body.split(/[、\s]+/).filter(Boolean)) {
      // "生态环境市中分局等部门": the named unit, and the other relevant departments in support.
      const etc = /^(.+?)等(?:部门|单位)$/.exec(part);
      const name = etc?.[1] ?? part;
      const collective = COLLECTIVES[name];
      if (collective) refs.push({ name, role, unitId: null, collective });
      else {
        const unit = findUnit(name, units);
        refs.push({ name, role, unitId: unit?.id ?? null });
        if (!unit) unresolved.push(name);
      }
      if (etc)
        refs.push({ name: "相关部门", role: "support", unitId: null, collective: "relevant_departments" });
    }
  }
  return { refs, unresolved };
}

/** The current units a collective reference stands for. */
export function expandCollective(collective: NonNullable<TUnitRef["collective"]>, units: TUnit[]): number[] {
  const kind = collective === "subdistricts" ? "subdistrict" : "department";
  return units.filter((u) => u.kind === kind).map((u) => u.id);
}
