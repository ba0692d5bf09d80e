import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";
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
