import { describe, expect, it } from "vitest";
import { tokensForIndex } from "./segment";
import { ADMINISTRATIVE_SENTENCES, LEGAL_SENTENCES } from "./test-sentences";
import { toTsQuery } from "./ts-query";

type Node =
  | { op: "lexeme"; value: string; isPrefix: boolean }
  | { op: "and" | "or"; left: Node; right: Node };

const SAFE_LEXEME = /^(?:[a-z0-9]+|[\u3007\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{323AF}]+)$/u;

/**
 * A strict reader for the tsquery subset toTsQuery may produce: quoted lexemes (optionally :*),
 * &, | and parentheses, with PostgreSQL's precedence (& binds tighter than |). It throws on
 * anything else, so a passing parse means to_tsquery will accept the text too.
 */
function parseTsQuery(text: string): Node {
  let at = 0;
  const skip = () => {
    while (text[at] === " ") at++;
  };
  const expect = (char: string) => {
    skip();
    if (text[at] !== char) throw new Error(`expected ${char} at ${at} in ${text}`);
    at++;
  };
  const primary = (): Node => {
    skip();
    if (text[at] === "(") {
      at++;
      const inner = or();
      expect(")");
      return inner;
    }
    expect("'");
    let value = "";
    while (at < text.length && text[at] !== "'") value += text[at++];
    expect("'");
    if (!SAFE_LEXEME.test(value)) throw new Error(`unsafe lexeme ${value}`);
    const isPrefix = text.startsWith(":*", at);
    if (isPrefix) at += 2;
    return { op: "lexeme", value, isPrefix };
  };
  const and = (): Node => {
    let node = primary();
    for (skip(); text[at] === "&"; skip()) {
      at++;
      node = { op: "and", left: node, right: primary() };
    }
    return node;
  };
  const or = (): Node => {
    let node = and();
    for (skip(); text[at] === "|"; skip()) {
      at++;
      node = { op: "or", left: node, right: and() };
    }
    return node;
  };
  const root = or();
  skip();
  if (at !== text.length) throw new Error(`trailing text at ${at} in ${text}`);
  return root;
}

function evaluate(node: Node, tokens: string[]): boolean {
  if (node.op === "lexeme") {
    return node.isPrefix ? tokens.some((token) => token.startsWith(node.value)) : tokens.includes(node.value);
  }
  const left = evaluate(node.left, tokens);
  return node.op === "and" ? left && evaluate(node.right, tokens) : left || evaluate(node.right, tokens);
}

/** Whether the query, as PostgreSQL would evaluate it, matches the text's index tokens. */
function matches(q: string, text: string, synonyms: string[][] = []): boolean {
  const query = toTsQuery(q, synonyms);
  return query !== null && evaluate(parseTsQuery(query), tokensForIndex(text));
}

const SYNONYMS = [
  ["医保", "医疗保险"],
  ["社保", "社会保险"],
  ["5G基站", "第五代移动通信基站"],
];

describe("toTsQuery", () => {
  it("ANDs the bigrams of a phrase", () => {
    expect(toTsQuery("政府信息公开")).toBe("'政府' & '府信' & '信息' & '息公' & '公开'");
  });

  it("offers a dictionary word whole or as its bigrams", () => {
    expect(toTsQuery("行政复议")).toBe("('行政复议' | ('行政' & '政复' & '复议'))");
  });

  it("ANDs the words of the query and matches a single character as a prefix", () => {
    expect(toTsQuery("公开 5G 税")).toBe("'公开' & '5g' & '税':*");
  });

  it("is null when nothing searchable remains", () => {
    expect(toTsQuery("")).toBeNull();
    expect(toTsQuery("   ")).toBeNull();
    expect(toTsQuery("&|!():*<>")).toBeNull();
    expect(toTsQuery("，。《》")).toBeNull();
  });

  it("never produces a syntax error or an unsafe lexeme, whatever is typed", () => {
    const hostile = [
      "'",
      "''",
      "\\",
      "\\'",
      "a'b",
      "a\\'b & c",
      "!a",
      "a:*",
      "a:AB",
      "(a",
      "a)",
      "a <-> b",
      "a <2> b",
      "'中' | '华'",
      "中'华",
      "中\\华",
      "医保' | '1",
      "'); drop table documents; --",
      "<script>alert(1)</script>",
      "\u0000\u0001\u200b\ufeff",
      "\ud800 孤立的代理项 \udfff",
      "a".repeat(5000),
      "政".repeat(5000),
    ];
    for (const q of hostile) {
      const query = toTsQuery(q, [
        ["'", "\\"],
        ["a'b", "c"],
      ]);
      if (query !== null) expect(() => parseTsQuery(query), q).not.toThrow();
    }
  });

  it("stays small for a pasted page", () => {
    const query = toTsQuery("政府信息公开工作年度报告".repeat(100)) ?? "";
    expect(query.split("'").length / 2).toBeLessThan(200);
  });

  it("matches a text containing the phrase and not one with its words apart", () => {
    expect(matches("依申请公开", "采取主动公开和依申请公开的方式")).toBe(true);
    expect(matches("依申请公开", "依法申请政府信息，行政机关应当公开")).toBe(false);
  });
});

