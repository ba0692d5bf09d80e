// Public accountability of the work plan (任务 5, like Decidim's accountability): the office makes a
// plan or one of its sections public (e.g. the year's 民生实事); the portal then shows each task with
// its responsible units, status, percent done, the latest accepted progress report with its evidence,
// and the history of accepted reports. Reports the office has not accepted are never shown, and the
// status and percentage are computed from accepted reports only.
import { z } from "zod";
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { zFormText } from "../../platform/validation";
import { listUnits } from "../org";
import {
  allPublicParts,
  deletePublicPart,
  insertPublicPart,
  publicPartsOf,
} from "./accountability.repository";
import { evidenceOf, findPlan, publishedDocuments, reportsOf, tasksOf } from "./ledger.repository";
import { isUnitDone, progressStatus, responsibleUnits, type TTaskStatus, taskStatus } from "./task-status";

export const ZPublicPartBody = z
  .object({
    /** A section of the plan (板块, as in its tasks' section column); absent: the whole plan. */
    section: zFormText(200).optional(),
    isPublic: z.boolean(),
  })
  .strict();
export type TPublicPartBody = z.infer<typeof ZPublicPartBody>;

/** Makes a plan or one section public, or stops showing it. */
export async function setPlanPublic(db: Db, actor: TActor, planId: number, body: TPublicPartBody) {
  const plan = await findPlan(db, planId);
  if (!plan) throw new AppError("not_found", MSG.notFound);
  const section = body.section ? body.section : null;
  if (section !== null && !(await tasksOf(db, planId)).some((t) => t.section === section))
    throw new AppError("unprocessable", "该计划没有这个板块。", {
      issues: [{ path: "section", message: "该计划没有这个板块。" }],
    });
  return db.transaction(async (tx) => {
    const changed = body.isPublic
      ? await insertPublicPart(tx, planId, section, actor.name)
      : await deletePublicPart(tx, planId, section);
    if (changed)
      await recordAudit(tx, actor, {
        action: body.isPublic ? "ledger.make_public" : "ledger.make_private",
        entity: "ledger_plan",
        entityId: planId,
        after: { section },
      });
    return { planId, section, isPublic: body.isPublic, isChanged: Boolean(changed) };
  });
}

export type TPublicEvidence = { kind: "document" | "url" | "file"; title: string; href: string | null };
export type TPublicReport = {
  unit: string;
  reportedOn: string;
  body: string;
  isComplete: boolean;
  evidence: TPublicEvidence[];
};
export type TPublicTask = {
  no: number;
  section: string;
  group: string;
  requirement: string;
  deadlineText: string;
  dueDate: string | null;
  units: { name: string; role: "lead" | "support" }[];
  status: TTaskStatus;
  percentDone: number;
  latest: TPublicReport | null;
  history: TPublicReport[];
};

/** Plans with public parts, for the portal's list. */
export async function publicPlans(db: Db) {
  const rows = await allPublicParts(db);
  const plans = new Map<number, { id: number; title: string; year: number; sections: (string | null)[] }>();
  for (const r of rows) {
    const p = plans.get(r.part.planId) ?? { id: r.part.planId, title: r.title, year: r.year, sections: [] };
    p.sections.push(r.part.section);
    plans.set(r.part.planId, p);
  }
  return [...plans.values()];
}

/**
 * The public view of a plan: only its public parts (404 when none), only accepted reports.
 * Percent done = the share of the task's owners (its lead units, or all responsible units when none
 * leads) whose completion report the office accepted, rounded down; 100 once the task is done.
 */
export async function publicProgress(db: Db, planId: number, today: string) {
  const plan = await findPlan(db, planId);
  const parts = plan ? await publicPartsOf(db, planId) : [];
  if (!plan || parts.length === 0) throw new AppError("not_found", MSG.notFound);
  const isWhole = parts.some((p) => p.section === null);
  const sections = new Set(parts.map((p) => p.section));
  const tasks = (await tasksOf(db, planId)).filter((t) => isWhole || sections.has(t.section));
  const units = await listUnits(db);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const accepted = (
    await reportsOf(
      db,
      tasks.map((t) => t.id),
    )
  ).filter((r) => r.status === "accepted");
  const evidence = await evidenceOf(
    db,
    accepted.map((r) => r.id),
  );
  const published = new Set(
    (
      await publishedDocuments(db, [
        ...new Set(evidence.flatMap((e) => (e.documentId === null ? [] : [e.documentId]))),
      ])
    ).map((d) => d.id),
  );
  const present = (r: (typeof accepted)[number]): TPublicReport => ({
    unit: unitName.get(r.unitId) ?? "",
    reportedOn: r.reportedOn,
    body: r.body,
    isComplete: r.isComplete,
    evidence: evidence
      .filter((e) => e.reportId === r.id)
      .flatMap((e): TPublicEvidence[] => {
        // A cited document shows only while it is published.
        if (e.kind === "document")
          return e.documentId !== null && published.has(e.documentId)
            ? [{ kind: "document", title: e.documentTitle ?? e.name, href: `/documents/${e.documentId}` }]
            : [];
        if (e.kind === "url" && e.url) return [{ kind: "url", title: e.name || e.url, href: e.url }];
        // Uploaded files are internal working papers: named, not published.
        return [{ kind: "file", title: e.name || "附件", href: null }];
      }),
  });
  const items: TPublicTask[] = tasks.map((t) => {
    const mine = accepted.filter((r) => r.taskId === t.id);
    const responsible = responsibleUnits(t.units, units);
    const stored = progressStatus(responsible, mine);
    const leads = [...responsible].filter(([, role]) => role === "lead").map(([id]) => id);
    const owners = leads.length ? leads : [...responsible.keys()];
    const doneOwners = owners.filter((id) => isUnitDone(id, mine)).length;
    const percentDone =
      stored === "done" ? 100 : owners.length ? Math.floor((doneOwners / owners.length) * 100) : 0;
    const history = [...mine]
      .sort((a, b) => (a.reportedOn < b.reportedOn ? 1 : a.reportedOn > b.reportedOn ? -1 : b.id - a.id))
      .map(present);
    return {
      no: t.no,
      section: t.section,
      group: t.group,
      requirement: t.requirement,
      deadlineText: t.deadlineText,
      dueDate: t.dueDate,
      units: [...responsible].map(([id, role]) => ({ name: unitName.get(id) ?? "", role })),
      status: taskStatus({ status: stored, dueDate: t.dueDate, ongoing: t.ongoing }, today),
      percentDone,
      latest: history[0] ?? null,
      history,
    };
  });
  return { plan: { id: plan.id, title: plan.title, year: plan.year }, sections: [...sections], tasks: items };
}
