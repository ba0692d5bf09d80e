// 信息处理费 (国办函〔2020〕109号): no fee as a rule; above the free amounts, either per request
// (按件, by the applicant's requests in the calendar month) or per volume (按量, by pages), never
// both for one request, both progressive (超额累进).

export const FEE_BASES = ["按件计收", "按量计收"] as const;
export type TFeeBasis = (typeof FEE_BASES)[number];

/**
 * 按件: the fee of the applicant's `rank`-th request in the calendar month, in yuan.
 * 1–10 free; 11–30 100 each; then each further block of 10 costs 100 more per request.
 */
export function perRequestFee(rank: number): number {
  if (!Number.isInteger(rank) || rank < 1) throw new RangeError("rank must be a positive whole number");
  if (rank <= 10) return 0;
  if (rank <= 30) return 100;
  return 100 * (Math.floor((rank - 31) / 10) + 2);
}

/** 按量: the fee of one request by its pages, in yuan: 1–30 free; 31–100 10; 101–200 20; from 201 40 each. */
export function perVolumeFee(pages: number): number {
  if (!Number.isInteger(pages) || pages < 0) throw new RangeError("pages must be a whole number");
  const band = (from: number, to: number) => Math.max(0, Math.min(pages, to) - from);
  return 10 * band(30, 100) + 20 * band(100, 200) + 40 * band(200, Number.POSITIVE_INFINITY);
}

/** How the amount was reached, in words for the fee notice. */
export function explainFee(basis: TFeeBasis, quantity: number): string {
  if (basis === "按件计收") {
    const fee = perRequestFee(quantity);
    return `该申请为申请人本自然月内第 ${quantity} 件申请；按件计收标准：每月 10 件以内免费，第 11—30 件每件 100 元，第 31 件起每 10 件为一档、每档每件比上一档增加 100 元；本件收费 ${fee} 元。`;
  }
  const fee = perVolumeFee(quantity);
  return `所需信息共 ${quantity} 页；按量计收标准：30 页以内免费，第 31—100 页每页 10 元，第 101—200 页每页 20 元，第 201 页起每页 40 元；本件收费 ${fee} 元。`;
}
