import { describe, expect, it } from "vitest";
import { findPersonalData, isValidId18, passesLuhn } from "./privacy-scan";

/*
 * Worked examples (GB 11643: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 on the first 17 digits,
 * sum mod 11 → check character "1 0 X 9 8 7 6 5 4 3 2"):
 *
 * 37010219900307123? (济南市历下区, born 1990-03-07)
 *   3·7 + 7·9 + 0·10 + 1·5 + 0·8 + 2·4 + 1·2 + 9·1 + 9·6 + 0·3 + 0·7 + 3·9 + 0·10 + 7·5 + 1·8 + 2·4 + 3·2
 *   = 21 + 63 + 0 + 5 + 0 + 8 + 2 + 9 + 54 + 0 + 0 + 27 + 0 + 35 + 8 + 8 + 6 = 246; 246 mod 11 = 4 → "8"
 *   → 370102199003071238 is valid, 370102199003071234 is not.
 * 11010519491231002? (the standard's own example, born 1949-12-31)
 *   7 + 9 + 0 + 5 + 0 + 20 + 2 + 9 + 24 + 27 + 7 + 18 + 30 + 5 + 0 + 0 + 4 = 167; 167 mod 11 = 2 → "X"
 *   → 11010519491231002X.
 * 44030420000229567? (深圳市南山区, born on the leap day 2000-02-29)
 *   28 + 36 + 0 + 15 + 0 + 16 + 4 + 0 + 0 + 0 + 0 + 18 + 20 + 45 + 40 + 24 + 14 = 260; 260 mod 11 = 7 → "5"
 *   → 440304200002295675.
 * 37010219900307105? — 21 + 63 + 0 + 5 + 0 + 8 + 2 + 9 + 54 + 0 + 0 + 27 + 0 + 35 + 8 + 0 + 10 = 242;
 *   242 mod 11 = 0 → "1" → 370102199003071051, which also passes Luhn: from the right
 *   1 5 0 1 7 0 3 0 0 9 9 1 2 0 1 0 7 3, doubling every second (5 1 0 0 9 1 0 0 3 → 1 2 0 0 9 2 0 0 6)
 *   gives 20, the others 1 + 0 + 7 + 3 + 0 + 9 + 2 + 1 + 7 = 30; 50 is a multiple of 10.
 *
 * Luhn (double every second digit from the right of the payload, subtract 9 above 9):
 * 622202123456789? — payload from the right 9 8 7 6 5 4 3 2 1 2 0 2 2 2 6; doubled 9,7,5,3,1,0,2,6
 *   → 9 + 5 + 1 + 6 + 2 + 0 + 4 + 3 = 30; the others 8 + 6 + 4 + 2 + 2 + 2 + 2 = 26; 56 → check 4
 *   → 6222021234567894.
 * 621700123456789012? — from the right 2 1 0 9 8 7 6 5 4 3 2 1 0 0 7 1 2 6; doubled 2,0,8,6,4,2,0,7,2
 *   → 4 + 0 + 7 + 3 + 8 + 4 + 0 + 5 + 4 = 35; the others 1 + 9 + 7 + 5 + 3 + 1 + 0 + 1 + 6 = 33; 68 → 2
 *   → 6217001234567890122 (19 digits).
 */

const kinds = (text: string) => findPersonalData(text).map((f) => f.kind);

describe("isValidId18", () => {
  it("accepts numbers whose check character is right", () => {
    expect(isValidId18("370102199003071238")).toBe(true);
    expect(isValidId18("11010519491231002X")).toBe(true);
    expect(isValidId18("11010519491231002x")).toBe(true);
    expect(isValidId18("440304200002295675")).toBe(true);
  });

  it("refuses a wrong check character, an impossible date or an unknown province", () => {
    expect(isValidId18("370102199003071234")).toBe(false);
    expect(isValidId18("370102199002301236")).toBe(false); // 30 February
    expect(isValidId18("990102199003071238")).toBe(false);
    expect(isValidId18("370102299003071238")).toBe(false); // born in 2990
  });
});

describe("passesLuhn", () => {
  it("checks the worked examples", () => {
    expect(passesLuhn("6222021234567894")).toBe(true);
    expect(passesLuhn("6217001234567890122")).toBe(true);
    expect(passesLuhn("6222021234567895")).toBe(false);
  });
});

