import { describe, expect, it } from "vitest";
import { indexText, queryTerms, queryWords, tokensForIndex } from "./segment";
import { ADMINISTRATIVE_SENTENCES, LEGAL_SENTENCES } from "./test-sentences";

const SENTENCES = [...LEGAL_SENTENCES, ...ADMINISTRATIVE_SENTENCES];
const TOKEN_SHAPE = /^(?:[a-z0-9]+|[\u3007\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{323AF}]+)$/u;

/** What PostgreSQL does with the groups: every lexeme present; one Han character as a prefix. */
function matches(text: string, groups: string[][]): boolean {
  const tokens = tokensForIndex(text);
  const set = new Set(tokens);
  const has = (lexeme: string) =>
    set.has(lexeme) || (/^[^a-z0-9]$/u.test(lexeme) && tokens.some((token) => token.startsWith(lexeme)));
  return groups.length > 0 && groups.every((group) => group.every(has));
}

/** A small seeded generator, so that a failing case can be reproduced. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe("tokensForIndex", () => {
  it("indexes jieba's search-mode words and every bigram of a Han run", () => {
    const tokens = tokensForIndex("不动产登记");
    expect(tokens).toEqual(expect.arrayContaining(["不动产", "不动", "动产", "产登", "登记", "记"]));
  });

  it("keeps long dictionary words whole next to their parts", () => {
    const tokens = tokensForIndex("向行政复议机关提出申请");
    expect(tokens).toEqual(expect.arrayContaining(["行政复议", "行政", "复议", "机关"]));
  });

  it("keeps ASCII words and numbers whole and lowercased, split at punctuation", () => {
    expect(tokensForIndex("COVID-19 疫情期间 2020 年")).toEqual(
      expect.arrayContaining(["covid", "19", "疫情", "2020", "年"]),
    );
    expect(tokensForIndex("v2.0")).toEqual(["v2", "0"]);
    expect(tokensForIndex("5G基站")).toEqual(["5g", "基站", "站"]);
  });

  it("folds full-width letters and digits to half-width first", () => {
    expect(tokensForIndex("ＡＢＣ１２３")).toEqual(["abc123"]);
    expect(tokensForIndex("５Ｇ基站")).toEqual(tokensForIndex("5G基站"));
  });

  it("drops punctuation, whitespace and symbols", () => {
    expect(
      tokensForIndex("，。！？……——《》“”‘’、；：（）【】〔〕 \n\t ~!@#$%^&*()_+-=[]{}|\\:;'\",.<>/?"),
    ).toEqual([]);
    expect(tokensForIndex("")).toEqual([]);
  });

  it("splits a number-e-number head off a word, as PostgreSQL's parser reads it as a float", () => {
    expect(tokensForIndex("1e5x")).toEqual(["1e5", "x"]);
    expect(tokensForIndex("1e5")).toEqual(["1e5"]);
  });

  it("ignores ASCII runs too long to be words", () => {
    expect(tokensForIndex(`附件 ${"a".repeat(41)} ok`)).toEqual(["附件", "件", "ok"]);
  });

  it("joins Han characters across layout whitespace such as PDF line ends", () => {
    expect(tokensForIndex("城乡居民医疗\n保险")).toContain("疗保");
    expect(tokensForIndex("医疗 2020 保险")).not.toContain("疗保");
  });

  it("handles characters outside the Basic Multilingual Plane without splitting them", () => {
    const tokens = tokensForIndex("𠀀𠀁字");
    expect(tokens).toEqual(expect.arrayContaining(["𠀀𠀁", "𠀁字", "字"]));
    for (const token of tokens)
      expect(token).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it("only ever produces tokens PostgreSQL's parser keeps as one word", () => {
    const random = seeded(11);
    const alphabet = Array.from("abcXYZ019１Ａ-_./:'\"\\&|!()*<>@#中华人民〇𠀀㐀①²Ⅲαかな한é　 \n");
    for (let i = 0; i < 300; i++) {
      let text = "";
      for (let k = 0; k < 20; k++) text += alphabet[Math.floor(random() * alphabet.length)];
      for (const token of tokensForIndex(text)) expect(token).toMatch(TOKEN_SHAPE);
    }
    for (const sentence of SENTENCES)
      for (const token of tokensForIndex(sentence)) expect(token).toMatch(TOKEN_SHAPE);
  });
});

describe("indexText", () => {
  it("joins the tokens with single spaces", () => {
    expect(indexText("5G基站，COVID-19")).toBe("5g 基站 站 covid 19");
  });
});

describe("queryTerms", () => {
  it("turns a Han phrase into its bigrams", () => {
    expect(queryTerms("政府信息公开")).toEqual([["政府", "府信", "信息", "息公", "公开"]]);
  });

  it("makes each space-separated word and each ASCII word its own group", () => {
    expect(queryTerms("医疗保险  5G基站")).toEqual([["医疗", "疗保", "保险"], ["5g"], ["基站"]]);
  });

  it("keeps a single character as one group (matched as a prefix)", () => {
    expect(queryTerms("税")).toEqual([["税"]]);
  });

  it("has nothing to search for punctuation only", () => {
    expect(queryTerms("《》，。!!! ")).toEqual([]);
  });

  it("drops repeated words", () => {
    expect(queryTerms("公开 公开")).toEqual([["公开"]]);
  });
});

describe("a phrase that occurs in a text matches it", () => {
  const phrases: [string, string][] = [
    ["政府信息公开", "依申请公开的政府信息公开会损害第三方合法权益的"],
    ["依申请公开", "行政机关公开政府信息，采取主动公开和依申请公开的方式。"],
    ["医疗保险", "职工应当参加职工基本医疗保险，由用人单位和职工按照国家规定共同缴纳基本医疗保险费。"],
    ["基本医疗保险费", "由用人单位和职工按照国家规定共同缴纳基本医疗保险费。"],
    ["最低生活保障", "给予最低生活保障。"],
    ["最低生活保障标准", "人均收入低于当地最低生活保障标准"],
    ["行政复议", "向行政复议机关提出行政复议申请"],
    ["行政复议机关", "行政复议机关办理行政复议案件，适用本法。"],
    ["不动产登记", "本条例所称不动产登记，是指不动产登记机构依法将不动产权利归属"],
    ["不动产登记簿", "记载于不动产登记簿的行为"],
    ["2020", "2020年，区工业和信息化局新建5G基站312个"],
    ["5G基站", "2020年，区工业和信息化局新建5G基站312个"],
    ["5G网络", "实现城区５Ｇ网络连续覆盖。"],
    ["犯罪案件", "应当向公安机关移送涉嫌犯罪案件而不移送的"],
    ["市人民政府", "省、自治区、直辖市人民政府对高等教育的管理职责"],
    ["医疗保险", "2021年第三季度城乡居民医疗\n保险待遇支付情况公示"],
    ["国务院令第711号", "2019年4月3日 中华人民共和国国务院令第711号修订"],
    ["国办发〔2020〕17号", "的通知》（国办发〔2020〕17号）要求"],
  ];

  it.each(phrases)("%s in %s", (phrase, text) => {
    expect(text.replace(/\s/g, "").replace("５Ｇ", "5G")).toContain(phrase);
    expect(matches(text, queryTerms(phrase))).toBe(true);
  });

  it("holds for every substring of real sentences that does not cut an ASCII word", () => {
    const random = seeded(2024);
    const isWordChar = (c: string | undefined) => c !== undefined && /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]/.test(c);
    let checked = 0;
    for (const sentence of SENTENCES) {
      const chars = Array.from(sentence);
      for (let k = 0; k < 60; k++) {
        const length = 1 + Math.floor(random() * 10);
        const start = Math.floor(random() * Math.max(1, chars.length - length));
        const end = start + length;
        if (isWordChar(chars[start - 1]) && isWordChar(chars[start])) continue;
        if (isWordChar(chars[end - 1]) && isWordChar(chars[end])) continue;
        const phrase = chars.slice(start, end).join("");
        const groups = queryTerms(phrase);
        if (groups.length === 0) continue;
        checked++;
        expect(matches(sentence, groups), `${phrase} ⟸ ${sentence}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it("does not match when the words are present but not together", () => {
    expect(matches("医疗机构应当为参保人员提供保险服务", queryTerms("医疗保险"))).toBe(false);
    expect(matches("政府公开信息", queryTerms("政府信息"))).toBe(false);
    expect(matches("行政机关公开政府信息", queryTerms("依申请公开"))).toBe(false);
  });

  it("matches ASCII words whole, not inside longer words", () => {
    expect(matches("新建5G基站", queryTerms("5G"))).toBe(true);
    expect(matches("LTE5G基站", queryTerms("5G"))).toBe(false);
    expect(matches("2020年", queryTerms("202"))).toBe(false);
  });
});

describe("queryWords", () => {
  it("lists the typed words, their pieces and jieba's words, longest first", () => {
    const words = queryWords("政府信息公开 5G基站");
    expect(words).toEqual(
      expect.arrayContaining(["政府信息公开", "政府", "信息", "公开", "5g基站", "5g", "基站"]),
    );
    expect(words[0]).toBe("政府信息公开");
    const lengths = words.map((word) => word.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });

  it("keeps a single typed character but not jieba's single-character words", () => {
    expect(queryWords("税")).toEqual(["税"]);
    expect(queryWords("依申请公开")).not.toContain("依");
  });
});
