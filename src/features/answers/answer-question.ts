import type { Db } from "../../platform/db";
import { toSearchQuery } from "../../platform/text";
import { todayInChina } from "../calendar";
import { loadSynonyms, PHRASINGS, rankDocuments } from "../documents";
import { clauseCandidates, type TClauseCandidate } from "./answers.repository";
import { ensureClauseIndex } from "./clause-index";

export type TCitation = {
  documentId: number;
  title: string;
  docNumber: string;
  /** 第三十三条, or 第2段 for a document without articles. */
  clause: string;
  chapter: string;
  text: string;
  validity: string;
  publishedAt: string | null;
  /** The document page, at the article's anchor when it has one. */
  url: string;
  score: number;
};

export type TRetrieval = { answered: boolean; citations: TCitation[]; terms: string[] };

/** At most this many clauses answer a question (API.md: at most 5). */
export const MAX_CITATIONS = 5;
// The documents the document search ranks best are where the clauses are looked for.
const CANDIDATE_DOCUMENTS = 30;
// Clauses of one document among the citations: a second law gets a say.
const PER_DOCUMENT = 3;
const MAX_CANDIDATE_CLAUSES = 5_000;

/**
 * Question words that the search's filler list keeps because elsewhere they can be a subject (情况,
 * 几年), but that in a question only ask for what the article will say: "春节放几天假" asks about
 * 春节 and 放假, "公积金什么情况下可以提取" about 公积金 and 提取. They become a space.
 */
const QUESTION_WORDS =
  /什么情况下|什么情况|哪些情况|哪些地方|什么地方|多长时间|多少天|多少钱|多少|几年|几天|几个月|几个|几岁|多久|多长|怎么算|怎么办理|怎么办|怎么样|怎么|怎样|如何|哪些|哪个|哪里|什么|是否|能不能|可不可以|有没有|要不要|是不是|才能|经过|一下|请问|吗|呢|吧|啊/g;

const NUMBER = "[零〇一二两三四五六七八九十百千\\d]+";
/**
 * What kind of answer a question asks for, and what a clause that gives it says: "多久" wants a time
 * limit (20个工作日内), "怎么算" a rate or standard (百分之一百五十), "什么情况" a list of conditions
 * (有下列情形之一的). A clause of that shape gains 0.25.
 */
const ANSWER_SHAPES: { asks: RegExp; says: RegExp }[] = [
  {
    asks: /多久|多长时间|几天|几年|几个月|多少天|期限|时效|什么时候/,
    says: new RegExp(`${NUMBER}个?(工作日|日|天|年|个月|周|小时)|期限|时效`),
  },
  { asks: /怎么算|怎么计算|如何计算|多少钱|标准|比例|双倍|几倍/, says: /百分之|%|标准|计算|倍|比例/ },
  {
    asks: /什么情况|哪些情况|什么条件|哪些条件|条件|谁可以|哪些人|什么人|哪些地方|哪些/,
    says: /下列|情形之一|条件|符合/,
  },
  { asks: /几年|几天|多少|几个|几岁/, says: new RegExp(`${NUMBER}`) },
];

/** The question with its question words blanked out (see QUESTION_WORDS). */
export function questionText(q: string): string {
  const stripped = q.replace(QUESTION_WORDS, " ").replace(/\s+/g, " ").trim();
  return stripped || q;
}

// Terms that name a kind of document (条例, 办法 …) say little about which article answers.
const KIND_TERM = /^'?(通知|规定|办法|条例|意见|决定|方案|公告|通告|细则|批复|报告|法|函)'?$/;

/**
 * The clauses that answer a question, best first, from valid published documents only. Ranking, in
 * two steps:
 * 1. the document search (its segmentation, synonyms, everyday phrasings and 文号 forms, its title
 *    and validity weighting) picks the documents most likely to hold the answer;
 * 2. each clause of those documents that holds any of the question's terms is scored:
 *      coverage (share of the question's terms in the clause; a term only in the law's title, 文号
 *      or keywords counts 0.6 — the law's own title words)
 *    + 0.3 if a run of several question words is in the clause as typed
 *    + up to 0.4 for the terms standing close together (ts_rank_cd cover density, length-normalised,
 *      as a share of the best candidate's)
 *    + 0.4 / (1 + the document's place in step 1)
 *    + 0.25 when the clause has the shape of the answer asked for (ANSWER_SHAPES: a time limit for
 *      多久, a rate for 怎么算, a list of conditions for 什么情况)
 *    and among equals the newest version first.
 * The relevance floor: a question is answered only when the best clause holds at least one of its
 * terms itself and, with the title, as many as the document search itself requires to match
 * (minimumMatch: 2 of 2 or 3, 3 of 4 …). Below it the caller shows the refusal.
 */
