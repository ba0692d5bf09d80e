import { FILLER_WORDS } from "./filler-words";
import { cutWords, isIndexedWord, isSingleHan, type QueryPiece, queryChunks, queryPieces } from "./segment";
import {
  longestSynonymAt,
  piecesKey,
  renderConjunction,
  renderTerm,
  runTerm,
  type SynonymIndex,
  synonymIndex,
  synonymTerm,
  type Term,
} from "./ts-query";

/**
 * A query as ranked search sees it. Each term is a `to_tsquery('simple', …)` text; a document matches
 * when it has at least `minMatch` of the required terms (`match` says exactly that as one tsquery, for
 * the index), or one of them in its title: a law named after what is asked about answers it even when
 * its text lacks the question's other words (禁止传销条例 for 传销怎么认定). Optional terms (single characters left over from a question) only add to the score.
 * `phrases` are long runs of the query in their typed order: a document that has one has the words
 * next to each other, which ranks it higher (proximity).
 */
export type TSearchQuery = {
  required: string[];
  optional: string[];
  phrases: string[];
  minMatch: number;
  match: string;
  /**
   * Any required term but the names of document kinds (通知, 规定 …): a document with one in its title
   * (or keywords) matches too. Null when there is none.
   */
  anyTerm: string | null;
  /** Which of `required` are in `anyTerm`, by position. */
  titleTerms: number[];
};

export type TQueryVocabulary = {
  /** Groups whose members all stand for each other (the synonyms staff manage). */
  synonyms?: string[][];
  /** Everyday words and the legal terms they stand for, one way only. */
  phrasings?: readonly (readonly [string, readonly string[]])[];
};

/** At most this many terms are searched: a longer query is a pasted sentence, its start is enough. */
const MAX_TERMS = 6;

/**
 * Builds the search for what a person typed. Words are jieba's words of each Han run; filler and
 * question words (filler-words.ts) are dropped unless nothing else is left; a synonym or everyday
 * phrasing becomes an OR of its forms; the rest of a run stays together as one term. Null when nothing
 * searchable remains.
 */
export function toSearchQuery(q: string, vocabulary: TQueryVocabulary = {}): TSearchQuery | null {
  const index = synonymIndex(vocabulary.synonyms ?? [], vocabulary.phrasings ?? []);
  let built = buildTerms(q, index, true);
  if (built.required.length === 0 && built.optional.length === 0) built = buildTerms(q, index, false);
  const required = unique(built.required.map(renderTerm)).slice(0, MAX_TERMS);
  const optional = unique(built.optional.map(renderTerm))
    .filter((t) => !required.includes(t))
    .slice(0, MAX_TERMS);
  // A query of single characters only ("税") requires them.
  if (required.length === 0) required.push(...optional.splice(0, optional.length));
  if (required.length === 0) return null;
  const minMatch = minimumMatch(required.length);
  return {
    required,
    optional,
    phrases: unique(built.phrases).slice(0, MAX_TERMS),
    minMatch,
    match: atLeast(required, minMatch),
    anyTerm: anyOf(required.filter((t) => !KIND_WORD_TERMS.has(t))),
    titleTerms: required.flatMap((t, i) => (KIND_WORD_TERMS.has(t) ? [] : [i])),
  };
}

/**
 * Words that name a kind of document. A title holding one says nothing about the subject, so it does
 * not make a document match on its own (含手机号的通知 must not find every notice).
 */
const KIND_WORDS = [
  "通知",
  "规定",
  "办法",
  "条例",
  "意见",
  "决定",
  "方案",
  "公告",
  "通告",
  "细则",
  "批复",
  "报告",
  "法",
  "函",
];
const KIND_WORD_TERMS = new Set(KIND_WORDS.map((w) => renderTerm(runTerm(queryPieces(w)[0] as QueryPiece))));

function anyOf(terms: string[]): string | null {
  if (terms.length === 0) return null;
  return terms.map((t) => (t.includes(" & ") && !t.startsWith("(") ? `(${t})` : t)).join(" | ");
}

/** One or two terms must all match; of more, a third may be missing (3 → 2, 4 → 3, 6 → 4). */
export function minimumMatch(n: number): number {
  return n - Math.floor(n / 3);
}

/**
 * A tsquery true when at least `m` of `terms` are: the OR of every choice of `m` of them (renderTerm
 * puts an OR of alternatives in parentheses, so the terms can be joined as they are).
 */
function atLeast(terms: string[], m: number): string {
  if (m >= terms.length) return terms.join(" & ");
  const choices: string[] = [];
  const pick = (start: number, chosen: string[]) => {
    if (chosen.length === m) {
      choices.push(chosen.join(" & "));
      return;
    }
    for (let i = start; i < terms.length; i++) pick(i + 1, [...chosen, terms[i] as string]);
  };
  pick(0, []);
  return choices.map((c) => `(${c})`).join(" | ");
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

type TBuilt = { required: Term[]; optional: Term[]; phrases: string[] };

function buildTerms(q: string, synonyms: SynonymIndex, dropFillers: boolean): TBuilt {
  const built: TBuilt = { required: [], optional: [], phrases: [] };
  for (const chunk of queryChunks(q)) {
    const whole = synonyms.get(piecesKey(chunk));
    if (whole) {
      built.required.push(synonymTerm(whole));
      continue;
    }
    for (const piece of chunk) {
      const forms = synonyms.get(piece.text);
      if (forms) built.required.push(synonymTerm(forms));
      else if (!piece.isHan) built.required.push([piece.lexemes]);
      else addHanRun(piece.text, synonyms, dropFillers, built);
    }
  }
  return built;
}

/**
 * A Han run: synonyms and everyday phrasings are found in it as written (jieba may cut 网购买到 as
 * 网/购买/到), the text between them is cut into jieba's words, and filler words split it further.
 */
function addHanRun(run: string, synonyms: SynonymIndex, dropFillers: boolean, built: TBuilt): void {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length > 0) addWords(pending, built);
    pending = [];
  };
  let plain = "";
  const cutPlain = () => {
    for (const word of plain ? cutWords(plain) : []) {
      if (dropFillers && FILLER_WORDS.has(word)) flush();
      else pending.push(word);
    }
    plain = "";
  };
  const chars = [...run];
  for (let i = 0; i < chars.length; ) {
    const match = longestSynonymAt(chars, i, synonyms, 2);
    if (match) {
      cutPlain();
      flush();
      built.required.push(synonymTerm(match.forms));
      i = match.next;
    } else {
      plain += chars[i];
      i++;
    }
  }
  cutPlain();
  flush();
}

/**
 * Consecutive words of the query. One dictionary word, or a single word, is looked for as written. Of
 * several, each word is a term of its own, found wherever it is in the document ("申请政府信息公开"
 * finds "申请公开政府信息"), and the run as written is a phrase for ranking. Single characters are
 * optional: they add to the score but are not required.
 */
function addWords(words: string[], built: TBuilt): void {
  const run = words.join("");
  const piece = queryPieces(run)[0] as QueryPiece;
  if (words.length === 1 || isIndexedWord(run)) {
    (isSingleHan(run) ? built.optional : built.required).push(runTerm(piece));
    return;
  }
  for (const word of words) {
    const wordPiece = queryPieces(word)[0] as QueryPiece;
    (isSingleHan(word) ? built.optional : built.required).push(runTerm(wordPiece));
  }
  built.phrases.push(renderConjunction(piece.lexemes));
}
