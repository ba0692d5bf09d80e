import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { assertUnitAccess } from "./access";
import { documentExists, findDecision, stagesOf, upsertStage } from "./consultations.repository";
import type { TRecordStageBody, TStage } from "./consultations.schemas";
import { stageWarnings } from "./stage-rules";

export const UNKNOWN_DOCUMENT = "所选文件不存在。";

/** The warnings recording `stage` on `date` would give, without recording it (the form asks to confirm). */
export async function previewStageWarnings(db: Db, decisionId: number, stage: TStage, date: string) {
  const recorded = await stagesOf(db, [decisionId]);
  return stageWarnings(
    recorded.map((s) => ({ stage: s.stage as TStage, date: s.date })),
    stage,
    date,
  );
}

/**
 * Records one stage of a decision with its date and document. A stage out of the law's order is
 * recorded with its warnings (returned, kept, audited), never silently: the catalogue shows them.
 */
export async function recordStage(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  decisionId: number,
  body: TRecordStageBody,
): Promise<{ stage: TStage; date: string; warnings: string[] }> {
  const decision = await findDecision(db, decisionId);
  if (!decision) throw new AppError("not_found", MSG.notFound);
  assertUnitAccess(p, decision.unitId);
  if (body.documentId !== undefined && !(await documentExists(db, body.documentId)))
    throw new AppError("unprocessable", UNKNOWN_DOCUMENT, {
      issues: [{ path: "documentId", message: UNKNOWN_DOCUMENT }],
    });
  return db.transaction(async (tx) => {
    const recorded = await stagesOf(tx, [decisionId]);
    const warnings = stageWarnings(
      recorded.map((s) => ({ stage: s.stage as TStage, date: s.date })),
      body.stage,
      body.date,
    );
    const values = {
      decisionId,
      stage: body.stage,
      date: body.date,
      documentId: body.documentId ?? null,
      note: body.note ?? "",
      warnings,
    };
    const before = await upsertStage(tx, values);
    await recordAudit(tx, actor, {
      action: "decision.stage_record",
      entity: "decision",
      entityId: decisionId,
      unitId: decision.unitId,
      before: before
        ? { stage: before.stage, date: before.date, documentId: before.documentId, note: before.note }
        : null,
      after: {
        stage: body.stage,
        date: body.date,
        documentId: values.documentId,
        note: values.note,
        warnings,
      },
    });
    return { stage: body.stage, date: body.date, warnings };
  });
}
