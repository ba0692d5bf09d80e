import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";

// Seeded through the API; the year is 2025, which has ended, so open requests are judged on
// 2025-12-31. Unit A is 区卫生健康局, unit B 区财政局.
//
// key  unit  received    replied     outcome                 against the due date
// M1   A     2025-03-03  2025-03-10  disclosed               in time
// M2   A     2025-03-04  2025-03-20  partially_disclosed     in time
// M3   A     2025-03-05  2025-04-30  withheld.third_party    late (20 working days from 03-05 end on
//                                                            2025-04-02)
// M4   A     2025-05-06  open                                 overdue at 2025-12-31
// M5   B     2025-06-02  2025-06-10  disclosed               in time
// M0   A     2024-11-04  2024-11-08  disclosed               another year: not counted
//
// Unit A, 2025: March 3 received, 2 in time, 1 late → 66.7 %; May 1 received, overdue → 0.0 %;
// whole year 4 received, 2 of 4 judged in time → 50.0 %. Outcomes: 予以公开 1, 部分公开 1, 不予公开 1,
// concluded 3. District adds M5: 予以公开 2, concluded 4; year 5 received, 3 of 5 in time → 60.0 %.
//
// Appeals (unit A): reconsideration on M2 corrected, on M3 upheld → 2 filed, 1 corrected of 2
// decided → 纠错率 50.0 %; a lawsuit on M3 without decision → 1 filed, none decided → "—".
//
// Documents published in 2025: A: D1 written 03-03 published 03-10 (in time, due 2025-03-31);
// D2 written 03-03 published 05-06 (late); D3 no 成文日期 published 05-20 (cannot be judged).
// B: D4 written 06-02 published 06-03. Not counted: a draft, and one published in 2024.
// → A: 3 published (March 1, May 2), 1 late, 1 undated; district 4 published.

