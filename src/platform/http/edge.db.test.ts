import { once } from "node:events";
import net from "node:net";
import { serve } from "@hono/node-server";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { DEFAULT_GUIDE, saveGuide } from "../../features/portal";
import { requests } from "../../features/requests/requests.tables";
import { auditLog } from "../db/tables";

const PUBLIC_URL = "https://gk.example.gov.cn";
const person = {
  kind: "natural_person",
  name: "张三",
  idType: "resident_id",
  idNumber: "11010519491231002X",
  phone: "13812345678",
};

describeDb("the edge: NUL characters, ids out of range, caching, public links, closing after 413", () => {
  let t: TTestApp;
  let office: string;
  let unitA: number;
  const docs: Record<string, number> = {};
  const files: Record<string, number> = {};

  const upload = async (docId: number, data: Uint8Array<ArrayBuffer>, name: string) => {
    const form = new FormData();
    form.set("file", new File([data], name, { type: "application/pdf" }));
    const res = await t.app.request(`/api/v1/documents/${docId}/attachments`, {
      method: "POST",
      headers: { authorization: `Bearer ${office}` },
      body: form,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: number }).id;
  };

  beforeAll(async () => {
    t = await createTestApp({ config: { publicUrl: PUBLIC_URL } });
    unitA = (await seedOrg(t.db)).unitA.id;
    office = await tokenFor(t, "office");
    for (const [key, publish] of [
      ["published", true],
      ["draft", false],
    ] as const) {
      const r = await api(t, "POST", "/api/v1/documents", {
        token: office,
        json: { unitId: unitA, title: `边界测试文件（${key}）` },
      });
      expect(r.status, r.text).toBe(201);
      docs[key] = r.data.id;
      if (publish)
        await api(t, "POST", `/api/v1/documents/${r.data.id}/publish`, { token: office, json: {} });
    }
    // A PDF may hold NUL bytes: they are file content, not text, and must be accepted.
    const pdf = new TextEncoder().encode("%PDF-1.4\n\u0000\u0000binary\n%%EOF\n");
    files.published = await upload(docs.published as number, pdf, "附件（一）'s.pdf");
    files.draft = await upload(docs.draft as number, pdf, "草稿附件.pdf");
  });
  afterAll(() => t?.close());

  const auditCount = async () => (await t.db.select({ n: count() }).from(auditLog))[0]?.n ?? 0;

  describe("NUL characters", () => {
    it("refuses U+0000 in a query string or path with 400 and a Chinese message, anonymous routes included", async () => {
      for (const path of [
        "/documents?q=%E6%94%BF%00%E5%8A%A1",
        "/feeds/documents.rss?topic=a%00",
        "/documents.csv?q=%00",
        "/api/v1/documents?q=%00",
        "/units/1%00/documents",
      ]) {
        const res = await t.app.request(path);
        expect(res.status, path).toBe(400);
        expect(await res.text(), path).toContain("空字符");
      }
    });

    it("refuses it in a form and in JSON, before anything is written", async () => {
      const v = new Visitor(t);
      await v.get("/login");
      const before = await auditCount();
      const login = await v.post("/login", { username: "office\u0000", password: "x" });
      expect(login.status).toBe(400);
      expect(login.text).toContain("空字符");
      const token = await api(t, "POST", "/api/v1/auth/token", {
        json: '{"username":"office\\u0000","password":"x"}',
      });
      expect(token.status).toBe(400);
      expect(token.data.error.message).toContain("空字符");
      const request = await api(t, "POST", "/api/v1/requests", {
        token: office,
        json: {
          applicant: { ...person, name: "张\u0000三" },
          channel: "mail",
          receivedAt: "2025-09-01",
          description: "申请公开某项目的环评批复文件",
        },
      });
      expect(request.status).toBe(400);
      expect(await auditCount()).toBe(before);
    });

    it("checks a multipart form's text fields but not its files", async () => {
      const form = new FormData();
      form.set("file", new File([new Uint8Array([0, 1, 2])], "a.pdf", { type: "application/pdf" }));
      form.set("note", "x\u0000y");
      const res = await t.app.request(`/api/v1/documents/${docs.draft}/attachments`, {
        method: "POST",
        headers: { authorization: `Bearer ${office}` },
        body: form,
      });
      expect(res.status).toBe(400);
      // The files uploaded in beforeAll held NUL bytes and were stored.
      const got = await t.app.request(`/documents/${docs.published}/attachments/${files.published}`);
      expect(new Uint8Array(await got.arrayBuffer())).toContain(0);
    });
  });

  describe("ids out of range", () => {
    it("answers 404 for a path id beyond the id column, in the API as on pages", async () => {
      for (const path of [
        "/api/v1/units/2147483648",
        "/api/v1/documents/9223372036854775808",
        "/api/v1/units/abc",
      ]) {
        const r = await api(t, "GET", path, { token: office });
        expect(r.status, path).toBe(404);
        expect(r.data.error.message, path).toBe("您访问的页面或记录不存在。");
      }
      expect((await t.app.request("/documents/2147483648")).status).toBe(404);
    });

    it("refuses an id field beyond range in a JSON body with 400 and the field named, writing nothing", async () => {
      const before = (await t.db.select({ n: count() }).from(requests))[0]?.n;
      const r = await api(t, "POST", "/api/v1/requests", {
        token: office,
        json: {
          applicant: person,
          channel: "mail",
          receivedAt: "2025-09-01",
          description: "申请公开某项目的环评批复文件",
          unitId: 2147483648,
        },
      });
      expect(r.status, r.text).toBe(400);
      expect(r.data.error.issues).toEqual([{ path: "unitId", message: "不能大于 2147483647。" }]);
      expect((await t.db.select({ n: count() }).from(requests))[0]?.n).toBe(before);
    });

    it("refuses one in a form with 422 beside the field", async () => {
      const v = await new Visitor(t).login("admin");
      const r = await v.post("/admin/users", {
        username: "huge.unit",
        displayName: "越界",
        password: "initial-pass-3",
        unitId_0: "2147483648",
        unitRoles_0: "unit_editor",
      });
      expect(r.status).toBe(422);
      expect(r.text).toContain("不能大于 2147483647。");
    });
  });

  describe("caching", () => {
    it("never lets a cache keep a draft's attachment, a staff page or an API answer about a person", async () => {
      const v = await new Visitor(t).login("office");
      const draft = await t.app.request(`/documents/${docs.draft}/attachments/${files.draft}`, {
        headers: { cookie: v.cookie },
      });
      expect(draft.status).toBe(200);
      expect(draft.headers.get("cache-control")).toBe("private, no-store");
      for (const path of ["/admin", "/admin/documents", `/documents/${docs.published}`]) {
        const res = await t.app.request(path, { headers: { cookie: v.cookie } });
        expect(res.status, path).toBe(200);
        expect(res.headers.get("cache-control"), path).toBe("private, no-store");
      }
      const me = await api(t, "GET", "/api/v1/me", { token: office });
      expect(me.res.headers.get("cache-control")).toBe("private, no-store");
      // Errors and the public request form (it carries a token) are not kept either.
      expect((await t.app.request("/nowhere")).headers.get("cache-control")).toBe("private, no-store");
      expect((await t.app.request("/requests/new")).headers.get("cache-control")).toBe("private, no-store");
    });

    it("lets caches keep what is published: documents, their files, feeds, sitemap, static files", async () => {
      const anon = new Visitor(t);
      await anon.get("/");
      for (const path of [
        `/documents/${docs.published}/attachments/${files.published}`,
        "/feeds/documents.rss",
        "/feeds/documents.atom",
        "/sitemap.xml",
        "/documents.csv",
        "/static/site.css",
      ]) {
        // No cookie at all, as a shared cache asks: no cookie is set on these either.
        const res = await t.app.request(path);
        expect(res.status, path).toBe(200);
        expect(res.headers.get("cache-control"), path).toMatch(/^public, max-age=\d+$/);
        expect(res.headers.get("set-cookie"), path).toBeNull();
      }
      const page = await anon.get(`/documents/${docs.published}`);
      expect(page.res.headers.get("cache-control")).toMatch(/^public/);
      expect(page.res.headers.get("vary")).toContain("Cookie");
    });
  });

  describe("downloads", () => {
    it("names a file in UTF-8 (RFC 5987) with a plain fallback", async () => {
      const res = await t.app.request(`/documents/${docs.published}/attachments/${files.published}`);
      expect(res.headers.get("content-disposition")).toBe(
        `inline; filename="_____'s.pdf"; filename*=UTF-8''%E9%99%84%E4%BB%B6%EF%BC%88%E4%B8%80%EF%BC%89%27s.pdf`,
      );
    });
  });

  describe("public links", () => {
    it("writes the configured public address into sitemap, feeds and CSV, whatever the Host header says", async () => {
      for (const path of [
        "/sitemap.xml",
        "/feeds/documents.rss",
        "/feeds/documents.atom",
        "/documents.csv",
      ]) {
        const res = await t.app.request(`http://evil.example${path}`, { headers: { host: "evil.example" } });
        const text = await res.text();
        expect(text, path).toContain(`${PUBLIC_URL}/documents/${docs.published}`);
        expect(text, path).not.toContain("evil.example");
      }
    });
  });

  describe("per-request page frame", () => {
    it("keeps each app's own site name when two apps share the process", async () => {
      await saveGuide(
        t.db,
        { userId: null, name: "测试", ip: "", requestId: "" },
        {
          ...DEFAULT_GUIDE,
          siteName: "甲区政务公开",
        },
      );
      const other = await createTestApp();
      try {
        // The frame's <title> ends with the site name of the app that answered.
        expect(await (await t.app.request("/documents")).text()).toMatch(/<title>[^<]*甲区政务公开<\/title>/);
        expect(await (await other.app.request("/documents")).text()).not.toContain("甲区政务公开");
      } finally {
        await other.close();
      }
    });
  });
});

describeDb("413 over a real connection", () => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await createTestApp({ app: { bodyLimitBytes: 1000 } });
  });
  afterAll(() => t?.close());

  it("says Connection: close on 413, and closes", async () => {
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
    await once(server, "listening");
    const { port } = server.address() as net.AddressInfo;
    try {
      const socket = net.connect(port, "127.0.0.1");
      await once(socket, "connect");
      const body = "q=".padEnd(5000, "x");
      socket.write(
        `POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
      let received = "";
      socket.on("data", (d) => {
        received += d.toString("latin1");
      });
      const isClosed = await Promise.race([
        once(socket, "close").then(() => true),
        new Promise((r) => setTimeout(() => r(false), 5000)),
      ]);
      socket.destroy();
      const head = received.split("\r\n\r\n")[0] ?? "";
      expect(head).toMatch(/^HTTP\/1\.1 413/);
      expect(head).toMatch(/\r\nconnection: close\r\n/i);
      expect(head).not.toMatch(/keep-alive/i);
      expect(isClosed).toBe(true);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