export async function retrieveClauses(db: Db, question: string): Promise<TRetrieval> {
  const q = questionText(question.trim());
  const none: TRetrieval = { answered: false, citations: [], terms: [] };
  if (!q) return none;
  await ensureClauseIndex(db);
  const synonyms = await loadSynonyms(db);
  const query = toSearchQuery(q, { synonyms, phrasings: PHRASINGS });
  if (!query) return none;
  const today = todayInChina();
  const found = await rankDocuments(db, { q: q.slice(0, 200), validity: "valid" }, CANDIDATE_DOCUMENTS);
  const docRank = new Map(found.ids.map((id, i) => [id, i]));
  const terms = [...query.required, ...query.optional];
  const isOptional = (i: number) => i >= query.required.length;
  // Testing every clause of 30 laws for each term is the slow part (tens of ms): on PostgreSQL the
  // documents are split in two, alternately by rank, and the halves read at once on two connections.
  const halves = [0, 1].map((h) => found.ids.filter((_id, i) => i % 2 === h));
  const candidates = (
    await Promise.all(
      halves.map((documentIds) =>
        clauseCandidates(db, {
          documentIds,
          terms,
          phrases: query.phrases,
          today,
          limit: MAX_CANDIDATE_CLAUSES / 2,
        }),
      ),
    )
  ).flat();
  const weights = terms.map((t, i) => (KIND_TERM.test(t) || isOptional(i) ? 0.3 : 1));
  const shapes = ANSWER_SHAPES.filter((s) => s.asks.test(question)).map((s) => s.says);
  const maxDensity = Math.max(1e-9, ...candidates.map((c) => Number(c.density)));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const subjectTerms = weights.filter((w) => w === 1).length;
  const needed = query.minMatch;

  const scored = candidates.map((c) => {
    const coverage =
      terms.reduce((sum, _t, i) => sum + (weights[i] ?? 0) * (c.hits[i] ? 1 : c.titleHits[i] ? 0.6 : 0), 0) /
      totalWeight;
    const shape = shapes.some((re) => re.test(c.body)) ? 0.25 : 0;
    const score =
      coverage +
      shape +
      (c.phraseHits > 0 ? 0.3 : 0) +
      (0.4 * Number(c.density)) / maxDensity +
      0.4 / (1 + (docRank.get(c.documentId) ?? CANDIDATE_DOCUMENTS));
    // Kind words (通知, 办法) count when the clause itself says them, not when only the title does.
    const covered = query.required.filter(
      (_t, i) => c.hits[i] || (weights[i] === 1 && c.titleHits[i]),
    ).length;
    const inClause = query.required.some((_t, i) => c.hits[i] && (weights[i] === 1 || subjectTerms === 0));
    return { c, score, isAboveFloor: inClause && covered >= needed };
  });
  scored.sort(
    (a, b) =>
      b.score - a.score || (b.c.publishedAt ?? "").localeCompare(a.c.publishedAt ?? "") || a.c.seq - b.c.seq,
  );
  const best = scored.filter((s) => s.isAboveFloor);
  const perDoc = new Map<number, number>();
  const citations: TCitation[] = [];
  for (const { c, score } of best) {
    const n = perDoc.get(c.documentId) ?? 0;
    if (n >= PER_DOCUMENT) continue;
    perDoc.set(c.documentId, n + 1);
    citations.push(citationOf(c, score));
    if (citations.length >= MAX_CITATIONS) break;
  }
  return { answered: citations.length > 0, citations, terms: found.terms };
}

function citationOf(c: TClauseCandidate, score: number): TCitation {
  return {
    documentId: c.documentId,
    title: c.title,
    docNumber: c.docNumber,
    clause: c.label,
    chapter: c.chapter,
    text: c.body,
    validity: c.validity,
    publishedAt: c.publishedAt,
    url: `/documents/${c.documentId}${c.anchor ? `#${c.anchor}` : ""}`,
    score: Math.round(score * 1000) / 1000,
  };
}
