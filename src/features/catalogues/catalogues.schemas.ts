import { z } from "@hono/zod-openapi";
import { zFormText, zId, zIsoDate, zRequiredText } from "../../platform/validation";

export const AUDIENCES = ["public", "specific"] as const;
export const MODES = ["proactive", "on_request"] as const;
export const LEVELS = ["county", "township"] as const;
export const AUDIENCE_LABELS: Record<(typeof AUDIENCES)[number], string> = {
  public: "全社会",
  specific: "特定群众",
};
export const MODE_LABELS: Record<(typeof MODES)[number], string> = {
  proactive: "主动",
  on_request: "依申请",
};
export const LEVEL_LABELS: Record<(typeof LEVELS)[number], string> = { county: "县级", township: "乡级" };
export const TIER_LABELS = { state: "国务院26个领域", city: "市级“+1”领域", unit: "本单位“+n”领域" } as const;
export const STATE_LABELS = {
  ok: "已按要求公开",
  missing: "未公开",
  late: "逾期公开",
  wrong_channel: "公开渠道不符",
  not_applicable: "不检查（无明确时限或依申请公开）",
} as const;
export const PROBLEM_LABELS = { missing: "未公开", late: "逾期公开", wrong_channel: "公开渠道不符" } as const;

const channel = z.string().trim().min(1, "渠道名称不能为空。").max(40, "渠道名称最多 40 字。");

/** One catalogue item, as the API and the back-office form take it. */
export const ZCreateItemBody = z
  .object({
    area: z
      .union([zId, zRequiredText(40)])
      .openapi({ description: "领域：领域名称或编号（见 GET /catalogue-areas）" }),
    level1: zRequiredText(100).openapi({ description: "一级事项" }),
    level2: zRequiredText(200).openapi({ description: "二级事项" }),
    content: zFormText(2000).default("").openapi({ description: "公开内容（要素）" }),
    basis: zFormText(2000).default("").openapi({ description: "公开依据" }),
    timeLimit: zFormText(200).default("").openapi({ description: "公开时限（原文）" }),
    subject: zFormText(200).default("").openapi({ description: "公开主体" }),
    channels: z.array(channel).max(20).default([]).openapi({ description: "公开渠道和载体" }),
    audience: z.enum(AUDIENCES, "请选择公开对象。").openapi({ description: "公开对象：全社会 | 特定群众" }),
    mode: z.enum(MODES, "请选择公开方式。").openapi({ description: "公开方式：主动 | 依申请" }),
    levels: z
      .array(z.enum(LEVELS, "公开层级只能是县级或乡级。"))
      .min(1, "请至少选择一个公开层级。")
      .max(2)
      .openapi({ description: "公开层级：county 县级、township 乡级" }),
    keywords: z
      .array(z.string().trim().min(1).max(20))
      .max(20)
      .default([])
      .openapi({ description: "标注建议用的关键词" }),
  })
  .strict();
export type TCreateItemBody = z.infer<typeof ZCreateItemBody>;

export const ZTimeRule = z
  .object({ kind: z.literal("workdays_after_event"), days: z.number().int() })
  .nullable()
  .openapi({ description: "由公开时限解析出的规则；无法确定时为 null，不作猜测" });

export const ZItemOut = z.object({
  id: z.number(),
  unitId: z.number(),
  areaId: z.number(),
  area: z.string(),
  level1: z.string(),
  level2: z.string(),
  content: z.string(),
  basis: z.string(),
  timeLimit: z.string(),
  timeRule: ZTimeRule,
  subject: z.string(),
  channels: z.array(z.string()),
  audience: z.enum(AUDIENCES),
  mode: z.enum(MODES),
  levels: z.array(z.enum(LEVELS)),
});

export const ZUnitParam = z.object({ unitId: z.coerce.number().int().positive().max(2_147_483_647) });

export const ZTagBody = z
  .object({ itemIds: z.array(zId).max(50, "一份文件最多标注 50 个目录事项。") })
  .strict();

export const ZCoverageQuery = z
  .object({ from: zIsoDate, to: zIsoDate })
  .refine((q) => q.from <= q.to, { path: ["to"], message: "结束日期不能早于开始日期。" })
  .refine((q) => q.from >= "2000-01-01" && q.to <= "2100-12-31", {
    path: ["from"],
    message: "日期超出范围。",
  });

export const ZCoverageItemOut = z.object({
  itemId: z.number(),
  unitId: z.number(),
  area: z.string(),
  level1: z.string(),
  level2: z.string(),
  state: z.enum(["ok", "missing", "late", "wrong_channel", "not_applicable"]),
  problems: z.array(z.enum(["missing", "late", "wrong_channel"])),
  documents: z.array(
    z.object({
      documentId: z.number().nullable(),
      postingId: z.number().nullable(),
      title: z.string(),
      formedOn: z.string().nullable(),
      publishedOn: z.string(),
      dueDate: z.string().nullable(),
      isLate: z.boolean(),
      isProvisional: z.boolean(),
      channels: z.array(z.string()),
    }),
  ),
});

/** A posting on a channel other than the portal, recorded by staff. */
export const ZPostingBody = z
  .object({
    itemId: zId,
    channel,
    title: zFormText(200).default(""),
    documentId: zId.optional(),
    formedOn: zIsoDate.optional(),
    postedOn: zIsoDate,
  })
  .strict()
  .refine((p) => !p.formedOn || p.formedOn <= p.postedOn, {
    path: ["postedOn"],
    message: "张贴日期不能早于信息形成日期。",
  });

export const ZAreaBody = z
  .object({
    name: zRequiredText(40),
    tier: z.enum(["state", "city", "unit"]),
    unitId: zId.optional(),
    source: zFormText(200).default(""),
  })
  .strict()
  .refine((a) => (a.tier === "unit") === (a.unitId !== undefined), {
    path: ["unitId"],
    message: "本单位“+n”领域须选择单位；国务院和市级领域不属于某个单位。",
  });

export const ZRectifyBody = z
  .object({
    from: zIsoDate,
    to: zIsoDate,
    deadline: zIsoDate,
    itemIds: z.array(zId).min(1, "请至少选择一个事项。").max(1000),
  })
  .strict();

export const ZFollowUpBody = z
  .object({ followUp: zRequiredText(2000), isDone: z.boolean().default(false) })
  .strict();
