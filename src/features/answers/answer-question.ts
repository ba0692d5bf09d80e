import type { Db } from "../../platform/db";
import { toSearchQuery } from "../../platform/text";
import { todayInChina } from "../calendar";
import { loadSynonyms, PHRASINGS, searchDocuments } from "../documents";
import { type TClauseCandidate, clauseCandidates } from "./answers.repository";
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
 *    + up to 0.4 for the terms standing close together (ts_rank_cd cover density, length-normalised)
 *    + 0.4 / (1 + the document's place in step 1)
 *    and among equals the newest version first.
 * The relevance floor: a question is answered only when the best clause holds at least one of its
 * terms itself and, with the title, as many as the document search itself requires to match
 * (minimumMatch: 2 of 2 or 3, 3 of 4 …). Below it the caller shows the refusal.
 */
export async function retrieveClauses(db: Db, question: string): Promise<TRetrieval> {
  const q = question.trim();
  const none: TRetrieval = { answered: false, citations: [], terms: [] };
  if (!q) return none;
  await ensureClauseIndex(db);
  const synonyms = await loadSynonyms(db);
  const query = toSearchQuery(q, { synonyms, phrasings: PHRASINGS });
  if (!query) return none;
  const today = todayInChina();
  const found = await searchDocuments(db, {
    q: q.slice(0, 200),
    validity: "valid",
    page: 1,
    pageSize: CANDIDATE_DOCUMENTS,
    sort: "relevance",
  });
  const docRank = new Map(found.items.map((d, i) => [d.id, i]));
  const terms = query.required;
  const candidates = await clauseCandidates(db, {
    documentIds: [...docRank.keys()],
    terms,
    phrases: query.phrases,
    today,
    limit: MAX_CANDIDATE_CLAUSES,
  });
  const weights = terms.map((t) => (KIND_TERM.test(t) ? 0.3 : 1));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const subjectTerms = weights.filter((w) => w === 1).length;
  const needed = Math.min(query.minMatch, subjectTerms || terms.length);

  const scored = candidates.map((c) => {
    const coverage =
      terms.reduce((sum, _t, i) => sum + (weights[i] ?? 0) * (c.hits[i] ? 1 : c.titleHits[i] ? 0.6 : 0), 0) /
      totalWeight;
    const score =
      coverage +
      (c.phraseHits > 0 ? 0.3 : 0) +
      Math.min(0.4, Number(c.density) * 4) +
      0.4 / (1 + (docRank.get(c.documentId) ?? CANDIDATE_DOCUMENTS));
    const covered = terms.filter((_t, i) => (weights[i] === 1 || subjectTerms === 0) && (c.hits[i] || c.titleHits[i])).length;
    const inClause = terms.some((_t, i) => weights[i] === 1 && c.hits[i]) || (subjectTerms === 0 && c.hits.some(Boolean));
    return { c, score, isAboveFloor: inClause && covered >= needed };
  });
  scored.sort(
    (a, b) => b.score - a.score || (b.c.publishedAt ?? "").localeCompare(a.c.publishedAt ?? "") || a.c.seq - b.c.seq,
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
