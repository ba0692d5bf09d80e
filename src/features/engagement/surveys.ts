// 问卷调查: single and multiple choice, 1–5 scale and free-text questions; one answer per
// respondent token; results as counts, percentages and means; the suggestions' adoption published.
import { createHash, randomBytes } from "node:crypto";
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import {
  addToTally,
  findOpenDay,
  findSurvey,
  insertSurvey,
  insertSurveyResponse,
  readTally,
  type TSurveyRow,
  updateSurvey,
} from "./engagement.repository";
import type { TCreateSurveyBody, TSurveyResponseBody } from "./engagement.schemas";
import { answerIssues, resultsFrom, type TSurveyResults } from "./survey-results";

export const SURVEY_MSG = {
  notOpen: "问卷尚未开始。",
  closed: "问卷已截止。",
  answered: "您已经提交过本问卷，每人只能提交一次。",
  openDayUnit: "关联的开放活动须属于同一单位。",
} as const;

/** Creates a survey (the caller checked the unit permission). */
export async function createSurvey(db: Db, actor: TActor, body: TCreateSurveyBody): Promise<TSurveyRow> {
  return db.transaction(async (tx) => {
    if (body.openDayId !== undefined) {
      const day = await findOpenDay(tx, body.openDayId);
      if (!day || day.unitId !== body.unitId)
        throw new AppError("unprocessable", SURVEY_MSG.openDayUnit, {
          issues: [{ path: "openDayId", message: SURVEY_MSG.openDayUnit }],
        });
    }
    const row = await insertSurvey(tx, {
      unitId: body.unitId,
      openDayId: body.openDayId ?? null,
      title: body.title,
      summary: body.summary ?? "",
      opensAt: body.opensAt,
      closesAt: body.closesAt,
      questions: body.questions,
    });
    await recordAudit(tx, actor, {
      action: "survey.create",
      entity: "survey",
      entityId: row.id,
      unitId: row.unitId,
      after: {
        title: row.title,
        opensAt: row.opensAt,
        closesAt: row.closesAt,
        questions: row.questions.length,
      },
    });
    return row;
  });
}

export type TSurveyState = "upcoming" | "open" | "closed";

export const surveyState = (s: TSurveyRow, today: string): TSurveyState =>
  today < s.opensAt ? "upcoming" : today > s.closesAt ? "closed" : "open";

const respondentHash = (token: string) => createHash("sha256").update(`survey:${token}`).digest("hex");

/** A fresh respondent token for a browser that has none. */
export const newRespondentToken = () => randomBytes(18).toString("base64url");

/**
 * Stores one response. Outside the survey's dates → 409; answers that do not fit the questions →
 * 422 with the question named; a second response with the same respondent token → 409.
 */
export async function submitSurveyResponse(
  db: Db,
  surveyId: number,
  body: TSurveyResponseBody,
  today: string,
): Promise<{ id: number }> {
  const s = await findSurvey(db, surveyId);
  if (!s) throw new AppError("not_found", MSG.notFound);
  const state = surveyState(s, today);
  if (state === "upcoming") throw new AppError("conflict", SURVEY_MSG.notOpen);
  if (state === "closed") throw new AppError("conflict", SURVEY_MSG.closed);
  const answers = body.answers.map((a, i) => (s.questions[i]?.kind === "text" && a === "" ? null : a));
  const issues = answerIssues(s.questions, answers);
  if (issues.length) throw new AppError("unprocessable", MSG.validation, { issues });
  if (body.website) return { id: 0 };
  return db.transaction(async (tx) => {
    const row = await insertSurveyResponse(tx, {
      surveyId,
      respondentHash: respondentHash(body.respondentToken ?? newRespondentToken()),
      answers,
    });
    if (!row) throw new AppError("conflict", SURVEY_MSG.answered);
    await addToTally(tx, surveyId, answers);
    return row;
  });
}

/** The survey's results (public): no free text, only counts and means. */
export async function surveyResults(
  db: Db,
  surveyId: number,
): Promise<TSurveyResults & { survey: TSurveyRow }> {
  const s = await findSurvey(db, surveyId);
  if (!s) throw new AppError("not_found", MSG.notFound);
  const { responses, rows } = await readTally(db, surveyId);
  return { survey: s, ...resultsFrom(s.questions, responses, rows) };
}

/** Publishes the analysis of the suggestions and what was adopted. */
export async function publishSurveyFeedback(db: Db, actor: TActor, surveyId: number, feedback: string) {
  return db.transaction(async (tx) => {
    const s = await findSurvey(tx, surveyId);
    if (!s) throw new AppError("not_found", MSG.notFound);
    const row = await updateSurvey(tx, surveyId, { feedback, feedbackPublishedAt: new Date() });
    await recordAudit(tx, actor, {
      action: "survey.feedback_publish",
      entity: "survey",
      entityId: surveyId,
      unitId: s.unitId,
      before: { feedback: s.feedback },
      after: { feedback },
    });
    return row;
  });
}