describeDb("public statistics (公开统计)", () => {
  let t: TTestApp;
  let unitA: number;
  let unitB: number;
  const ids: Record<string, number> = {};
  const receipts: string[] = [];
  let headA: string;
  let headB: string;
  let office: string;

  const register = async (key: string, receivedAt: string, unitId: number, token: string) => {
    const r = await api(t, "POST", "/api/v1/requests", {
      token,
      json: {
        applicant: {
          kind: key === "M3" ? "commercial_enterprise" : "natural_person",
          name: `张${key}某`,
          phone: `1390531${key === "M0" ? "0000" : key.slice(1).padStart(4, "7")}`,
          address: `济南市市中区舜耕路${key.slice(1)}号`,
        },
        channel: "mail",
        receivedAt,
        description: `申请公开本人所在小区${key}的拆迁补偿标准`,
        unitId,
      },
    });
    expect(r.status, r.text).toBe(201);
    ids[key] = r.data.id;
    receipts.push(r.data.receiptNo);
  };
  const reply = async (key: string, date: string, outcome: string, token: string) => {
    const r = await api(t, "POST", `/api/v1/requests/${ids[key]}/actions`, {
      token,
      json: { type: "reply", date, outcome, reason: "依法作出处理", legalBasis: "《政府信息公开条例》" },
    });
    expect(r.status, `${key} ${r.text}`).toBe(200);
  };
  const appeal = async (key: string, json: object) => {
    const r = await api(t, "POST", `/api/v1/requests/${ids[key]}/appeals`, { token: headA, json });
    expect(r.status, `${key} ${r.text}`).toBe(201);
  };
  const document = async (json: object) => {
    const r = await api(t, "POST", "/api/v1/documents", { token: office, json });
    expect(r.status, r.text).toBe(201);
  };
  const stats = (query: string) => api(t, "GET", `/api/v1/statistics${query}`);

  beforeAll(async () => {
    t = await createTestApp();
    const s = await seedOrg(t.db);
    unitA = s.unitA.id;
    unitB = s.unitB.id;
    headA = await tokenFor(t, "a.head");
    headB = await tokenFor(t, "b.head");
    office = await tokenFor(t, "office");

    await register("M0", "2024-11-04", unitA, headA);
    await reply("M0", "2024-11-08", "disclosed", headA);
    await register("M1", "2025-03-03", unitA, headA);
    await reply("M1", "2025-03-10", "disclosed", headA);
    await register("M2", "2025-03-04", unitA, headA);
    await reply("M2", "2025-03-20", "partially_disclosed", headA);
    await register("M3", "2025-03-05", unitA, headA);
    await reply("M3", "2025-04-30", "withheld.third_party", headA);
    await register("M4", "2025-05-06", unitA, headA);
    await register("M5", "2025-06-02", unitB, headB);
    await reply("M5", "2025-06-10", "disclosed", headB);

    await appeal("M2", {
      kind: "reconsideration",
      filedAt: "2025-04-01",
      result: "corrected",
      decidedAt: "2025-06-01",
    });
    await appeal("M3", {
      kind: "reconsideration",
      filedAt: "2025-05-10",
      result: "upheld",
      decidedAt: "2025-07-01",
    });
    await appeal("M3", { kind: "litigation_direct", filedAt: "2025-08-01" });

    const published = { kind: "normative", status: "published" };
    await document({
      ...published,
      unitId: unitA,
      title: "关于加强基层医疗卫生机构管理的通知",
      writtenAt: "2025-03-03",
      publishedAt: "2025-03-10",
    });
    await document({
      ...published,
      unitId: unitA,
      title: "区卫生健康局2025年工作要点",
      writtenAt: "2025-03-03",
      publishedAt: "2025-05-06",
    });
    await document({
      ...published,
      kind: "notice",
      unitId: unitA,
      title: "关于开展爱国卫生月活动的公告",
      publishedAt: "2025-05-20",
    });
    await document({
      ...published,
      unitId: unitB,
      title: "关于做好2025年部门预算公开的通知",
      writtenAt: "2025-06-02",
      publishedAt: "2025-06-03",
    });
    await document({
      kind: "normative",
      status: "draft",
      unitId: unitA,
      title: "草稿",
      writtenAt: "2025-07-01",
    });
    await document({
      ...published,
      unitId: unitA,
      title: "上年文件",
      writtenAt: "2024-12-02",
      publishedAt: "2024-12-05",
    });
  });
  afterAll(() => t?.close());

  it("counts a unit's requests per month and the share answered within the statutory deadline", async () => {
    const r = await stats(`?year=2025&unitId=${unitA}`);
    expect(r.status, r.text).toBe(200);
    expect(r.data.asOf).toBe("2025-12-31");
    const month = (m: number) => r.data.requests.months[m - 1];
    expect(month(3)).toEqual({
      month: 3,
      received: 3,
      onTime: 2,
      late: 1,
      openOverdue: 0,
      openInTime: 0,
      untimed: 0,
      onTimeShare: 0.6667,
    });
    expect(month(5)).toMatchObject({ received: 1, onTime: 0, openOverdue: 1, onTimeShare: 0 });
    expect(month(6)).toMatchObject({ received: 0, onTimeShare: null });
    expect(month(11)).toMatchObject({ received: 0 });
    expect(r.data.requests.total).toMatchObject({
      received: 4,
      onTime: 2,
      late: 1,
      openOverdue: 1,
      onTimeShare: 0.5,
    });
  });

  it("counts outcomes as the annual report does, and appeals with their correction rate", async () => {
    const a = await stats(`?year=2025&unitId=${unitA}`);
    expect(a.data.outcomes).toEqual([
      { group: "予以公开", count: 1 },
      { group: "部分公开", count: 1 },
      { group: "不予公开", count: 1 },
      { group: "无法提供", count: 0 },
      { group: "不予处理", count: 0 },
      { group: "其他处理", count: 0 },
    ]);
    expect(a.data.concluded).toBe(3);
    expect(a.data.appeals.reconsideration).toEqual({
      total: 2,
      upheld: 1,
      corrected: 1,
      other: 0,
      pending: 0,
      correctionRate: 0.5,
    });
    expect(a.data.appeals.litigation).toEqual({
      total: 1,
      upheld: 0,
      corrected: 0,
      other: 0,
      pending: 1,
      correctionRate: null,
    });

    const all = await stats("?year=2025");
    expect(all.status).toBe(200);
    expect(all.data.unitId).toBeNull();
    expect(all.data.outcomes[0]).toEqual({ group: "予以公开", count: 2 });
    expect(all.data.concluded).toBe(4);
    expect(all.data.requests.total).toMatchObject({ received: 5, onTime: 3, onTimeShare: 0.6 });
  });

  it("counts documents published per unit and month, and those published late", async () => {
    const a = await stats(`?year=2025&unitId=${unitA}`);
    expect(a.data.documents.total).toEqual({ published: 3, late: 1, undated: 1 });
    expect(a.data.documents.months[2]).toEqual({ month: 3, published: 1, late: 0 });
    expect(a.data.documents.months[4]).toEqual({ month: 5, published: 2, late: 1 });
    expect(a.data.documents.units).toEqual([
      { unitId: unitA, unitName: "区卫生健康局", published: 3, late: 1, undated: 1 },
    ]);
    const all = await stats("?year=2025");
    expect(all.data.documents.total).toEqual({ published: 4, late: 1, undated: 1 });
    expect(
      all.data.documents.units.map((u: { unitName: string; published: number }) => [u.unitName, u.published]),
    ).toEqual([
      ["区卫生健康局", 3],
      ["区财政局", 1],
    ]);
  });

  it("shows the figures on a public page with an accessible chart and a table beside each", async () => {
    const v = new Visitor(t);
    const page = await v.get(`/statistics?year=2025&unitId=${unitA}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("2025年政府信息公开统计（区卫生健康局）");
    expect(page.text).toContain("66.7%");
    expect(page.text).toContain("按时答复率 <strong>50.0%</strong>");
    expect(page.text).toContain("行政复议纠错率 <strong>50.0%</strong>");
    const charts = page.text.match(/<svg class="chart"[^>]*role="img"/g) ?? [];
    expect(charts.length).toBe(6);
    expect((page.text.match(/<title id="chart-/g) ?? []).length).toBe(6);
    // Five figures (the monthly requests figure has two charts), each with its table.
    expect((page.text.match(/class="stats-figure"/g) ?? []).length).toBe(5);
    expect((page.text.match(/<table/g) ?? []).length).toBe(5);
    // The filter form keeps the choice and works without JavaScript (a GET form).
    expect(page.text).toMatch(/<form method="get" action="\/statistics"/);
    expect(page.text).toMatch(new RegExp(`<option value="${unitA}" selected`));
    // An empty unit from the form means the whole district.
    const district = await v.get("/statistics?year=2025&unitId=");
    expect(district.status).toBe(200);
    expect(district.text).toContain("<h1>2025年政府信息公开统计</h1>");
    expect(district.text).not.toContain("统计（区卫生健康局）");
  });

  it("never shows an applicant's name, contact details, request or receipt number", async () => {
    const v = new Visitor(t);
    for (const path of [
      "/statistics?year=2025",
      `/statistics?year=2025&unitId=${unitA}`,
      "/api/v1/statistics?year=2025",
    ]) {
      const r = await v.get(path);
      expect(r.status).toBe(200);
      for (const key of ["M1", "M2", "M3", "M4", "M5"]) {
        expect(r.text).not.toContain(`张${key}某`);
        expect(r.text).not.toContain(`舜耕路${key.slice(1)}号`);
        expect(r.text).not.toContain(`小区${key}`);
      }
      expect(r.text).not.toContain("13905317");
      for (const receipt of receipts) expect(r.text).not.toContain(receipt);
    }
  });

  it("refuses bad parameters with a 4xx and a Chinese message, on the page and in the API", async () => {
    const v = new Visitor(t);
    for (const q of [
      "year=abc",
      "year=1999",
      "year=2025.5",
      "unitId=abc",
      "unitId=-3",
      "unitId=99999999999",
    ]) {
      const page = await v.get(`/statistics?${q}`);
      expect(page.status, q).toBe(400);
      expect(page.text).toMatch(/[\u4e00-\u9fa5]/);
      const json = await stats(`?${q}`);
      expect(json.status, q).toBe(400);
      expect(json.data.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // A well-formed id that names no unit: no such page.
    expect((await v.get("/statistics?unitId=999999")).status).toBe(404);
    expect((await stats("?unitId=999999")).status).toBe(404);
    expect((await stats(`?year=2025&unitId=${unitB}`)).status).toBe(200);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = await api(t, "GET", "/api/v1/openapi.json");
    expect(Object.keys(doc.data.paths)).toContain("/statistics");
    expect(doc.data.paths["/statistics"].get.security).toBeUndefined();
  });
});
