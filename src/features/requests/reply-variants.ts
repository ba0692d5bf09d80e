// Art. 36 answers some outcomes in more than one way, and the written reply must cite the right
// item: an agency that searched and found nothing says the information does not exist (36(四)); one
// that is not responsible for it says so with its reason and names the responsible agency where it
// can (36(五)); both count as 本机关不掌握相关政府信息 in the annual report. Likewise information
// already disclosed proactively is answered by telling where to get it (36(一)), not by providing it
// (36(二)); both count as 予以公开.

import type { TFieldIssue } from "../../platform/errors";
import { OUTCOMES, type TOutcome } from "./outcomes";

export const REPLY_VARIANTS = {
  already_public: { outcome: "disclosed", label: "已经主动公开，告知获取方式、途径（第三十六条第（一）项）" },
  not_found: { outcome: "unavailable.not_held", label: "经检索没有所申请的信息（第三十六条第（四）项）" },
  not_ours: { outcome: "unavailable.not_held", label: "不属于本机关负责公开（第三十六条第（五）项）" },
} as const satisfies Record<string, { outcome: TOutcome; label: string }>;

export type TReplyVariant = keyof typeof REPLY_VARIANTS;
export const REPLY_VARIANT_CODES = Object.keys(REPLY_VARIANTS) as [TReplyVariant, ...TReplyVariant[]];

/** Outcomes whose reply cannot be written until the clerk says which case of Art. 36 it is. */
const MUST_CHOOSE: ReadonlySet<TOutcome> = new Set<TOutcome>(["unavailable.not_held"]);

/**
 * What is wrong with a reply's variant: missing where the outcome needs one, given for an outcome it
 * does not belong to, or "already disclosed" without saying where. Empty when all is well.
 */
export function replyVariantIssues(reply: {
  outcome: TOutcome;
  variant?: TReplyVariant;
  whereToObtain?: string;
}): TFieldIssue[] {
  const { outcome, variant } = reply;
  if (!variant)
    return MUST_CHOOSE.has(outcome)
      ? [
          {
            path: "variant",
            message: "请选择答复情形：经检索没有所申请的信息，或不属于本机关负责公开。",
          },
        ]
      : [];
  if (REPLY_VARIANTS[variant].outcome !== outcome)
    return [
      {
        path: "variant",
        message: `该答复情形只适用于处理结果“${OUTCOMES[REPLY_VARIANTS[variant].outcome].label}”。`,
      },
    ];
  if (variant === "already_public" && !reply.whereToObtain?.trim())
    return [
      {
        path: "whereToObtain",
        message: "已经主动公开的，须告知获取该信息的方式、途径（网址或查阅场所）。",
      },
    ];
  return [];
}
