import { z } from "zod";
import { zId, zIsoDate, zRequiredText } from "../../platform/validation";

export const PROPOSAL_KINDS = ["npc_suggestion", "cppcc_proposal"] as const;
export type TProposalKind = (typeof PROPOSAL_KINDS)[number];
export const KIND_LABELS: Record<TProposalKind, string> = {
  npc_suggestion: "人大代表建议",
  cppcc_proposal: "政协委员提案",
};
/** Who submits each kind, for labels ("代表" / "委员"). */
export const SUBMITTER_LABELS: Record<TProposalKind, string> = {
  npc_suggestion: "代表",
  cppcc_proposal: "委员",
};

export const CATEGORIES = ["A", "B", "C"] as const;
export type TCategory = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<TCategory, string> = {
  A: "A类（已解决或采纳）",
  B: "B类（正在解决或列入计划）",
  C: "C类（因条件限制暂时不能解决）",
};

export const SATISFACTIONS = ["satisfied", "basically_satisfied", "dissatisfied"] as const;
export type TSatisfaction = (typeof SATISFACTIONS)[number];
export const SATISFACTION_LABELS: Record<TSatisfaction, string> = {
  satisfied: "满意",
  basically_satisfied: "基本满意",
  dissatisfied: "不满意",
};

export const STATUS_LABELS = {
  handling: "办理中",
  replied: "已答复，待反馈",
  closed: "已办结",
} as const;
export type TProposalStatus = keyof typeof STATUS_LABELS;

export const ZCreateProposalBody = z
  .object({
    kind: z.enum(PROPOSAL_KINDS),
    number: zRequiredText(40),
    title: zRequiredText(200),
    submitters: z.array(zRequiredText(40)).min(1).max(50),
    leadUnitId: zId,
    coUnitIds: z.array(zId).max(30).optional(),
    assignedAt: zIsoDate,
    /** 涉及面广、处理难度大, with the assigning body's consent: 6 months instead of 3. */
    complex: z.boolean().optional(),
    /** The date by which co-units send their opinion to the lead unit (set by the office). */
    coOpinionDue: zIsoDate.optional(),
  })
  .strict();
export type TCreateProposalBody = z.infer<typeof ZCreateProposalBody>;

export const ZReplyBody = z
  .object({
    date: zIsoDate,
    category: z.enum(CATEGORIES),
    text: zRequiredText(50_000),
    publish: z.boolean(),
    /** Required when `publish` is false: why the reply is not published in full. */
    privateReason: z.string().trim().max(500).optional(),
  })
  .strict();
export type TReplyBody = z.infer<typeof ZReplyBody>;

export const ZSatisfactionBody = z
  .object({ result: z.enum(SATISFACTIONS), date: zIsoDate.optional() })
  .strict();
export type TSatisfactionBody = z.infer<typeof ZSatisfactionBody>;

export const ZCoOpinionBody = z
  .object({ unitId: zId.optional(), text: zRequiredText(20_000), date: zIsoDate.optional() })
  .strict();
export type TCoOpinionBody = z.infer<typeof ZCoOpinionBody>;

export const ZPublicListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: z.enum(PROPOSAL_KINDS).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
