import { z } from "zod";
import { zId } from "../../platform/validation";

export const DECISIONS = ["signed", "returned"] as const;
export type TDecision = (typeof DECISIONS)[number];
export const DECISION_LABELS: Record<TDecision, string> = { signed: "已会签", returned: "退回" };

export const ZSetSignoffsBody = z.object({ unitIds: z.array(zId).max(30) }).strict();
export type TSetSignoffsBody = z.infer<typeof ZSetSignoffsBody>;

export const ZDecisionBody = z
  .object({ decision: z.enum(DECISIONS), comment: z.string().trim().max(2000).optional() })
  .strict();
export type TDecisionBody = z.infer<typeof ZDecisionBody>;
