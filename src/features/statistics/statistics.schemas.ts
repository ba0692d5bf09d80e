import { z } from "@hono/zod-openapi";
import { zIdText } from "../../platform/validation";

/** The filters of the page and the endpoint: a year and, optionally, one unit. */
export const ZStatisticsQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .optional()
    .openapi({ description: "统计年度；不填时为本年" }),
  unitId: zIdText.optional().openapi({ description: "单位（承办单位或发布机构）；不填时为全区" }),
});

const zCount = z.number().int().nonnegative();
const zRate = z.number().min(0).max(1).nullable();

const ZRequestMonth = z.object({
  month: z.number().int().openapi({ description: "月份（1–12；合计行为 0）" }),
  received: zCount.openapi({ description: "本月收到（确认收到）的申请" }),
  onTime: zCount.openapi({ description: "在法定期限内答复" }),
  late: zCount.openapi({ description: "超过法定期限答复" }),
  openOverdue: zCount.openapi({ description: "尚未办结且已超过法定期限" }),
  openInTime: zCount.openapi({ description: "尚未办结、仍在期限内" }),
  untimed: zCount.openapi({ description: "未起算期限即终止（如申请人未补正）" }),
  onTimeShare: zRate.openapi({ description: "按时答复率 = 按时 ÷（按时 + 逾期答复 + 逾期未办结）" }),
});

const ZAppealSummary = z.object({
  total: zCount,
  upheld: zCount,
  corrected: zCount,
  other: zCount,
  pending: zCount,
  correctionRate: zRate.openapi({ description: "纠错率 = 被纠错 ÷ 已审结（维持 + 纠错 + 其他）" }),
});

export const ZStatistics = z.object({
  year: z.number().int(),
  unitId: z.number().int().nullable(),
  asOf: z.string().openapi({ description: "判断未办结申请是否逾期的日期（本年为今天，往年为 12 月 31 日）" }),
  requests: z.object({ months: z.array(ZRequestMonth), total: ZRequestMonth }),
  outcomes: z.array(z.object({ group: z.string(), count: zCount })).openapi({
    description: "本年办结的申请按年度报告表三的六类结果计数",
  }),
  concluded: zCount,
  appeals: z.object({ reconsideration: ZAppealSummary, litigation: ZAppealSummary }),
  documents: z.object({
    months: z.array(z.object({ month: z.number().int(), published: zCount, late: zCount })),
    units: z.array(
      z.object({
        unitId: z.number().int(),
        unitName: z.string(),
        published: zCount,
        late: zCount,
        undated: zCount,
      }),
    ),
    total: z.object({ published: zCount, late: zCount, undated: zCount }),
  }),
});
