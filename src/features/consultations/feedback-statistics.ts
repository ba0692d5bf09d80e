import type { TCommentCounts } from "./consultations.repository";

/**
 * The adoption rate of the API contract: (adopted + partly adopted) / (total − not relevant), rounded
 * to 4 decimals; comments that are not about the draft do not count either way. Null when no comment
 * is about the draft (nothing to divide by). Rounded on the integer ratio ×10000 so that 1/3 gives
 * 0.3333 and 2/3 gives 0.6667 without a binary-fraction surprise.
 */
export function adoptionRate(c: Pick<TCommentCounts, "total" | "adopted" | "partlyAdopted" | "notRelevant">) {
  const relevant = c.total - c.notRelevant;
  if (relevant <= 0) return null;
  return Math.round(((c.adopted + c.partlyAdopted) * 10000) / relevant) / 10000;
}

/** The rate as people read it: 66.67%. */
export function percent(rate: number | null): string {
  return rate === null ? "—" : `${(rate * 100).toFixed(2)}%`;
}

export type TConsultationStatus = "upcoming" | "open" | "closed";

/** Open from the opening date to the closing date, both included, by the Beijing calendar date. */
export function consultationStatus(
  c: { opensAt: string; closesAt: string },
  today: string,
): TConsultationStatus {
  if (today < c.opensAt) return "upcoming";
  return today > c.closesAt ? "closed" : "open";
}

export const STATUS_LABELS: Record<TConsultationStatus, string> = {
  upcoming: "尚未开始",
  open: "正在征求意见",
  closed: "已结束",
};

/** Calendar days from the opening to the closing date (closesAt − opensAt), as Art. 15's 30 days count. */
export function periodDays(opensAt: string, closesAt: string): number {
  return Math.round((Date.parse(`${closesAt}T00:00:00Z`) - Date.parse(`${opensAt}T00:00:00Z`)) / 86_400_000);
}

/** 条例 Art. 15: "征求意见期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明". */
export const MIN_PERIOD_DAYS = 30;
