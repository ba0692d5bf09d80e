import { z } from "zod";
import { zFormText, zId, zIsoDate, zRequiredText } from "../../platform/validation";

export const REGISTRANT_KINDS = ["citizen", "expert", "media", "stakeholder"] as const;
export type TRegistrantKind = (typeof REGISTRANT_KINDS)[number];
export const REGISTRANT_KIND_LABELS: Record<TRegistrantKind, string> = {
  citizen: "群众代表",
  expert: "专家",
  media: "媒体",
  stakeholder: "利益相关方",
};

export const QUESTION_KINDS = ["single", "multiple", "scale", "text"] as const;
export const QUESTION_KIND_LABELS: Record<(typeof QUESTION_KINDS)[number], string> = {
  single: "单选",
  multiple: "多选",
  scale: "1–5 分量表",
  text: "文字",
};

// A phone number as people write it: digits with optional +, spaces and hyphens (座机 0531-12345678).
const zPhone = z
  .string()
  .trim()
  .min(1)
  .max(30)
  .regex(/^\+?[\d][\d\s-]{5,28}$/, "请填写有效的电话号码。");

const dateOrder =
  (from: string, to: string, message: string) => (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
    if (typeof v[from] === "string" && typeof v[to] === "string" && (v[to] as string) < (v[from] as string))
      ctx.addIssue({ code: "custom", path: [to], message });
  };

export const ZCreateMeetingBody = z
  .object({
    unitId: zId,
    title: zRequiredText(200),
    summary: zFormText(5000).optional(),
    heldAt: zIsoDate,
    seats: z.number().int().min(1).max(1000),
    registrationClosesAt: zIsoDate,
  })
  .strict()
  .superRefine(dateOrder("registrationClosesAt", "heldAt", "会议日期不能早于报名截止日期。"));
export type TCreateMeetingBody = z.infer<typeof ZCreateMeetingBody>;

export const ZMeetingRegistrationBody = z
  .object({
    name: zRequiredText(50),
    phone: zPhone,
    kind: z.enum(REGISTRANT_KINDS),
    reason: zRequiredText(2000),
    /** Honeypot: a person leaves it empty. */
    website: z.string().max(200).optional(),
  })
  .strict();
export type TMeetingRegistrationBody = z.infer<typeof ZMeetingRegistrationBody>;

export const ZDrawBody = z
  .object({
    seed: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[\p{L}\p{N} .,:_/+#-]+$/u, "种子只能含文字、数字、空格和 . , : _ / + # -。"),
  })
  .strict();
export type TDrawBody = z.infer<typeof ZDrawBody>;

export const ZOpinionBody = z
  .object({
    registrationId: zId.optional(),
    speaker: zFormText(100).optional(),
    opinion: zRequiredText(5000),
    outcome: zFormText(5000).optional(),
  })
  .strict();
export type TOpinionBody = z.infer<typeof ZOpinionBody>;

export const ZCreateOpenDayBody = z
  .object({
    unitId: zId,
    title: zRequiredText(200),
    summary: zFormText(5000).optional(),
    place: zFormText(200).optional(),
    heldAt: zIsoDate,
    registrationClosesAt: zIsoDate,
    capacity: z.number().int().min(1).max(100000),
  })
  .strict()
  .superRefine(dateOrder("registrationClosesAt", "heldAt", "活动日期不能早于报名截止日期。"));
export type TCreateOpenDayBody = z.infer<typeof ZCreateOpenDayBody>;

export const ZOpenDayRegistrationBody = z
  .object({ name: zRequiredText(50), phone: zPhone, website: z.string().max(200).optional() })
  .strict();
export type TOpenDayRegistrationBody = z.infer<typeof ZOpenDayRegistrationBody>;

export const ZCancelBody = z.object({ token: z.string().trim().min(1).max(100) }).strict();

export const ZFeedbackBody = z.object({ feedback: zRequiredText(20000) }).strict();

export const ZQuestion = z
  .object({
    kind: z.enum(QUESTION_KINDS),
    text: zRequiredText(500),
    options: z.array(zRequiredText(200)).min(2).max(20).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if ((q.kind === "single" || q.kind === "multiple") && !q.options)
      ctx.addIssue({ code: "custom", path: ["options"], message: "单选题和多选题至少需要 2 个选项。" });
    if ((q.kind === "scale" || q.kind === "text") && q.options)
      ctx.addIssue({ code: "custom", path: ["options"], message: "量表题和文字题不设选项。" });
  });

export const ZCreateSurveyBody = z
  .object({
    unitId: zId,
    title: zRequiredText(200),
    summary: zFormText(5000).optional(),
    openDayId: zId.optional(),
    opensAt: zIsoDate,
    closesAt: zIsoDate,
    questions: z.array(ZQuestion).min(1).max(50),
  })
  .strict()
  .superRefine(dateOrder("opensAt", "closesAt", "截止日期不能早于开始日期。"));
export type TCreateSurveyBody = z.infer<typeof ZCreateSurveyBody>;

export const ZAnswer = z.union([
  z.number().int().min(0).max(1000),
  z.array(z.number().int().min(0).max(1000)).max(50),
  z.string().max(2000),
  z.null(),
]);

export const ZSurveyResponseBody = z
  .object({
    answers: z.array(ZAnswer).min(1).max(50),
    /** Identifies the respondent: a second response with the same token is refused (409). */
    respondentToken: z.string().trim().min(8).max(100).optional(),
    website: z.string().max(200).optional(),
  })
  .strict();
export type TSurveyResponseBody = z.infer<typeof ZSurveyResponseBody>;
