import { describe, expect, it } from "vitest";
import { zId, zIdText } from "../validation";
import { contentDisposition } from "./download";
import { formNumber, nestForm } from "./forms";

describe("ids", () => {
  it("holds what the id columns hold, from JSON or from text", () => {
    expect(zId.safeParse(2_147_483_647).success).toBe(true);
    for (const bad of [2_147_483_648, 0, -1, 1.5, "1", Number.POSITIVE_INFINITY])
      expect(zId.safeParse(bad).success, String(bad)).toBe(false);
    expect(zIdText.parse("42")).toBe(42);
    for (const bad of ["2147483648", "9223372036854775808", "1e309", "-1", "abc", ""])
      expect(zIdText.safeParse(bad).success, bad).toBe(false);
    expect(zIdText.safeParse("2147483648").error?.issues[0]?.message).toBe("不能大于 2147483647。");
  });
});

describe("form helpers", () => {
  it("nests dotted names, drops empty and omitted fields, and never reaches a prototype", () => {
    const out = nestForm(
      {
        "applicant.name": "张三",
        "applicant.contact.phone": "123",
        "applicant.email": "",
        description: "说明",
        website: "spam",
        "__proto__.polluted": "1",
        "a..b": "x",
      },
      ["website"],
    );
    expect(out).toEqual({ applicant: { name: "张三", contact: { phone: "123" } }, description: "说明" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads numbers, leaves the rest for the schema to refuse", () => {
    expect(formNumber("12")).toBe(12);
    expect(formNumber(" 3.5 ")).toBe(3.5);
    expect(formNumber("")).toBeUndefined();
    expect(formNumber(undefined)).toBeUndefined();
    for (const s of ["abc", "1e309", "0x10", "1,000"]) expect(formNumber(s)).toBe(s);
    expect(formNumber(["1", "2"])).toEqual(["1", "2"]);
  });
});

describe("content-disposition", () => {
  it("sends a Chinese name in UTF-8 with an ASCII fallback, and nothing that could break the header", () => {
    expect(contentDisposition("政府信息公开目录.csv")).toBe(
      `attachment; filename="________.csv"; filename*=UTF-8''%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%E7%9B%AE%E5%BD%95.csv`,
    );
    expect(contentDisposition('a"b\r\nc(1)*.pdf', true)).toBe(
      `inline; filename="a_bc(1)*.pdf"; filename*=UTF-8''a%22bc%281%29%2A.pdf`,
    );
    expect(contentDisposition("\u0000")).toBe(`attachment; filename="download"; filename*=UTF-8''download`);
  });
});
