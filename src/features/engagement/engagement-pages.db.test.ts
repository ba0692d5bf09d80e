import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { meetingRegistrations, surveyResponses } from "./engagement.tables";

const FUTURE = { heldAt: "2099-12-31", registrationClosesAt: "2099-12-30" };

describeDb("participation pages (公众参与), without JavaScript", () => {
  let t: TTestApp;
  let unitA: number;
  let office: string;
  let meetingId: number;
  let openDayId: number;
  let surveyId: number;
  beforeAll(async () => {
    t = await createTestApp();
    unitA = (await seedOrg(t.db)).unitA.id;
    office = await tokenFor(t, "office");
    meetingId = (
      await api(t, "POST", "/api/v1/meetings", {
        token: office,
        json: { unitId: unitA, title: "老旧小区改造方案审议会", seats: 3, ...FUTURE },
      })
    ).data.id;
    openDayId = (
      await api(t, "POST", "/api/v1/open-days", {
        token: office,
        json: { unitId: unitA, title: "走进12345热线", capacity: 1, ...FUTURE },
      })
    ).data.id;
    surveyId = (
      await api(t, "POST", "/api/v1/surveys", {
        token: office,
        json: {
          unitId: unitA,
          openDayId,
          title: "热线服务评价",
          opensAt: "2020-01-01",
          closesAt: "2099-12-31",
          questions: [
            { kind: "single", text: "接通速度", options: ["快", "慢"] },
            { kind: "multiple", text: "咨询事项", options: ["社保", "医保", "住房"] },
            { kind: "scale", text: "总体满意度" },
            { kind: "text", text: "建议" },
          ],
        },
      })
    ).data.id;
  });
  afterAll(() => t?.close());

  const regs = async () =>
    (
      await t.db
        .select({ n: count() })
        .from(meetingRegistrations)
        .where(eq(meetingRegistrations.meetingId, meetingId))
    )[0]?.n;

  it("lists 公众参与 in the portal navigation and links the sections, decisions and consultations included", async () => {
    const home = await new Visitor(t).get("/");
    expect(home.text).toContain('href="/participation"');
    const page = await new Visitor(t).get("/participation");
    expect(page.status).toBe(200);
    for (const href of [
      "/decisions",
      "/consultations",
      "/meetings",
      "/open-days",
      "/surveys",
      "/accountability",
    ])
      expect(page.text).toContain(`href="${href}"`);
    for (const feed of ["/meetings/feed.xml", "/open-days/feed.xml", "/surveys/feed.xml"]) {
      const r = await new Visitor(t).get(feed);
      expect(r.status).toBe(200);
      expect(r.res.headers.get("content-type")).toContain("rss");
    }
    expect((await new Visitor(t).get("/meetings/feed.xml")).text).toContain("老旧小区改造方案审议会");
  });

  it("registers for a meeting through the form; a mistake shows beside its field and stores nothing", async () => {
    const v = new Visitor(t);
    await v.get(`/meetings/${meetingId}`);
    const bad = await v.post(`/meetings/${meetingId}/register`, {
      name: "",
      phone: "12",
      kind: "citizen",
      reason: "",
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('id="f-name-error"');
    expect(bad.text).toContain('id="f-phone-error"');
    expect(await regs()).toBe(0);
    const ok = await v.post(`/meetings/${meetingId}/register`, {
      name: "赵大海",
      phone: "13912345678",
      kind: "citizen",
      reason: "本小区居民",
    });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("报名已提交");
    // The same form sent again (refresh, double click) registers nobody twice.
    const again = await v.post(`/meetings/${meetingId}/register`, {
      name: "赵大海",
      phone: "13912345678",
      kind: "citizen",
      reason: "本小区居民",
    });
    expect(again.status).toBe(200);
    expect(await regs()).toBe(1);
  });

  it("drops a filled honeypot silently", async () => {
    const v = new Visitor(t);
    await v.get(`/meetings/${meetingId}`);
    const r = await v.post(`/meetings/${meetingId}/register`, {
      name: "机器人",
      phone: "13900000000",
      kind: "citizen",
      reason: "spam",
      website: "http://spam.example",
    });
    expect(r.status).toBe(200);
    expect(await regs()).toBe(1);
  });

  it("registers for an open day, gives a cancellation token, and cancels with it", async () => {
    const first = new Visitor(t);
    await first.get(`/open-days/${openDayId}`);
    const r1 = await first.post(`/open-days/${openDayId}/register`, { name: "孙一", phone: "13811110001" });
    expect(r1.status).toBe(200);
    expect(r1.text).toContain("报名成功");
    const token1 = /class="cancel-token">([\w-]+)</.exec(r1.text)?.[1] ?? "";
    expect(token1).not.toBe("");
    const second = new Visitor(t);
    const page = await second.get(`/open-days/${openDayId}`);
    expect(page.text).toContain("报名候补");
    const r2 = await second.post(`/open-days/${openDayId}/register`, { name: "孙二", phone: "13811110002" });
    expect(r2.text).toContain("候补第 1 位");
    const c = new Visitor(t);
    await c.get(`/open-days/${openDayId}/cancel`);
    const wrong = await c.post(`/open-days/${openDayId}/cancel`, { token: "wrong" });
    expect(wrong.status).toBe(422);
    const done = await c.post(`/open-days/${openDayId}/cancel`, { token: token1 });
    expect(done.status).toBe(200);
    expect(done.text).toContain("已取消报名");
    const day = await api(t, "GET", `/api/v1/open-days/${openDayId}`);
    expect(day.data).toMatchObject({ confirmed: 1, waiting: 0 });
    // The open day's page links its survey.
    expect((await new Visitor(t).get(`/open-days/${openDayId}`)).text).toContain(`/surveys/${surveyId}`);
  });

  it("answers a survey through the form once per browser; results show as charts with tables", async () => {
    const v = new Visitor(t);
    await v.get(`/surveys/${surveyId}`);
    const missing = await v.post(`/surveys/${surveyId}`, { q0: "0" });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('id="f-answers.1-error"');
    const ok = await v.post(`/surveys/${surveyId}`, {
      q0: "1",
      q1: ["0", "2"],
      q2: "4",
      q3: "希望夜间也能接通",
    });
    expect(ok.status).toBe(201);
    await v.get(`/surveys/${surveyId}`);
    const twice = await v.post(`/surveys/${surveyId}`, { q0: "0", q1: "1", q2: "5", q3: "" });
    expect(twice.status).toBe(422);
    expect(twice.text).toContain("每人只能提交一次");
    const n = (
      await t.db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId))
    )[0]?.n;
    expect(n).toBe(1);
    const results = await new Visitor(t).get(`/surveys/${surveyId}/results`);
    expect(results.text).toContain('role="img"');
    expect(results.text).toContain("<table");
    expect(results.text).toContain("平均分：4.00");
    expect(results.text).not.toContain("希望夜间也能接通");
  });

  it("shows staff of the unit the registrations with phones, the draw form, and free-text answers", async () => {
    const v = await new Visitor(t).login("a.editor");
    const m = await v.get(`/admin/engagement/meetings/${meetingId}`);
    expect(m.status).toBe(200);
    expect(m.text).toContain("13912345678");
    const draw = await v.post(`/admin/engagement/meetings/${meetingId}/draw`, { seed: "" });
    expect(draw.status).toBe(422);
    const drawn = await v.post(`/admin/engagement/meetings/${meetingId}/draw`, {
      seed: "2026-12-05 福彩3D 123",
    });
    expect(drawn.status).toBe(303);
    const s = await v.get(`/admin/engagement/surveys/${surveyId}`);
    expect(s.text).toContain("希望夜间也能接通");
    const dash = await v.get("/admin");
    expect(dash.text).toContain("列席抽签");
    const list = await v.get("/admin/engagement");
    expect(list.text).toContain("老旧小区改造方案审议会");
    const bHead = await new Visitor(t).login("b.head");
    const other = await bHead.get("/admin/engagement");
    expect(other.text).not.toContain("老旧小区改造方案审议会");
  });
});
