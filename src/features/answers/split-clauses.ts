import { articleAnchor, headingAnchor } from "../../platform/ui/article-anchors";

/** One citable unit of a document: an article (第X条, with its 款) or, without articles, a paragraph. */
export type TClause = {
  /** Position in the document, from 1. */
  seq: number;
  /** 第三十三条, 第十条之一, or 第2段 for a document without articles. */
  label: string;
  /** The id of the article on the document page (art-33), or "" when the page has none for it. */
  anchor: string;
  /** 第二章 总则 (and 第一节 … when present), or "". */
  chapter: string;
  /** The article's text as written, its 款 one to a line, without the leading label. */
  body: string;
};

// A clause longer than this is cut: an article that long is an annex or a table, not an answer.
const MAX_CLAUSE_CHARS = 4_000;
// A document without articles keeps this many paragraphs at most (a gazette issue, a long report).
const MAX_PARAGRAPHS = 400;

const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const HEADING = /^#{1,6}\s+(.*)$/;
const LEADING_EMPHASIS = /^[*_]+/;
const EMPHASIS = /\*\*|__/g;

/**
 * Splits a Markdown body into its articles, the way the document page anchors them
 * (platform/ui/markdown.ts): a line that starts with 第X条 starts an article, the first article
 * with a given number keeps the anchor (a 修正案 quoting another law's 第十一条 does not start a
 * second one), the lines after it up to the next article or heading are its 款. 章 and 节 headings
 * name the chapter of the articles under them. Text before the first article (a preamble) is not an
 * article and is left out when the document has articles; a document with none is split into
 * paragraphs instead.
 */
export function splitClauses(markdown: string): TClause[] {
  const lines = markdown
    .replace(HTML_COMMENT, "\n")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const articles: TClause[] = [];
  const seen = new Set<string>();
  let chapter = "";
  let section = "";
  let chapterNo: number | null = null;
  let current: TClause | null = null;
  for (const line of lines) {
    const heading = HEADING.exec(line);
    if (heading) {
      const text = (heading[1] ?? "").replace(EMPHASIS, "").trim();
      const h = headingAnchor(text, chapterNo);
      if (h?.kind === "chapter") {
        chapterNo = h.number;
        chapter = text;
        section = "";
      } else if (h?.kind === "section") section = text;
      current = null;
      continue;
    }
    const plain = line.replace(LEADING_EMPHASIS, "");
    const anchor = articleAnchor(plain);
    if (anchor && !seen.has(anchor.id)) {
      seen.add(anchor.id);
      current = {
        seq: articles.length + 1,
        label: anchor.label,
        anchor: anchor.id,
        chapter: [chapter, section].filter(Boolean).join(" "),
        body: cleanText(plain.slice(anchor.label.length)),
      };
      articles.push(current);
    } else if (current) {
      current.body = `${current.body}\n${cleanText(line)}`.slice(0, MAX_CLAUSE_CHARS);
    }
  }
  if (articles.length > 0) return articles.map((a) => ({ ...a, body: a.body.trim() }));
  return lines
    .filter((l) => !HEADING.test(l))
    .slice(0, MAX_PARAGRAPHS)
    .map((l, i) => ({ seq: i + 1, label: `第${i + 1}段`, anchor: "", chapter: "", body: cleanText(l) }))
    .filter((p) => p.body.length > 0);
}

function cleanText(s: string): string {
  return s
    .replace(EMPHASIS, "")
    .replace(/^[\s\u3000*_]+/, "")
    .slice(0, MAX_CLAUSE_CHARS);
}
