import { z } from "zod";
import { zId, zIsoDate, zRequiredText } from "../../platform/validation";

/**
 * Sectors of public enterprises and institutions, as data with stable keys (the registry of public
 * enterprises uses the same keys).
 */
export const SECTORS = [
  "education",
  "health",
  "water",
  "power",
  "gas",
  "heating",
  "transit",
  "other",
] as const;
export type TSector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Record<TSector, string> = {
  education: "教育（学校、幼儿园）",
  health: "医疗卫生（医院等）",
  water: "供水",
  power: "供电",
  gas: "供气",
  heating: "供热",
  transit: "公共交通",
  other: "其他公共企事业单位",
};

export const STATUSES = ["submitted", "assigned", "rectifying", "concluded"] as const;
export type TComplaintStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<TComplaintStatus, string> = {
  submitted: "已收到，待转主管部门",
  assigned: "主管部门核查中",
  rectifying: "限期整改中",
  concluded: "已办结",
};

export const FINDINGS = ["rectified", "not_rectified", "unfounded"] as const;
export type TFinding = (typeof FINDINGS)[number];
export const FINDING_LABELS: Record<TFinding, string> = {
  rectified: "已按期整改",
  not_rectified: "逾期未整改",
  unfounded: "经核查，投诉事项不成立",
};

/** The public form and its API: the organisation, its sector, what it failed to disclose, a contact. */
export const ZPublicComplaintBody = z
  .object({
    organisation: zRequiredText(100),
    sector: z.enum(SECTORS),
    description: zRequiredText(5000),
    contact: z.string().trim().max(200).optional(),
    /** The honeypot: people never see it; a post that fills it is answered and dropped. */
    website: z.string().max(200).optional(),
  })
  .strict();
export type TPublicComplaintBody = z.infer<typeof ZPublicComplaintBody>;

export const ZComplaintAction = z.discriminatedUnion("type", [
  z.object({ type: z.literal("assign"), unitId: zId }).strict(),
  z.object({ type: z.literal("order_rectification"), date: zIsoDate, rectifyBy: zIsoDate }).strict(),
  z
    .object({
      type: z.literal("conclude"),
      date: zIsoDate,
      finding: z.enum(FINDINGS),
      result: zRequiredText(5000),
      publish: z.boolean(),
      /** What the public sees: required when publishing; no names, phones or ID numbers. */
      publicSummary: z.string().trim().max(2000).optional(),
    })
    .strict(),
]);
export type TComplaintAction = z.infer<typeof ZComplaintAction>;

export const ACTION_LABELS: Record<TComplaintAction["type"], string> = {
  assign: "转主管部门",
  order_rectification: "责令限期整改",
  conclude: "办结",
};

export const ZLookup = z.object({
  receiptNo: z.string().trim().min(1).max(40),
  queryCode: z.string().trim().min(1).max(20),
});
