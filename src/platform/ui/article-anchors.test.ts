import { describe, expect, it } from "vitest";
import { chineseNumber } from "../text";
import { articleAnchor, headingAnchor } from "./article-anchors";
import { renderMarkdown } from "./markdown";

// The article numbers the anchors read: the one Chinese-numeral reader of the platform.
describe("chineseNumber on article numbers", () => {
  it.each([
    ["一", 1],
    ["十", 10],
    ["十二", 12],
    ["二十", 20],
    ["二十一", 21],
    ["一百", 100],
    ["一百零五", 105],
    ["一百一十", 110],
    ["一百二十三", 123],
    ["两百", 200],
    ["一千零一", 1001],
    ["一千二百六十", 1260],
    ["〇", 0],
    ["37", 37],
  ])("%s is %i", (text, n) => {
    expect(chineseNumber(text)).toBe(n);
  });

  it.each(["", "十百", "百百", "甲", "三x"])("%s is not a number", (text) => {
    expect(chineseNumber(text)).toBeNull();
  });
});

describe("articleAnchor", () => {
  it.each([
    ["第一条 为了规范……", "art-1", "第一条"],
    ["第十二条\u3000本办法自公布之日起施行。", "art-12", "第十二条"],
    ["第一百二十三条 当事人……", "art-123", "第一百二十三条"],
    ["第十条之一 新增的条文", "art-10-1", "第十条之一"],
    ["第二十条之二", "art-20-2", "第二十条之二"],
    ["第5条 阿拉伯数字的条号", "art-5", "第5条"],
    ["第三条** 加粗的条号", "art-3", "第三条"],
  ])("%s → #%s", (text, id, label) => {
    expect(articleAnchor(text)).toEqual({ id, label });
  });

  it.each([
    "第三条规定的事项，依照本条例办理。",
    "依照第三条 办理",
    "第零条 不存在",
    "第十条之零 不存在",
    "第条 缺少数字",
  ])("%s has no anchor", (text) => {
    expect(articleAnchor(text)).toBeNull();
  });
});

describe("headingAnchor", () => {
  it("numbers chapters, and sections within their chapter", () => {
    expect(headingAnchor("第十一章\u3000附则", null)).toEqual({
      id: "chap-11",
      label: "第十一章",
      kind: "chapter",
      number: 11,
    });
    expect(headingAnchor("第二节 审查", 3)?.id).toBe("chap-3-sec-2");
    expect(headingAnchor("第二节 审查", null)?.id).toBe("sec-2");
    expect(headingAnchor("第一章规定的", null)).toBeNull();
  });
});

describe("renderMarkdown anchors", () => {
  const body = [
    "## 第一章　总则",
    "第一条 为了保障。",
    "**第十条之一** 新增。",
    "第三条规定的事项不是条文。",
    "## 第二章 管理",
    "### 第一节 一般规定",
    "第十一条 宪法第十一条增加规定。",
    "第十一条 重复的条号。",
  ].join("\n\n");
  const html = renderMarkdown(body);

  it("gives each article and heading its id and links its label to it", () => {
    expect(html).toContain('<h3 id="chap-1"><a href="#chap-1" class="anchor-link">第一章</a>　总则</h3>');
    expect(html).toContain(
      '<p id="art-1" class="article"><a href="#art-1" class="anchor-link">第一条</a> 为了保障。</p>',
    );
    expect(html).toContain(
      '<p id="art-10-1" class="article"><strong><a href="#art-10-1" class="anchor-link">第十条之一</a></strong> 新增。</p>',
    );
    expect(html).toContain('<h4 id="chap-2-sec-1">');
    expect(html).toContain("<p>第三条规定的事项不是条文。</p>");
  });

  it("never gives two blocks one id", () => {
    expect(html.match(/id="art-11"/g)).toHaveLength(1);
    expect(html).toContain("<p>第十一条 重复的条号。</p>");
  });

  it("anchors articles typed one to a line on their label's link", () => {
    expect(renderMarkdown("第一条 甲。\n第二条 乙。\n**第三条** 丙。\n依照第二条 办理\n\n第二条 重复")).toBe(
      '<p id="art-1" class="article"><a href="#art-1" class="anchor-link">第一条</a> 甲。<br>\n' +
        '<a id="art-2" href="#art-2" class="anchor-link">第二条</a> 乙。<br>\n' +
        '<strong><a id="art-3" href="#art-3" class="anchor-link">第三条</a></strong> 丙。<br>\n' +
        "依照第二条 办理</p>\n<p>第二条 重复</p>\n",
    );
  });
});
