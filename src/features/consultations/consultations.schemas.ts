import { z } from "zod";
import { zId, zIsoDate } from "../../platform/validation";

// Stages of a major administrative decision (《重大行政决策程序暂行条例》), in the order the law runs them.
export const STAGES = [
  "draft",
  "consultation",
  "hearing",
  "expert_review",
  "risk_assessment",
  "legality_review",
  "collective_decision",
  "published",
  "evaluation",
] as const;
export type TStage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<TStage, string> = {
  draft: "决策草案及说明",
  consultation: "公众意见征集",
  hearing: "听证",
  expert_review: "专家论证",
  risk_assessment: "风险评估",
  legality_review: "合法性审查",
  collective_decision: "集体讨论决定",
  published: "决策公布",
  evaluation: "决策后评估",
};

export const DISPOSITIONS = ["adopted", "partly_adopted", "not_adopted", "not_relevant"] as const;
export type TDisposition = (typeof DISPOSITIONS)[number];

export const DISPOSITION_LABELS: Record<TDisposition, string> = {
  adopted: "采纳",
  partly_adopted: "部分采纳",
  not_adopted: "不予采纳",
  not_relevant: "与征求意见内容无关",
};

/** A clause reference as people write it: 第三条, 第12条, 第十条之一 (nothing else). */
export const CLAUSE_RE = /^第[零〇一二两三四五六七八九十百千\d]{1,8}条(之[一二三四五六七八九十\d]{1,4})?$/u;

const zYear = z.number().int().min(2000).max(2100);
const zText = (max: number) => z.string().trim().max(max);
const zRequired = (max: number) => z.string().trim().min(1).max(max);

export const ZCreateDecisionBody = z.strictObject({
  unitId: zId,
  year: zYear,
  title: zRequired(200),
  summary: zText(2000).optional(),
});
export type TCreateDecisionBody = z.infer<typeof ZCreateDecisionBody>;

export const ZRecordStageBody = z.strictObject({
  stage: z.enum(STAGES),
  date: zIsoDate,
  documentId: zId.optional(),
  note: zText(1000).optional(),
});
export type TRecordStageBody = z.infer<typeof ZRecordStageBody>;

export const ZDecisionQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  unitId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

export const ZCreateConsultationBody = z.strictObject({
  unitId: zId,
  title: zRequired(200),
  // The draft's full text (Markdown); paragraphs starting 第X条 get anchors that comments link to.
  draft: zRequired(200_000),
  explanation: zText(50_000).optional(),
  decisionId: zId.optional(),
  opensAt: zIsoDate,
  closesAt: zIsoDate,
  shortPeriodReason: zText(1000).optional(),
});
export type TCreateConsultationBody = z.infer<typeof ZCreateConsultationBody>;

export const ZCommentBody = z.strictObject({
  body: zRequired(5000),
  clause: z
    .string()
    .trim()
    .max(20)
    .regex(CLAUSE_RE, "条款请写成“第X条”的形式，例如“第三条”。")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  name: zText(50).optional(),
  contact: zText(100).optional(),
  /** The form's honeypot, a field people never see; whatever fills it is a robot. */
  website: z.string().max(200).optional(),
});
export type TCommentBody = z.infer<typeof ZCommentBody>;

export const ZDispositionBody = z.strictObject({
  disposition: z.enum(DISPOSITIONS),
  reason: zText(2000).optional(),
});
export type TDispositionBody = z.infer<typeof ZDispositionBody>;

export const ZHideBody = z.strictObject({ reason: zRequired(500) });
export type THideBody = z.infer<typeof ZHideBody>;
