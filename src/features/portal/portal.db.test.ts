import { readFileSync } from "node:fs";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { createApp } from "../../app";
import { DEMO_UNITS, loadDemoData } from "../../demo";
import { migrate } from "../../platform/db/migrate";
import { auditLog, rateLimits } from "../../platform/db/tables";
import { listUnits } from "../org";

describeDb("portal shell, errors and hardening", () => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedOrg(t.db);
  });
  afterAll(() => t?.close());

  it("serves zh-CN pages with landmarks, a skip link and navigation only to pages that exist", async () => {
    const home = await new Visitor(t).get("/");
    expect(home.status).toBe(200);
    expect(home.text).toMatch(/^<!DOCTYPE html><html lang="zh-CN"/);
    for (const mark of [
      '<header class="site-header"',
      '<nav aria-label="主导航"',
      '<main id="main"',
      "<footer",
      'href="#main"',
    ])
      expect(home.text).toContain(mark);
    const links =
      [...home.text.matchAll(/<nav aria-label="主导航".*?<\/nav>/gs)][0]?.[0].matchAll(/href="([^"]+)"/g) ??
      [];
    for (const [, href] of links) expect((await new Visitor(t).get(href as string)).status, href).toBe(200);
  });

  it("gathers services under section pages whose every link leads to a page", async () => {
    for (const [section, title] of [
      ["/services", "政策服务"],
      ["/responsiveness", "回应关切"],
      ["/grassroots", "基层政务公开"],
    ]) {
      const page = await new Visitor(t).get(section as string);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`<h1>${title}</h1>`);
      const cards = [
        ...(page.text.match(/<ul class="section-links">.*?<\/ul>/s)?.[0] ?? "").matchAll(/href="([^"]+)"/g),
      ];
      expect(cards.length, section).toBeGreaterThanOrEqual(4);
      for (const [, href] of cards) expect((await new Visitor(t).get(href as string)).status, href).toBe(200);
    }
  });

  it("sends the security headers: a CSP without inline scripts, no framing, no sniffing", async () => {
    const res = await t.app.request("/");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-request-id")).toMatch(/^[\w-]+$/);
    const html = await res.text();
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*src=)[^>]*>/);
    expect(html).not.toMatch(/ style="/);
  });

  it("shows the guide with everything Art. 12 asks for", async () => {
    const page = await new Visitor(t).get("/guide");
    for (const part of [
      "信息分类与编排",
      "主动公开",
      "依申请公开",
      "受理机构",
      "办公地址",
      "办公时间",
      "咨询电话",
      "监督和救济",
      "20 个工作日",
    ])
      expect(page.text).toContain(part);
  });

  it("lets the office edit the guide, showing each error beside its field", async () => {
    const v = await new Visitor(t).login("office");
    const r = await v.post("/admin/guide", {
      siteName: "某区人民政府",
      officeName: "",
      address: "x",
      postcode: "12",
      email: "bad",
    });
    expect(r.status).toBe(422);
    expect(r.text).toMatch(/id="f-postcode-error"[^>]*>.*邮政编码应为 6 位数字/s);
    expect(r.text).toMatch(/id="f-email-error"[^>]*>.*电子邮箱格式不正确/s);
    expect(r.text).toMatch(/id="f-officeName-error"/);
    expect(r.text).toContain('aria-invalid="true"');
    expect(r.text).toContain('value="某区人民政府"');
    expect((await v.get("/guide")).text).not.toContain("某区人民政府");
  });

  it("answers an unknown page with a Chinese 404 page", async () => {
    const r = await new Visitor(t).get("/no-such-page");
    expect(r.status).toBe(404);
    expect(r.text).toContain("页面不存在");
    expect(r.text).toContain('lang="zh-CN"');
  });

  it("remembers elder-friendly mode in a cookie, without JavaScript", async () => {
    const v = new Visitor(t);
    await v.get("/guide");
    const r = await v.post("/preferences/elder", { on: "1", back: "/guide" });
    expect(r.status).toBe(303);
    expect(r.location).toBe("/guide");
    expect(v.cookie).toContain("gk_elder=1");
    expect((await v.get("/units")).text).toContain('<html lang="zh-CN" class="elder"');
    await v.post("/preferences/elder", { on: "0", back: "https://evil.example/" });
    expect((await v.get("/")).text).not.toContain('class="elder"');
  });

  it("limits body size with a Chinese 413", async () => {
    const r = await api(t, "POST", "/api/v1/auth/token", {
      json: { username: "x", password: "y".repeat(2_000_000) },
    });
    expect(r.status).toBe(413);
    expect(r.data.error.message).toBe("提交的内容过大。");
  });

  it("rate-limits public POSTs per address with 429 and Retry-After", async () => {
    const headers = { "x-forwarded-for": "203.0.113.9" };
    let last = 0;
    for (let i = 0; i < 61; i++)
      last = (
        await api(t, "POST", "/api/v1/auth/token", { json: { username: "nobody", password: "x" }, headers })
      ).status;
    expect(last).toBe(429);
    const other = await api(t, "POST", "/api/v1/auth/token", {
      json: {},
      headers: { "x-forwarded-for": "203.0.113.10" },
    });
    expect(other.status).toBe(400);
    expect((await t.db.select({ n: count() }).from(rateLimits))[0]?.n).toBeGreaterThan(0);
  });

  it("reports health with the database kind", async () => {
    const r = await api(t, "GET", "/healthz");
    expect(r.status).toBe(200);
    expect(r.data).toEqual({ status: "ok", database: process.env.TEST_DB });
  });

  it("serves the stylesheet with the elder-mode rules", async () => {
    const res = await t.app.request("/static/site.css");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("html.elder");
  });

  it("hides a server error behind a generic Chinese 500, in HTML and JSON", async () => {
    const broken = createApp({ ...t.deps, db: t.deps.db });
    broken.get("/boom", () => {
      throw new Error("secret internal detail");
    });
    broken.get("/api/v1-boom", () => {
      throw new Error("secret internal detail");
    });
    const page = await broken.request("/boom");
    expect(page.status).toBe(500);
    const html = await page.text();
    expect(html).toContain("服务器内部错误，请稍后再试。");
    expect(html).not.toContain("secret");
    const json = await broken.request("/api/v1-boom");
    expect(json.status).toBe(500);
    expect(await json.json()).toEqual({
      error: { code: "internal", message: "服务器内部错误，请稍后再试。" },
    });
  });
});

