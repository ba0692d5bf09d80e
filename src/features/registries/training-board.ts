/**
 * The rule of work plan task 59: every unit holds at least one 政务公开通识培训 (kind `general`) a
 * year. A unit's state for year Y on `today`:
 * - `done`: at least one general session held in Y (by `today`);
 * - `missed`: none, and Y is over;
 * - `due`: none yet, and Y is still running.
 * Other kinds of training (专题, 新任人员, 学法) count for hours but do not meet the rule.
 */
export type TTrainingState = "done" | "missed" | "due";

export const TRAINING_STATE_LABELS: Record<TTrainingState, string> = {
  done: "已完成",
  missed: "未完成",
  due: "尚未开展",
};

/** The kinds of unit the rule applies to: 区政府各部门、各街道办事处, and the office itself. */
export const TRAINED_UNIT_KINDS = ["office", "department", "subdistrict"] as const;

export type TSessionFact = { unitId: number; kind: string; heldOn: string; hours: number };

export type TBoardRow = {
  unitId: number;
  state: TTrainingState;
  generalSessions: number;
  sessions: number;
  hours: number;
  lastGeneralOn: string | null;
};

/** One row per unit: its sessions in `year` (held by `today`) and its state under the rule. */
export function trainingBoard(
  unitIds: number[],
  sessions: TSessionFact[],
  year: number,
  today: string,
): TBoardRow[] {
  const inYear = sessions.filter((s) => s.heldOn.startsWith(`${year}-`) && s.heldOn <= today);
  const isOver = today > `${year}-12-31`;
  return unitIds.map((unitId) => {
    const own = inYear.filter((s) => s.unitId === unitId);
    const general = own.filter((s) => s.kind === "general").sort((a, b) => a.heldOn.localeCompare(b.heldOn));
    const state: TTrainingState = general.length > 0 ? "done" : isOver ? "missed" : "due";
    return {
      unitId,
      state,
      generalSessions: general.length,
      sessions: own.length,
      // Tenths of an hour, added as whole numbers so that 1.5 + 1.5 + 0.5 is 3.5, not 3.4999….
      hours: own.reduce((sum, s) => sum + Math.round(s.hours * 10), 0) / 10,
      lastGeneralOn: general.at(-1)?.heldOn ?? null,
    };
  });
}
