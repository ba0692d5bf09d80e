import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../../test/test-db";

describeDb("the fee notice of a request", () => {
  let t: TTestApp;
  let office: string;
  let unitA: number;
  let byVolume: number;
  let byRequest: number;
  let free: number;
  const applicant = {
    kind: "natural_person",
    name: "王五",
    idType: "resident_id",
    idNumber: "110101199003070054",
  };
  const register = async (receivedAt: string) =>
    (
      await api(t, "POST", "/api/v1/requests", {
        token: office,
        json: {
          applicant,
          channel: "mail",
          receivedAt,
          description: "申请公开某项目的验收材料",
          unitId: unitA,
        },
      })
    ).data.id as number;
  const act = (id: number, json: unknown) =>
    api(t, "POST", `/api/v1/requests/${id}/actions`, { token: office, json });

  beforeAll(async () => {
    t = await createTestApp();
    unitA = (await seedOrg(t.db)).unitA.id;
    office = await tokenFor(t, "office");
    // 按量: 150 pages, noticed on 2026-09-21 (Mon), then paid: the notice keeps its deadline.
    byVolume = await register("2026-09-01");
    await act(byVolume, {
      type: "fee_notice",
      date: "2026-09-21",
      basis: "按量计收",
      pages: 150,
      amount: 1700,
    });
    await act(byVolume, { type: "fee_paid", date: "2026-09-30" });
    // 按件: the applicant's 12th request received in October 2026.
    const october = [];
    for (let i = 0; i < 12; i++) october.push(await register("2026-10-12"));
    byRequest = october[11] as number;
    const r = await act(byRequest, {
      type: "fee_notice",
      date: "2026-10-13",
      basis: "按件计收",
      amount: 100,
    });
    expect(r.status, r.text).toBeLessThan(300);
    free = october[0] as number;
  });
  afterAll(() => t?.close());

  it("prints the 按量 amount, its computation and the deadline counted over 中秋 and 国庆", async () => {
    const v = await new Visitor(t).login("office");
    const page = await v.get(`/admin/requests/${byVolume}/fee-notice`);
    expect(page.status).toBe(200);
    // By hand: 70 × 10 + 50 × 20 = 1700 元. Sent by post on Mon 2026-09-21, taken as received 3 days later
    // (the unit's default), Thu 09-24; 20 working days after it, over 中秋 and 国庆: 2026-10-29.
    for (const piece of [
      "王五：",
      "人民币 1700 元（大写：壹仟柒佰元整）",
      "70 页 × 10 元 = 700 元",
      "50 页 × 20 元 = 1000 元",
      "本通知书于2026年9月24日送达，最迟于2026年10月29日（含当日）缴清",
      "国办函〔2020〕109号",
      "视为您放弃本次政府信息公开申请",
      "区卫生健康局",
      "2026年9月21日",
    ])
      expect(page.text).toContain(piece);
    const detail = await v.get(`/admin/requests/${byVolume}`);
    expect(detail.text).toContain(`href="/admin/requests/${byVolume}/fee-notice"`);
    const res = await t.app.request(`/admin/requests/${byVolume}/fee-notice.docx`, {
      headers: { cookie: v.cookie },
    });
    expect(res.headers.get("content-type")).toContain("wordprocessingml");
    const xml = await (await JSZip.loadAsync(await res.arrayBuffer()))
      .file("word/document.xml")
      ?.async("string");
    expect(xml).toContain("最迟于2026年10月29日（含当日）缴清");
    expect(xml).toContain("王五：");
  });

  it("prints the 按件 amount by the applicant's rank in the calendar month", async () => {
    const v = await new Visitor(t).login("a.head");
    const page = await v.get(`/admin/requests/${byRequest}/fee-notice`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("本申请为您本自然月内提出的第 12 件申请，属于第 11—30 件一档，每件 100 元");
    expect(page.text).toContain("人民币 100 元（大写：壹佰元整）");
    // Sent Tue 2026-10-13 by post, received Fri 10-16; 20 working days after it, no holidays: 2026-11-13.
    expect(page.text).toContain("最迟于2026年11月13日（含当日）缴清");
  });

  it("exists only for requests with a fee notice, and only for staff who may see the request", async () => {
    const office = await new Visitor(t).login("office");
    expect((await office.get(`/admin/requests/${free}/fee-notice`)).status).toBe(404);
    expect((await office.get(`/admin/requests/${free}`)).text).not.toContain("打印收费通知书");
    const otherUnit = await new Visitor(t).login("b.head");
    const hidden = await otherUnit.get(`/admin/requests/${byVolume}/fee-notice`);
    expect(hidden.status).toBe(404);
    expect(hidden.text).not.toContain("王五");
    const anonymous = await t.app.request(`/admin/requests/${byVolume}/fee-notice`);
    expect(anonymous.status).not.toBe(200);
    expect(await anonymous.text()).not.toContain("王五");
  });
});
