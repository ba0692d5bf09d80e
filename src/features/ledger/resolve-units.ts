// Resolves the "units" column of a work plan (区卫健局, 区大数据局牵头，各相关部门配合, 区政府各部门, …)
// to units: names and aliases to ids, 牵头/配合 to lead and support roles, collective references kept
// collective so that a unit created later is still covered. Pure: the caller passes the units.
// A name that fits no unit (or more than one) is kept and reported, never dropped or guessed.

import type { TUnitKind } from "../org";

export const COLLECTIVE_NAMES = ["departments", "subdistricts", "relevant_departments"] as const;
export type TCollective = (typeof COLLECTIVE_NAMES)[number];
export const isCollective = (value: string | null): value is TCollective =>
  (COLLECTIVE_NAMES as readonly (string | null)[]).includes(value);

export type TUnitRef = {
  /** The name as the plan writes it. */
  name: string;
  role: "lead" | "support";
  unitId: number | null;
  collective?: TCollective;
};

export type TResolvableUnit = {
  id: number;
  name: string;
  kind: TUnitKind;
  aliases: string[];
  /** Units that were merged or abolished stay in the database; absent means active. */
  isActive?: boolean;
};

const COLLECTIVES: Record<string, TCollective> = {
  区政府各部门: "departments",
  区直各部门: "departments",
  各部门: "departments",
  各街道办事处: "subdistricts",
  各街道办: "subdistricts",
  各街道: "subdistricts",
  区政府有关部门: "relevant_departments",
  区政府相关部门: "relevant_departments",
  区直有关部门: "relevant_departments",
  区直相关部门: "relevant_departments",
  各有关部门: "relevant_departments",
  各相关部门: "relevant_departments",
  有关部门: "relevant_departments",
  相关部门: "relevant_departments",
};

/** The name given to the support collective that "X等部门" implies. */
const ETC_NAME = "相关部门";

const LEAD_SUFFIX = /(?:按职责分工|按照职责分工|按职责)?(?:牵头负责|牵头|负责)$/;
const SUPPORT_SUFFIX = /(?:按职责分工|按照职责分工|按职责)?(?:配合|协助|参与)$/;

/** "区人民政府有关部门" is the same collective as "区政府有关部门". */
const collectiveOf = (name: string): TCollective | undefined =>
  COLLECTIVES[name] ?? COLLECTIVES[name.replace("人民政府", "政府")];

/**
 * The district's own name prefixes (济南市市中区, 市中区) read from the government unit, so that
 * "市中区财政局" can match "区财政局" while another district's "历下区财政局" never does.
 */
function districtPrefixes(units: readonly TResolvableUnit[]): string[] {
  const prefixes = new Set<string>();
  for (const u of units.filter((u) => u.kind === "government"))
    for (const name of [u.name, ...u.aliases]) {
      const m = /^((?:.+?[省市州盟])?)(.+?[区县旗])人民政府$/.exec(name);
      if (m?.[2]) {
        prefixes.add(`${m[1]}${m[2]}`);
        prefixes.add(m[2]);
      }
    }
  // Longest first: "济南市市中区" must win over "市中区".
  return [...prefixes].sort((a, b) => b.length - a.length);
}

/**
 * One spelling for the tolerated variations: the district prefix, 人民政府/政府, 街道办事处/街道办/街道,
 * and the leading 区 itself (plans write both 区卫健局 and 卫健局).
 */
function canonical(name: string, prefixes: readonly string[]): string {
  let s = name;
  const prefix = prefixes.find((p) => s.startsWith(p) && s.length > p.length);
  if (prefix) s = `区${s.slice(prefix.length)}`;
  return s
    .replace("人民政府", "政府")
    .replace(/街道(?:办事处|办)$/, "街道")
    .replace(/^区/, "");
}

/** One unit, or none when nothing fits or the fit is ambiguous; an active unit beats a retired one. */
function pick(candidates: TResolvableUnit[]): TResolvableUnit | undefined {
  const unique = [...new Map(candidates.map((u) => [u.id, u])).values()];
  if (unique.length === 1) return unique[0];
  const active = unique.filter((u) => u.isActive !== false);
  return active.length === 1 ? active[0] : undefined;
}

function makeFinder(units: readonly TResolvableUnit[]) {
  const prefixes = districtPrefixes(units);
  const byCanonical = new Map<string, TResolvableUnit[]>();
  for (const u of units)
    for (const n of [u.name, ...u.aliases]) {
      const key = canonical(n, prefixes);
      byCanonical.set(key, [...(byCanonical.get(key) ?? []), u]);
    }
  return (name: string): TResolvableUnit | undefined => {
    // An exact name or alias decides on its own; the tolerant match is only the fallback.
    const exact = units.filter((u) => u.name === name || u.aliases.includes(name));
    if (exact.length) return pick(exact);
    return pick(byCanonical.get(canonical(name, prefixes)) ?? []);
  };
}

/** Resolves every name in a units cell; a name that fits no unit stays, with unitId null, and is listed. */
export function resolveUnitRefs(
  text: string,
  units: readonly TResolvableUnit[],
): { refs: TUnitRef[]; unresolved: string[] } {
  const find = makeFinder(units);
  const found: TUnitRef[] = [];
  // "区司法局、区行政审批局、区大数据局牵头，各相关部门配合": 牵头 and 配合 apply to their whole clause.
  const clauses = text
    .replace(/[。．]+$/, "")
    .split(/[，,；;]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  const leadStated = clauses.some((c) => LEAD_SUFFIX.test(c));
  for (const clause of clauses) {
    // With a 牵头 stated, an unmarked clause is not among the leads; without one, everyone leads.
    let role: TUnitRef["role"] = leadStated ? "support" : "lead";
    let body = clause;
    if (LEAD_SUFFIX.test(body)) {
      role = "lead";
      body = body.replace(LEAD_SUFFIX, "");
    } else if (SUPPORT_SUFFIX.test(body)) {
      role = "support";
      body = body.replace(SUPPORT_SUFFIX, "");
    }
    for (const part of body.split(/[、\s]+/).filter(Boolean)) {
      // "生态环境市中分局等部门": the named unit, and the other relevant departments in support.
      const etc = /^(.+?)等(?:部门|单位)?$/.exec(part);
      const name = etc?.[1] ?? part;
      const collective = collectiveOf(name);
      if (collective) found.push({ name, role, unitId: null, collective });
      else found.push({ name, role, unitId: find(name)?.id ?? null });
      if (etc)
        found.push({ name: ETC_NAME, role: "support", unitId: null, collective: "relevant_departments" });
    }
  }

  // A unit or collective named twice is one responsibility; lead wins over support.
  const refs: TUnitRef[] = [];
  const byKey = new Map<string, TUnitRef>();
  for (const ref of found) {
    const key =
      ref.unitId !== null ? `u${ref.unitId}` : ref.collective ? `c${ref.collective}` : `n${ref.name}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, ref);
      refs.push(ref);
    } else if (ref.role === "lead") seen.role = "lead";
  }
  const unresolved = refs.filter((r) => r.unitId === null && !r.collective).map((r) => r.name);
  return { refs, unresolved };
}

/** The ids of the active units a collective stands for today (相关部门 cannot be narrower without a list). */
export function expandCollective(
  collective: TCollective,
  units: readonly { id: number; kind: string; isActive?: boolean }[],
): number[] {
  const kind: TUnitKind = collective === "subdistricts" ? "subdistrict" : "department";
  return units.filter((u) => u.kind === kind && u.isActive !== false).map((u) => u.id);
}
