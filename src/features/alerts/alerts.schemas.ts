import { z } from "zod";
import { zId, zIdText } from "../../platform/validation";

/** Document kinds a subscription may filter on (the catalogue's kinds). */
export const ALERT_DOCUMENT_KINDS = [
  "policy",
  "normative",
  "interpretation",
  "gazette",
  "notice",
  "other",
] as const;

export const FREQUENCIES = ["immediate", "daily", "weekly"] as const;
export type TFrequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<TFrequency, string> = {
  immediate: "有新文件时立即发送",
  daily: "每日汇总一封",
  weekly: "每周汇总一封",
};

export const AUDIENCES = ["person", "enterprise"] as const;
export type TAudience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<TAudience, string> = { person: "个人", enterprise: "企业" };

/** GB/T 4754—2017《国民经济行业分类》的门类. */
export const INDUSTRY_LABELS: Record<string, string> = {
  A: "农、林、牧、渔业",
  B: "采矿业",
  C: "制造业",
  D: "电力、热力、燃气及水生产和供应业",
  E: "建筑业",
  F: "批发和零售业",
  G: "交通运输、仓储和邮政业",
  H: "住宿和餐饮业",
  I: "信息传输、软件和信息技术服务业",
  J: "金融业",
  K: "房地产业",
  L: "租赁和商务服务业",
  M: "科学研究和技术服务业",
  N: "水利、环境和公共设施管理业",
  O: "居民服务、修理和其他服务业",
  P: "教育",
  Q: "卫生和社会工作",
  R: "文化、体育和娱乐业",
  S: "公共管理、社会保障和社会组织",
  T: "国际组织",
};
export const INDUSTRIES = Object.keys(INDUSTRY_LABELS) as [string, ...string[]];

/** 《统计上大中小微型企业划分办法（2017）》的规模. */
export const SIZES = ["large", "medium", "small", "micro"] as const;
export type TSize = (typeof SIZES)[number];
export const SIZE_LABELS: Record<TSize, string> = {
  large: "大型",
  medium: "中型",
  small: "小型",
  micro: "微型",
};

const email = z
  .email({ error: "请填写有效的电子邮箱地址" })
  .max(254, { error: "电子邮箱地址过长" })
  .transform((e) => e.trim());

/** The catalogue filter a subscription follows; every part is optional (none: every new document). */
export const ZSubscriptionFilter = z
  .object({
    unit: zId.optional(),
    topic: z.string().trim().min(1).max(50).optional(),
    kind: z.enum(ALERT_DOCUMENT_KINDS, { error: "文件类型不正确" }).optional(),
    q: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type TSubscriptionFilter = z.infer<typeof ZSubscriptionFilter>;

export const ZCreateSubscriptionBody = z
  .object({
    email,
    filter: ZSubscriptionFilter.default({}),
    frequency: z.enum(FREQUENCIES, { error: "请选择发送频率" }).default("immediate"),
  })
  .strict();
export type TCreateSubscriptionBody = z.infer<typeof ZCreateSubscriptionBody>;

/** The subscribe form: the filter arrives as the catalogue's query parameters. */
export const ZSubscribeForm = z.object({
  email,
  frequency: z.enum(FREQUENCIES, { error: "请选择发送频率" }),
  unit: zIdText.optional(),
  topic: z.string().trim().min(1).max(50).optional(),
  kind: z.enum(ALERT_DOCUMENT_KINDS, { error: "文件类型不正确" }).optional(),
  q: z.string().trim().min(1).max(200).optional(),
});

export const ZToken = z.string().regex(/^[\w-]{20,64}$/, { error: "链接无效" });

/** 政策找人: the questionnaire. */
export const ZEligibilityBody = z
  .object({
    audience: z.enum(AUDIENCES, { error: "请选择个人或企业" }),
    attributes: z.array(z.string().trim().min(1).max(30)).max(40).default([]),
    age: z
      .number()
      .int()
      .min(0, { error: "年龄应在 0 到 150 之间" })
      .max(150, { error: "年龄应在 0 到 150 之间" })
      .optional(),
    industry: z.enum(INDUSTRIES, { error: "行业门类不正确" }).optional(),
    size: z.enum(SIZES, { error: "企业规模不正确" }).optional(),
    subdistrict: z.string().trim().min(1).max(50).optional(),
  })
  .strict();
export type TEligibilityBody = z.infer<typeof ZEligibilityBody>;

/** The questionnaire as a form, with the optional e-mail and consent for keeping it as a profile. */
export const ZEligibilityForm = ZEligibilityBody.extend({
  email: email.optional(),
  consent: z.boolean().default(false),
}).strict();

/** Who a policy is for, as the office records it on the back-office document page. */
export const ZPolicyEligibility = z
  .object({
    audiences: z.array(z.enum(AUDIENCES)).max(2).default([]),
    subdistricts: z.array(z.string().trim().min(1).max(50)).max(100).default([]),
    industries: z.array(z.enum(INDUSTRIES)).max(20).default([]),
    sizes: z.array(z.enum(SIZES)).max(4).default([]),
    attributes: z.array(z.string().trim().min(1).max(30)).max(40).default([]),
    ageMin: z.number().int().min(0).max(150).nullable().default(null),
    ageMax: z.number().int().min(0).max(150).nullable().default(null),
    startsOn: z.iso.date({ error: "日期格式应为 YYYY-MM-DD" }).nullable().default(null),
    endsOn: z.iso.date({ error: "日期格式应为 YYYY-MM-DD" }).nullable().default(null),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.ageMin !== null && v.ageMax !== null && v.ageMin > v.ageMax)
      ctx.addIssue({ code: "custom", path: ["ageMax"], message: "年龄上限不能小于下限" });
    if (v.startsOn && v.endsOn && v.startsOn > v.endsOn)
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "截止日期不能早于开始日期" });
  });
export type TPolicyEligibility = z.infer<typeof ZPolicyEligibility>;

export const ZEligibilityResult = z.object({
  items: z.array(
    z.object({
      documentId: z.number().int(),
      title: z.string(),
      docNumber: z.string(),
      reasons: z.array(z.string()),
    }),
  ),
});

export const ZReach = z.object({
  matched: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  bounced: z.number().int(),
  unsubscribed: z.number().int(),
});
export type TReach = z.infer<typeof ZReach>;

export const ZCreateWebhookBody = z
  .object({
    url: z.url({ protocol: /^https?$/, error: "请填写 http(s):// 开头的网址" }).max(500),
  })
  .strict();
