import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../platform/ui/markdown";
import { splitClauses } from "./split-clauses";

describe("splitClauses", () => {
  const law = [
    "# 某某条例",
    "2019年4月3日 通过",
    "<!-- INFO END -->",
    "## 第一章 总则",
    "第一条 为了规范供热，制定本条例。",
    "第二条 本条例适用于本市。",
    "供热单位应当保证供热质量。",
    "## 第二章 供热",
    "### 第一节 一般规定",
    "**第三条** 供热期为每年11月15日至次年3月15日。",
    "第十条之一 新增的条文。",
    "第三条 引用的条文不另起一条。",
  ].join("\n\n");

  it("gives each article its label, anchor, chapter and 款", () => {
    const clauses = splitClauses(law);
    expect(clauses.map((c) => c.label)).toEqual(["第一条", "第二条", "第三条", "第十条之一"]);
    expect(clauses[1]).toMatchObject({
      anchor: "art-2",
      chapter: "第一章 总则",
      body: "本条例适用于本市。\n供热单位应当保证供热质量。",
    });
    expect(clauses[2]).toMatchObject({ anchor: "art-3", chapter: "第二章 供热 第一节 一般规定" });
    expect(clauses[2]?.body).toBe("供热期为每年11月15日至次年3月15日。");
    // The quoted 第三条 belongs to the article before it, as on the page (the first id wins).
    expect(clauses[3]?.body).toContain("引用的条文");
  });

  it("uses the anchors the document page renders", () => {
    const html = renderMarkdown(law);
    for (const c of splitClauses(law)) expect(html).toContain(`id="${c.anchor}"`);
  });

  it("splits a document without articles into paragraphs", () => {
    const clauses = splitClauses("为做好冬季供热工作，通知如下。\n\n一、各单位要高度重视。\n\n## 附件");
    expect(clauses.map((c) => [c.label, c.anchor])).toEqual([
      ["第1段", ""],
      ["第2段", ""],
    ]);
  });

  it("leaves an empty body empty", () => {
    expect(splitClauses("")).toEqual([]);
  });
});
