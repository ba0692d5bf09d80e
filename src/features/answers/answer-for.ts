import type { TConfig } from "../../platform/config";
import type { Db } from "../../platform/db";
import { getGuide } from "../portal";
import { retrieveClauses, type TCitation } from "./answer-question";
import type { TFaqItem } from "./answers.schemas";
import { generateAnswer } from "./generate-answer";
import { faqFor } from "./questions";

export type TAnswerResult = {
  answered: boolean;
  citations: TCitation[];
  refusal?: string;
  generated?: string;
  faq: TFaqItem[];
  /** The office's phone, for the three ways on after a refusal. */
  phone: string;
  terms: string[];
};

/** The fixed refusal: no clause is relevant enough; three ways on, the office's phone among them. */
export function refusalText(phone: string): string {
  return `未能在现行有效的政策文件中找到足够相关的条款，为避免误导，不作回答。您可以：1. 留下问题，由承办单位答复；2. 通过“依申请公开”提出政府信息公开申请；3. 致电政务公开办公室 ${phone}。`;
}

/**
 * The answer to a question: the best clauses with their citations, or the refusal; the 问答库's
 * published answers to similar questions; and, when a model is configured, a short answer written
 * from the clauses and checked (generate-answer.ts).
 */
export async function answerFor(
  db: Db,
  config: Pick<TConfig, "llmUrl" | "llmModel">,
  question: string,
): Promise<TAnswerResult> {
  const [retrieval, faq, guide] = await Promise.all([
    retrieveClauses(db, question),
    faqFor(db, { q: question, page: 1, pageSize: 3 }),
    getGuide(db),
  ]);
  const result: TAnswerResult = {
    answered: retrieval.answered,
    citations: retrieval.citations,
    faq: faq.items,
    phone: guide.phone,
    terms: retrieval.terms,
  };
  if (!retrieval.answered) result.refusal = refusalText(guide.phone);
  else if (config.llmUrl) {
    const generated = await generateAnswer(
      { url: config.llmUrl, model: config.llmModel ?? "default" },
      question,
      retrieval.citations,
    );
    if (generated) result.generated = generated;
  }
  return result;
}
