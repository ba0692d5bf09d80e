import { z } from "@hono/zod-openapi";
import { APPLICANT_KIND_CODES, OUTCOME_CODES } from "../requests";

const zCount = z.number().int().nonnegative();

/** One row of table 三: a count per applicant kind, and their total. */
export const ZApplicantRow = z.object({
  ...Object.fromEntries(APPLICANT_KIND_CODES.map((k) => [k, zCount])),
  total: zCount,
}) as unknown as z.ZodType<TApplicantRow>;
export type TApplicantRow = Record<(typeof APPLICANT_KIND_CODES)[number] | "total", number>;

export const ZAppealRow = z.object({
  upheld: zCount,
  corrected: zCount,
  other: zCount,
  pending: zCount,
  total: zCount,
});
export type TAppealRow = z.infer<typeof ZAppealRow>;

const ZDocumentCounts = z.object({ made: zCount, repealed: zCount, valid: zCount });

export const ZProactive = z.object({
  regulations: ZDocumentCounts.openapi({ description: "规章" }),
  normative: ZDocumentCounts.openapi({ description: "行政规范性文件" }),
  licensing: zCount.openapi({ description: "行政许可 本年处理决定数量（工作人员录入）" }),
  penalties: zCount.openapi({ description: "行政处罚 本年处理决定数量（工作人员录入）" }),
  enforcement: zCount.openapi({ description: "行政强制 本年处理决定数量（工作人员录入）" }),
  feeAmount: z
    .number()
    .nonnegative()
    .openapi({ description: "行政事业性收费 本年收费金额（万元，工作人员录入）" }),
});
export type TProactive = z.infer<typeof ZProactive>;

const ZBalance = z.object({
  column: z.string(),
  label: z.string(),
  newThisYear: zCount,
  carriedOver: zCount,
  concluded: zCount,
  carriedForward: zCount,
});
const ZListedRequest = z.object({
  requestId: z.number().int(),
  receiptNo: z.string(),
  unitName: z.string(),
  date: z.string().nullable(),
});

export const ZChecks = z.object({
  isPassing: z.boolean(),
  unbalanced: z.array(ZBalance).openapi({ description: "一 + 二 ≠ 三（七） + 四 的列" }),
  withoutOutcome: z
    .array(ZListedRequest)
    .openapi({ description: "本年办结但没有（有效）处理结果的申请；date 为办结日期" }),
  overdueOpen: z
    .array(ZListedRequest)
    .openapi({ description: "年底仍未办结、已超过答复期限的申请；date 为答复期限" }),
});
export type TChecks = z.infer<typeof ZChecks>;

export const ZAnnualReport = z.object({
  year: z.number().int(),
  unitId: z.number().int().nullable(),
  proactive: ZProactive,
  requests: z.object({
    newThisYear: ZApplicantRow,
    carriedOver: ZApplicantRow,
    outcomes: z.object({
      ...Object.fromEntries(OUTCOME_CODES.map((c) => [c, ZApplicantRow])),
      total: ZApplicantRow,
    }) as unknown as z.ZodType<Record<(typeof OUTCOME_CODES)[number] | "total", TApplicantRow>>,
    carriedForward: ZApplicantRow,
  }),
  appeals: z.object({
    reconsideration: ZAppealRow,
    litigation_direct: ZAppealRow,
    litigation_after_reconsideration: ZAppealRow,
  }),
  checks: ZChecks,
});
export type TAnnualReport = z.infer<typeof ZAnnualReport>;

const text = (max: number) => z.string().trim().max(max);

/** What staff write and enter: sections 一、五、六, the figures from other systems, the issuer's name. */
export const ZNarrativeBody = z
  .object({
    issuerName: text(100).min(2),
    overview: text(50_000),
    problems: text(50_000),
    otherMatters: text(50_000),
    includePlanProgress: z.boolean().default(false),
    licensingCount: z.number().int().min(0).max(100_000_000).default(0),
    penaltyCount: z.number().int().min(0).max(100_000_000).default(0),
    enforcementCount: z.number().int().min(0).max(100_000_000).default(0),
    feeAmount: z.number().min(0).max(100_000_000).default(0),
  })
  .strict();
export type TNarrativeBody = z.infer<typeof ZNarrativeBody>;

/** A stored report's states; "new" is shown for a report not saved yet. */
export const REPORT_STATUSES = ["draft", "published"] as const;
export type TReportStatus = (typeof REPORT_STATUSES)[number];

export const ZNarrativeOut = ZNarrativeBody.extend({
  status: z.enum(["new", ...REPORT_STATUSES]),
  documentId: z.number().int().nullable(),
  isCarriedOver: z.boolean().openapi({ description: "尚未保存，内容沿用上一年度报告" }),
});
export type TNarrativeOut = z.infer<typeof ZNarrativeOut>;

export const ZPlanProgress = z.object({
  planId: z.number().int(),
  title: z.string(),
  total: zCount,
  byStatus: z.array(z.object({ status: z.string(), label: z.string(), count: zCount })),
});
export type TPlanProgress = z.infer<typeof ZPlanProgress>;
