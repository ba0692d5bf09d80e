import { sql } from "drizzle-orm";
import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import { type Db, selectRows } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { assertUnitAccess } from "./access";
import { findDecision, insertConsultation, stagesOf, upsertStage } from "./consultations.repository";
import type { TCreateConsultationBody, TStage } from "./consultations.schemas";
import { MIN_PERIOD_DAYS, periodDays } from "./feedback-statistics";
import { stageWarnings } from "./stage-rules";

export const SHORT_PERIOD_NEEDS_REASON = `征求意见期限少于 ${MIN_PERIOD_DAYS} 日，须填写缩短期限的理由（将一并公布）。`;
export const CLOSES_BEFORE_OPENS = "截止日期不能早于开始日期。";
export const UNKNOWN_DECISION = "所选决策事项不存在，或不属于该单位。";

const refuse = (path: string, message: string) =>
  new AppError("unprocessable", message, { issues: [{ path, message }] });

/**
 * Opens a consultation on a draft (条例 Art. 14–15). A period of fewer than 30 calendar days
 * (closesAt − opensAt < 30) is refused unless a reason is given; the reason is published with it.
 * Linked to a decision of the same unit, the consultation is recorded as that decision's stage.
 */
export async function createConsultation(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  body: TCreateConsultationBody,
) {
  assertUnitAccess(p, body.unitId);
  const unit = await selectRows<{ id: number }>(db, sql`select id from units where id = ${body.unitId}`);
  if (unit.length === 0) throw refuse("unitId", MSG.unknownUnit);
  if (body.closesAt < body.opensAt) throw refuse("closesAt", CLOSES_BEFORE_OPENS);
  const reason = body.shortPeriodReason?.trim() || null;
  if (periodDays(body.opensAt, body.closesAt) < MIN_PERIOD_DAYS && !reason)
    throw refuse("shortPeriodReason", SHORT_PERIOD_NEEDS_REASON);
  if (body.decisionId !== undefined) {
    const d = await findDecision(db, body.decisionId);
    if (!d || d.unitId !== body.unitId) throw refuse("decisionId", UNKNOWN_DECISION);
  }
  return db.transaction(async (tx) => {
    const row = await insertConsultation(tx, {
      unitId: body.unitId,
      decisionId: body.decisionId ?? null,
      title: body.title,
      draft: body.draft,
      explanation: body.explanation ?? "",
      opensAt: body.opensAt,
      closesAt: body.closesAt,
      shortPeriodReason: reason,
    });
    await recordAudit(tx, actor, {
      action: "consultation.create",
      entity: "consultation",
      entityId: row.id,
      unitId: row.unitId,
      after: {
        title: row.title,
        decisionId: row.decisionId,
        opensAt: row.opensAt,
        closesAt: row.closesAt,
        shortPeriodReason: row.shortPeriodReason,
      },
    });
    if (row.decisionId !== null) {
      const recorded = await stagesOf(tx, [row.decisionId]);
      if (!recorded.some((s) => s.stage === "consultation")) {
        const warnings = stageWarnings(
          recorded.map((s) => ({ stage: s.stage as TStage, date: s.date })),
          "consultation",
          row.opensAt,
        );
        await upsertStage(tx, {
          decisionId: row.decisionId,
          stage: "consultation",
          date: row.opensAt,
          note: `公开征求意见：${row.title}`,
          warnings,
        });
        await recordAudit(tx, actor, {
          action: "decision.stage_record",
          entity: "decision",
          entityId: row.decisionId,
          unitId: row.unitId,
          after: { stage: "consultation", date: row.opensAt, consultationId: row.id, warnings },
        });
      }
    }
    return row;
  });
}
