import MarkdownIt, { type StateBlock, type StateCore, type StateInline, type Token } from "markdown-it";
import { articleAnchor, headingAnchor, type TAnchor } from "./article-anchors";

/** Schemes a link may use; anything else with a scheme (javascript:, data:, vbscript:, file:…) is refused. */
const LINK_SCHEMES = new Set(["http", "https", "mailto"]);
/** Schemes an image may load from. */
const IMAGE_SCHEMES = new Set(["http", "https"]);
/** Absolute and protocol-relative web addresses lead off the site. */
const EXTERNAL_RE = /^(?:https?:)?\/\//i;
const EXTERNAL_REL = "noopener noreferrer nofollow";

/**
 * The scheme of a (normalized) URL, lower-cased; "" when it has none, i.e. it is relative or an anchor.
 * A colon anywhere before the first "/", "?" or "#" counts as a scheme separator, whatever the
 * characters before it: "java%09script:" is refused rather than guessed to be harmless.
 */
function schemeOf(url: string): string {
  const head = url.trim().split(/[/?#]/, 1)[0] ?? "";
  const colon = head.indexOf(":");
  return colon < 0 ? "" : head.slice(0, colon).toLowerCase();
}

function isAllowedUrl(url: string, schemes: Set<string>): boolean {
  const scheme = schemeOf(url);
  return scheme === "" || schemes.has(scheme);
}

/**
 * An HTML comment on its own lines (`<!-- INFO END -->` ends the header of every imported law) is
 * an author's note, not content: it is dropped. Raw HTML stays disabled, so without this rule the
 * comment would show on the page as literal text. An unclosed `<!--` is left as text, so a stray
 * one never hides the rest of a document.
 */
function commentBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
  if ((state.sCount[startLine] ?? 0) - state.blkIndent >= 4) return false;
  if (!state.src.startsWith("<!--", start)) return false;
  let line = startLine;
  let from = start + 4;
  while (line < endLine && !state.src.slice(from, state.eMarks[line]).includes("-->")) {
    line += 1;
    from = state.bMarks[line] ?? 0;
  }
  if (line >= endLine) return false;
  // Text after the comment on its closing line is content: leave that line to the inline rule.
  const close = state.src.indexOf("-->", from) + 3;
  if (state.src.slice(close, state.eMarks[line]).trim() !== "") return false;
  if (!silent) state.line = line + 1;
  return true;
}

/** The same for a comment inside a line of text. */
function commentInline(state: StateInline): boolean {
  if (!state.src.startsWith("<!--", state.pos)) return false;
  const end = state.src.indexOf("-->", state.pos + 4);
  if (end < 0) return false;
  state.pos = end + 3;
  return true;
}

/** The page has its own <h1>, so `#` becomes <h2>, and so on down to <h6>. */
function shiftHeadings(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== "heading_open" && token.type !== "heading_close") continue;
    const level = Number(token.tag.slice(1));
    token.tag = `h${Math.min(level + 1, 6)}`;
  }
}

/** The first text at or after `from`, past emphasis marks (which leave an empty text token before them). */
function firstText(children: Token[], from: number): number {
  let at = from;
  while (
    children[at] &&
    (children[at]?.type === "strong_open" ||
      children[at]?.type === "em_open" ||
      (children[at]?.type === "text" && children[at]?.content === ""))
  )
    at += 1;
  return children[at]?.type === "text" ? at : -1;
}

/**
 * The label (第十二条, 第三章) at `children[at]` becomes a link to its anchor, so a reader can copy or
 * share the address of one article. `id` puts the anchor on the link itself, for an article that
 * starts on a new line inside a paragraph rather than a block of its own.
 */
function linkLabel(state: StateCore, children: Token[], at: number, anchor: TAnchor, id?: string): void {
  const text = children[at];
  if (!text?.content.startsWith(anchor.label)) return;
  const open = new state.Token("link_open", "a", 1);
  open.attrs = [
    ...(id ? [["id", id] as [string, string]] : []),
    ["href", `#${anchor.id}`],
    ["class", "anchor-link"],
  ];
  const label = new state.Token("text", "", 0);
  label.content = anchor.label;
  const close = new state.Token("link_close", "a", -1);
  text.content = text.content.slice(anchor.label.length);
  children.splice(at, text.content ? 0 : 1, open, label, close);
}

/**
 * Articles typed one to a line (a single Enter between them) share a paragraph: each one after a
 * line break gets its anchor on its label's link.
 */
function lineAnchors(state: StateCore, inline: Token, seen: Set<string>): void {
  const children = inline.children ?? [];
  const found: { at: number; anchor: TAnchor }[] = [];
  children.forEach((t, j) => {
    if (t.type !== "softbreak" && t.type !== "hardbreak") return;
    const at = firstText(children, j + 1);
    const anchor = at < 0 ? null : articleAnchor(children[at]?.content ?? "");
    if (!anchor || seen.has(anchor.id)) return;
    seen.add(anchor.id);
    found.push({ at, anchor });
  });
  // From the last, so that each splice leaves the positions before it as they were.
  for (const { at, anchor } of found.reverse()) linkLabel(state, children, at, anchor, anchor.id);
}