describe("findPersonalData", () => {
  it("finds an ID number with its place and a masked form", () => {
    const text = "申请人张某，身份证号370102199003071238，住济南市。";
    expect(findPersonalData(text)).toEqual([
      { kind: "id_card", masked: "370***********1238", start: 10, end: 28 },
    ]);
  });

  it("finds an ID number written in groups or with invisible characters, at its place as written", () => {
    const written = [
      "3701 0219 9001 0112 31",
      "370102-19900101-1231",
      "370102 19900101 1231",
      "370102\u200b199001011231",
      "3701\u200b02\u200c1990\u200d0101\ufeff1231",
      "370102－19900101－1231",
    ];
    for (const number of written) {
      const text = `身份证号：${number}，住址略。`;
      expect(findPersonalData(text), JSON.stringify(number)).toEqual([
        { kind: "id_card", masked: "370***********1231", start: 5, end: 5 + number.length },
      ]);
    }
    // The check digit still decides: the same grouping with a wrong last digit is no ID.
    expect(findPersonalData("身份证号：3701 0219 9001 0112 34")).toEqual([]);
    expect(findPersonalData("身份证号：370102-19900101-1234")).toEqual([]);
  });

  it("keeps offsets right for findings after an invisible character", () => {
    const text = "甲\u200b乙 手机13800138000";
    expect(findPersonalData(text)).toEqual([{ kind: "mobile", masked: "138****8000", start: 6, end: 17 }]);
  });

  it("upper-cases the check character in the masked form", () => {
    expect(findPersonalData("证件号码：11010519491231002x")[0]?.masked).toBe("110***********002X");
  });

  it("finds the 15-digit form when its birth date is real", () => {
    expect(findPersonalData("原身份证号370102900307123。")).toEqual([
      { kind: "id_card", masked: "370********7123", start: 5, end: 20 },
    ]);
    expect(findPersonalData("编号370102901307123。")).toEqual([]); // month 13
  });

  it("finds mobile numbers however they are written", () => {
    const written = [
      "13800138000",
      "138 0013 8000",
      "138-0013-8000",
      "+86 138 0013 8000",
      "+8613800138000",
      "0086-13800138000",
      "(+86)13800138000",
      "１３８００１３８０００",
    ];
    for (const number of written) {
      const text = `联系电话：${number}。`;
      expect(findPersonalData(text), number).toEqual([
        { kind: "mobile", masked: "138****8000", start: 5, end: 5 + number.length },
      ]);
    }
  });

  it("finds bank card numbers that pass Luhn, grouped or not", () => {
    expect(findPersonalData("卡号6222021234567894")).toEqual([
      { kind: "bank_card", masked: "622*********7894", start: 2, end: 18 },
    ]);
    expect(findPersonalData("卡号 6222 0212 3456 7894 。")).toEqual([
      { kind: "bank_card", masked: "622*********7894", start: 3, end: 22 },
    ]);
    expect(kinds("账号6217001234567890122")).toEqual(["bank_card"]);
    expect(kinds("卡号6222021234567895")).toEqual([]);
  });

  it("reports a valid ID number once, as an ID, even when it also passes Luhn", () => {
    expect(passesLuhn("370102199003071051")).toBe(true);
    expect(isValidId18("370102199003071051")).toBe(true);
    expect(kinds("身份证370102199003071051")).toEqual(["id_card"]);
  });

  it("lists several findings in text order", () => {
    const text = "张某（370102199003071238），手机13800138000，银行卡6222021234567894。";
    expect(kinds(text)).toEqual(["id_card", "mobile", "bank_card"]);
  });

  it("ignores numbers inside longer runs of digits or letters", () => {
    expect(findPersonalData("发票号码12013800138000456")).toEqual([]);
    expect(findPersonalData("订单号9370102199003071238")).toEqual([]);
    expect(findPersonalData("编号A13800138000")).toEqual([]);
    expect(findPersonalData("6222 0212 3456 7894 1234 5678")).toEqual([]);
  });

  it("finds nothing in ordinary government text", () => {
    const text = [
      "索引号：11370103MB1234567X/2024-00012　发布机构：区政府办公室　成文日期：2024-03-15",
      "统一社会信用代码：11370103004123456X，组织机构代码：00412345-6",
      "根据《国务院办公厅关于印发2020年政务公开工作要点的通知》（国办发〔2020〕17号）要求，",
      "咨询电话：0531-86012345，传真：(0531)86012346，服务热线12345，邮编：250002。",
      "2023年全区一般公共预算收入1234567890元，较上年增长12.5%，共计发放补贴3,800,138,000元。",
      "第十三届全国人民代表大会常务委员会第二十四次会议于2020年12月26日通过，自2021年3月1日起施行。",
      "项目编号：SDGP370102202402000123，中标金额：人民币壹佰贰拾万元整（¥1,200,000.00）。",
      "时间：20240315 09:30—11:30，地点：区政务服务中心三楼301室。",
    ].join("\n");
    expect(findPersonalData(text)).toEqual([]);
  });
});
