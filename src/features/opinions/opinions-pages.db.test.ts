import { count, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { createUnit } from "../org";
import { opinions } from "./opinions.tables";

const SETUP = { userId: null, name: "测试准备", ip: "", requestId: "" };
const HOUR = 3_600_000;
// Milliseconds kept: a response recorded in the same second as the letter arrived is not "before" it.
const hoursFromNow = (hours: number) =>
  `${new Date(Date.now() + hours * HOUR + 8 * HOUR).toISOString().slice(0, 23)}+08:00`;

describeDb("领导信箱, 回应关切 and the back-office 舆情 pages", () => {
  let t: TTestApp;
  let unitA: number;
  let office: string;
  beforeAll(async () => {
    t = await createTestApp();
    unitA = (await seedOrg(t.db)).unitA.id;
    await createUnit(t.db, SETUP, {
      name: "区政府办公室",
      kind: "office",
      aliases: [],
      address: "",
      phone: "",
      duties: "",
      sortOrder: 0,
    });
    office = await tokenFor(t, "office");
  });
  afterAll(() => t?.close());

  const letter = {
    name: "王小明",
    contact: "13912345678",
    title: "小区门口垃圾清运不及时",
    body: "幸福小区门口垃圾桶经常满溢，异味很大，请尽快处理。",
  };
  const letters = async () => t.db.select().from(opinions).where(eq(opinions.source, "mailbox"));

  it("takes a letter through the form without JavaScript, once, with a receipt and the 48-hour clock", async () => {
    const v = new Visitor(t, { "x-forwarded-for": "198.51.100.7" });
    const form = await v.get("/mailbox");
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="_formToken"');
    const token = v.formToken;
    const r = await v.post("/mailbox", letter);
    expect(r.status).toBe(303);
    expect(r.location).toBe("/mailbox/receipt");
    const receipt = await v.get("/mailbox/receipt");
    expect(receipt.text).toMatch(/LDXX\d{4}\d{6}/);
    expect(receipt.text).not.toContain("王小明");
    // The same form posted again (back button, double click): the receipt again, no second letter.
    expect((await v.post("/mailbox", { ...letter, _formToken: token })).location).toBe("/mailbox/receipt");
    const rows = await letters();
    expect(rows).toHaveLength(1);
    const row = rows[0];
    // Routed to the government office; 48 clock hours from when it arrived; topic suggested (异味).
    expect(row?.responseDueAt && row.responseDueAt.getTime() - row.discoveredAt.getTime()).toBe(48 * HOUR);
    expect(row?.isTopicConfirmed).toBe(false);
  });

  it("shows every mistake beside its field and keeps what was typed (422), storing nothing", async () => {
    const v = new Visitor(t, { "x-forwarded-for": "198.51.100.8" });
    await v.get("/mailbox");
    const r = await v.post("/mailbox", { ...letter, name: "", body: "" });
    expect(r.status).toBe(422);
    expect(r.text).toContain('id="f-name-error"');
    expect(r.text).toContain('id="f-body-error"');
    expect(r.text).toContain(letter.title);
    expect(await letters()).toHaveLength(1);
  });

  it("drops a robot's letter (honeypot) while answering it like any other", async () => {
    const v = new Visitor(t, { "x-forwarded-for": "198.51.100.9" });
    await v.get("/mailbox");
    expect((await v.post("/mailbox", { ...letter, website: "http://spam.example" })).status).toBe(303);
    expect(await letters()).toHaveLength(1);
  });

  it("refuses a form without its one-time token or CSRF token", async () => {
    const v = new Visitor(t, { "x-forwarded-for": "198.51.100.10" });
    await v.get("/mailbox");
    expect((await v.post("/mailbox", { ...letter, _formToken: "forged.token" })).status).toBe(400);
    expect((await v.post("/mailbox", letter, { csrf: null })).status).toBe(403);
    expect(await letters()).toHaveLength(1);
  });

  it("publishes an answer only after a response, never with the writer's data, and shows it on 回应关切", async () => {
    const [row] = await letters();
    const id = row?.id as number;
    const publish = (question: string) =>
      api(t, "POST", `/api/v1/opinions/${id}/publish`, {
        token: office,
        json: { question, answer: "已督促环卫部门每日清运两次。" },
      });
    expect((await publish("小区门口垃圾清运不及时。")).status).toBe(409);
    expect(
      (
        await api(t, "POST", `/api/v1/opinions/${id}/events`, {
          token: office,
          json: { type: "response", at: hoursFromNow(0) },
        })
      ).status,
    ).toBe(201);
    // The writer's phone number, and their name, are refused.
    const phone = await publish("来信人 13912345678 反映垃圾清运不及时。");
    expect(phone.status).toBe(422);
    expect(phone.data.error.issues[0].path).toBe("question");
    expect((await publish("王小明反映垃圾清运不及时。")).status).toBe(422);
    expect((await t.db.select().from(opinions).where(eq(opinions.id, id)))[0]?.publishedAt).toBeNull();
    expect((await publish("有市民反映所住小区的垃圾没有及时清运。")).status).toBe(200);
    const page = await new Visitor(t).get("/responses");
    expect(page.status).toBe(200);
    expect(page.text).toContain("有市民反映所住小区的垃圾没有及时清运。");
    expect(page.text).toContain("已督促环卫部门每日清运两次。");
    for (const secret of ["王小明", "13912345678", letter.title]) expect(page.text).not.toContain(secret);
    const json = await api(t, "GET", "/api/v1/public/opinion-responses");
    expect(json.data.total).toBe(1);
    expect(JSON.stringify(json.data)).not.toContain("13912345678");
  });

  it("shows the board with server-rendered countdowns, overdue marked, in the caller's units only", async () => {
    await api(t, "POST", "/api/v1/opinions", {
      token: office,
      json: {
        title: "甲单位超时的舆情",
        source: "media",
        topic: "医疗健康",
        unitId: unitA,
        severity: "major_emergency",
        discoveredAt: hoursFromNow(-5.5),
      },
    });
    const v = await new Visitor(t).login("a.head");
    const board = await v.get("/admin/opinions");
    expect(board.status).toBe(200);
    expect(board.text).toContain("甲单位超时的舆情");
    // 5 h release, found 5 h 30 min ago: 30 minutes over (29–30 by the time the page is drawn).
    expect(board.text).toMatch(/已超时 0 小时 (29|30|31) 分/);
    expect(board.text).toMatch(/class="row-overdue"/);
    // 24 h press conference: 18 h 30 min left.
    expect(board.text).toMatch(/剩余 18 小时 (28|29|30) 分/);
    expect(board.text).not.toContain("小区门口垃圾清运不及时");
    const b = await (await new Visitor(t).login("b.head")).get("/admin/opinions");
    expect(b.text).not.toContain("甲单位超时的舆情");
    expect((await (await new Visitor(t).login("a.editor")).get("/admin/opinions")).status).toBe(403);
  });

  it("shows the dashboard cards for each clock", async () => {
    const page = await (await new Visitor(t).login("a.head")).get("/admin");
    expect(page.text).toContain("舆情：5 小时内发布权威信息");
    const card = /<h2 id="dash-op-release">.*?<\/section>/s.exec(page.text)?.[0] ?? "";
    expect(card).toMatch(/在办 1 条，1 小时内到期 0 条，\s*<span class="overdue">已超时 1 条<\/span>/);
    expect(page.text).toContain("舆情：48 小时内回应");
  });

  it("registers through the staff form in Beijing time and records an event on the item page", async () => {
    const v = await new Visitor(t).login("office");
    await v.get("/admin/opinions/new");
    const r = await v.post("/admin/opinions/new", {
      title: "暴雨致道路积水",
      body: "",
      source: "online",
      topic: "auto",
      unitId: String(unitA),
      severity: "ordinary",
      discoveredAt: "2026-02-28T23:30",
    });
    expect(r.status).toBe(303);
    const id = Number(r.location?.split("/").pop());
    const [row] = await t.db.select().from(opinions).where(eq(opinions.id, id));
    // 2026-02-28 23:30 Beijing = 15:30Z; + 48 h = 2026-03-02 23:30 Beijing.
    expect(row?.discoveredAt.toISOString()).toBe("2026-02-28T15:30:00.000Z");
    const page = await v.get(`/admin/opinions/${id}`);
    expect(page.text).toContain("2026-03-02 23:30");
    const wrong = await v.post(`/admin/opinions/${id}/events`, {
      type: "response",
      at: "2026-02-28T23:00",
      documentId: "",
      note: "",
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('id="f-at-error"');
    const ok = await v.post(`/admin/opinions/${id}/events`, {
      type: "response",
      at: "2026-03-01T10:00",
      documentId: "",
      note: "",
    });
    expect(ok.status).toBe(303);
    expect((await v.get(`/admin/opinions/${id}`)).text).toContain("按时完成（2026-03-01 10:00）");
  });

  it("draws the monthly analysis with a table beside each chart, and exports it to XLSX", async () => {
    const v = await new Visitor(t).login("office");
    const page = await v.get("/admin/opinions/trends?month=2026-02");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<svg");
    expect(page.text).toContain("每日件数数据表");
    const res = await t.app.request("/admin/opinions/trends.xlsx?month=2026-02", {
      headers: { cookie: v.cookie },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("按主题按日");
    // February 2026 has 28 days: topic, 28 days, total.
    expect(sheet?.getRow(1).cellCount).toBe(30);
    const total = sheet?.getRow(sheet.rowCount);
    expect(total?.getCell(1).value).toBe("合计");
    // The item discovered 2026-02-28 23:30 Beijing counts on the 28th.
    expect(total?.getCell(29).value).toBe(1);
  });

  it("lets the office edit keyword rules and add a topic; unit staff may not", async () => {
    const v = await new Visitor(t).login("office");
    await v.get("/admin/opinions/topics");
    expect(
      (await v.post("/admin/opinions/topics", { name: "城市内涝", keywords: "积水、内涝，排水" })).status,
    ).toBe(303);
    const topics = await v.get("/admin/opinions/topics");
    expect(topics.text).toContain("积水、内涝、排水");
    expect((await v.post("/admin/opinions/topics", { name: "城市内涝", keywords: "" })).status).toBe(422);
    const head = await new Visitor(t).login("a.head");
    expect((await head.get("/admin/opinions/topics")).status).toBe(403);
    expect((await t.db.select({ n: count() }).from(opinions)).length).toBe(1);
  });
});
