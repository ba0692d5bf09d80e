import { z } from "@hono/zod-openapi";
import { zId, zIdText } from "../../platform/validation";

const zDay = z.iso.date("日期格式应为 YYYY-MM-DD。");

export const ZSubsidyRowBody = z
  .object({
    name: z.string().max(60),
    /** The full 18-digit 居民身份证号: checked, masked, and the full number discarded. */
    idNumber: z.string().max(40),
    item: z.string().max(120),
    /** 元, at most two decimals. */
    amount: z.number(),
  })
  .strict();

export const ZCreateSubsidyNoticeBody = z
  .object({
    unitId: zId,
    title: z.string().trim().min(2).max(200),
    startsAt: zDay,
    endsAt: zDay,
    rows: z.array(ZSubsidyRowBody).min(1).max(2000),
  })
  .strict()
  .refine((b) => b.endsAt >= b.startsAt, { path: ["endsAt"], message: "公示结束日期不能早于开始日期。" });
export type TCreateSubsidyNoticeBody = z.infer<typeof ZCreateSubsidyNoticeBody>;

/** The staff form: the payee table is one text (see parseRowsText). */
export const ZSubsidyNoticeForm = z.object({
  unitId: zIdText,
  title: z.string().trim().min(2).max(200),
  startsAt: zDay,
  endsAt: zDay,
  rowsText: z.string().trim().min(1, "请填写公示名单。").max(400_000),
});

export const ZSubsidyNoticesQuery = z.object({
  unitId: zIdText.optional().openapi({ description: "村或社区的机构 id；不填为全部" }),
});

export const ZPublicSubsidyRow = z.object({
  name: z.string(),
  idNumber: z.string().openapi({ description: "已遮盖的身份证号（前 6 位和后 4 位）" }),
  item: z.string(),
  amount: z.number().openapi({ description: "元" }),
});

export const ZPublicSubsidyNotice = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  total: z.number().openapi({ description: "合计金额（元）" }),
  rows: z.array(ZPublicSubsidyRow),
});

export const ZRetentionForm = z.object({ years: z.coerce.number().int().min(1).max(30) });
