/**
 * Character classes and normalisation shared by the text tools.
 *
 * Only two kinds of characters ever end up inside a search token: Han ideographs and ASCII letters
 * or digits. Both are single "word" characters for PostgreSQL's default text-search parser in any
 * UTF-8 locale (C.UTF-8 included), so a token built from them is never split or merged differently
 * by `to_tsvector` / `to_tsquery`. Everything else is a separator.
 */

/** Han ideographs as a regex class body: 〇, Extension A, the unified block, compatibility
 * ideographs and the supplementary planes (B–H). Radicals are left out on purpose: NFKC folds the
 * Kangxi radicals that PDF extraction produces into the unified ideographs. */
export const HAN_CLASS = "\\u3007\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\u{20000}-\\u{323AF}";

const HAN_BETWEEN_SPACE = new RegExp(`([${HAN_CLASS}])\\s+(?=[${HAN_CLASS}])`, "gu");

/** Folds compatibility forms (full-width ASCII, circled digits, Kangxi radicals…) and case. */
export function normalizeForSearch(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/**
 * Removes whitespace between two Han characters: Chinese has no spaces between words, so a space or
 * line break there comes from layout (PDF line ends, justified headings), not from meaning.
 */
export function joinHanAcrossSpaces(text: string): string {
  return text.replace(HAN_BETWEEN_SPACE, "$1");
}

const FOLDABLE = /[\uFF01-\uFF5E\u3000A-Z]/g;

/**
 * Length-preserving fold used where offsets into the original text matter (snippets, privacy
 * scan): full-width ASCII and the ideographic space become their half-width forms, ASCII is
 * lowercased. Every UTF-16 unit maps to exactly one unit.
 */
export function foldWidth(text: string): string {
  return text.replace(FOLDABLE, foldChar);
}

function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code === 0x3000) return " ";
  const half = code >= 0xff01 ? code - 0xfee0 : code;
  return String.fromCharCode(half >= 0x41 && half <= 0x5a ? half + 0x20 : half);
}
