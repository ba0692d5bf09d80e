import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { findPersonalData } from "../../platform/text/privacy-scan";
import { canHandle } from "./access";
import { lockOpinion, updateOpinion } from "./opinions.repository";
import type { TPublishResponseBody } from "./opinions.schemas";

const KIND_LABELS = { id_card: "身份证号", mobile: "手机号码", bank_card: "银行卡号" } as const;

/** Why a text may not be published: personal data found, or the writer's own name or contact in it. */
export function privacyIssues(text: string, writer: { name: string; contact: string }): string[] {
  const issues = findPersonalData(text).map((f) => `含有${KIND_LABELS[f.kind]}（${f.masked}）`);
  for (const [label, value] of [
    ["来信人姓名", writer.name],
    ["来信人联系方式", writer.contact],
  ] as const)
    if (value.trim().length >= 2 && text.includes(value.trim())) issues.push(`含有${label}`);
  return issues;
}

/**
 * Publishes the answer in the 回应关切 column: only the question text and the answer, never the
 * writer. Refused when the item has not been answered yet (409: record the release or response first)
 * or when either text holds personal data (422, nothing changed).
 */
export async function publishResponse(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  id: number,
  body: TPublishResponseBody,
) {
  return db.transaction(async (tx) => {
    const row = await lockOpinion(tx, id);
    if (!row || !canHandle(p, row.unitId)) throw new AppError("not_found", MSG.notFound);
    if (!row.respondedAt && !row.releasedAt)
      throw new AppError("conflict", "请先记录回应或权威信息发布，再公开回应内容。");
    const writer = { name: row.writerName, contact: row.writerContact };
    const issues = [
      ...privacyIssues(body.question, writer).map((m) => ({
        path: "question",
        message: `问题${m}，请删除后再公开。`,
      })),
      ...privacyIssues(body.answer, writer).map((m) => ({
        path: "answer",
        message: `答复${m}，请删除后再公开。`,
      })),
    ];
    if (issues.length > 0)
      throw new AppError("unprocessable", issues[0]?.message ?? MSG.validation, { issues });
    const publishedAt = row.publishedAt ?? new Date();
    await updateOpinion(tx, row.id, {
      publicQuestion: body.question,
      responseText: body.answer,
      publishedAt,
    });
    await recordAudit(tx, actor, {
      action: row.publishedAt ? "opinion_response.update" : "opinion_response.publish",
      entity: "opinion_response",
      entityId: row.id,
      unitId: row.unitId,
      before: row.publishedAt ? { question: row.publicQuestion, answer: row.responseText } : null,
      after: { question: body.question, answer: body.answer },
    });
    return { id: row.id, publishedAt };
  });
}

/** Takes a published answer off the portal. */
export async function unpublishResponse(db: Db, actor: TActor, p: TPrincipal, id: number) {
  return db.transaction(async (tx) => {
    const row = await lockOpinion(tx, id);
    if (!row || !canHandle(p, row.unitId)) throw new AppError("not_found", MSG.notFound);
    if (!row.publishedAt) throw new AppError("conflict", "该回应尚未公开。");
    await updateOpinion(tx, row.id, { publishedAt: null });
    await recordAudit(tx, actor, {
      action: "opinion_response.unpublish",
      entity: "opinion_response",
      entityId: row.id,
      unitId: row.unitId,
      before: { publishedAt: row.publishedAt },
    });
  });
}
