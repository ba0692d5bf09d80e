import { describe, expect, it } from "vitest";
import { docNumberKey, findDocNumber, formatDocNumber, parseDocNumber } from "./doc-number";

describe("parseDocNumber", () => {
  it.each([
    ["国办函〔2020〕109号", "国办函", 2020, 109],
    ["济政办发〔2022〕5号", "济政办发", 2022, 5],
    ["鲁政字〔2021〕12号", "鲁政字", 2021, 12],
    ["国办函[2020]109号", "国办函", 2020, 109],
    ["国办函［2020］109号", "国办函", 2020, 109],
    ["国办函【2020】109号", "国办函", 2020, 109],
    ["国办函(2020)109号", "国办函", 2020, 109],
    ["国办函（2020）109号", "国办函", 2020, 109],
    ["国办函{2020}109号", "国办函", 2020, 109],
    ["国办函﹝2020﹞109号", "国办函", 2020, 109],
    ["国办函〔2020〕第109号", "国办函", 2020, 109],
    ["国办函〔2020〕109", "国办函", 2020, 109],
    ["国办函2020 109", "国办函", 2020, 109],
    ["国办函 2020 109 号", "国办函", 2020, 109],
    ["国办函2020109号", "国办函", 2020, 109],
    ["国办函2020109", "国办函", 2020, 109],
    ["国办函（２０２０）第１０９号", "国办函", 2020, 109],
    ["  国办函 〔2020〕 109号  ", "国办函", 2020, 109],
    ["国办函〔2020〕009号", "国办函", 2020, 9],
    ["国发〔1999〕1号", "国发", 1999, 1],
    ["财政部 税务总局公告2019年第39号", "财政部税务总局公告", 2019, 39],
    ["国家税务总局公告2019年第1号", "国家税务总局公告", 2019, 1],
    ["交通运输部令2019年第1号", "交通运输部令", 2019, 1],
    ["中国人民银行令〔2019〕第3号", "中国人民银行令", 2019, 3],
  ])("reads %s", (input, agency, year, number) => {
    expect(parseDocNumber(input)).toEqual({ agency, year, number });
  });

  it.each([
    ["国务院令第711号", "国务院令", 711],
    ["国务院令711号", "国务院令", 711],
    ["中华人民共和国国务院令 第711号", "中华人民共和国国务院令", 711],
    ["中华人民共和国主席令第三十一号", "中华人民共和国主席令", 31],
    ["中华人民共和国主席令第一百零五号", "中华人民共和国主席令", 105],
    ["国务院令第十号", "国务院令", 10],
    ["住房和城乡建设部令第1号", "住房和城乡建设部令", 1],
  ])("reads the order %s without a year", (input, agency, number) => {
    expect(parseDocNumber(input)).toEqual({ agency, year: null, number });
  });

  it.each([
    "",
    "国办函",
    "国办函〔2020〕",
    "〔2020〕109号",
    "2020109号",
    "国办函202号",
    "国办函〔1800〕5号",
    "国办函〔2020〕0号",
    "国办函〔2020〕123456号",
    "国办函第109号",
    "公报2020年第3号",
    "政府信息公开",
    "2020年工作要点",
    "关于国办函〔2020〕109号",
    "国办函〔2020〕109号文件",
  ])("refuses %s", (input) => {
    expect(parseDocNumber(input)).toBeNull();
  });
});

describe("formatDocNumber", () => {
  it("writes the canonical forms", () => {
    expect(formatDocNumber({ agency: "国办函", year: 2020, number: 109 })).toBe("国办函〔2020〕109号");
    expect(formatDocNumber({ agency: "国务院令", year: null, number: 711 })).toBe("国务院令第711号");
    expect(formatDocNumber({ agency: "国家税务总局公告", year: 2019, number: 1 })).toBe(
      "国家税务总局公告2019年第1号",
    );
  });
});

describe("docNumberKey", () => {
  it("gives every typing of one number the same key", () => {
    const typings = [
      "国办函〔2020〕109号",
      "国办函[2020]109",
      "国办函2020109号",
      "国办函（２０２０）第１０９号",
    ];
    for (const typing of typings) expect(docNumberKey(typing)).toBe("国办函〔2020〕109号");
  });

  it("is null for text that is not a 文号", () => {
    expect(docNumberKey("医疗保险")).toBeNull();
  });
});

describe("findDocNumber", () => {
  it("says when the whole query is a 文号", () => {
    expect(findDocNumber(" 济政办发[2022]5号 ")).toEqual({
      key: "济政办发〔2022〕5号",
      start: 1,
      end: 13,
      isWhole: true,
    });
  });

  it("finds a 文号 inside a longer query, without the words before it", () => {
    const q = "关于印发2020年政务公开工作要点的通知（国办发〔2020〕17号）解读";
    const found = findDocNumber(q);
    expect(found).toMatchObject({ key: "国办发〔2020〕17号", isWhole: false });
    expect(q.slice(found?.start, found?.end)).toBe("国办发〔2020〕17号");
  });

  it("finds a 文号 after a sentence's words", () => {
    expect(findDocNumber("关于国办函〔2020〕109号")).toMatchObject({
      key: "国办函〔2020〕109号",
      start: 2,
      isWhole: false,
    });
    expect(findDocNumber("住房和城乡建设部令第1号的解读")?.key).toBe("住房和城乡建设部令第1号");
  });

  it("finds orders and unbracketed numbers that end in 号", () => {
    expect(findDocNumber("根据国务院令第711号修订")?.key).toBe("国务院令第711号");
    expect(findDocNumber("请查找国办函2020109号文件")?.key).toBe("国办函〔2020〕109号");
  });

  it("takes the first of several and drops a joining word", () => {
    expect(findDocNumber("国办函〔2020〕109号和济政办发〔2022〕5号")?.key).toBe("国办函〔2020〕109号");
    const second = "见下文和济政办发〔2022〕5号";
    expect(findDocNumber(second)?.key).toBe("济政办发〔2022〕5号");
  });

  it("finds nothing in ordinary queries", () => {
    for (const q of ["2020年政务公开工作要点", "医疗保险 2021", "第三条", "公报2020年第3号", "12345热线"]) {
      expect(findDocNumber(q), q).toBeNull();
    }
  });
});
