import MarkdownIt, { type StateBlock, type StateCore, type StateInline, type Token } from "markdown-it";

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