describe("synonyms", () => {
  it("lets a query word match any member of its group", () => {
    expect(toTsQuery("医保", SYNONYMS)).toBe("('医保' | '医疗保险' | ('医疗' & '疗保' & '保险'))");
    expect(matches("医保", "参加职工基本医疗保险", SYNONYMS)).toBe(true);
    expect(matches("医疗保险", "医保报销比例提高", SYNONYMS)).toBe(true);
    expect(matches("社保", "国家建立社会保险制度", SYNONYMS)).toBe(true);
    expect(matches("医保", "国家建立社会保险制度", SYNONYMS)).toBe(false);
  });

  it("finds a synonym among the jieba words of a longer query", () => {
    expect(matches("医保报销", "医疗保险报销比例提高", SYNONYMS)).toBe(true);
    expect(matches("医保报销", "医疗保险待遇支付", SYNONYMS)).toBe(false);
  });

  it("segments a member with ASCII and Han parts the way the index does", () => {
    expect(matches("5G基站", "新建第五代移动通信基站312个", SYNONYMS)).toBe(true);
    expect(matches("第五代移动通信基站", "新建５Ｇ基站312个", SYNONYMS)).toBe(true);
  });

  it("compares members regardless of width, case and the spaces staff typed in them", () => {
    const groups = [["５Ｇ 基站", "第五代移动通信基站"]];
    expect(matches("5g基站", "新建第五代移动通信基站", groups)).toBe(true);
    expect(matches("５Ｇ基站", "新建第五代移动通信基站", groups)).toBe(true);
  });

  it("leaves words without a synonym alone", () => {
    expect(toTsQuery("政府信息公开", SYNONYMS)).toBe(toTsQuery("政府信息公开"));
  });
});

describe("a phrase that occurs in a text matches it", () => {
  const sentences = [...LEGAL_SENTENCES, ...ADMINISTRATIVE_SENTENCES];
  const phrases = [
    "政府信息公开",
    "政府信息",
    "依申请公开",
    "主动公开",
    "医疗保险",
    "基本医疗保险",
    "最低生活保障",
    "行政复议",
    "行政复议机关",
    "不动产登记",
    "不动产",
    "登记簿",
    "2020",
    "5G基站",
    "5G",
    "犯罪案件",
    "市人民政府",
    "人民政府",
    "社会保险",
    "工伤保险",
    "第三方",
    "15个工作日",
    "国发",
    "国办发〔2020〕17号",
    "国务院令第711号",
  ];

  it("for each phrase and every sentence that contains it", () => {
    let checked = 0;
    for (const phrase of phrases) {
      for (const sentence of sentences) {
        const folded = sentence.normalize("NFKC").replace(/\s/g, "");
        if (!folded.includes(phrase)) continue;
        checked++;
        expect(matches(phrase, sentence), `${phrase} ⟸ ${sentence}`).toBe(true);
        expect(matches(phrase, sentence, SYNONYMS), `${phrase} ⟸ ${sentence} (synonyms)`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
