import { getJieba } from "./jieba";
import { HAN_CLASS, joinHanAcrossSpaces, normalizeForSearch } from "./normalize";

/*
 * How Chinese text becomes search tokens, and why.
 *
 * jieba's segmentation depends on context: "犯罪案件" alone is cut 犯罪/案件 (search mode adds
 * 罪案), but inside "涉嫌犯罪案件" it is cut 涉嫌犯罪/案件 and 罪案 never appears; "市人民政府"
 * alone yields the token 市, inside "直辖市人民政府" it does not. Measured on the legal corpus,
 * about 1 % of realistic query phrases that literally occur in a paragraph were missed when the
 * query was segmented with jieba (in any mode) and matched against jieba's tokens of the text.
 *
 * So matching does not rest on jieba agreeing with itself. For every run of Han characters the
 * index holds:
 *   - every overlapping character bigram of the run, and the run's last character on its own;
 *   - jieba's search-mode words of three or more characters (its two-character words are bigrams
 *     already, its one-character words are mostly particles like 的/和).
 * A query's Han run then requires all of its own bigrams. If the run occurs in a document, each of
 * its bigrams is a bigram of the document's run, so the query matches: by construction, not by
 * luck. Cross-word bigrams (府信, 息公 in 政府信息公开) keep the match close to phrase precision.
 * A one-character query run is matched as a prefix (`'税':*`): every character of an indexed run
 * starts a bigram or is the run's last character, so the prefix finds it wherever it occurs.
 * jieba's whole words serve ranking: a query run that is itself a dictionary word is OR-ed with
 * that word, which does not change what matches (the word's presence implies its bigrams) but
 * lets ts_rank prefer documents where it stands as a word.
 *
 * Phrase operators (`<->`) are not used: search-mode words and bigrams interleave in the token
 * stream, and PostgreSQL clamps positions at 16383, so adjacency would fail in long documents.
 *
 * ASCII letters and digits form whole words ("2020", "5g", "covid", "19"); every other character
 * separates. Full-width forms are folded (NFKC) and case is lowered first. Whitespace between two
 * Han characters is dropped in documents (it is layout, e.g. PDF line ends) but separates words in
 * queries (it is how people type two keywords).
 */

const TOKEN_RUN = new RegExp(`[${HAN_CLASS}]+|[a-z0-9]+`, "gu");
const QUERY_SPACE = /\s+/u;
const SURROGATE = /[\uD800-\uDFFF]/;
/** Digits, e, digits followed by a letter: PostgreSQL reads the head as a float ("1e5x" → 1e5, x). */
const FLOAT_HEAD = /^\d+e\d+(?=[a-z])/;
/** Longer ASCII runs are hashes, base64 or URLs run together: never searched for, so not indexed. */
const MAX_ASCII_WORD = 40;
/** A query is a few words; a pasted page must not become a tsquery of thousands of lexemes. */
const MAX_QUERY_CHARS = 128;
const MIN_WORD_CHARS = 3;

/** One searchable piece of a query: a Han run or an ASCII word, with the lexemes it requires. */
export type QueryPiece = { text: string; isHan: boolean; lexemes: string[] };

/** Tokens to index for a text: Han bigrams, run-final characters, jieba words, ASCII words. */
export function tokensForIndex(text: string): string[] {
  const tokens: string[] = [];
  const prepared = joinHanAcrossSpaces(normalizeForSearch(text));
  for (const match of prepared.matchAll(TOKEN_RUN)) {
    const run = match[0];
    if (!isAsciiStart(run)) pushHanTokens(run, tokens);
    else for (const lexeme of asciiLexemes(run)) tokens.push(lexeme);
  }
  return tokens;
}

/** The text for `to_tsvector('simple', …)`: the index tokens joined by spaces. */
export function indexText(text: string): string {
  return tokensForIndex(text).join(" ");
}

/**
 * The query as AND-ed groups; every lexeme of a group must occur in a matching document. A group
 * with one Han character is meant as a prefix (see toTsQuery).
 */
