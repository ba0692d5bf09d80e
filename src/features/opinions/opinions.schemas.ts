import { z } from "zod";
import { zId } from "../../platform/validation";

export const SOURCES = ["hotline_12345", "mailbox", "media", "petition", "online", "other"] as const;
export type TSource = (typeof SOURCES)[number];
export const SOURCE_LABELS: Record<TSource, string> = {
  hotline_12345: "12345 市民服务热线",
  mailbox: "领导信箱",
  media: "媒体报道",
  petition: "信访投诉",
  online: "网络舆情",
  other: "其他渠道（民生连线、政务监督热线等）",
};

export const SEVERITIES = ["major_emergency", "ordinary"] as const;
export type TSeverity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<TSeverity, string> = {
  major_emergency: "特别重大、重大突发事件",
  ordinary: "一般舆情",
};

export const EVENT_TYPES = ["release", "press_conference", "response"] as const;
export type TEventType = (typeof EVENT_TYPES)[number];
export const EVENT_LABELS: Record<TEventType, string> = {
  release: "发布权威信息",
  press_conference: "举行新闻发布会",
  response: "回应",
};

/** An ISO 8601 timestamp with its offset ("2026-01-31T22:30:00+08:00" or "…Z"): no guessing the zone. */
export const zTimestamp = z.iso
  .datetime({ offset: true, message: "请填写带时区的时间，例如 2026-01-31T22:30:00+08:00" })
  .transform((s) => new Date(s));

export const ZCreateOpinionBody = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().max(10_000).optional().default(""),
  source: z.enum(SOURCES),
  /** A topic's code ("epidemic") or name ("疫情防控"); "auto" lets the keyword rules suggest one. */
  topic: z.string().trim().min(1).max(40),
  unitId: zId,
  severity: z.enum(SEVERITIES),
  discoveredAt: zTimestamp,
});
export type TCreateOpinionBody = z.infer<typeof ZCreateOpinionBody>;

export const ZOpinionEventBody = z.object({
  type: z.enum(EVENT_TYPES),
  at: zTimestamp,
  documentId: zId.optional(),
  note: z.string().trim().max(2000).optional().default(""),
});
export type TOpinionEventBody = z.infer<typeof ZOpinionEventBody>;

export const ZConfirmTopicBody = z.object({ topic: z.string().trim().min(1).max(40) });

export const ZPublishResponseBody = z.object({
  /** The question as it will be shown: the writer's name and contact never are; see publish-response.ts. */
  question: z.string().trim().min(1).max(5000),
  answer: z.string().trim().min(1).max(10_000),
});
export type TPublishResponseBody = z.infer<typeof ZPublishResponseBody>;

export const ZMailboxBody = z.object({
  name: z.string().trim().min(1).max(50),
  contact: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(5000),
  /** The form's honeypot, a field people never see; whatever fills it is a robot. */
  website: z.string().max(500).optional(),
});
export type TMailboxBody = z.infer<typeof ZMailboxBody>;

export const ZTopicBody = z.object({
  name: z.string().trim().min(1).max(20),
  keywords: z.array(z.string().trim().min(1).max(20)).max(100).default([]),
});

export const ZSpikeRule = z.object({
  /** N items on one topic within 24 hours raise an alert. */
  threshold: z.number().int().min(2).max(100_000),
});
export type TSpikeRule = z.infer<typeof ZSpikeRule>;
