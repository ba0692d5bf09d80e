import { z } from "@hono/zod-openapi";

/** Texts people type: no NUL, trimmed, bounded. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `不能超过 ${max} 个字`)
    .refine((s) => !s.includes("\u0000"), "含有不允许的字符");

export const ZAnswersQuery = z.object({
  q: text(200).pipe(z.string().min(1, "请输入问题")),
});
export type TAnswersQuery = z.infer<typeof ZAnswersQuery>;

export const ZCitation = z.object({
  documentId: z.number().int(),
  title: z.string(),
  docNumber: z.string(),
  clause: z.string().openapi({ example: "第三十三条" }),
  chapter: z.string().optional(),
  text: z.string(),
  validity: z.string(),
  url: z.string().openapi({ example: "/documents/12#art-33" }),
});

export const ZFaqItem = z.object({
  id: z.number().int(),
  question: z.string(),
  answer: z.string(),
  unitName: z.string(),
  publishedAt: z.string().nullable(),
  citations: z.array(
    z.object({
      documentId: z.number().int(),
      title: z.string(),
      docNumber: z.string(),
      clause: z.string(),
      url: z.string(),
    }),
  ),
});
export type TFaqItem = z.infer<typeof ZFaqItem>;

export const ZAnswer = z.object({
  answered: z.boolean(),
  citations: z.array(ZCitation).max(5),
  refusal: z.string().optional(),
  /** A short answer written from the citations when a language model is configured; else absent. */
  generated: z.string().optional(),
  /** Published answers of the 问答库 to similar questions. */
  faq: z.array(ZFaqItem),
});

export const ZCreateQuestionBody = z.object({
  question: text(1000).pipe(z.string().min(5, "请把问题写完整（至少 5 个字）")),
  contact: text(100).optional(),
  /** The honeypot: a field people never see. */
  website: z.string().max(200).optional(),
});
export type TCreateQuestionBody = z.infer<typeof ZCreateQuestionBody>;

export const ZFaqQuery = z.object({
  q: text(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZRouteQuestionBody = z.object({
  unitId: z.coerce.number().int().min(1).max(2_147_483_647),
  /** 答复期限; by default five working days from today. */
  dueOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type TRouteQuestionBody = z.infer<typeof ZRouteQuestionBody>;

/** A cited clause as staff type it: the document's id and the article (第十九条). */
export const ZCitedClause = z.object({
  documentId: z.coerce.number().int().min(1).max(2_147_483_647),
  clause: text(30).pipe(z.string().min(2)),
});

export const ZReplyQuestionBody = z.object({
  answer: text(5000).pipe(z.string().min(2, "请填写答复")),
  citations: z.array(ZCitedClause).max(10).default([]),
});
export type TReplyQuestionBody = z.infer<typeof ZReplyQuestionBody>;

export const ENQUIRY_CHANNELS = ["phone", "in_person"] as const;
export const ENQUIRY_CHANNEL_LABELS: Record<(typeof ENQUIRY_CHANNELS)[number], string> = {
  phone: "电话咨询",
  in_person: "现场咨询",
};

export const ZLogEnquiryBody = z.object({
  channel: z.enum(ENQUIRY_CHANNELS, { message: "请选择咨询方式" }),
  unitId: z.coerce.number().int().min(1).max(2_147_483_647),
  occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD"),
  topic: text(200).pipe(z.string().min(2, "请填写咨询事项")),
  answer: text(2000).default(""),
});
export type TLogEnquiryBody = z.infer<typeof ZLogEnquiryBody>;

export const QUESTION_STATUS_LABELS: Record<string, string> = {
  new: "待分办",
  routed: "待答复",
  answered: "已答复，待发布",
  published: "已发布",
  closed: "已关闭",
};
