import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";

describeDb("proposals: registration with the §9 due date, replies, views, publication", () => {
  let t: TTestApp;
  let office: string;
  let aHead: string;
  let bHead: string;
  let unitA: number;
  let unitB: number;
  const count = async (table: string) =>
    Number((await t.database.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]?.n);

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

  const register = (json: Record<string, unknown>, token = office) =>
    api(t, "POST", "/api/v1/proposals", { token, json });
  const base = {
    kind: "npc_suggestion",
    title: "关于加强老旧小区加装电梯的建议",
    submitters: ["张代表", "李代表"],
  };

  it("registers with the due date of STATUTES §9, using the shipped 2026 calendar", async () => {
    // Assigned 2025-11-30: 3 months from the next day end on 2026-02-30, which does not exist →
    // 2026-02-28 (民法典 Art. 202), a Saturday the 2026 schedule makes a working day → stays.
    const r = await register({
      ...base,
      number: "1",
      leadUnitId: unitA,
      coUnitIds: [unitB],
      assignedAt: "2025-11-30",
      coOpinionDue: "2026-01-15",
    });
    expect(r.status).toBe(201);
    expect(r.data).toMatchObject({ dueDate: "2026-02-28", dueDateProvisional: false });
    // Complex, assigned 2025-08-19: 6 months → 2026-02-19 in 春节 (02-15…02-23 off) → Tuesday 2026-02-24.
    const c = await register({
      ...base,
      number: "2",
      leadUnitId: unitA,
      assignedAt: "2025-08-19",
      complex: true,
    });
    expect(c.data.dueDate).toBe("2026-02-24");
  });

  it("refuses bad registrations with 409/422 and writes nothing", async () => {
    const before = await count("proposals");
    const dup = await register({ ...base, number: "1", leadUnitId: unitA, assignedAt: "2025-12-01" });
    expect(dup.status).toBe(409);
    const sameUnit = await register({
      ...base,
      number: "9",
      leadUnitId: unitA,
      coUnitIds: [unitA],
      assignedAt: "2025-12-01",
    });
    expect(sameUnit.status).toBe(422);
    const future = await register({ ...base, number: "9", leadUnitId: unitA, assignedAt: "2099-01-01" });
    expect(future.status).toBe(422);
    const noUnit = await register({ ...base, number: "9", leadUnitId: 999999, assignedAt: "2025-12-01" });
    expect(noUnit.status).toBe(422);
    const lateOpinion = await register({
      ...base,
      number: "9",
      leadUnitId: unitA,
      coUnitIds: [unitB],
      assignedAt: "2025-11-30",
      coOpinionDue: "2026-03-01",
    });
    expect(lateOpinion.status).toBe(422);
    const empty = await register({});
    expect(empty.status).toBe(400);
    expect(
      (await register({ ...base, number: "9", leadUnitId: unitA, assignedAt: "2025-12-01" }, aHead)).status,
    ).toBe(403);
    expect(await count("proposals")).toBe(before);
  });

  it("lets the co-unit send its opinion, the lead unit reply once, and hides it from others", async () => {
    const [{ id } = { id: 0 }] = await t.database.query<{ id: number }>(
      "select id from proposals where number = '1'",
    );
    expect(
      (
        await api(t, "POST", `/api/v1/proposals/${id}/opinions`, {
          token: bHead,
          json: { text: "建议统筹资金。", date: "2025-12-10" },
        })
      ).status,
    ).toBe(200);
    // The co-unit may not reply for the lead unit.
    const wrong = await api(t, "POST", `/api/v1/proposals/${id}/reply`, {
      token: bHead,
      json: { date: "2025-12-20", category: "A", text: "答复", publish: true },
    });
    expect(wrong.status).toBe(403);
    // Not published without a reason → 422, nothing written.
    const noReason = await api(t, "POST", `/api/v1/proposals/${id}/reply`, {
      token: aHead,
      json: { date: "2025-12-20", category: "B", text: "答复全文", publish: false },
    });
    expect(noReason.status).toBe(422);
    expect(await count("proposal_replies")).toBe(0);
    const ok = await api(t, "POST", `/api/v1/proposals/${id}/reply`, {
      token: aHead,
      json: {
        date: "2025-12-20",
        category: "B",
        text: "张代表：\n已列入明年计划，分批实施。",
        publish: true,
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.data).toMatchObject({
      status: "replied",
      replies: [{ round: 1, category: "B", publish: true }],
    });
    expect(ok.data.coUnits[0]).toMatchObject({
      unitId: unitB,
      opinion: "建议统筹资金。",
      opinionAt: "2025-12-10",
    });
    const again = await api(t, "POST", `/api/v1/proposals/${id}/reply`, {
      token: aHead,
      json: { date: "2025-12-21", category: "A", text: "再答复", publish: true },
    });
    expect(again.status).toBe(409);
    expect(await count("proposal_replies")).toBe(1);
  });

  it("opens a second round when the deputy is dissatisfied, due one month later, then closes", async () => {
    const [{ id } = { id: 0 }] = await t.database.query<{ id: number }>(
      "select id from proposals where number = '1'",
    );
    expect(
      (
        await api(t, "POST", `/api/v1/proposals/${id}/satisfaction`, {
          token: aHead,
          json: { result: "dissatisfied" },
        })
      ).status,
    ).toBe(403);
    // Dissatisfied on 2026-01-09 (Fri): one month → 2026-02-09 (Mon), a working day.
    const r = await api(t, "POST", `/api/v1/proposals/${id}/satisfaction`, {
      token: office,
      json: { result: "dissatisfied", date: "2026-01-09" },
    });
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ status: "handling", round: 2, dueDate: "2026-02-09" });
    const second = await api(t, "POST", `/api/v1/proposals/${id}/reply`, {
      token: aHead,
      json: {
        date: "2026-02-05",
        category: "A",
        text: "已解决。",
        publish: false,
        privateReason: "涉及个人信息",
      },
    });
    expect(second.status).toBe(200);
    const done = await api(t, "POST", `/api/v1/proposals/${id}/satisfaction`, {
      token: office,
      json: { result: "satisfied", date: "2026-02-06" },
    });
    expect(done.data.status).toBe("closed");
    expect(
      (
        await api(t, "POST", `/api/v1/proposals/${id}/satisfaction`, {
          token: office,
          json: { result: "satisfied" },
        })
      ).status,
    ).toBe(409);
  });

  it("publishes only replies marked for publication, without the submitters' names", async () => {
    const list = await api(t, "GET", "/api/v1/proposals?year=2025");
    expect(list.status).toBe(200);
    expect(list.data.total).toBe(1);
    expect(list.data.items[0]).toMatchObject({ number: "1", leadUnit: { id: unitA } });
    expect(list.data.items[0].replies).toHaveLength(1);
    expect(list.data.items[0].replies[0]).toMatchObject({ round: 1, category: "B" });
    expect(list.text).not.toContain("李代表");
    expect(list.text).not.toContain("已解决。");
    const page = await new Visitor(t).get("/proposals?year=2025");
    expect(page.status).toBe(200);
    expect(page.text).toContain("关于加强老旧小区加装电梯的建议");
    const id = list.data.items[0].id;
    const detail = await new Visitor(t).get(`/proposals/${id}`);
    expect(detail.text).toContain("已列入明年计划");
    expect(detail.text).not.toContain("李代表");
    const docx = await t.app.request(`/proposals/${id}/replies/1.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toContain("wordprocessingml");
    expect((await t.app.request(`/proposals/${id}/replies/2.docx`)).status).toBe(404);
  });

  it("counts by unit and category for the year", async () => {
    const s = await api(t, "GET", "/api/v1/proposals/statistics?year=2025");
    // Unit A leads two: no. 1 (latest reply A, satisfied) and no. 2 (not replied).
    expect(s.data.items).toEqual([
      expect.objectContaining({ unitId: unitA, total: 2, A: 1, B: 0, C: 0, pending: 1, satisfied: 1 }),
    ]);
    expect(s.data.total).toMatchObject({ total: 2, A: 1, pending: 1 });
  });

  it("hides a proposal from a unit that is neither lead nor co-unit (404)", async () => {
    const [{ id } = { id: 0 }] = await t.database.query<{ id: number }>(
      "select id from proposals where number = '2'",
    );
    expect((await api(t, "GET", `/api/v1/proposals/${id}`, { token: bHead })).status).toBe(404);
    expect((await api(t, "GET", `/api/v1/proposals/${id}`, { token: aHead })).status).toBe(200);
    expect(
      (
        await api(t, "POST", `/api/v1/proposals/${id}/reply`, {
          token: bHead,
          json: { date: "2025-12-20", category: "A", text: "x", publish: true },
        })
      ).status,
    ).toBe(404);
  });
});