export function queryTerms(q: string): string[][] {
  const groups: string[][] = [];
  const seen = new Set<string>();
  for (const chunk of queryChunks(q)) {
    for (const piece of chunk) {
      const key = piece.lexemes.join(" ");
      if (!seen.has(key)) {
        seen.add(key);
        groups.push(piece.lexemes);
      }
    }
  }
  return groups;
}

/**
 * The words to highlight for a query: each typed word, each Han or ASCII piece of it, and jieba's
 * words of two or more characters inside the Han pieces. Longest first.
 */
export function queryWords(q: string): string[] {
  const words = new Set<string>();
  for (const chunk of queryChunks(q)) {
    words.add(chunk.map((piece) => piece.text).join(""));
    for (const piece of chunk) {
      words.add(piece.text);
      if (piece.isHan) for (const word of cutWords(piece.text)) if ([...word].length >= 2) words.add(word);
    }
  }
  return [...words].sort((a, b) => b.length - a.length);
}

/** The query split on whitespace into chunks, each chunk into Han runs and ASCII words. */
export function queryChunks(q: string): QueryPiece[][] {
  const text = [...normalizeForSearch(q)].slice(0, MAX_QUERY_CHARS).join("");
  const chunks: QueryPiece[][] = [];
  for (const chunkText of text.split(QUERY_SPACE)) {
    const pieces = queryPieces(chunkText);
    if (pieces.length > 0) chunks.push(pieces);
  }
  return chunks;
}

/** The pieces of an already normalised text with no whitespace. */
export function queryPieces(text: string): QueryPiece[] {
  const pieces: QueryPiece[] = [];
  for (const match of text.matchAll(TOKEN_RUN)) {
    const run = match[0];
    if (isAsciiStart(run)) {
      const lexemes = asciiLexemes(run);
      if (lexemes.length > 0) pieces.push({ text: run, isHan: false, lexemes });
    } else {
      pieces.push({ text: run, isHan: true, lexemes: hanQueryLexemes(run) });
    }
  }
  return pieces;
}

/** jieba's coarse cut of a Han run (the words a person would see). */
export function cutWords(run: string): string[] {
  return getJieba().cut(run, false);
}

/** Whether jieba indexes this Han run as one word of three or more characters. */
export function isIndexedWord(run: string): boolean {
  return codePoints(run).length >= MIN_WORD_CHARS && getJieba().cutForSearch(run, false).includes(run);
}

/** Whether a lexeme stands for a single Han character, which is matched as a prefix. */
export function isSingleHan(lexeme: string): boolean {
  return codePoints(lexeme).length === 1 && !isAsciiStart(lexeme);
}

function pushHanTokens(run: string, out: string[]): void {
  if (SURROGATE.test(run)) {
    pushHanTokensOf(Array.from(run), run, out);
    return;
  }
  // Fast path for the usual case: every character is one UTF-16 unit, so slices are characters.
  if (run.length >= MIN_WORD_CHARS) {
    for (const word of getJieba().cutForSearch(run, false)) if (word.length >= MIN_WORD_CHARS) out.push(word);
  }
  for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  out.push(run.slice(-1));
}

function pushHanTokensOf(chars: string[], run: string, out: string[]): void {
  if (chars.length >= MIN_WORD_CHARS) {
    for (const word of getJieba().cutForSearch(run, false)) {
      if (Array.from(word).length >= MIN_WORD_CHARS) out.push(word);
    }
  }
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  out.push(chars[chars.length - 1] ?? "");
}

function hanQueryLexemes(run: string): string[] {
  const chars = codePoints(run);
  if (chars.length === 1) return [run];
  const bigrams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) bigrams.add(`${chars[i]}${chars[i + 1]}`);
  return [...bigrams];
}

/** An ASCII word as PostgreSQL's parser will see it (see FLOAT_HEAD), or nothing if too long. */
function asciiLexemes(run: string): string[] {
  if (run.length > MAX_ASCII_WORD) return [];
  const head = FLOAT_HEAD.exec(run);
  return head ? [head[0], run.slice(head[0].length)] : [run];
}

function isAsciiStart(run: string): boolean {
  const code = run.charCodeAt(0);
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
}

function codePoints(text: string): string[] {
  return SURROGATE.test(text) ? Array.from(text) : text.split("");
}
