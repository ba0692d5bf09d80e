import { z } from "zod";
import { zId, zIdText } from "../../platform/validation";

export const DOCUMENT_KINDS = [
  "policy",
  "normative",
  "interpretation",
  "gazette",
  "notice",
  "other",
] as const;
export type TDocumentKind = (typeof DOCUMENT_KINDS)[number];
export const KIND_LABELS: Record<TDocumentKind, string> = {
  policy: "政策文件",
  normative: "规范性文件",
  interpretation: "政策解读",
  gazette: "政府公报",
  notice: "通知公告",
  other: "其他",
};

export const VALIDITIES = ["valid", "invalid", "repealed", "amended"] as const;
export type TValidity = (typeof VALIDITIES)[number];
export const VALIDITY_LABELS: Record<TValidity, string> = {
  valid: "有效",
  invalid: "失效",
  repealed: "废止",
  amended: "已修改",
};

export const DOCUMENT_STATUSES = ["draft", "review", "published", "withdrawn"] as const;
export type TDocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export const STATUS_LABELS: Record<TDocumentStatus, string> = {
  draft: "草稿",
  review: "待审核",
  published: "已发布",
  withdrawn: "已撤回",
};

export const DISCLOSURES = ["proactive", "on_request"] as const;
export const DISCLOSURE_LABELS: Record<(typeof DISCLOSURES)[number], string> = {
  proactive: "主动公开",
  on_request: "依申请公开",
};

export const INTERPRETATION_FORMS = ["text", "graphic", "video"] as const;
export const INTERPRETATION_FORM_LABELS: Record<(typeof INTERPRETATION_FORMS)[number], string> = {
  text: "文字解读",
  graphic: "图解",
  video: "视频解读",
};

export const RELATION_KINDS = ["repeals", "amends", "corrects"] as const;
export type TRelationKind = (typeof RELATION_KINDS)[number];
/** How a relation reads from the document that makes it, and from the one it points at. */
export const RELATION_LABELS: Record<TRelationKind, { from: string; to: string }> = {
  repeals: { from: "本文件废止", to: "已被废止，见" },
  amends: { from: "本文件修改", to: "已被修改，见" },
  corrects: { from: "本文件更正", to: "已被更正，见" },
};

const zDay = z.iso.date();
const zTerms = z.array(z.string().trim().min(1).max(50)).max(20);

const documentFields = {
  title: z.string().trim().min(1).max(500),
  kind: z.enum(DOCUMENT_KINDS),
  level: z.string().trim().max(50),
  docNumber: z.string().trim().max(100),
  unitId: zId,
  issuer: z.string().trim().max(200),
  writtenAt: zDay.nullable(),
  publishedAt: zDay.nullable(),
  effectiveAt: zDay.nullable(),
  validity: z.enum(VALIDITIES),
  repealedAt: zDay.nullable(),
  topics: zTerms,
  keywords: zTerms,
  summary: z.string().trim().max(2000),
  disclosure: z.enum(DISCLOSURES),
  body: z.string().max(2_000_000),
  interprets: zId.nullable(),
  interpretationForm: z.enum(INTERPRETATION_FORMS),
  videoUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/ }).max(500)]),
  needsInterpretation: z.boolean(),
  qa: z
    .array(
      z.object({ question: z.string().trim().min(1).max(500), answer: z.string().trim().min(1).max(5000) }),
    )
    .max(100),
  relations: z.array(z.object({ kind: z.enum(RELATION_KINDS), documentId: zId })).max(50),
};

/** A new document (API.md): only the title is required; `status: "published"` publishes at once. */
export const ZCreateDocumentBody = z
  .object({
    ...documentFields,
    status: z.enum(["draft", "published"]),
  })
  .partial()
  .required({ title: true })
  .strict();
export type TCreateDocumentBody = z.infer<typeof ZCreateDocumentBody>;

/** A change to a document; every change makes a new version with its note. */
export const ZUpdateDocumentBody = z
  .object({
    ...documentFields,
    changeNote: z.string().trim().max(500),
    /** The version the change was made on; a later change in between refuses this one (409). */
    version: zId,
  })
  .partial()
  .strict();
export type TUpdateDocumentBody = z.infer<typeof ZUpdateDocumentBody>;

/** Publishing: now or at a given moment, with the reviewer's answers to the checks that block it. */
export const ZPublishBody = z
  .object({
    publishAt: z.iso.datetime({ offset: true }).optional(),
    interpretationWaiver: z.string().trim().min(5).max(500).optional(),
    confirmPrivacy: z.boolean().optional(),
  })
  .strict();
export type TPublishBody = z.infer<typeof ZPublishBody>;

/** The target's unit answers another unit's proposal to repeal or amend its document. */
export const ZProposalDecision = z.object({ decision: z.enum(["accept", "decline"]) }).strict();

export const ZWithdrawBody = z.object({ notice: z.string().trim().min(5).max(2000) }).strict();

export const ZDocumentListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  unit: zIdText.optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  topic: z.string().trim().max(50).optional(),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  /** `in_force`: 有效 or 已修改, what 现行有效 means (an amended document stays in force). */
  validity: z.enum([...VALIDITIES, "in_force"]).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** With `q`: by relevance (the default) or newest first. Without `q` always newest first. */
  sort: z.enum(["relevance", "date"]).optional(),
});
export type TDocumentListQuery = z.infer<typeof ZDocumentListQuery>;
