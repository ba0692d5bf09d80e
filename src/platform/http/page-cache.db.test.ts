import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { api, seedOrg, tokenFor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { createApp } from "../../app";
import { todayInChina } from "../../features/calendar";
import { createHttpServer } from "../../server";
import { openDatabase, type TDatabase } from "../db";
import { createPageCache, nextChinaMidnight, type TPageCache } from "./page-cache";

const REDIS_URL = process.env.GONGKAI_REDIS_URL ?? "redis://127.0.0.1:6379";
const isCi = process.env.CI === "true" || process.env.CI === "1";

/** Why the Redis tests cannot run here ("" when they can); under CI a missing Redis is a failure. */
async function redisSkipReason(): Promise<string> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000 });
  probe.on("error", () => {});
  try {
    await probe.connect();
    await probe.ping();
    return "";
  } catch (err) {
    const reason = `Redis 不可用（${REDIS_URL}：${(err as Error).message}）`;
    if (isCi) throw new Error(`${reason}；CI 中不得跳过 Redis 测试。`);
    return reason;
  } finally {
    probe.disconnect();
  }
}
const redisSkip = await redisSkipReason();

const chinaDay = (ms: number) => todayInChina(new Date(ms));

describeDb("the public page cache", () => {
  let t: TTestApp;
  let office: string;
  let unitId: number;

  const get = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers });
  const text = async (path: string, headers: Record<string, string> = {}) =>
    (await get(path, headers)).text();
  /** Changes a title behind the app's back (no audit, no NOTIFY): only a fresh render shows it. */
  const retitleQuietly = (id: number, title: string) =>
    t.database.query("update documents set title = $1 where id = $2", [title, id]);
  const create = async (title: string, extra: Record<string, unknown> = {}, publish = true) => {
    const r = await api(t, "POST", "/api/v1/documents", { token: office, json: { unitId, title, ...extra } });
    expect(r.status, r.text).toBe(201);
    if (publish) {
      const p = await api(t, "POST", `/api/v1/documents/${r.data.id}/publish`, { token: office, json: {} });
      expect(p.status, p.text).toBe(200);
    }
    return r.data.id as number;
  };

  beforeAll(async () => {
    t = await createTestApp();
    unitId = (await seedOrg(t.db)).unitA.id;
    office = await tokenFor(t, "office");
  });
  afterAll(() => t?.close());

  it("serves anonymous visitors from the cache, and renders afresh on publish, withdrawal and repeal", async () => {
    const first = await create("区卫生健康局关于缓存测试的第一份通知");
    expect(await text(`/documents/${first}`)).toContain("缓存测试的第一份通知");
    expect(await text("/documents")).toContain("缓存测试的第一份通知");

    await retitleQuietly(first, "区卫生健康局关于缓存测试的改名通知");
    expect(await text(`/documents/${first}`)).toContain("缓存测试的第一份通知");

    // Publishing another document empties the cache before the publish call answers.
    const second = await create("区卫生健康局关于缓存测试的第二份通知");
    expect(await text("/documents")).toContain("缓存测试的第二份通知");
    expect(await text(`/documents/${first}`)).toContain("缓存测试的改名通知");

    const withdrawn = await api(t, "POST", `/api/v1/documents/${second}/withdraw`, {
      token: office,
      json: { notice: "因内容调整，本通知已撤回。" },
    });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(await text("/documents")).not.toContain("缓存测试的第二份通知");
    expect((await get(`/documents/${second}`)).status).toBe(410);

    expect(await text(`/documents/${first}`)).toContain("badge validity-valid");
    const repealed = await api(t, "PATCH", `/api/v1/documents/${first}`, {
      token: office,
      json: { repealedAt: "2020-01-01", changeNote: "已废止" },
    });
    expect(repealed.status, repealed.text).toBe(200);
    const after = await text(`/documents/${first}`);
    expect(after).not.toContain("badge validity-valid");
    expect(after).toMatch(/badge validity-(invalid|repealed)/);
  });

  it("shows a document's new validity from the midnight (China time) it takes effect", async () => {
    // Repealed from tomorrow, China time: valid today, no longer valid after midnight.
    const midnight = nextChinaMidnight(Date.now());
    const id = await create("区卫生健康局明日废止的规范性文件", { repealedAt: chinaDay(midnight) });
    const now = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now });
    try {
      expect(await text(`/documents/${id}`)).toContain("badge validity-valid");
      await retitleQuietly(id, "区卫生健康局明日废止的规范性文件（改名）");
      vi.setSystemTime(Math.min(midnight - 1000, now + 60_000));
      const before = await text(`/documents/${id}`);
      expect(before).toContain("badge validity-valid");
      expect(before).not.toContain("（改名）");
      vi.setSystemTime(midnight + 1000);
      const after = await text(`/documents/${id}`);
      expect(after).toContain("（改名）");
      expect(after).not.toContain("badge validity-valid");
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps nothing past a scheduled publication, which needs no write to appear", async () => {
    // Within the hour and before midnight in China, when every entry ends anyway (an hour ahead failed
    // each day between 23:00 and midnight).
    const at = new Date(Math.min(Date.now() + 60 * 60 * 1000, nextChinaMidnight(Date.now()) - 10_000));
    const id = await create("区卫生健康局定时发布的通知", {}, false);
    const p = await api(t, "POST", `/api/v1/documents/${id}/publish`, {
      token: office,
      json: { publishAt: at.toISOString() },
    });
    expect(p.status, p.text).toBe(200);
    const now = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now });
    try {
      // The database's clock, which cannot be faked, decides what is due: the test looks at when the
      // page was rendered (Last-Modified) instead of at its content.
      const rendered = (await get("/documents")).headers.get("last-modified");
      expect(rendered).toBe(new Date(now).toUTCString());
      vi.setSystemTime(at.getTime() - 1000);
      expect((await get("/documents")).headers.get("last-modified")).toBe(rendered);
      vi.setSystemTime(at.getTime() + 1000);
      expect((await get("/documents")).headers.get("last-modified")).toBe(
        new Date(at.getTime() + 1000).toUTCString(),
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it("never serves the cached page to a signed-in user, nor keeps the page rendered for one", async () => {
    const id = await create("区卫生健康局工作人员视角测试");
    const staff = { authorization: `Bearer ${office}` };
    // The staff member's page first: the visitor after them must not get it.
    expect(await text("/", staff)).toContain('href="/admin" class="header-link"');
    const anonymous = await text("/");
    expect(anonymous).not.toContain('href="/admin" class="header-link"');
    expect(anonymous).toContain("工作人员登录");
    expect(await text("/", staff)).toContain('href="/admin" class="header-link"');

    expect(await text(`/documents/${id}`)).toContain("工作人员视角测试");
    await retitleQuietly(id, "区卫生健康局工作人员视角测试（改名）");
    expect(await text(`/documents/${id}`)).not.toContain("（改名）");
    expect(await text(`/documents/${id}`, staff)).toContain("（改名）");
    // Any session cookie, even a stale one, bypasses the cache.
    expect(await text(`/documents/${id}`, { cookie: "gk_session=x" })).toContain("（改名）");
    expect(await text(`/documents/${id}`)).not.toContain("（改名）");
  });

  it("keeps elder mode apart, and sets no cookie on a cached page", async () => {
    const plain = await get("/guide");
    expect(plain.headers.get("set-cookie")).toBeNull();
    expect(plain.headers.get("cache-control")).toBe("public, no-store");
    const plainHtml = await plain.text();
    expect(plainHtml).not.toContain('class="elder"');
    expect(plainHtml).not.toContain('name="_csrf"');
    const elder = await text("/guide", { cookie: "gk_elder=1" });
    expect(elder).toContain('<html lang="zh-CN" class="elder">');
    expect(await text("/guide")).toBe(plainHtml);
    expect(await text("/guide", { cookie: "gk_elder=1" })).toBe(elder);
  });

  it("answers 304 to a matching If-None-Match, and compressed bodies decode to the same page", async () => {
    const id = await create("区卫生健康局压缩与校验测试", { body: "正文。".repeat(2000) });
    const path = `/documents/${id}`;
    const plain = await get(path, { "accept-encoding": "identity" });
    const html = await plain.text();
    const etag = plain.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(plain.headers.get("content-encoding")).toBeNull();

    const br = await get(path, { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toMatch(/Accept-Encoding/);
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(Buffer.byteLength(html) / 3);
    expect(brotliDecompressSync(brBytes).toString()).toBe(html);

    const gz = await get(path, { "accept-encoding": "gzip" });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(html);
    const refused = await get(path, { "accept-encoding": "br;q=0, gzip" });
    expect(refused.headers.get("content-encoding")).toBe("gzip");

    const notModified = await get(path, { "if-none-match": etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    expect(notModified.headers.get("etag")).toBe(etag);
    expect((await get(path, { "if-none-match": br.headers.get("etag") ?? "" })).status).toBe(304);

    await api(t, "PATCH", path.replace("/documents", "/api/v1/documents"), {
      token: office,
      json: { title: "区卫生健康局压缩与校验测试（修订）", changeNote: "修订标题" },
    });
    const changed = await get(path, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain("（修订）");
  });

  it("takes the elder-mode post without a token from the same site, and refuses it from another", async () => {
    const same = await t.app.request("/preferences/elder", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" },
      body: "on=1&back=/guide",
    });
    expect(same.status).toBe(303);
    expect(same.headers.get("set-cookie")).toMatch(/gk_elder=1/);
    const crossSite: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site" },
      { origin: "https://evil.example" },
    ];
    for (const headers of crossSite) {
      const cross = await t.app.request("/preferences/elder", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: "on=1&back=/guide",
      });
      expect(cross.status).toBe(403);
      expect(cross.headers.get("set-cookie")).toBeNull();
    }
  });

  describe("on the node server, before the app", () => {
    let cache: TPageCache;
    let server: Server;
    let base: string;
    beforeAll(async () => {
      cache = createPageCache({ database: t.database, logger: t.deps.logger });
      await cache.ready();
      server = createHttpServer(createApp(t.deps, { pageCache: cache }), cache);
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await cache.close();
    });
    const fetchPage = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${base}${path}`, { headers: { "accept-encoding": "identity", ...headers } });
    /** Every header but the ones that differ between two answers of the same page. */
    const sameFor = (r: Response) =>
      [...r.headers].filter(([name]) => !["x-request-id", "date", "keep-alive", "connection"].includes(name));

    it("answers a page once the app has rendered it, with the same bytes and headers", async () => {
      const id = await create("区卫生健康局快速通道测试");
      const answeredBy = vi.spyOn(cache, "serveNode");
      const rendered = await fetchPage(`/documents/${id}`);
      const fromNode = await fetchPage(`/documents/${id}`, { "x-request-id": "fast-1" });
      // Rendered by the app (which notes the headers it sent), then answered before the app.
      expect(answeredBy.mock.results.map((r) => r.value)).toEqual([false, true]);
      const html = await rendered.text();
      expect(html).toContain("快速通道测试");
      expect(await fromNode.text()).toBe(html);
      expect(sameFor(fromNode)).toEqual(sameFor(rendered));
      expect(fromNode.headers.get("x-request-id")).toBe("fast-1");
      expect(fromNode.headers.get("content-security-policy")).toContain("default-src 'self'");

      const etag = fromNode.headers.get("etag") ?? "";
      const notModified = await fetchPage(`/documents/${id}`, { "if-none-match": etag });
      expect(notModified.status).toBe(304);
      expect(answeredBy.mock.results.at(-1)?.value).toBe(true);

      // Brotli from the fast path decodes to the same page.
      const br = await fetch(`${base}/documents/${id}`, { headers: { "accept-encoding": "br" } });
      expect(br.headers.get("content-encoding")).toBe("br");
      expect(await br.text()).toBe(html);

      // Elder mode and a signed-in visitor are other pages; a change empties the fast path too.
      await fetchPage(`/documents/${id}`, { cookie: "gk_elder=1" });
      expect(answeredBy.mock.results.at(-1)?.value).toBe(false);
      await fetchPage(`/documents/${id}`, { cookie: "gk_session=whatever" });
      expect(answeredBy.mock.results.at(-1)?.value).toBe(false);
      const w = await api(t, "POST", `/api/v1/documents/${id}/withdraw`, {
        token: office,
        json: { notice: "测试撤回。" },
      });
      expect(w.status).toBe(200);
      await cache.invalidate();
      expect((await fetchPage(`/documents/${id}`)).status).toBe(410);
      expect(answeredBy.mock.results.at(-1)?.value).toBe(false);
      answeredBy.mockRestore();
    });
  });

  describe("across processes", () => {
    /** A second connection to the same database, as another process would have. */
    let other: TDatabase;
    const caches: TPageCache[] = [];
    const appOn = (database: TDatabase, cache: TPageCache) =>
      createApp({ ...t.deps, database, db: database.db }, { pageCache: cache });
    const cacheOn = (database: TDatabase, redisUrl?: string, redisKeyPrefix?: string) => {
      const cache = createPageCache({ database, logger: t.deps.logger, redisUrl, redisKeyPrefix });
      caches.push(cache);
      return cache;
    };
    /** Polls until `check` holds: a NOTIFY reaches another process within milliseconds, not at once. */
    const eventually = async (check: () => Promise<boolean>) => {
      const deadline = Date.now() + 5000;
      while (!(await check())) {
        if (Date.now() > deadline) return false;
        await new Promise((r) => setTimeout(r, 50));
      }
      return true;
    };

    beforeAll(async () => {
      if (t.database.kind === "postgres") {
        const [row] = await t.database.query<{ db: string }>("select current_database() as db");
        const url = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test");
        url.pathname = `/${row?.db}`;
        other = await openDatabase({ databaseUrl: url.toString() });
      } else {
        // PGlite is one process's own database: the second app shares its connection.
        other = t.database;
      }
    });
    afterAll(async () => {
      await Promise.all(caches.map((c) => c.close()));
      if (other && other !== t.database) await other.close();
    });

    it("empties the other instance's cache when one instance publishes", async () => {
      const id = await create("区卫生健康局跨进程测试");
      const mineCache = cacheOn(t.database);
      const theirsCache = cacheOn(other);
      await Promise.all([mineCache.ready(), theirsCache.ready()]);
      const mine = appOn(t.database, mineCache);
      const theirs = appOn(other, theirsCache);
      const page = async () => (await theirs.request(`/documents/${id}`)).text();
      expect(await page()).toContain("跨进程测试");
      await retitleQuietly(id, "区卫生健康局跨进程测试（改名）");
      expect(await page()).not.toContain("（改名）");
      const r = await mine.request(`/api/v1/documents/${id}/withdraw`, {
        method: "POST",
        headers: { authorization: `Bearer ${office}`, "content-type": "application/json" },
        body: JSON.stringify({ notice: "测试撤回。" }),
      });
      expect(r.status).toBe(200);
      expect(await eventually(async () => (await theirs.request(`/documents/${id}`)).status === 410)).toBe(
        true,
      );
    });

    (redisSkip ? it.skip : it)(
      `shares pages through Redis and drops them there on a change${redisSkip ? `（跳过：${redisSkip}）` : ""}`,
      async () => {
        const id = await create("区卫生健康局共享缓存测试");
        const prefix = `gongkai-test-${randomBytes(4).toString("hex")}:`;
        const mineCache = cacheOn(t.database, REDIS_URL, prefix);
        const theirsCache = cacheOn(other, REDIS_URL, prefix);
        await Promise.all([mineCache.ready(), theirsCache.ready()]);
        const mine = appOn(t.database, mineCache);
        const theirs = appOn(other, theirsCache);
        const path = `/documents/${id}`;
        expect(await (await mine.request(path)).text()).toContain("共享缓存测试");
        await retitleQuietly(id, "区卫生健康局共享缓存测试（改名）");
        // Never rendered by the other instance: it can only have come from Redis.
        expect(await (await theirs.request(path)).text()).not.toContain("（改名）");

        const r = await mine.request(`/api/v1/documents/${id}/withdraw`, {
          method: "POST",
          headers: { authorization: `Bearer ${office}`, "content-type": "application/json" },
          body: JSON.stringify({ notice: "测试撤回。" }),
        });
        expect(r.status).toBe(200);
        expect((await mine.request(path)).status).toBe(410);
        expect(await eventually(async () => (await theirs.request(path)).status === 410)).toBe(true);
        const probe = new Redis(REDIS_URL, { keyPrefix: prefix });
        await probe.del("pages", "pages:epoch");
        probe.disconnect();
      },
    );
  });
});
