import { z } from "zod";
import { zIdText } from "../../platform/validation";

export const PLATFORMS = [
  "wechat",
  "weibo",
  "douyin",
  "toutiao",
  "kuaishou",
  "bilibili",
  "app",
  "other",
] as const;
export const PLATFORM_LABELS: Record<(typeof PLATFORMS)[number], string> = {
  wechat: "微信公众号",
  weibo: "微博",
  douyin: "抖音",
  toutiao: "今日头条",
  kuaishou: "快手",
  bilibili: "哔哩哔哩",
  app: "移动客户端",
  other: "其他",
};
export const FILING_STATUSES = ["filed", "pending", "not_filed"] as const;
export const FILING_LABELS: Record<(typeof FILING_STATUSES)[number], string> = {
  filed: "已备案",
  pending: "备案中",
  not_filed: "未备案",
};
export const TRAINING_KINDS = ["general", "special", "new_staff", "law_study"] as const;
export const TRAINING_KIND_LABELS: Record<(typeof TRAINING_KINDS)[number], string> = {
  general: "政务公开通识培训",
  special: "专题培训",
  new_staff: "新任人员培训",
  law_study: "领导干部学法",
};
export const CASE_KINDS = ["request_reply", "appeal_outcome"] as const;
export const CASE_KIND_LABELS: Record<(typeof CASE_KINDS)[number], string> = {
  request_reply: "依申请公开答复",
  appeal_outcome: "复议诉讼结果",
};
export const SECTORS = ["school", "hospital", "water", "power", "gas", "heating", "bus", "other"] as const;
export type TSector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Record<TSector, string> = {
  school: "学校",
  hospital: "医院",
  water: "供水",
  power: "供电",
  gas: "供气",
  heating: "供热",
  bus: "公共交通",
  other: "其他",
};

const zDay = z.iso.date("日期格式应为 YYYY-MM-DD。");
const zOptDay = z
  .preprocess((v) => (v === "" ? null : v), zDay.nullable())
  .optional()
  .default(null);
const zCount = z.coerce.number().int().min(0).max(10000).default(0);
/** One per line (or separated by 、；), trimmed, empty ones dropped. */
const zLines = (max: number) =>
  z
    .string()
    .max(20_000)
    .default("")
    .transform((v) => [
      ...new Set(
        v
          .split(/[\n\r、；;]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.string().max(200)).max(max));
const zHttpUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^(https?:\/\/\S+)?$/, "网址应以 http:// 或 https:// 开头。")
  .default("");

export const ZNewMediaAccountForm = z
  .object({
    unitId: zIdText,
    platform: z.enum(PLATFORMS),
    name: z.string().trim().min(1).max(100),
    purpose: z.string().trim().max(500).default(""),
    registeredOn: zDay,
    closedOn: zOptDay,
    filingStatus: z.enum(FILING_STATUSES),
  })
  .refine((v) => !v.closedOn || v.closedOn >= v.registeredOn, {
    path: ["closedOn"],
    message: "关闭日期不能早于开设日期。",
  });
export type TNewMediaAccountForm = z.infer<typeof ZNewMediaAccountForm>;

export const ZInspectionForm = z
  .object({
    inspectedOn: zDay,
    lastUpdatedOn: zOptDay,
    brokenLinks: zCount,
    wrongItems: zCount,
    unansweredMessages: zCount,
    note: z.string().trim().max(2000).default(""),
  })
  .refine((v) => !v.lastUpdatedOn || v.lastUpdatedOn <= v.inspectedOn, {
    path: ["lastUpdatedOn"],
    message: "最近更新日期不能晚于检查日期。",
  });
export type TInspectionForm = z.infer<typeof ZInspectionForm>;

export const ZTrainingForm = z.object({
  unitId: zIdText,
  title: z.string().trim().min(2).max(200),
  kind: z.enum(TRAINING_KINDS),
  heldOn: zDay,
  hours: z.coerce
    .number()
    .positive("学时应大于 0。")
    .max(200)
    .refine((h) => Math.abs(h * 10 - Math.round(h * 10)) < 1e-6, "学时最多一位小数。"),
  trainer: z.string().trim().max(100).default(""),
  attendees: zLines(500),
});
export type TTrainingForm = z.infer<typeof ZTrainingForm>;

export const ZCaseForm = z.object({
  kind: z.enum(CASE_KINDS),
  title: z.string().trim().min(2).max(200),
  body: z.string().trim().max(20_000).default(""),
  outcome: z.string().trim().max(200).default(""),
  lesson: z.string().trim().max(4000).default(""),
  sourceRequestId: z.preprocess((v) => (v === "" ? undefined : v), zIdText.optional()),
});
export type TCaseForm = z.infer<typeof ZCaseForm>;

export const ZEnterpriseForm = z.object({
  name: z.string().trim().min(2).max(100),
  sector: z.enum(SECTORS),
  supervisorUnitId: zIdText,
  disclosureItems: zLines(50),
  website: zHttpUrl,
  servicePhone: z.string().trim().max(60).default(""),
  address: z.string().trim().max(200).default(""),
  isActive: z.preprocess((v) => v !== "0", z.boolean()).default(true),
});
export type TEnterpriseForm = z.infer<typeof ZEnterpriseForm>;

export const ZReadingRoomForm = z.object({
  name: z.string().trim().min(2).max(100),
  address: z.string().trim().min(2).max(200),
  hours: z.string().trim().max(200).default(""),
  phone: z.string().trim().max(60).default(""),
  mapUrl: zHttpUrl,
  services: z.string().trim().max(500).default(""),
  sortOrder: z.coerce.number().int().min(0).max(9999).default(0),
  isActive: z.preprocess((v) => v !== "0", z.boolean()).default(true),
});
export type TReadingRoomForm = z.infer<typeof ZReadingRoomForm>;

export const ZYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
