import type { TActor } from "../../platform/audit";
import { recordAudit } from "../../platform/audit";
import { can, type TPrincipal, unitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { hitRateLimit } from "../../platform/rate-limit";
import { indexText, toSearchQuery } from "../../platform/text";
import { loadWorkCalendar, todayInChina } from "../calendar";
import { loadSynonyms, PHRASINGS } from "../documents";
import { findUnit } from "../org";
import { questionText } from "./answer-question";
import {
  findCitableClause,
  findQuestion,
  insertQuestion,
  searchFaq,
  type TQuestionRow,
  type TStoredCitation,
  updateQuestion,
} from "./answers.repository";
import type {
  TCreateQuestionBody,
  TFaqItem,
  TReplyQuestionBody,
  TRouteQuestionBody,
} from "./answers.schemas";

/** Working days the unit has to answer a routed question unless the office sets another date. */
export const ANSWER_WORKDAYS = 5;
const QUESTIONS_PER_HOUR = 10;

/**
 * A question from the public: no account, the contact optional and never shown publicly. A filled
 * honeypot is answered like any other and dropped; each address may leave ten an hour.
 */
export async function submitQuestion(db: Db, ip: string, body: TCreateQuestionBody): Promise<{ id: number }> {
  if (body.website) return { id: 0 };
  const limit = await hitRateLimit(db, `question-submit:${ip}`, QUESTIONS_PER_HOUR, 3600);
  if (!limit.isAllowed)
    throw new AppError("too_many_requests", MSG.tooManyRequests, {
      retryAfterSeconds: limit.retryAfterSeconds,
    });
  const id = await insertQuestion(db, body.question, body.contact ?? "", indexText(body.question));
  return { id };
}

async function loadForStaff(tx: Db, principal: TPrincipal, id: number): Promise<TQuestionRow> {
  const q = await findQuestion(tx, id, true);
  // A question of another unit does not exist for this caller.
  if (
    !q ||
    !(can(principal, "answers.manage") || (q.unitId !== null && can(principal, "answers.reply", q.unitId)))
  )
    throw new AppError("not_found", MSG.notFound);
  return q;
}

/** The office sends a question to the unit that answers it, due in five working days unless set. */
export async function routeQuestion(
  db: Db,
  actor: TActor,
  principal: TPrincipal,
  id: number,
  body: TRouteQuestionBody,
): Promise<void> {
  if (!can(principal, "answers.manage")) throw new AppError("forbidden", MSG.forbidden);
  const unit = await findUnit(db, body.unitId);
  if (!unit) throw new AppError("unprocessable", "所选单位不存在");
  const today = todayInChina();
  const dueOn = body.dueOn ?? (await loadWorkCalendar(db)).addWorkdays(today, ANSWER_WORKDAYS).date;
  if (dueOn < today) throw new AppError("unprocessable", "答复期限不能早于今天");
  await db.transaction(async (tx) => {
    const q = await loadForStaff(tx, principal, id);
    if (q.status !== "new" && q.status !== "routed")
      throw new AppError("conflict", "该问题已答复，不能再分办");
    await updateQuestion(tx, id, { status: "routed", unitId: unit.id, dueOn });
    await recordAudit(tx, actor, {
      action: "policy_question.route",
      entity: "policy_question",
      entityId: id,
      unitId: unit.id,
      before: { status: q.status, unitId: q.unitId, dueOn: q.dueOn },
      after: { status: "routed", unitId: unit.id, dueOn },
    });
  });
}

/** The unit answers, citing clauses; each cited clause must be one of a valid published document. */
export async function replyToQuestion(
  db: Db,
  actor: TActor,
  principal: TPrincipal,
  id: number,
  body: TReplyQuestionBody,
): Promise<void> {
  const today = todayInChina();
  const citations: TStoredCitation[] = [];
  for (const c of body.citations) {
    const clause = await findCitableClause(db, c.documentId, c.clause, today);
    if (!clause)
      throw new AppError(
        "unprocessable",
        `引用的条款不存在或文件不是有效的已发布文件：${c.documentId} ${c.clause}`,
      );
    citations.push({
      documentId: c.documentId,
      title: clause.title,
      docNumber: clause.docNumber,
      clause: clause.label,
      url: `/documents/${c.documentId}${clause.anchor ? `#${clause.anchor}` : ""}`,
    });
  }
  await db.transaction(async (tx) => {
    const q = await loadForStaff(tx, principal, id);
    if (q.status !== "routed" && q.status !== "answered")
      throw new AppError("conflict", "该问题尚未分办或已发布");
    if (
      !can(principal, "answers.manage") &&
      !(q.unitId !== null && can(principal, "answers.reply", q.unitId))
    )
      throw new AppError("not_found", MSG.notFound);
    await updateQuestion(tx, id, {
      status: "answered",
      answer: body.answer,
      citations,
      answeredBy: actor.name,
    });
    await recordAudit(tx, actor, {
      action: "policy_question.answer",
      entity: "policy_question",
      entityId: id,
      unitId: q.unitId,
      before: { status: q.status, answer: q.answer },
      after: { status: "answered", answer: body.answer, citations },
    });
  });
}

/** The office publishes an answer to the 问答库 (a public change), or closes a question unanswered. */
export async function decideQuestion(
  db: Db,
  actor: TActor,
  principal: TPrincipal,
  id: number,
  decision: "publish" | "close",
): Promise<void> {
  if (!can(principal, "answers.manage")) throw new AppError("forbidden", MSG.forbidden);
  await db.transaction(async (tx) => {
    const q = await loadForStaff(tx, principal, id);
    if (decision === "publish" && q.status !== "answered" && q.status !== "published")
      throw new AppError("conflict", "只有已答复的问题可以发布");
    const status = decision === "publish" ? "published" : "closed";
    await updateQuestion(tx, id, { status });
    await recordAudit(tx, actor, {
      action: decision === "publish" ? "faq.publish" : "policy_question.close",
      // A published answer shows on the portal: its entity is public, so the page cache is emptied.
      entity: decision === "publish" || q.status === "published" ? "faq" : "policy_question",
      entityId: id,
      unitId: q.unitId,
      before: { status: q.status },
      after: { status },
    });
  });
}

/** The 问答库: published questions with their answers and citations, matched like the answers. */
export async function faqFor(
  db: Db,
  opts: { q?: string; page: number; pageSize: number },
): Promise<{ total: number; items: TFaqItem[] }> {
  let match: string | null = null;
  if (opts.q) {
    const query = toSearchQuery(questionText(opts.q), {
      synonyms: await loadSynonyms(db),
      phrasings: PHRASINGS,
    });
    if (!query) return { total: 0, items: [] };
    match = query.match;
  }
  const found = await searchFaq(db, { match, page: opts.page, pageSize: opts.pageSize });
  return {
    total: found.total,
    items: found.items.map((q) => ({
      id: q.id,
      question: q.question,
      answer: q.answer,
      unitName: q.unitName ?? "",
      publishedAt: q.publishedAt,
      citations: q.citations,
    })),
  };
}

export { findQuestion, listQuestions } from "./answers.repository";

/** The units whose questions the principal sees: all for the office, else those it answers for. */
export const questionScope = (p: TPrincipal) =>
  can(p, "answers.manage") ? ("all" as const) : unitScope(p, "answers.reply");
