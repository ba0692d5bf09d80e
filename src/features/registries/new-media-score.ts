/**
 * How an inspection of a government new-media account is scored (the national indicators for 政务
 * 新媒体, 国办秘函〔2019〕19号, as this district applies them). **Convention**:
 * - 单项否决 (veto): no post in the two weeks before the inspection day, that is, the latest post
 *   is more than 14 calendar days before it (or there never was one). The veto makes the score 0.
 * - Otherwise 100 points less: 2 per broken link (at most 20), 5 per piece of wrong information
 *   (at most 30), 2 per message left unanswered (at most 20).
 */
export type TInspectionFindings = {
  inspectedOn: string;
  lastUpdatedOn: string | null;
  brokenLinks: number;
  wrongItems: number;
  unansweredMessages: number;
};

export const STALE_AFTER_DAYS = 14;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** Calendar days from the latest post to the inspection day (null: never posted). */
export function daysSinceUpdate(
  f: Pick<TInspectionFindings, "inspectedOn" | "lastUpdatedOn">,
): number | null {
  return f.lastUpdatedOn === null ? null : dayNumber(f.inspectedOn) - dayNumber(f.lastUpdatedOn);
}

/** The veto: not updated within the two weeks before the inspection. */
export function isStale(f: Pick<TInspectionFindings, "inspectedOn" | "lastUpdatedOn">): boolean {
  const days = daysSinceUpdate(f);
  return days === null || days > STALE_AFTER_DAYS;
}

/** The inspection's score and whether it was vetoed. */
export function scoreInspection(f: TInspectionFindings): { score: number; isVetoed: boolean } {
  if (isStale(f)) return { score: 0, isVetoed: true };
  const deduction =
    Math.min(20, 2 * f.brokenLinks) + Math.min(30, 5 * f.wrongItems) + Math.min(20, 2 * f.unansweredMessages);
  return { score: Math.max(0, 100 - deduction), isVetoed: false };
}

/** A unit's yearly figure: the mean of its accounts' inspection scores (one decimal), or null. */
export function averageScore(scores: number[]): number | null {
  if (scores.length === 0) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
}
