import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";
import { passwordProblem } from "./password-policy";
import { can, canAnywhere, type TPrincipal, unitScope } from "./permissions";

const principal = (roles: TPrincipal["roles"]): TPrincipal => ({
  userId: 1,
  username: "u",
  displayName: "U",
  mustChangePassword: false,
  roles,
});

describe("password hashing", () => {
  it("accepts the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("正确的密码-2026");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("正确的密码-2026", hash)).toBe(true);
    expect(await verifyPassword("正确的密码-2027", hash)).toBe(false);
  });

  it("salts every hash, and treats a malformed stored hash as no match", async () => {
    expect(await hashPassword("same-password")).not.toBe(await hashPassword("same-password"));
    expect(await verifyPassword("x", "plain-text")).toBe(false);
  });
});

describe("permissions", () => {
  const editorOf8 = principal([{ role: "unit_editor", unitId: 8 }]);
  const office = principal([{ role: "office", unitId: null }]);

  it("scopes a unit role to its own unit", () => {
    expect(can(editorOf8, "documents.edit", 8)).toBe(true);
    expect(can(editorOf8, "documents.edit", 9)).toBe(false);
    expect(can(editorOf8, "documents.edit")).toBe(false);
    expect(unitScope(editorOf8, "documents.edit")).toEqual([8]);
  });

  it("grants district roles everywhere, but only what the role allows", () => {
    expect(can(office, "liaisons.manage", 123)).toBe(true);
    expect(unitScope(office, "liaisons.read")).toBe("all");
    expect(can(office, "users.manage")).toBe(false);
    expect(canAnywhere(office, "audit.read")).toBe(false);
  });

  it("lets only unit heads and the office head extend deadlines", () => {
    expect(can(principal([{ role: "unit_head", unitId: 3 }]), "requests.extend", 3)).toBe(true);
    expect(can(principal([{ role: "office_head", unitId: null }]), "requests.extend", 3)).toBe(true);
    expect(can(principal([{ role: "unit_liaison", unitId: 3 }]), "requests.extend", 3)).toBe(false);
    expect(can(office, "requests.extend", 3)).toBe(false);
  });
});

describe("new password rules", () => {
  it("refuses short, common, repeated and sequential passwords, saying why in Chinese", () => {
    expect(passwordProblem("abc-12345")).toMatch(/至少 10 个字符/);
    expect(passwordProblem("1111111111")).toMatch(/重复的字符/);
    expect(passwordProblem("abcabcabcabc")).toMatch(/重复/);
    expect(passwordProblem("1234567890")).toMatch(/常用的密码|连续/);
    expect(passwordProblem("abcdefghij")).toMatch(/连续的字符/);
    expect(passwordProblem("qwertyuiop")).toMatch(/容易被猜到/);
    expect(passwordProblem("password123")).toMatch(/常见密码/);
    expect(passwordProblem("x".repeat(201))).toMatch(/不能超过 200 个字符/);
  });

  it("refuses a password made of the account's own name", () => {
    expect(passwordProblem("zhangwei.wj", ["zhangwei.wj", "张伟"])).toMatch(/用户名或姓名/);
  });

  it("accepts passwords that are hard to guess, including the demo password", () => {
    for (const pw of ["gongkai-demo", "test-password-1", "正确的密码-2026", "马灯-铁轨-19-青苔"])
      expect(passwordProblem(pw), pw).toBeNull();
  });
});
