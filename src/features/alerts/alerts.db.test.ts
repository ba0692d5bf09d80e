import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor } from "../../../test/http";
import { decodeSubject, startSmtpServer } from "../../../test/smtp";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { selectRows } from "../../platform/db";
import { createMailer } from "../../platform/mailer";
import { sendOutbox } from "./send-outbox";

// Subscribers (all through the public API):
//   anna@  unit A (区卫生健康局), immediate   ┐ both match D1: exactly one mail about it
//   anna@  kind policy, immediate             ┘
//   bo@    words "养老", daily digest          matches D1 and D2 → one digest with both
//   cy@    topic 教育, immediate               matches nothing published here
//   dee@   unit A, never confirmed             gets only the confirmation mail
//   bad@   unit A, immediate; the server refuses this mailbox (550): a bounce
// D1 (unit A, policy, 养老服务补贴): anna (immediate), bo (daily), bad (bounce) → matched 3.
// D2 (unit B, notice, 养老机构): bo only (daily). D3 (unit A, scheduled 3 s ahead): anna, bad.
// D4 (unit A), withdrawn before the sender runs: nothing is sent about it.
describeDb("e-mail alerts (订阅)", () => {
  let t: TTestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let office: string;
  let unitA: number;
  let unitB: number;
  const base = "https://gk.example.gov.cn";
  const send = () => sendOutbox(t.db, createMailer(smtp.url, "gongkai@example.gov.cn"), { baseUrl: base });
  const subscribe = async (email: string, filter: object, frequency = "immediate") => {
    const r = await api(t, "POST", "/api/v1/public/subscriptions", {
      json: { email, filter, frequency },
      headers: { "x-forwarded-for": `10.0.0.${email.length}` },
    });
    expect(r.status, r.text).toBe(201);
  };
  const publish = async (json: object) => {
    const r = await api(t, "POST", "/api/v1/documents", {
      token: office,
      json: { status: "published", ...json },
    });
    expect(r.status, r.text).toBe(201);
    return r.data.id as number;
  };
  const tokenIn = (text: string, path: string) => new RegExp(`${path}/([\\w-]+)`).exec(text)?.[1] ?? "";

  beforeAll(async () => {
    t = await createTestApp({ config: { publicUrl: base } });
    const s = await seedOrg(t.db);
    unitA = s.unitA.id;
    unitB = s.unitB.id;
    office = await tokenFor(t, "office");
    smtp = await startSmtpServer({ rejectRecipient: (to) => to === "bad@example.com" });
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.close();
  });

  it("refuses bad subscriptions in Chinese, with a 4xx", async () => {
    const bad = [
      { email: "not-an-address", filter: {}, frequency: "immediate" },
      { email: "x@example.com", filter: { kind: "poem" }, frequency: "immediate" },
      { email: "x@example.com", filter: {}, frequency: "hourly" },
      { email: "x@example.com", filter: { unit: 99999999999 }, frequency: "daily" },
    ];
    for (const json of bad) {
      const r = await api(t, "POST", "/api/v1/public/subscriptions", { json });
      expect(r.status, JSON.stringify(json)).toBe(400);
      expect(r.data.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const empty = await api(t, "POST", "/api/v1/public/subscriptions", { json: "" });
    expect(empty.status).toBe(400);
  });

  it("double opt-in: one confirmation mail per subscription, active only after its link is used", async () => {
    await subscribe("anna@example.com", { unit: unitA });
    await subscribe("anna@example.com", { kind: "policy" });
    await subscribe("bo@example.com", { q: "养老" }, "daily");
    await subscribe("cy@example.com", { topic: "教育" });
    await subscribe("dee@example.com", { unit: unitA });
    await subscribe("bad@example.com", { unit: unitA });
    // The same subscription again within minutes: no second confirmation mail.
    await subscribe("cy@example.com", { topic: "教育" });
    const r = await send();
    expect(r.sent).toBe(5);
    expect(r.bounced).toBe(1);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([
      "anna@example.com",
      "anna@example.com",
      "bo@example.com",
      "cy@example.com",
      "dee@example.com",
    ]);
    for (const m of smtp.received) {
      expect(decodeSubject(m.headers.subject ?? "")).toContain("请确认您的订阅");
      const token = tokenIn(m.text, "/alerts/confirm");
      expect(token).not.toBe("");
      if (m.to[0] === "dee@example.com") continue;
      const c = await api(t, "POST", `/api/v1/public/subscriptions/${token}/confirm`);
      expect(c.status, c.text).toBe(200);
    }
    // bad@ never got its confirmation (refused); confirm it directly so that its alerts bounce too.
    await t.database.exec("update alert_subscriptions set status = 'active' where email = 'bad@example.com'");
    const unknown = await api(t, "POST", "/api/v1/public/subscriptions/AAAAAAAAAAAAAAAAAAAAAAAA/confirm");
    expect(unknown.status).toBe(404);
  });

  let d1 = 0;
  let d2 = 0;
  it("publishing sends exactly one mail per subscriber, with one-click unsubscribe headers", async () => {
    smtp.received.length = 0;
    d1 = await publish({
      title: "关于提高养老服务补贴标准的通知",
      kind: "policy",
      unitId: unitA,
      body: "为做好养老服务工作，现将补贴标准调整如下。",
    });
    d2 = await publish({
      title: "区养老机构名单公告",
      kind: "notice",
      unitId: unitB,
      body: "现公布养老机构名单。",
    });
    const r = await send();
    expect(smtp.received.map((m) => m.to[0])).toEqual(["anna@example.com"]);
    expect(r.bounced).toBe(1); // bad@
    const [mail] = smtp.received;
    expect(decodeSubject(mail?.headers.subject ?? "")).toContain("关于提高养老服务补贴标准的通知");
    expect(mail?.text).toContain(`${base}/documents/${d1}`);
    expect(mail?.text).toContain(`${base}/alerts/manage/`);
    expect(mail?.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail?.headers["list-unsubscribe"]).toMatch(
      new RegExp(`^<${base}/api/v1/public/subscriptions/[\\w-]+/unsubscribe\\?document=${d1}>$`),
    );
    // Sending again sends nothing more: the outbox remembers.
    await send();
    expect(smtp.received).toHaveLength(1);
  });

  it("a daily digest holds the day's documents in one mail, sent when due", async () => {
    smtp.received.length = 0;
    // The digest is due at 08:00 Beijing time; bring it forward instead of waiting for the morning.
    await t.database.exec("update alert_outbox set not_before = now() where frequency = 'daily'");
    await send();
    expect(smtp.received.map((m) => m.to[0])).toEqual(["bo@example.com"]);
    const text = smtp.received[0]?.text ?? "";
    expect(text).toContain(`/documents/${d1}`);
    expect(text).toContain(`/documents/${d2}`);
    expect(decodeSubject(smtp.received[0]?.headers.subject ?? "")).toContain("每日新文件汇总（2 件）");
  });

  it("a scheduled publication is not mailed before it shows; a withdrawn one is never mailed", async () => {
    smtp.received.length = 0;
    const d3 = await api(t, "POST", "/api/v1/documents", {
      token: office,
      json: { title: "关于老年人助餐服务的实施意见", kind: "policy", unitId: unitA, body: "助餐服务。" },
    });
    const at = new Date(Date.now() + 3000).toISOString();
    const p = await api(t, "POST", `/api/v1/documents/${d3.data.id}/publish`, {
      token: office,
      json: { publishAt: at },
    });
    expect(p.status, p.text).toBe(200);
    const d4 = await publish({ title: "临时通知", kind: "policy", unitId: unitA, body: "临时通知。" });
    const w = await api(t, "POST", `/api/v1/documents/${d4}/withdraw`, {
      token: office,
      json: { notice: "该通知内容有误，予以撤回。" },
    });
    expect(w.status, w.text).toBe(200);
    await send();
    expect(smtp.received).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 3200));
    await send();
    expect(smtp.received.map((m) => m.to[0])).toEqual(["anna@example.com"]);
    expect(smtp.received[0]?.text).toContain(`/documents/${d3.data.id}`);
  });

  it("one-click unsubscribe ends it (idempotent), cancels what is queued and counts in reach", async () => {
    const mail = smtp.received[0];
    const url = /^<([^>]+)>$/.exec(mail?.headers["list-unsubscribe"] ?? "")?.[1] ?? "";
    const path = url.slice(base.length);
    for (let i = 0; i < 2; i++) {
      const res = await t.app.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
      expect(res.status).toBe(200);
    }
    // anna's other subscription (kind policy) still exists, so a new policy still reaches her once.
    smtp.received.length = 0;
    await publish({ title: "关于卫生健康工作的意见", kind: "policy", unitId: unitA, body: "卫生健康。" });
    await send();
    expect(smtp.received.map((m) => m.to[0])).toEqual(["anna@example.com"]);
  });

  it("reach: matched, sent, delivered, bounced and unsubscribed per document (staff only)", async () => {
    const reach = await api(t, "GET", `/api/v1/documents/${d1}/reach`, { token: office });
    expect(reach.status, reach.text).toBe(200);
    // D1 matched anna, bo, bad; three handed over; bad@ refused (550) → delivered 2, bounced 1.
    expect(reach.data).toEqual({ matched: 3, sent: 3, delivered: 2, bounced: 1, unsubscribed: 0 });
    const anon = await api(t, "GET", `/api/v1/documents/${d1}/reach`);
    expect(anon.status).toBe(401);
    const otherUnit = await api(t, "GET", `/api/v1/documents/${d1}/reach`, {
      token: await tokenFor(t, "b.head"),
    });
    expect(otherUnit.status).toBe(404);
    const rows = await selectRows<{ n: number }>(
      t.db,
      // the unsubscribe came from D3's mail
      (await import("drizzle-orm"))
        .sql`select count(*)::int as n from alert_subscriptions where ended_by_document is not null`,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it("subscribe pages work without JavaScript, from the catalogue's 订阅 link", async () => {
    const { Visitor } = await import("../../../test/http");
    const v = new Visitor(t, { "x-forwarded-for": "10.9.9.9" });
    const list = await v.get(`/documents?unit=${unitA}&q=${encodeURIComponent("养老")}`);
    const href = /href="(\/alerts\/subscribe\?[^"]+)"/.exec(list.text)?.[1]?.replace(/&amp;/g, "&") ?? "";
    expect(href).toContain(`unit=${unitA}`);
    const page = await v.get(href);
    expect(page.status).toBe(200);
    expect(page.text).toContain("区卫生健康局");
    const bad = await v.post("/alerts/subscribe", {
      email: "nope",
      frequency: "immediate",
      unit: String(unitA),
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("请填写有效的电子邮箱地址");
    const ok = await v.post("/alerts/subscribe", {
      email: "eve@example.com",
      frequency: "weekly",
      unit: String(unitA),
      q: "养老",
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe("/alerts/subscribe/sent");
    smtp.received.length = 0;
    await send();
    const confirm = smtp.received.find((m) => m.to[0] === "eve@example.com");
    const token = tokenIn(confirm?.text ?? "", "/alerts/confirm");
    const landing = await v.get(`/alerts/confirm/${token}`);
    expect(landing.text).toContain("确认订阅");
    const done = await v.post(`/alerts/confirm/${token}`, {});
    expect(done.status).toBe(303);
    const manage = await v.get(`/alerts/manage/${token}`);
    expect(manage.text).toContain("订阅已生效");
    expect(manage.text).toContain("每周汇总一封");
    const off = await v.post(`/alerts/manage/${token}/unsubscribe`, {});
    expect(off.status).toBe(303);
    expect((await v.get(`/alerts/manage/${token}`)).text).toContain("此订阅已退订");
    expect((await v.get("/alerts/manage/not-a-token")).status).toBe(404);
  });
});

describeDb("signed webhooks", () => {
  let t: TTestApp;
  const calls: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      calls.push({ headers: req.headers, body });
      res.writeHead(calls.length === 1 ? 503 : 204).end();
    });
  });

  beforeAll(async () => {
    t = await createTestApp();
    await seedOrg(t.db);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  });
  afterAll(async () => {
    server.close();
    await t?.close();
  });

  it("posts each publication signed with HMAC-SHA256, and retries a failed call", async () => {
    const office = await tokenFor(t, "office");
    const port = (server.address() as { port: number }).port;
    const denied = await api(t, "POST", "/api/v1/webhooks", {
      token: await tokenFor(t, "a.editor"),
      json: { url: `http://127.0.0.1:${port}/hook` },
    });
    expect(denied.status).toBe(403);
    const w = await api(t, "POST", "/api/v1/webhooks", {
      token: office,
      json: { url: `http://127.0.0.1:${port}/hook` },
    });
    expect(w.status, w.text).toBe(201);
    const units = await api(t, "GET", "/api/v1/units");
    const d = await api(t, "POST", "/api/v1/documents", {
      token: office,
      json: {
        title: "关于扶持小微企业的若干措施",
        kind: "policy",
        unitId: units.data.items[0].id,
        status: "published",
      },
    });
    expect(d.status, d.text).toBe(201);
    const mailer = createMailer(undefined, "x@example.com");
    const first = await sendOutbox(t.db, mailer, { baseUrl: "http://localhost" });
    expect(first.retried).toBe(1); // the endpoint answered 503
    await t.database.exec("update alert_outbox set not_before = now() where kind = 'webhook'");
    const second = await sendOutbox(t.db, mailer, { baseUrl: "http://localhost" });
    expect(second.sent).toBe(1);
    const call = calls[1];
    expect(call).toBeDefined();
    const ts = String(call?.headers["x-gongkai-timestamp"]);
    const expected = createHmac("sha256", w.data.secret).update(`${ts}.${call?.body}`).digest("hex");
    expect(call?.headers["x-gongkai-signature"]).toBe(`sha256=${expected}`);
    expect(call?.headers["x-gongkai-event"]).toBe("published");
    expect(JSON.parse(call?.body ?? "{}").document.title).toBe("关于扶持小微企业的若干措施");
  });
});
