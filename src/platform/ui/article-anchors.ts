// Stable anchors for citing a law's articles and chapters: 第十二条 is #art-12, 第十条之一 is
// #art-10-1, 第三章 is #chap-3 and its 第二节 is #chap-3-sec-2 (sections restart in each chapter).

import { chineseNumber } from "../text";

const NUMERAL = "[零〇一二两三四五六七八九十百千\\d]+";
/**
 * 第X条 or 第X条之Y at the start of a paragraph, followed by a space, the end of its bold, or the end
 * of the paragraph (not 第三条规定的…).
 */
const ARTICLE_RE = new RegExp(`^(第(${NUMERAL})条(?:之(${NUMERAL}))?)(?=[\\s\\u3000*_]|$)`, "u");
const HEADING_RE = new RegExp(`^(第(${NUMERAL})(章|节))(?=[\\s\\u3000]|$)`, "u");

export type TAnchor = { id: string; label: string };

/** The anchor of a paragraph that starts an article, with the label as written (第十条之一). */
export function articleAnchor(text: string): TAnchor | null {
  const m = ARTICLE_RE.exec(text);
  if (!m?.[1] || !m[2]) return null;
  const n = chineseNumber(m[2]);
  const sub = m[3] === undefined ? 0 : chineseNumber(m[3]);
  if (!n || sub === null || (m[3] !== undefined && !sub)) return null;
  return { id: sub ? `art-${n}-${sub}` : `art-${n}`, label: m[1] };
}

/**
 * The anchor of a 章 or 节 heading. `chapter` is the number of the chapter the heading is in, for a
 * 节; the caller keeps it from the chapter headings it has seen.
 */
export function headingAnchor(
  text: string,
  chapter: number | null,
): (TAnchor & { kind: "chapter" | "section"; number: number }) | null {
  const m = HEADING_RE.exec(text);
  if (!m?.[1] || !m[2]) return null;
  const n = chineseNumber(m[2]);
  if (!n) return null;
  if (m[3] === "章") return { id: `chap-${n}`, label: m[1], kind: "chapter", number: n };
  return {
    id: chapter ? `chap-${chapter}-sec-${n}` : `sec-${n}`,
    label: m[1],
    kind: "section",
    number: n,
  };
}
