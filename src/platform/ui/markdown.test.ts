import { describe, expect, it } from "vitest";
import { markdownToPlainText, renderMarkdown } from "./markdown";

const SITE = "https://gongkai.example.gov.cn/documents/7";

/** Every href and src in the HTML, with attribute escaping undone, as a browser would read them. */
function urlsIn(html: string): string[] {
  const decode = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => decode(m[1] ?? ""));
}

/** Resolves a URL with the WHATWG parser (which drops tabs and newlines, as browsers do). */
function protocolOf(url: string): string {
  return new URL(url, SITE).protocol;
}

function expectNoActiveContent(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(?:img|a|iframe|svg|object|embed)\b[^>]*\son\w+\s*=/i);
  expect(html).not.toMatch(/<(?:iframe|object|embed|svg|style)/i);
  for (const url of urlsIn(html)) expect(["http:", "https:", "mailto:"]).toContain(protocolOf(url));
}

describe("renderMarkdown: raw HTML", () => {
  it.each([
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">点我</a>',
    "<iframe src=https://evil.example></iframe>",
    "<svg onload=alert(1)>",
    "段落中 <b onmouseover=alert(1)>加粗</b> 的文字",
    "<div>\n\n**仍是 Markdown**\n\n</div>",
  ])("escapes %j instead of passing it through", (source) => {
    const html = renderMarkdown(source);
    expectNoActiveContent(html);
    expect(html).toContain("&lt;");
  });

  it("keeps the escaped tag visible as text", () => {
    expect(renderMarkdown("<script>alert(1)</script>")).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n",
    );
  });

  it("drops HTML comments, which are notes and not content", () => {
    const html = renderMarkdown(
      "# 某某条例\n\n2018年6月28日 通过\n\n<!-- INFO END -->\n\n第一条 为了<!-- 内部备注 -->规范。",
    );
    expect(html).not.toContain("INFO END");
    expect(html).not.toContain("内部备注");
    expect(html).toContain(
      '<p id="art-1" class="article"><a href="#art-1" class="anchor-link">第一条</a> 为了规范。</p>',
    );
  });

  it("keeps text that follows a comment on the same line", () => {
    const html = renderMarkdown("<!-- 备注 --> 第一条 正文");
    expect(html).toContain("第一条 正文</p>");
    expect(html).not.toContain("备注");
    expect(renderMarkdown("<!-- 多行\n备注 -->\n\n第二条")).toBe(
      '<p id="art-2" class="article"><a href="#art-2" class="anchor-link">第二条</a></p>\n',
    );
  });

  it("shows an unclosed comment as text rather than hiding the rest of the document", () => {
    const html = renderMarkdown("<!-- 未闭合\n\n第二条 后文");
    expect(html).toContain("&lt;!-- 未闭合");
    expect(html).toContain("第二条</a> 后文");
  });
});

describe("renderMarkdown: links and images", () => {
  it.each([
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x]( javascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](file:///etc/passwd)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<data:text/html,hi>",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
  ])("never makes an active link of %j", (source) => {
    const html = renderMarkdown(source);
    expectNoActiveContent(html);
    expect(html).not.toMatch(/<a\s/);
    expect(html).not.toMatch(/<img\s/);
  });

  it("links http, https, mailto, relative and anchor URLs", () => {
    const html = renderMarkdown(
      "[国务院](https://www.gov.cn/) [旧站](http://old.example.cn/a?b=1&c=2) [来信](mailto:zwgk@example.gov.cn) [目录](/documents?kind=policy) [本条](#tiao-1)",
    );
    expect(urlsIn(html)).toEqual([
      "https://www.gov.cn/",
      "http://old.example.cn/a?b=1&c=2",
      "mailto:zwgk@example.gov.cn",
      "/documents?kind=policy",
      "#tiao-1",
    ]);
    expectNoActiveContent(html);
  });

  it("marks external links noopener noreferrer nofollow, and only those", () => {
    const html = renderMarkdown(
      "[外部](https://evil.example/) [协议相对](//evil.example/x) [站内](/about) [邮件](mailto:a@b.cn)",
    );
    expect(html).toContain('<a href="https://evil.example/" rel="noopener noreferrer nofollow">外部</a>');
    expect(html).toContain('<a href="//evil.example/x" rel="noopener noreferrer nofollow">协议相对</a>');
    expect(html).toContain('<a href="/about">站内</a>');
    expect(html).toContain('<a href="mailto:a@b.cn">邮件</a>');
  });

  it("turns autolinks and bare web addresses into safe links", () => {
    const html = renderMarkdown(
      "详见<https://www.gov.cn/zhengce/>，或访问 http://www.example.gov.cn/a 。邮箱 <zwgk@example.gov.cn>",
    );
    expect(html).toContain(
      '<a href="https://www.gov.cn/zhengce/" rel="noopener noreferrer nofollow">https://www.gov.cn/zhengce/</a>',
    );
    expect(html).toContain('<a href="http://www.example.gov.cn/a" rel="noopener noreferrer nofollow">');
    expect(html).toContain('<a href="mailto:zwgk@example.gov.cn">zwgk@example.gov.cn</a>');
  });

  it("does not guess links from file names", () => {
    expect(renderMarkdown("见附件 README.md 与 关于印发.docx")).not.toContain("<a");
  });

  it("shows images from http(s) and relative sources, and only the alt text otherwise", () => {
    expect(renderMarkdown("![区位图](/files/12)")).toContain('<img src="/files/12" alt="区位图">');
    expect(renderMarkdown("![图](https://img.example.cn/a.png)")).toContain(
      '<img src="https://img.example.cn/a.png"',
    );
    const refused = renderMarkdown("![邮件图](mailto:a@b.cn)");
    expect(refused).not.toContain("<img");
    expect(refused).toContain("邮件图");
  });
});

