import { sql } from "drizzle-orm";
import type { Db } from "../../platform/db";
import { selectRows } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import {
  commentCounts,
  findConsultation,
  publicComments,
  type TCommentCounts,
  type TConsultationRow,
  type TPublicComment,
} from "./consultations.repository";
import { adoptionRate, consultationStatus, type TConsultationStatus } from "./feedback-statistics";

export type TFeedback = Omit<TCommentCounts, "pending" | "hidden"> & {
  hidden: number;
  adoptionRate: number | null;
  publishedAt: Date;
};

export type TPublicConsultation = {
  row: TConsultationRow;
  unitName: string;
  status: TConsultationStatus;
  commentCount: number;
  feedback: TFeedback | null;
  /** One page of comments, only once the feedback is published. */
  comments: TPublicComment[];
};

/**
 * A consultation as the public sees it: its dates and status by `today`, its comment count, and
 * once the report is published the statistics and one page of comments with their dispositions.
 * Two queries for the figures however many comments there are, one for the page.
 */
export async function readPublicConsultation(
  db: Db,
  id: number,
  today: string,
  page = 1,
  pageSize = 100,
): Promise<TPublicConsultation> {
  const row = await findConsultation(db, id);
  if (!row) throw new AppError("not_found", MSG.notFound);
  const published = row.feedbackPublishedAt;
  // Independent reads, sent together: on PostgreSQL they run on separate pooled connections.
  const [[unit], counts, comments] = await Promise.all([
    selectRows<{ name: string }>(db, sql`select name from units where id = ${row.unitId}`),
    commentCounts(db, id),
    published ? publicComments(db, id, pageSize, (page - 1) * pageSize) : Promise.resolve([]),
  ]);
  return {
    row,
    unitName: unit?.name ?? "",
    status: consultationStatus(row, today),
    commentCount: counts.total,
    feedback: published
      ? {
          total: counts.total,
          adopted: counts.adopted,
          partlyAdopted: counts.partlyAdopted,
          notAdopted: counts.notAdopted,
          notRelevant: counts.notRelevant,
          hidden: counts.hidden,
          adoptionRate: adoptionRate(counts),
          publishedAt: published,
        }
      : null,
    comments,
  };
}

/** The public JSON of the API contract (contacts and names never; hidden bodies null). */
export function consultationJson(v: TPublicConsultation) {
  return {
    id: v.row.id,
    unitId: v.row.unitId,
    unitName: v.unitName,
    decisionId: v.row.decisionId,
    title: v.row.title,
    draft: v.row.draft,
    explanation: v.row.explanation,
    opensAt: v.row.opensAt,
    closesAt: v.row.closesAt,
    shortPeriodReason: v.row.shortPeriodReason,
    status: v.status,
    commentCount: v.commentCount,
    feedback: v.feedback
      ? {
          total: v.feedback.total,
          adopted: v.feedback.adopted,
          partlyAdopted: v.feedback.partlyAdopted,
          notAdopted: v.feedback.notAdopted,
          notRelevant: v.feedback.notRelevant,
          hidden: v.feedback.hidden,
          adoptionRate: v.feedback.adoptionRate,
          publishedAt: v.feedback.publishedAt.toISOString(),
          items: v.comments.map((m) => ({
            id: m.id,
            body: m.body,
            clause: m.clause,
            disposition: m.disposition,
            reason: m.reason,
            hidden: m.isHidden,
            hiddenReason: m.hiddenReason,
          })),
        }
      : null,
  };
}
