import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";

describeDb("Art. 44: a reply of general interest becomes proactive disclosure", () => {
  let t: TTestApp;
  let office: string;
  let headB: string;
  beforeAll(async () => {
    t = await createTestApp();
    await seedOrg(t.db);
    office = await tokenFor(t, "office");
    headB = await tokenFor(t, "b.head");
  });
  afterAll(() => t?.close());

  async function concluded(outcome: string, extra: Record<string, string> = {}) {
    const units = (await api(t, "GET", "/api/v1/units")).data.items as { id: number; name: string }[];
    const unitId = units.find((u) => u.name === "区卫生健康局")?.id;
    const r = await api(t, "POST", "/api/v1/requests", {
      token: office,
      json: {
        applicant: {
          kind: "natural_person",
          name: "张三",
          idType: "resident_id",
          idNumber: "11010519491231002X",
        },
        channel: "mail",
        receivedAt: "2025-03-03",
        description: "申请公开本区2024年度医疗机构名单",
        unitId,
      },
    });
    await api(t, "POST", `/api/v1/requests/${r.data.id}/actions`, {
      token: office,
      json: { type: "reply", date: "2025-03-20", outcome, ...extra },
    });
    return r.data.id as number;
  }
  const disclose = (
    id: number,
    token = office,
    json: object = {
      title: "本区2024年度医疗机构名单",
      body: "| 名称 | 地址 |\n|---|---|\n| 区人民医院 | 某路1号 |",
    },
  ) => api(t, "POST", `/api/v1/requests/${id}/disclose`, { token, json });

  it("turns the information given into a draft of the unit's catalogue, once, without the applicant", async () => {
    const id = await concluded("disclosed");
    expect((await api(t, "GET", `/api/v1/requests/${id}`, { token: office })).data.canDisclose).toBe(true);
    const r = await disclose(id);
    expect(r.status).toBe(201);
    const doc = (await api(t, "GET", `/api/v1/documents/${r.data.documentId}`, { token: office })).data;
    expect(doc).toMatchObject({ status: "draft", unitName: "区卫生健康局", disclosure: "proactive" });
    expect(doc.summary).toContain("第四十四条");
    expect(JSON.stringify(doc)).not.toContain("张三");
    const request = (await api(t, "GET", `/api/v1/requests/${id}`, { token: office })).data;
    expect(request).toMatchObject({ disclosedDocumentId: r.data.documentId, canDisclose: false });
    expect((await disclose(id)).status).toBe(409);
  });

  it("refuses a request whose reply gave nothing, and another unit's request", async () => {
    const withheld = await concluded("withheld.process_info", {
      reason: "过程性信息",
      legalBasis: "条例第十六条",
    });
    const before = (await api(t, "GET", "/api/v1/documents?pageSize=1")).data.total;
    expect((await disclose(withheld)).status).toBe(409);
    const disclosed = await concluded("disclosed");
    expect((await disclose(disclosed, headB)).status).toBe(404);
    expect((await disclose(disclosed, office, { title: "", body: "x" })).status).toBe(400);
    expect((await api(t, "GET", "/api/v1/documents?pageSize=1")).data.total).toBe(before);
  });

  it("offers the form on the request page and leads to the new draft", async () => {
    const id = await concluded("partially_disclosed", {
      reason: "部分涉及第三方",
      legalBasis: "条例第十五条",
    });
    const v = await new Visitor(t).login("office");
    const page = await v.get(`/admin/requests/${id}?action=disclose`);
    expect(page.text).toContain("转为主动公开（条例第四十四条）");
    const bad = await v.post(`/admin/requests/${id}/disclose`, { title: "", body: "" });
    expect(bad.status).toBe(422);
    const ok = await v.post(`/admin/requests/${id}/disclose`, {
      title: "医疗机构名单（部分）",
      body: "名单见下。",
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toMatch(/^\/admin\/documents\/\d+$/);
  });
});