/**
 * Anchors for citing (see article-anchors): an id on each paragraph that starts an article and on
 * each 章 and 节 heading, the label linking to it. The first with an id keeps it: a law that quotes
 * another's articles (a 修正案 quoting 第十一条) must not give two blocks one id. Only a label that
 * is the block's first text (possibly in bold) counts: one that opens with a link is left alone.
 */
function articleAnchors(state: StateCore): void {
  const seen = new Set<string>();
  let chapter: number | null = null;
  state.tokens.forEach((token, i) => {
    const inline = state.tokens[i + 1];
    if (inline?.type !== "inline") return;
    let anchor: TAnchor | null = null;
    if (token.type === "paragraph_open" && token.level === 0)
      anchor = articleAnchor(inline.content.replace(/^[*_]+/, ""));
    else if (token.type === "heading_open") {
      const heading = headingAnchor(inline.content, chapter);
      if (heading?.kind === "chapter") chapter = heading.number;
      anchor = heading;
    }
    if (anchor && !seen.has(anchor.id)) {
      seen.add(anchor.id);
      token.attrSet("id", anchor.id);
      if (token.type === "paragraph_open") token.attrSet("class", "article");
      const at = firstText(inline.children ?? [], 0);
      if (at >= 0) linkLabel(state, inline.children ?? [], at, anchor);
    }
    if (token.type === "paragraph_open" && token.level === 0) lineAnchors(state, inline, seen);
  });
}

function createRenderer() {
  const md = new MarkdownIt("default", {
    // Raw HTML is escaped, never passed through: the body is shown on a public page.
    html: false,
    // Every file in the corpus of laws separates paragraphs with a blank line and none hard-wraps
    // its lines (of 3,475 files only two have adjacent non-blank lines, and those are meant as
    // separate lines). So honouring single newlines costs nothing there, while text typed or
    // pasted by staff (one Enter per 条 or 款) keeps its lines instead of running together.
    breaks: true,
    linkify: true,
    typographer: false,
  });
  md.validateLink = (url) => isAllowedUrl(url, LINK_SCHEMES);
  md.block.ruler.before("html_block", "html_comment", commentBlock, {
    alt: ["paragraph", "reference", "blockquote"],
  });
  md.inline.ruler.before("html_inline", "html_comment", commentInline);
  md.core.ruler.push("shift_headings", shiftHeadings);
  md.core.ruler.push("article_anchors", articleAnchors);

  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    const token = tokens[idx] as Token;
    if (EXTERNAL_RE.test(String(token.attrGet("href") ?? ""))) token.attrSet("rel", EXTERNAL_REL);
    return self.renderToken(tokens, idx, options);
  };
  const renderImage = md.renderer.rules.image;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx] as Token;
    // Links may be mailto:, images may not; such an image is shown as its alternative text.
    if (!isAllowedUrl(String(token.attrGet("src") ?? ""), IMAGE_SCHEMES) || !renderImage)
      return md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
    return renderImage(tokens, idx, options, env, self);
  };
  return md;
}

const renderer = createRenderer();

// A law of 25 KB takes milliseconds to render and is read thousands of times per version: the HTML
// is kept per source text (the text is the version), least recently used first out, up to ~32 MB.
const RENDERED_MAX_CHARS = 16 * 1024 * 1024;
const rendered = new Map<string, string>();
let renderedChars = 0;

/** Renders a document body written in Markdown as safe HTML for a public page. */
export function renderMarkdown(md: string): string {
  const hit = rendered.get(md);
  if (hit !== undefined) {
    rendered.delete(md);
    rendered.set(md, hit);
    return hit;
  }
  const html = renderer.render(md);
  rendered.set(md, html);
  renderedChars += md.length + html.length;
  for (const [k, v] of rendered) {
    if (renderedChars <= RENDERED_MAX_CHARS) break;
    rendered.delete(k);
    renderedChars -= k.length + v.length;
  }
  return html;
}

function inlineText(tokens: Token[]): string {
  let text = "";
  for (const token of tokens) {
    if (token.type === "text" || token.type === "code_inline") text += token.content;
    else if (token.type === "softbreak" || token.type === "hardbreak") text += "\n";
    else if (token.type === "image") text += inlineText(token.children ?? []);
  }
  return text;
}

/** Separator written after a block token, so that blocks become lines and table cells tab-separated. */
const BLOCK_END: Record<string, string> = {
  paragraph_close: "\n",
  heading_close: "\n",
  tr_close: "\n",
  th_close: "\t",
  td_close: "\t",
  hr: "\n",
};

/** The visible text of a Markdown body (not HTML-escaped): one line per block, link text and image alt kept. */
export function markdownToPlainText(md: string): string {
  let text = "";
  for (const token of renderer.parse(md, {})) {
    if (token.type === "inline") text += inlineText(token.children ?? []);
    else if (token.type === "fence" || token.type === "code_block") text += `${token.content}\n`;
    text += BLOCK_END[token.type] ?? "";
  }
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join("\n");
}