describeDb("migrations and demo data", () => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it("applies nothing twice", async () => {
    expect(await migrate(t.database)).toEqual([]);
  });

  it("loads every unit of the 2022 work plan, aliases included, with an audited, intact history", async () => {
    await loadDemoData(t.db, "demo-admin-pass");
    const units = await listUnits(t.db);
    const names = new Set(units.flatMap((u) => [u.name, ...u.aliases]));
    const csv = readFileSync(new URL("../../../demo/2022-work-plan-tasks.csv", import.meta.url), "utf8");
    const referenced = new Set(
      csv
        .split("\n")
        .slice(1)
        .flatMap((line) => (line.split(",")[4] ?? "").split(/[、，]/))
        .map((n) =>
          n
            .replace(/(牵头|配合)$/, "")
            .replace(/等部门$/, "")
            .trim(),
        )
        .filter((n) => n && !/^(区政府各部门|各街道办事处|区政府有关部门|各相关部门|相关部门)$/.test(n)),
    );
    expect(referenced.size).toBeGreaterThan(15);
    expect([...referenced].filter((n) => !names.has(n))).toEqual([]);
    expect(units.filter((u) => u.kind === "subdistrict").length).toBe(
      DEMO_UNITS.filter((u) => u.kind === "subdistrict").length,
    );
    expect(units.find((u) => u.aliases.includes("区卫健局"))?.name).toBe("区卫生健康局");
    const { verifyAuditChain } = await import("../../platform/audit");
    const chain = await verifyAuditChain(t.db);
    expect(chain.firstBroken).toBeNull();
    expect(chain.checked).toBe((await t.db.select({ n: count() }).from(auditLog))[0]?.n);
    // The whole demo (its laws, plan and every feature's examples) loads here: longer than one request.
  }, 180_000);
});
