import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { startSmtpServer } from "../../../test/smtp";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { createMailer } from "../../platform/mailer";
import { createUnit } from "../org";
import { sendOutbox } from "./send-outbox";

// Policies (unit A), eligibility set by the office on the back-office document page:
//   P1 高龄津贴: person, 舜玉路街道, age ≥ 80
//   P2 研发补助: enterprise, 制造业 (C), 小型/微型, 高新技术企业
//   P3 a draft with P1's conditions: never matched (not published)
//   P4 like P1 but repealed (validity invalid): never matched
// Asker 1: person, 82, 舜玉路街道 → P1 only. Asker 2: enterprise C small 高新技术企业 → P2 only.
describeDb("政策找人 (eligibility)", () => {
  let t: TTestApp;
  let office: string;
  let unitA: number;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const ids: Record<string, number> = {};
  const send = () =>
    sendOutbox(t.db, createMailer(smtp.url, "gk@example.gov.cn"), { baseUrl: "https://gk.example" });
  let staff: Visitor;

  const doc = async (key: string, json: object) => {
    const r = await api(t, "POST", "/api/v1/documents", {
      token: office,
      json: { kind: "policy", unitId: unitA, body: "正文。", ...json },
    });
    expect(r.status, r.text).toBe(201);
    ids[key] = r.data.id;
  };
  const setEligibility = async (key: string, fields: Record<string, string | string[]>) => {
    const page = await staff.get(`/admin/documents/${ids[key]}`);
    expect(page.text).toContain("政策找人：适用对象");
    const r = await staff.post(`/admin/documents/${ids[key]}/eligibility`, fields);
    expect(r.status, r.text.slice(0, 400)).toBe(303);
  };

  beforeAll(async () => {
    t = await createTestApp();
    const s = await seedOrg(t.db);
    unitA = s.unitA.id;
    const base = { aliases: [], address: "", phone: "", duties: "", sortOrder: 0 };
    const actor = { userId: null, name: "测试", ip: "", requestId: "" };
    await createUnit(t.db, actor, { ...base, name: "舜玉路街道", kind: "subdistrict" });
    office = await tokenFor(t, "office");
    staff = await new Visitor(t).login("office");
    smtp = await startSmtpServer();
    await doc("P1", { title: "高龄津贴发放办法", status: "published" });
    await doc("P2", { title: "小微企业研发补助办法", status: "published" });
    await doc("P3", { title: "高龄津贴发放办法（草案）" });
    await doc("P4", { title: "旧高龄津贴办法", status: "published", validity: "invalid" });
    const elderly = { audiences: "person", subdistricts: "舜玉路街道", ageMin: "80" };
    await setEligibility("P1", elderly);
    await setEligibility("P2", {
      audiences: "enterprise",
      industries: "C",
      sizes: ["small", "micro"],
      attributes: "高新技术企业",
    });
    await setEligibility("P3", elderly);
    await setEligibility("P4", elderly);
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.close();
  });

  it("answers with the valid published policies that apply, each with its reasons", async () => {
    const person = await api(t, "POST", "/api/v1/public/eligibility", {
      json: { audience: "person", attributes: [], age: 82, subdistrict: "舜玉路街道" },
    });
    expect(person.status, person.text).toBe(200);
    expect(person.data.items).toEqual([
      {
        documentId: ids.P1,
        title: "高龄津贴发放办法",
        docNumber: "",
        reasons: ["面向个人", "适用于舜玉路街道", "年龄 82 岁，在 80 岁及以上 范围内"],
      },
    ]);
    const firm = await api(t, "POST", "/api/v1/public/eligibility", {
      json: { audience: "enterprise", attributes: ["高新技术企业"], industry: "C", size: "small" },
    });
    expect(firm.data.items.map((i: { documentId: number }) => i.documentId)).toEqual([ids.P2]);
    const young = await api(t, "POST", "/api/v1/public/eligibility", {
      json: { audience: "person", attributes: [], age: 79, subdistrict: "舜玉路街道" },
    });
    expect(young.data.items).toEqual([]);
  });

  it("refuses bad answers with a Chinese 400", async () => {
    for (const json of [
      { audience: "robot" },
      { audience: "person", age: -1 },
      { audience: "enterprise", size: "huge" },
    ]) {
      const r = await api(t, "POST", "/api/v1/public/eligibility", { json });
      expect(r.status).toBe(400);
      expect(r.data.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("the questionnaire works without JavaScript; with consent it keeps a profile that new policies reach", async () => {
    const v = new Visitor(t, { "x-forwarded-for": "10.1.2.3" });
    await v.get("/eligibility");
    const results = await v.post("/eligibility", {
      audience: "person",
      age: "85",
      subdistrict: "舜玉路街道",
      email: "grandpa@example.com",
      consent: "1",
    });
    expect(results.status).toBe(200);
    expect(results.text).toContain("找到 1 项适用的政策");
    expect(results.text).toContain("高龄津贴发放办法");
    expect(results.text).toContain("年龄 85 岁");
    expect(results.text).not.toContain("小微企业研发补助办法");
    // Without consent an address is refused, and nothing is kept.
    const noConsent = await v.post("/eligibility", { audience: "person", email: "x@example.com" });
    expect(noConsent.status).toBe(422);
    // A second person who does not match the next policy.
    await v.get("/eligibility");
    await v.post("/eligibility", { audience: "person", age: "30", email: "young@example.com", consent: "1" });
    await send();
    for (const m of smtp.received) {
      const token = /\/alerts\/confirm\/([\w-]+)/.exec(m.text)?.[1];
      expect((await api(t, "POST", `/api/v1/public/subscriptions/${token}/confirm`)).status).toBe(200);
    }
    smtp.received.length = 0;
    // A new policy for people aged 60 and over in 舜玉路街道: grandpa (85) yes, young (30) no.
    await doc("P5", { title: "老年人助餐补贴实施细则", status: "published" });
    await setEligibility("P5", { audiences: "person", subdistricts: "舜玉路街道", ageMin: "60" });
    // Saving the conditions again does not push it twice.
    await setEligibility("P5", { audiences: "person", subdistricts: "舜玉路街道", ageMin: "60" });
    await send();
    expect(smtp.received.map((m) => m.to[0])).toEqual(["grandpa@example.com"]);
    expect(smtp.received[0]?.text).toContain("年龄 85 岁，在 60 岁及以上 范围内");
    expect(smtp.received[0]?.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const reach = await api(t, "GET", `/api/v1/documents/${ids.P5}/reach`, { token: office });
    expect(reach.data).toEqual({ matched: 1, sent: 1, delivered: 1, bounced: 0, unsubscribed: 0 });
    // The back-office reach page: this year, one alert queued and delivered (P5 to grandpa).
    const page = await staff.get("/admin/alerts");
    expect(page.status).toBe(200);
    expect(page.text).toContain("政策找人登记 <strong>2</strong> 人");
    expect(page.text).toContain("老年人助餐补贴实施细则");
    expect(page.text).toContain('<svg class="chart"');
  });

  it("the office's form refuses impossible conditions (4xx) and another unit's editor cannot reach it", async () => {
    await staff.get(`/admin/documents/${ids.P1}`);
    const bad = await staff.post(`/admin/documents/${ids.P1}/eligibility`, {
      ageMin: "70",
      ageMax: "60",
      industries: "Z",
    });
    expect(bad.status).toBe(422);
    const other = await new Visitor(t).login("b.head");
    await other.get("/admin");
    const r = await other.post(`/admin/documents/${ids.P1}/eligibility`, { audiences: "person" });
    expect(r.status).toBe(404);
  });
});
