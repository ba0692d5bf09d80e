import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { findDecision, listConsultations, listDecisions, stagesOf } from "./consultations.repository";
import { STAGES, type TStage } from "./consultations.schemas";

export type TDecisionStage = {
  stage: TStage;
  date: string;
  documentId: number | null;
  /** The linked document's title when it is published (a withdrawn or draft document is not linked). */
  documentTitle: string | null;
  note: string;
  warnings: string[];
};

export type TDecisionView = {
  id: number;
  unitId: number;
  unitName: string;
  year: number;
  title: string;
  summary: string;
  stages: TDecisionStage[];
};

const order = (s: string) => STAGES.indexOf(s as TStage);

/** The catalogue (重大行政决策事项目录) of a year and unit, each decision with its stages in the law's order. */
export async function decisionCatalogue(
  db: Db,
  filter: { year?: number; unitId?: number; unitIds?: number[] },
): Promise<TDecisionView[]> {
  const rows = await listDecisions(db, filter);
  const stages = await stagesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    stages: stages
      .filter((s) => s.decisionId === r.id)
      .sort((a, b) => order(a.stage) - order(b.stage))
      .map((s) => ({
        stage: s.stage as TStage,
        date: s.date,
        documentId: s.documentId,
        documentTitle: s.documentTitle,
        note: s.note,
        warnings: s.warnings ?? [],
      })),
  }));
}

/** One decision with its stages and consultations; 404 when it does not exist. */
export async function readDecision(db: Db, id: number) {
  const d = await findDecision(db, id);
  if (!d) throw new AppError("not_found", MSG.notFound);
  const [view] = await decisionCatalogue(db, { year: d.year, unitId: d.unitId }).then((all) =>
    all.filter((x) => x.id === id),
  );
  if (!view) throw new AppError("not_found", MSG.notFound);
  return { decision: view, consultations: await listConsultations(db, { decisionId: id }) };
}

/** The API's shape of a decision: stages as { stage, date, documentId? }. */
export function decisionJson(d: TDecisionView) {
  return {
    id: d.id,
    unitId: d.unitId,
    unitName: d.unitName,
    year: d.year,
    title: d.title,
    summary: d.summary,
    stages: d.stages.map((s) => ({
      stage: s.stage,
      date: s.date,
      ...(s.documentId !== null ? { documentId: s.documentId } : {}),
      note: s.note,
    })),
  };
}
