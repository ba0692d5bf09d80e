import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";

describeDb("complaints about public enterprises, and 会签 before publication", () => {
  let t: TTestApp;
  let office: string;
  let aHead: string;
  let bHead: string;
  let unitA: number;
  let unitB: number;

  beforeAll(async () => {
    t = await createTestApp();
    const org = await seedOrg(t.db);
    unitA = org.unitA.id;
    unitB = org.unitB.id;
    office = await tokenFor(t, "office");
    aHead = await tokenFor(t, "a.head");
    bHead = await tokenFor(t, "b.head");
  });
  afterAll(() => t?.close());

  const complaint = {
    organisation: "某区第一中学",
    sector: "education",
    description: "学校未公开本学期收费项目和标准。",
    contact: "13800001111",
  };

  it("takes a public complaint, routes it, orders rectification and publishes the outcome without the contact", async () => {
    const r = await api(t, "POST", "/api/v1/public/complaints", {
      json: complaint,
      headers: { "x-forwarded-for": "192.0.2.10" },
    });
    expect(r.status).toBe(201);
    expect(r.data.receiptNo).toMatch(/^TS\d{4}\d{6}$/);
    const status = await api(
      t,
      "GET",
      `/api/v1/public/complaints/${r.data.receiptNo}?queryCode=${r.data.queryCode}`,
    );
    expect(status.data).toMatchObject({ status: "submitted", organisation: "某区第一中学" });
    expect(status.text).not.toContain("13800001111");
    expect(
      (await api(t, "GET", `/api/v1/public/complaints/${r.data.receiptNo}?queryCode=WRONGCODE`)).status,
    ).toBe(404);

    const [{ id } = { id: 0 }] = await t.database.query<{ id: number }>("select id from complaints");
    const act = (token: string, json: unknown) =>
      api(t, "POST", `/api/v1/complaints/${id}/actions`, { token, json });
    // Unit A cannot see it before it is routed there.
    expect(
      (await act(aHead, { type: "order_rectification", date: "2026-01-05", rectifyBy: "2026-01-20" })).status,
    ).toBe(404);
    // Concluding before routing → 409; nothing changes.
    expect(
      (
        await act(office, {
          type: "conclude",
          date: "2026-01-05",
          finding: "unfounded",
          result: "x",
          publish: false,
        })
      ).status,
    ).toBe(409);
    expect((await act(office, { type: "assign", unitId: unitA })).status).toBe(200);
    expect(
      (await act(bHead, { type: "order_rectification", date: "2026-01-05", rectifyBy: "2026-01-20" })).status,
    ).toBe(404);
    const today =
      (await t.database.query<{ d: string }>("select submitted_on::text as d from complaints"))[0]?.d ?? "";
    // A deadline not after the order date → 422.
    expect((await act(aHead, { type: "order_rectification", date: today, rectifyBy: today })).status).toBe(
      422,
    );
    expect(
      (await act(aHead, { type: "order_rectification", date: today, rectifyBy: "2099-12-31" })).status,
    ).toBe(200);
    expect(
      (await act(aHead, { type: "order_rectification", date: today, rectifyBy: "2099-12-31" })).status,
    ).toBe(409);
    // A public summary with a phone number is refused.
    const leak = await act(aHead, {
      type: "conclude",
      date: today,
      finding: "rectified",
      result: "已公开",
      publish: true,
      publicSummary: "联系 13800001111",
    });
    expect(leak.status).toBe(422);
    const done = await act(aHead, {
      type: "conclude",
      date: today,
      finding: "rectified",
      result: "学校已在校门公示栏和网站公开收费项目。",
      publish: true,
      publicSummary: "经核查属实，已责令整改，学校已公开收费项目和标准。",
    });
    expect(done.status).toBe(200);

    const pub = await api(t, "GET", `/api/v1/public/complaints?year=${today.slice(0, 4)}`);
    expect(pub.data.sectors.find((s: { sector: string }) => s.sector === "education")).toMatchObject({
      received: 1,
      concluded: 1,
      rectified: 1,
      open: 0,
    });
    expect(pub.data.sectors).toHaveLength(8);
    expect(pub.data.items[0]).toMatchObject({ organisation: "某区第一中学", finding: "rectified" });
    expect(pub.text).not.toContain("13800001111");
    expect(pub.text).not.toContain("学校未公开本学期收费项目");
    const page = await new Visitor(t).get(`/complaints?year=${today.slice(0, 4)}`);
    expect(page.text).toContain("已公开收费项目和标准");
    expect(page.text).not.toContain("13800001111");
  });

  it("drops a filled honeypot and refuses bad input with 400", async () => {
    const before = (await t.database.query<{ n: number }>("select count(*)::int as n from complaints"))[0]?.n;
    const bot = await api(t, "POST", "/api/v1/public/complaints", {
      json: { ...complaint, website: "http://spam" },
      headers: { "x-forwarded-for": "192.0.2.11" },
    });
    expect(bot.status).toBe(201);
    const bad = await api(t, "POST", "/api/v1/public/complaints", {
      json: { ...complaint, sector: "mining" },
      headers: { "x-forwarded-for": "192.0.2.11" },
    });
    expect(bad.status).toBe(400);
    expect((await t.database.query<{ n: number }>("select count(*)::int as n from complaints"))[0]?.n).toBe(
      before,
    );
  });

  it("takes the form once without JavaScript and shows a receipt", async () => {
    const v = new Visitor(t, { "x-forwarded-for": "192.0.2.12" });
    await v.get("/complaints/new");
    const fields = { organisation: "某供热公司", sector: "heating", description: "未公开供热收费标准。" };
    const r = await v.post("/complaints/new", fields);
    expect(r.status).toBe(303);
    expect(r.location).toBe("/complaints/receipt");
    const again = await v.post("/complaints/new", fields);
    expect(again.status).toBe(303);
    expect(
      (
        await t.database.query<{ n: number }>(
          "select count(*)::int as n from complaints where organisation = '某供热公司'",
        )
      )[0]?.n,
    ).toBe(1);
    expect((await v.get("/complaints/receipt")).text).toMatch(/TS\d{10}/);
  });

  it("refuses to publish a document until every named unit's head has signed (409)", async () => {
    const doc = await api(t, "POST", "/api/v1/documents", {
      token: office,
      json: { title: "关于调整公共租赁住房租金标准的通知", unitId: unitA },
    });
    const id = doc.data.id;
    expect(
      (
        await api(t, "POST", `/api/v1/documents/${id}/signoffs`, {
          token: office,
          json: { unitIds: [unitB] },
        })
      ).status,
    ).toBe(200);
    const publish = () => api(t, "POST", `/api/v1/documents/${id}/publish`, { token: office, json: {} });
    const refused = await publish();
    expect(refused.status).toBe(409);
    expect(refused.data.error.message).toContain("区财政局（未会签）");
    // Only unit B's head signs for unit B; a return needs a comment.
    expect(
      (
        await api(t, "POST", `/api/v1/documents/${id}/signoffs/${unitB}`, {
          token: aHead,
          json: { decision: "signed" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api(t, "POST", `/api/v1/documents/${id}/signoffs/${unitB}`, {
          token: bHead,
          json: { decision: "returned" },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await api(t, "POST", `/api/v1/documents/${id}/signoffs/${unitB}`, {
          token: bHead,
          json: { decision: "returned", comment: "租金测算依据不足" },
        })
      ).status,
    ).toBe(200);
    expect((await publish()).status).toBe(409);
    // The signing head sees the document on the sign-off page, not another unit's drafts otherwise.
    const v = await new Visitor(t).login("b.head");
    expect((await v.get("/admin")).text).not.toContain("关于调整公共租赁住房租金标准的通知");
    expect((await v.get(`/admin/signoffs/${id}`)).status).toBe(200);
    const signed = await v.post(`/admin/documents/${id}/signoffs/${unitB}`, {
      decision: "signed",
      comment: "同意",
    });
    expect(signed.status).toBe(303);
    expect((await publish()).status).toBe(200);
    const after = await api(t, "POST", `/api/v1/documents/${id}/signoffs/${unitB}`, {
      token: bHead,
      json: { decision: "returned", comment: "晚了" },
    });
    expect(after.status).toBe(409);
    const audit = await t.database.query<{ action: string }>(
      `select action from audit_log where entity = 'document' and entity_id = '${id}' and action like 'signoff.%' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(["signoff.require", "signoff.return", "signoff.sign"]);
    // The back-office document page shows the section.
    const page = await (await new Visitor(t).login("office")).get(`/admin/documents/${id}`);
    expect(page.text).toContain("会签");
    expect(page.text).toContain("已会签");
  });

  it("shows a unit head the documents waiting for their unit's sign-off on the dashboard", async () => {
    const doc = await api(t, "POST", "/api/v1/documents", {
      token: office,
      json: { title: "待乙单位会签的文件", unitId: unitA },
    });
    await api(t, "POST", `/api/v1/documents/${doc.data.id}/signoffs`, {
      token: office,
      json: { unitIds: [unitB] },
    });
    expect((await (await new Visitor(t).login("b.head")).get("/admin")).text).toContain("待乙单位会签的文件");
    expect((await (await new Visitor(t).login("a.head")).get("/admin")).text).not.toContain(
      "待乙单位会签的文件",
    );
  });
});
