import { normalizeForSearch } from "./normalize";
import { cutWords, isIndexedWord, isSingleHan, type QueryPiece, queryChunks, queryPieces } from "./segment";

/** Lexemes that must all occur. */
export type Conjunction = string[];
/** One query word: any of its alternatives matches it. */
export type Term = Conjunction[];

/** At most this many AND-ed words reach the database. */
const MAX_TERMS = 24;

/**
 * Builds the text for `to_tsquery('simple', $1)`: the query's words AND-ed, each word an OR of its
 * forms (a synonym group's members, or a dictionary word and its bigrams). Every lexeme is quoted
 * and holds only Han characters or ASCII letters and digits, so no input can produce a tsquery
 * syntax error. Null when nothing searchable remains. No phrase operator (`<->`) is used, even for
 * words of several tokens: positions are not adjacent in the index (see segment.ts).
 */
export function toTsQuery(q: string, synonyms: string[][] = []): string | null {
  const terms = buildTerms(q, synonymIndex(synonyms));
  if (terms.length === 0) return null;
  const rendered = new Set(terms.map(renderTerm));
  return [...rendered].slice(0, MAX_TERMS).join(" & ");
}

/** member (normalised) → every member of its group, each as query pieces. */
export type SynonymIndex = Map<string, QueryPiece[][]>;

/**
 * Every member of a group stands for every other; a directional pair (`phrasings`) lets the
 * everyday word stand for the legal terms, not the other way round, so a search for 行政处罚 is not
 * widened to every text that says 罚款.
 */
export function synonymIndex(
  groups: string[][],
  phrasings: readonly (readonly [string, readonly string[]])[] = [],
): SynonymIndex {
  const index: SynonymIndex = new Map();
  const add = (keys: string[], members: string[]) => {
    const forms = members.map(piecesOf).filter((pieces) => pieces.length > 0);
    for (const key of keys) {
      const pieces = piecesOf(key);
      if (pieces.length === 0) continue;
      const k = piecesKey(pieces);
      index.set(k, [...(index.get(k) ?? []), ...forms]);
    }
  };
  for (const group of groups) add(group, group);
  for (const [everyday, legal] of phrasings) add([everyday], [everyday, ...legal]);
  return index;
}

function piecesOf(member: string): QueryPiece[] {
  return queryPieces(normalizeForSearch(member).replace(/\s+/gu, ""));
}

/** What a member or a typed word is compared by: its searchable characters only. */
export function piecesKey(pieces: QueryPiece[]): string {
  return pieces.map((piece) => piece.text).join("");
}

function buildTerms(q: string, synonyms: SynonymIndex): Term[] {
  const terms: Term[] = [];
  for (const chunk of queryChunks(q)) {
    const whole = synonyms.get(piecesKey(chunk));
    if (whole) {
      terms.push(synonymTerm(whole));
      continue;
    }
    for (const piece of chunk) terms.push(...pieceTerms(piece, synonyms));
  }
  return terms;
}

function pieceTerms(piece: QueryPiece, synonyms: SynonymIndex): Term[] {
  const forms = synonyms.get(piece.text);
  if (forms) return [synonymTerm(forms)];
  if (!piece.isHan) return [[piece.lexemes]];
  if (synonyms.size === 0) return [runTerm(piece)];
  return splitOnSynonyms(piece.text, synonyms);
}

/**
 * A Han run that contains a synonym as whole jieba words ("医保报销" → 医保 / 报销) is split there:
 * the synonym becomes an OR of its group, the rest stays as runs.
 */
function splitOnSynonyms(run: string, synonyms: SynonymIndex): Term[] {
  const words = cutWords(run);
  const terms: Term[] = [];
  let pending = "";
  for (let i = 0; i < words.length; ) {
    const match = longestSynonymAt(words, i, synonyms);
    if (!match) {
      pending += words[i];
      i++;
      continue;
    }
    if (pending) terms.push(...queryPieces(pending).map(runTerm));
    pending = "";
    terms.push(synonymTerm(match.forms));
    i = match.next;
  }
  if (pending) terms.push(...queryPieces(pending).map(runTerm));
  return terms;
}

export function longestSynonymAt(
  words: string[],
  start: number,
  synonyms: SynonymIndex,
  minLength = 1,
): { forms: QueryPiece[][]; next: number } | null {
  for (let end = words.length; end >= start + minLength; end--) {
    const forms = synonyms.get(words.slice(start, end).join(""));
    if (forms) return { forms, next: end };
  }
  return null;
}

/** A Han run requires its bigrams; a run that is itself a dictionary word may also match whole. */
export function runTerm(piece: QueryPiece): Term {
  if (piece.isHan && isIndexedWord(piece.text)) return [[piece.text], piece.lexemes];
  return [piece.lexemes];
}

/** Each member of a synonym group is one alternative requiring all of its pieces. */
export function synonymTerm(forms: QueryPiece[][]): Term {
  return forms.flatMap((pieces): Term => {
    if (pieces.length === 1 && pieces[0]) return runTerm(pieces[0]);
    return [pieces.flatMap((piece) => piece.lexemes)];
  });
}

export function renderTerm(term: Term): string {
  const alternatives = [...new Set(term.map(renderConjunction))];
  if (alternatives.length === 1) return alternatives[0] ?? "";
  return `(${alternatives.map((alt) => (alt.includes(" & ") ? `(${alt})` : alt)).join(" | ")})`;
}

export function renderConjunction(lexemes: Conjunction): string {
  return [...new Set(lexemes)].map(renderLexeme).join(" & ");
}

/** A quoted lexeme; a single Han character is a prefix (see segment.ts). */
function renderLexeme(lexeme: string): string {
  const quoted = `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
  return isSingleHan(lexeme) ? `${quoted}:*` : quoted;
}