describe("renderMarkdown: structure", () => {
  it("shifts headings down one level, capped at h6", () => {
    const html = renderMarkdown("# 一\n## 二\n### 三\n#### 四\n##### 五\n###### 六");
    expect(html).toBe("<h2>一</h2>\n<h3>二</h3>\n<h4>三</h4>\n<h5>四</h5>\n<h6>五</h6>\n<h6>六</h6>\n");
    expect(renderMarkdown("标题\n===")).toBe("<h2>标题</h2>\n");
  });

  it("renders tables", () => {
    const html = renderMarkdown(
      "| 序号 | 事项 | 责任单位 |\n|---|---|:-:|\n| 1 | 公开财政预决算 | 区财政局 |",
    );
    expect(html).toContain("<table>");
    expect(html).toContain("<th>事项</th>");
    expect(html).toContain('<th style="text-align:center">责任单位</th>');
    expect(html).toContain("<td>公开财政预决算</td>");
  });

  it("keeps single newlines as line breaks and blank lines as paragraphs", () => {
    expect(renderMarkdown("第一条 甲。\n第二条 乙。\n\n第三条 丙。")).toBe(
      '<p id="art-1" class="article"><a href="#art-1" class="anchor-link">第一条</a> 甲。<br>\n' +
        '<a id="art-2" href="#art-2" class="anchor-link">第二条</a> 乙。</p>\n' +
        '<p id="art-3" class="article"><a href="#art-3" class="anchor-link">第三条</a> 丙。</p>\n',
    );
  });

  it("leaves quotes and dashes as written", () => {
    expect(renderMarkdown('他说"依法公开"--不得拖延...(c)')).toBe(
      "<p>他说&quot;依法公开&quot;--不得拖延...(c)</p>\n",
    );
  });

  it("renders Chinese text with full-width punctuation unchanged", () => {
    const source =
      "第十二条　行政机关应当建立健全政府信息公开协调机制。（一）**主动公开**；（二）依申请公开。";
    expect(renderMarkdown(source)).toBe(
      '<p id="art-12" class="article"><a href="#art-12" class="anchor-link">第十二条</a>　行政机关应当建立健全政府信息公开协调机制。（一）<strong>主动公开</strong>；（二）依申请公开。</p>\n',
    );
  });

  it("returns the same output for the same input across calls", () => {
    const source = "# 标题\n\n[链接](https://www.gov.cn/)";
    expect(renderMarkdown(source)).toBe(renderMarkdown(source));
  });
});

describe("markdownToPlainText", () => {
  const excerpt = [
    "# 中华人民共和国政府信息公开条例",
    "",
    "2007年4月5日中华人民共和国国务院令第492号公布",
    "",
    "<!-- INFO END -->",
    "",
    "## 第一章 总则",
    "",
    "第一条 为了保障公民、法人和其他组织依法获取政府信息，提高政府工作的**透明度**，制定本条例。",
    "",
    "第二条 本条例所称政府信息，是指行政机关在履行行政管理职能过程中制作或者获取的，以一定形式记录、保存的信息。",
    "",
    "（一）行政法规、规章和规范性文件；",
    "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名；",
    "",
    "详见[国务院公报](https://www.gov.cn/gongbao/)。![二维码](/files/3)",
    "",
    "| 项目 | 数量 |",
    "|---|---|",
    "| 新收申请 | 12 |",
  ].join("\n");

  it("gives the visible text of a legal document, one block per line", () => {
    expect(markdownToPlainText(excerpt)).toBe(
      [
        "中华人民共和国政府信息公开条例",
        "2007年4月5日中华人民共和国国务院令第492号公布",
        "第一章 总则",
        "第一条 为了保障公民、法人和其他组织依法获取政府信息，提高政府工作的透明度，制定本条例。",
        "第二条 本条例所称政府信息，是指行政机关在履行行政管理职能过程中制作或者获取的，以一定形式记录、保存的信息。",
        "（一）行政法规、规章和规范性文件；",
        "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名；",
        "详见国务院公报。二维码",
        "项目\t数量",
        "新收申请\t12",
      ].join("\n"),
    );
  });

  it("keeps link text but not URLs, and image alt text", () => {
    expect(markdownToPlainText("[点此下载](https://x.example/a.pdf) ![附图 *一*](/files/1)")).toBe(
      "点此下载 附图 一",
    );
  });

  it("decodes entities and keeps escaped characters and code as written", () => {
    expect(markdownToPlainText("A &amp; B \\*不是强调\\* `x < y`")).toBe("A & B *不是强调* x < y");
  });

  it("shows raw HTML as the text a reader sees, and drops comments", () => {
    expect(markdownToPlainText("<b>粗</b><!-- 备注 -->文")).toBe("<b>粗</b>文");
  });

  it("puts list items, quotes and code blocks on their own lines", () => {
    expect(markdownToPlainText("- 甲\n- 乙\n\n> 引文\n\n```\n代码行\n```\n\n---\n\n尾")).toBe(
      "甲\n乙\n引文\n代码行\n尾",
    );
  });

  it("returns an empty string for an empty or markup-only body", () => {
    expect(markdownToPlainText("")).toBe("");
    expect(markdownToPlainText("---\n\n<!-- 只有注释 -->")).toBe("");
  });
});
