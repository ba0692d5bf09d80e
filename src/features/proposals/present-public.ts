import type { Db } from "../../platform/db";
import { type listPublished, statsByUnit } from "./proposals.repository";

type TPublished = Awaited<ReturnType<typeof listPublished>>["items"][number];

/** What the public sees of a proposal: no submitter names, only replies published in full. */
export function presentPublic(p: TPublished) {
  return {
    id: p.id,
    kind: p.kind,
    year: p.year,
    number: p.number,
    title: p.title,
    leadUnit: { id: p.leadUnitId, name: p.leadUnitName },
    assignedAt: p.assignedAt,
    replies: p.replies.map((r) => ({
      round: r.round,
      date: r.repliedAt,
      category: r.category,
      text: r.body,
    })),
  };
}

/** The year's figures by lead unit, with a total row. */
export async function publicStatistics(db: Db, year: number, kind?: "npc_suggestion" | "cppcc_proposal") {
  const items = await statsByUnit(db, year, kind);
  const keys = [
    "total",
    "A",
    "B",
    "C",
    "pending",
    "satisfied",
    "basicallySatisfied",
    "dissatisfied",
  ] as const;
  const total = Object.fromEntries(keys.map((k) => [k, items.reduce((s, r) => s + r[k], 0)])) as Record<
    (typeof keys)[number],
    number
  >;
  return { year, kind: kind ?? null, items, total };
}
