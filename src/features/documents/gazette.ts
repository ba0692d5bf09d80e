import { z } from "zod";
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { zId } from "../../platform/validation";
import {
  documentsByIds,
  findGazetteIssue,
  gazetteContents,
  insertGazetteIssue,
  listGazetteIssues,
  replaceGazetteItems,
} from "./documents.repository";

/** A 公报 issue with its table of contents, in the order it is printed. */
export const ZGazetteIssueBody = z
  .object({
    year: z.number().int().min(1949).max(2100),
    number: z.number().int().min(1).max(999),
    publishedOn: z.iso.date(),
    title: z.string().trim().max(200).optional().default(""),
    items: z
      .array(
        z.object({
          documentId: zId,
          section: z.string().trim().max(100).optional().default(""),
        }),
      )
      .max(500),
  })
  .strict();
export type TGazetteIssueBody = z.infer<typeof ZGazetteIssueBody>;

/** The office publishes a 公报 issue; its documents must exist, and appear once each. */
export async function createGazetteIssue(db: Db, actor: TActor, body: TGazetteIssueBody) {
  const ids = body.items.map((i) => i.documentId);
  if (new Set(ids).size !== ids.length)
    throw new AppError("validation_failed", "同一文件在一期公报中只能出现一次。", {
      issues: [{ path: "items", message: "同一文件在一期公报中只能出现一次。" }],
    });
  if ((await documentsByIds(db, ids)).length !== ids.length)
    throw new AppError("validation_failed", "目录中有不存在的文件。", {
      issues: [{ path: "items", message: "目录中有不存在的文件。" }],
    });
  return db.transaction(async (tx) => {
    const issue = await insertGazetteIssue(tx, {
      year: body.year,
      number: body.number,
      publishedOn: body.publishedOn,
      title: body.title || `${body.year}年第${body.number}期`,
    });
    await replaceGazetteItems(tx, issue.id, body.items);
    await recordAudit(tx, actor, {
      action: "gazette.create",
      entity: "gazette_issue",
      entityId: issue.id,
      after: body,
    });
    return issue;
  });
}

/** Issues, newest first, optionally of one year. */
export function gazetteIssues(db: Db, year?: number) {
  return listGazetteIssues(db, year);
}

/** One issue and its contents (the public sees only the documents that are public). */
export async function readGazetteIssue(db: Db, id: number, all = false) {
  const issue = await findGazetteIssue(db, id);
  if (!issue) throw new AppError("not_found", MSG.notFound);
  return { ...issue, items: await gazetteContents(db, id, all) };
}
