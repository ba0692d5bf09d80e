import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { api, PASSWORD, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { runCli } from "../../cli";
import { hashSecret } from "../../platform/auth/sessions";
import { apiTokens, auditLog, sessions, users } from "../../platform/db/tables";
import { createUser } from "./manage-users";
import { loginThrottle } from "./sign-in";

describeDb("browser sign-in, sessions and CSRF", () => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedOrg(t.db);
  });
  afterAll(() => t?.close());

  it("signs in with the form and sets an HttpOnly, SameSite session cookie", async () => {
    const v = new Visitor(t);
    const page = await v.get("/login");
    expect(page.text).toContain("工作人员登录");
    const r = await v.post("/login?next=/admin/liaisons", { username: "office", password: PASSWORD });
    expect(r.status).toBe(303);
    expect(r.location).toBe("/admin/liaisons");
    const cookie = r.res.headers.getSetCookie().find((c) => c.startsWith("gk_session="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect((await v.get("/admin")).text).toContain("工作台");
  });

  it("marks the session cookie Secure behind TLS", async () => {
    const v = new Visitor(t);
    await v.get("/login");
    const res = await t.app.request("/login", {
      method: "POST",
      headers: {
        cookie: v.cookie,
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-proto": "https",
      },
      body: new URLSearchParams({ _csrf: v.csrf, username: "office", password: PASSWORD }).toString(),
    });
    expect(res.headers.getSetCookie().find((c) => c.startsWith("gk_session="))).toMatch(/Secure/);
  });

  it("never follows a login redirect to another site", async () => {
    const v = new Visitor(t);
    await v.get("/login");
    const r = await v.post("/login?next=//evil.example/x", { username: "office", password: PASSWORD });
    expect(r.location).toBe("/admin");
  });

  it("shows a wrong password beside the field with 401, and creates no session", async () => {
    const before = (await t.db.select({ n: count() }).from(sessions))[0]?.n;
    const v = new Visitor(t);
    await v.get("/login");
    const r = await v.post("/login", { username: "a.head", password: "not-the-password" });
    expect(r.status).toBe(401);
    expect(r.text).toMatch(/id="f-password-error"[^>]*>.*用户名或密码不正确/s);
    expect((await t.db.select({ n: count() }).from(sessions))[0]?.n).toBe(before);
  });

  it("refuses a form post without the CSRF token, changing nothing", async () => {
    const v = await new Visitor(t).login("office");
    const r = await v.post("/admin/guide", { siteName: "被篡改" }, { csrf: null });
    expect(r.status).toBe(403);
    expect(r.text).toContain("页面已过期或来源不明");
    const forged = await v.post("/admin/guide", { siteName: "被篡改" }, { csrf: "x".repeat(43) });
    expect(forged.status).toBe(403);
    expect((await v.get("/guide")).text).not.toContain("被篡改");
  });

  it("requires the CSRF header for cookie-authenticated API writes, but not for bearer calls", async () => {
    const v = await new Visitor(t).login("office");
    const body = { name: "区统计局", kind: "department" };
    expect((await api(t, "POST", "/api/v1/units", { cookie: v.cookie, json: body })).status).toBe(403);
    const ok = await api(t, "POST", "/api/v1/units", {
      cookie: v.cookie,
      json: body,
      headers: { "x-csrf-token": v.csrf },
    });
    expect(ok.status).toBe(201);
  });

  it("refuses a sixth attempt on an account from the same address for 15 minutes, even the right one", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await api(t, "POST", "/api/v1/auth/token", {
        json: { username: "b.head", password: `wrong-${i}` },
      });
      expect(r.status).toBe(401);
    }
    const locked = await api(t, "POST", "/api/v1/auth/token", {
      json: { username: "b.head", password: PASSWORD },
    });
    expect(locked.status).toBe(429);
    expect(locked.data.error.message).toMatch(/登录失败次数过多，请 \d+ 分钟后再试/);
    expect(Number(locked.res.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another account from the same address is not locked by that.
    expect(
      (await api(t, "POST", "/api/v1/auth/token", { json: { username: "a.head", password: PASSWORD } }))
        .status,
    ).toBe(200);
  });

  // Each throttling test has its own account and addresses, so the counters do not mix.
  const newAccount = async (username: string) =>
    createUser(
      t.db,
      { userId: null, name: "测试准备", ip: "", requestId: "" },
      { username, displayName: username, password: PASSWORD, roles: [] },
      { mustChangePassword: false },
    );
  const tryToken = (username: string, password: string, ip: string) =>
    api(t, "POST", "/api/v1/auth/token", {
      json: { username, password },
      headers: { "x-forwarded-for": ip },
    });

  it("checks at most five passwords when twelve wrong ones arrive at once", async () => {
    await newAccount("par.user");
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => tryToken("par.user", `wrong-${i}`, "198.51.100.1")),
    );
    const statuses = results.map((r) => r.status);
    // A 401 means the password was checked; the rest were refused before any check.
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it("lets the owner sign in from another address while one address hammers the account", async () => {
    await newAccount("own.user");
    for (let i = 0; i < 8; i++) await tryToken("own.user", `wrong-${i}`, "198.51.100.2");
    expect((await tryToken("own.user", PASSWORD, "198.51.100.2")).status).toBe(429);
    expect((await tryToken("own.user", PASSWORD, "203.0.113.9")).status).toBe(200);
  });

  it("slows down, but does not lock, an account attacked from many addresses", async () => {
    await newAccount("many.user");
    const sleep = vi.spyOn(loginThrottle, "sleep").mockResolvedValue();
    try {
      for (const ip of ["198.51.100.11", "198.51.100.12", "198.51.100.13"])
        for (let i = 0; i < 5; i++) expect((await tryToken("many.user", `wrong-${i}`, ip)).status).toBe(401);
      expect(sleep).toHaveBeenCalled();
      const delays = sleep.mock.calls.map(([ms]) => ms);
      expect(delays).toEqual([...delays].sort((a, b) => a - b));
      expect(delays.at(-1)).toBeLessThanOrEqual(10_000);
      sleep.mockClear();
      expect((await tryToken("many.user", PASSWORD, "203.0.113.10")).status).toBe(200);
      expect(sleep.mock.calls[0]?.[0]).toBeGreaterThan(0);
    } finally {
      sleep.mockRestore();
    }
  });

  it("refuses an address after twenty failures in 15 minutes, whichever accounts they were for", async () => {
    await newAccount("ip.user");
    for (let n = 0; n < 4; n++)
      for (let i = 0; i < 5; i++)
        expect((await tryToken(`ghost${n}`, "wrong-password", "198.51.100.20")).status).toBe(401);
    const refused = await tryToken("ip.user", PASSWORD, "198.51.100.20");
    expect(refused.status).toBe(429);
    expect(refused.data.error.message).toMatch(/登录失败次数过多/);
    expect((await tryToken("ip.user", PASSWORD, "198.51.100.21")).status).toBe(200);
  });

  it("changes a password: the old one stops working and other sessions end", async () => {
    const other = await new Visitor(t).login("a.liaison");
    const v = await new Visitor(t).login("a.liaison");
    const wrong = await v.post("/admin/account/password", {
      currentPassword: "bad",
      newPassword: "new-password-22",
      confirmPassword: "new-password-22",
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain("当前密码不正确");
    const mismatch = await v.post("/admin/account/password", {
      currentPassword: PASSWORD,
      newPassword: "new-password-22",
      confirmPassword: "new-password-23",
    });
    expect(mismatch.text).toContain("两次输入的新密码不一致");
    const ok = await v.post("/admin/account/password", {
      currentPassword: PASSWORD,
      newPassword: "new-password-22",
      confirmPassword: "new-password-22",
    });
    expect(ok.status).toBe(303);
    expect((await v.get("/admin")).status).toBe(200);
    expect((await other.get("/admin")).status).toBe(303);
    expect(
      (await api(t, "POST", "/api/v1/auth/token", { json: { username: "a.liaison", password: PASSWORD } }))
        .status,
    ).toBe(401);
    expect(
      (
        await api(t, "POST", "/api/v1/auth/token", {
          json: { username: "a.liaison", password: "new-password-22" },
        })
      ).status,
    ).toBe(200);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, "user.change_password"));
    expect(entry?.actorName).toContain("a.liaison");
    expect(JSON.stringify(entry)).not.toMatch(/new-password|scrypt/);
  });

  it("resets a password from the CLI and forces a change at next sign-in", async () => {
    const out = { log: () => {}, error: () => {} };
    expect(
      await runCli(
        ["user:reset-password", "--username", "a.editor", "--password", "temporary-pass-1"],
        t.database,
        out,
      ),
    ).toBe(0);
    expect(
      await runCli(["user:reset-password", "--username", "a.editor", "--password", "short"], t.database, out),
    ).toBe(1);
    const v = new Visitor(t);
    await v.get("/login");
    const r = await v.post("/login", { username: "a.editor", password: "temporary-pass-1" });
    expect(r.location).toBe("/admin/account");
    expect((await v.get("/admin")).status).toBe(303);
  });

  it("creates a user from the CLI with a scoped role", async () => {
    const lines: string[] = [];
    const out = { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) };
    const [unit] = await t.database.query<{ id: number }>("select id from units where name = '区财政局'");
    const code = await runCli(
      [
        "user:create",
        "--username",
        "cz.editor",
        "--name",
        "财政编辑",
        "--password",
        "initial-pass-1",
        "--role",
        `unit_editor@${unit?.id}`,
      ],
      t.database,
      out,
    );
    expect(code).toBe(0);
    const [u] = await t.db.select().from(users).where(eq(users.username, "cz.editor"));
    expect(u?.mustChangePassword).toBe(true);
    expect(
      await runCli(
        [
          "user:create",
          "--username",
          "x.y",
          "--name",
          "X",
          "--password",
          "initial-pass-1",
          "--role",
          "unit_editor",
        ],
        t.database,
        out,
      ),
    ).toBe(1);
    expect(lines.at(-1)).toContain("单位角色必须选择一个存在的单位");
  });

  it("refuses common and repetitive passwords everywhere one is set, saying why, changing nothing", async () => {
    const lines: string[] = [];
    const out = { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) };
    const create = ["user:create", "--username", "weak.user", "--name", "弱密码", "--password", "1111111111"];
    expect(await runCli(create, t.database, out)).toBe(1);
    expect(lines.at(-1)).toMatch(/password: 这个密码是重复的字符/);
    expect(await t.db.select().from(users).where(eq(users.username, "weak.user"))).toEqual([]);

    await newAccount("weak.own");
    const [before] = await t.db.select().from(users).where(eq(users.username, "weak.own"));
    const reset = ["user:reset-password", "--username", "weak.own", "--password", "1234567890"];
    expect(await runCli(reset, t.database, out)).toBe(1);
    expect(lines.at(-1)).toMatch(/容易被猜到/);

    const admin = await new Visitor(t).login("admin");
    const page = await admin.post("/admin/users", {
      username: "weak.page",
      displayName: "弱密码",
      password: "qwertyuiop",
    });
    expect(page.status).toBe(422);
    expect(page.text).toMatch(/id="f-password-error"[^>]*>.*容易被猜到/s);
    expect(await t.db.select().from(users).where(eq(users.username, "weak.page"))).toEqual([]);
    const edit = await admin.post(`/admin/users/${before?.id}`, {
      displayName: "改了名字",
      password: "abcdefghij",
      isActive: "1",
    });
    expect(edit.status).toBe(422);
    expect(edit.text).toMatch(/id="f-password-error"[^>]*>.*连续的字符/s);

    const own = await new Visitor(t).login("weak.own");
    const change = await own.post("/admin/account/password", {
      currentPassword: PASSWORD,
      newPassword: "1111111111",
      confirmPassword: "1111111111",
    });
    expect(change.status).toBe(422);
    expect(change.text).toMatch(/id="f-newPassword-error"[^>]*>.*重复的字符/s);
    const [after] = await t.db.select().from(users).where(eq(users.username, "weak.own"));
    expect(after).toEqual(before);
  });

  it("revokes API tokens when a password is changed or reset, and says so", async () => {
    await newAccount("tok.user");
    const token = await tokenFor(t, "tok.user");
    const v = await new Visitor(t).login("tok.user");
    expect((await v.get("/admin/account")).text).toContain("全部访问令牌也一并撤销");
    const ok = await v.post("/admin/account/password", {
      currentPassword: PASSWORD,
      newPassword: "changed-pass-77",
      confirmPassword: "changed-pass-77",
    });
    expect(ok.status).toBe(303);
    expect((await api(t, "GET", "/api/v1/me", { token })).status).toBe(401);

    const second = await tokenFor(t, "tok.user", "changed-pass-77");
    expect((await api(t, "GET", "/api/v1/me", { token: second })).status).toBe(200);
    const out = { log: () => {}, error: () => {} };
    const reset = ["user:reset-password", "--username", "tok.user", "--password", "temporary-pass-5"];
    expect(await runCli(reset, t.database, out)).toBe(0);
    expect((await api(t, "GET", "/api/v1/me", { token: second })).status).toBe(401);
  });

  it("lists a user's own tokens and lets them revoke one, but not another user's", async () => {
    await newAccount("list.user");
    const token = await tokenFor(t, "list.user");
    const other = await tokenFor(t, "a.head");
    const [mine] = await t.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, hashSecret(token)));
    const [theirs] = await t.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, hashSecret(other)));
    const v = await new Visitor(t).login("list.user");
    const page = await v.get("/admin/account");
    expect(page.text).toContain(`/admin/account/tokens/${mine?.id}/revoke`);
    expect(page.text).not.toContain(`/admin/account/tokens/${theirs?.id}/revoke`);
    expect(page.text).not.toContain(token);

    expect((await v.post(`/admin/account/tokens/${theirs?.id}/revoke`, {})).status).toBe(404);
    expect((await v.post("/admin/account/tokens/abc/revoke", {})).status).toBe(404);
    expect((await api(t, "GET", "/api/v1/me", { token: other })).status).toBe(200);

    const r = await v.post(`/admin/account/tokens/${mine?.id}/revoke`, {});
    expect(r.status).toBe(303);
    expect((await api(t, "GET", "/api/v1/me", { token })).status).toBe(401);
    expect((await v.get("/admin/account")).text).toContain("没有有效的访问令牌");
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.token_revoked"));
    expect(entry).toMatchObject({ entity: "api_token", entityId: String(mine?.id) });
  });

  it("signs out and the session is gone", async () => {
    const v = await new Visitor(t).login("office");
    const r = await v.post("/logout", {});
    expect(r.status).toBe(303);
    expect((await v.get("/admin")).res.headers.get("location")).toBe("/login?next=%2Fadmin");
  });
});
