import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { auditLog } from "../../platform/db/tables";
import { units } from "./org.tables";

describeDb("auth and units API", () => {
  let t: TTestApp;
  let seeded: Awaited<ReturnType<typeof seedOrg>>;
  beforeAll(async () => {
    t = await createTestApp();
    seeded = await seedOrg(t.db);
  });
  afterAll(() => t?.close());

  const unitCount = async () => (await t.db.select({ n: count() }).from(units))[0]?.n;

  it("exchanges a username and password for a token that authenticates later calls", async () => {
    const r = await api(t, "POST", "/api/v1/auth/token", {
      json: { username: "office", password: "test-password-1" },
    });
    expect(r.status).toBe(200);
    expect(r.data.token).toMatch(/^gk_[\w-]{43}$/);
    const me = await api(t, "GET", "/api/v1/me", { token: r.data.token });
    expect(me.status).toBe(200);
    expect(me.data).toMatchObject({ username: "office", roles: [{ role: "office", unitId: null }] });
  });

  it("answers 401 with a Chinese message for a wrong password or an unknown user", async () => {
    for (const body of [
      { username: "office", password: "wrong-password" },
      { username: "nobody", password: "test-password-1" },
    ]) {
      const r = await api(t, "POST", "/api/v1/auth/token", { json: body });
      expect(r.status).toBe(401);
      expect(r.data).toEqual({ error: { code: "unauthorized", message: "用户名或密码不正确。" } });
    }
  });

  it("answers 400 JSON errors for malformed bodies, never a 500", async () => {
    const broken = await api(t, "POST", "/api/v1/auth/token", { json: "{not json" });
    expect(broken.status).toBe(400);
    expect(broken.data.error.message).toBe("请求内容不是有效的 JSON。");
    const missing = await api(t, "POST", "/api/v1/auth/token", { json: { username: "office" } });
    expect(missing.status).toBe(400);
    expect(missing.data.error.code).toBe("validation_failed");
    expect(missing.data.error.issues).toEqual([{ path: "password", message: "此项为必填项。" }]);
  });

  it("rejects an invalid bearer token with 401", async () => {
    const r = await api(t, "GET", "/api/v1/me", { token: "gk_not-a-real-token" });
    expect(r.status).toBe(401);
    expect(r.data.error.message).toMatch(/令牌/);
  });

  it("lists units publicly with the documented shape", async () => {
    const r = await api(t, "GET", "/api/v1/units");
    expect(r.status).toBe(200);
    expect(r.data.total).toBe(2);
    expect(r.data.items[0]).toMatchObject({
      id: seeded.unitA.id,
      name: "区卫生健康局",
      kind: "department",
      aliases: ["区卫健局"],
    });
  });

  it("pages and filters the unit list, refusing a page size above 100", async () => {
    const r = await api(t, "GET", "/api/v1/units?pageSize=1&page=2");
    expect(r.data).toMatchObject({ total: 2, items: [{ name: "区财政局" }] });
    expect((await api(t, "GET", "/api/v1/units?kind=subdistrict")).data.total).toBe(0);
    const tooBig = await api(t, "GET", "/api/v1/units?pageSize=101");
    expect(tooBig.status).toBe(400);
    expect(tooBig.data.error.issues[0].path).toBe("pageSize");
  });

  it("creates a unit for the office, with 201 and an audit entry", async () => {
    const token = await tokenFor(t, "office");
    const before = (await t.db.select({ n: count() }).from(auditLog))[0]?.n ?? 0;
    const r = await api(t, "POST", "/api/v1/units", {
      token,
      json: { name: "大观园街道办事处", kind: "subdistrict", aliases: ["大观园街道"] },
    });
    expect(r.status).toBe(201);
    expect(r.data).toMatchObject({ id: expect.any(Number), name: "大观园街道办事处", kind: "subdistrict" });
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, "unit.create"));
    const last = entries.at(-1);
    expect(last?.entityId).toBe(String(r.data.id));
    expect(last?.actorName).toBe("office（office）");
    expect((await t.db.select({ n: count() }).from(auditLog))[0]?.n).toBe(before + 1);
  });

  it("refuses a name or alias that another unit already uses, with 409 and nothing written", async () => {
    const token = await tokenFor(t, "office");
    const n = await unitCount();
    const r = await api(t, "POST", "/api/v1/units", {
      token,
      json: { name: "区卫健局", kind: "department" },
    });
    expect(r.status).toBe(409);
    expect(r.data.error.message).toMatch(/区卫生健康局/);
    expect(await unitCount()).toBe(n);
  });

  it("validates every field of a unit and lists all issues", async () => {
    const token = await tokenFor(t, "office");
    const r = await api(t, "POST", "/api/v1/units", {
      token,
      json: { name: "x", kind: "ministry", extra: 1 },
    });
    expect(r.status).toBe(400);
    const paths = r.data.error.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(["", "kind", "name"]);
  });

  it("needs a login to create units, and the right role", async () => {
    const n = await unitCount();
    expect(
      (await api(t, "POST", "/api/v1/units", { json: { name: "区统计局", kind: "department" } })).status,
    ).toBe(401);
    const editor = await tokenFor(t, "a.editor");
    const r = await api(t, "POST", "/api/v1/units", {
      token: editor,
      json: { name: "区统计局", kind: "department" },
    });
    expect(r.status).toBe(403);
    expect(r.data.error.message).toBe("您没有执行此操作的权限。");
    expect(await unitCount()).toBe(n);
  });

  it("answers 404 in JSON for an unknown unit and an unknown API path", async () => {
    expect((await api(t, "GET", "/api/v1/units/999999")).status).toBe(404);
    // Not a possible id: no such record, as on the pages.
    expect((await api(t, "GET", "/api/v1/units/abc")).status).toBe(404);
    const r = await api(t, "GET", "/api/v1/nothing-here");
    expect(r.status).toBe(404);
    expect(r.data.error.code).toBe("not_found");
  });

  it("publishes the OpenAPI document with the stable endpoints", async () => {
    const r = await api(t, "GET", "/api/v1/openapi.json");
    expect(r.status).toBe(200);
    expect(r.data.openapi).toBe("3.1.0");
    expect(Object.keys(r.data.paths)).toEqual(
      expect.arrayContaining(["/auth/token", "/units", "/units/{id}"]),
    );
  });
});
