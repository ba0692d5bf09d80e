import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { auditLog } from "../../platform/db/tables";

const ALL_YES = {
  "checklist.onTime": "1",
  "checklist.letterComplete": "1",
  "checklist.outcomeRight": "1",
  "checklist.deliveryRecorded": "1",
  "checklist.contactRecorded": "1",
};

describeDb("the spot check pages", () => {
  let t: TTestApp;
  let unitA: number;
  let office: Visitor;
  const receipts = new Map<number, string>();
  beforeAll(async () => {
    t = await createTestApp();
    const s = await seedOrg(t.db);
    unitA = s.unitA.id;
    const token = await tokenFor(t, "office");
    // Eight requests answered in May 2026: four in each unit.
    for (let i = 0; i < 8; i++) {
      const r = await api(t, "POST", "/api/v1/requests", {
        token,
        json: {
          applicant: { kind: "natural_person", name: `抽查申请人${i}` },
          channel: "mail",
          receivedAt: "2026-05-06",
          description: "申请公开某项信息",
          unitId: i % 2 ? s.unitB.id : unitA,
        },
      });
      receipts.set(r.data.id, r.data.receiptNo);
      await api(t, "POST", `/api/v1/requests/${r.data.id}/actions`, {
        token,
        json: { type: "reply", date: "2026-05-20", outcome: "disclosed" },
      });
    }
    office = await new Visitor(t).login("office");
    await office.get("/admin/spot-checks");
  });
  afterAll(() => t?.close());

  const drawIdFrom = (location: string | null) =>
    Number(/\/admin\/spot-checks\/(\d+)$/.exec(location ?? "")?.[1]);

  it("draws a recorded sample with a seed, shows its cases, and draws the same again from that seed", async () => {
    const fields = {
      closedFrom: "2026-05-01",
      closedTo: "2026-05-31",
      sampleSize: "3",
      unitId: "",
      seed: "2026年5月抽查",
    };
    const first = await office.post("/admin/spot-checks", fields);
    expect(first.status).toBe(303);
    const id = drawIdFrom(first.location);
    const page = await office.get(`/admin/spot-checks/${id}`);
    expect(page.text).toContain("从 8 件中抽取 3 件");
    expect(page.text).toContain("2026年5月抽查");
    expect(page.text).toContain("结果与本次抽查一致");
    const shown = [...receipts.values()].filter((no) => page.text.includes(no));
    expect(shown).toHaveLength(3);

    const again = await office.post("/admin/spot-checks", fields);
    const repeat = await office.get(`/admin/spot-checks/${drawIdFrom(again.location)}`);
    expect([...receipts.values()].filter((no) => repeat.text.includes(no))).toEqual(shown);

    const list = await office.get("/admin/spot-checks");
    expect(list.text).toContain(`href="/admin/spot-checks/${id}"`);
    expect(list.text).toContain("3 / 8");
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "spot_check.draw"));
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it("limits a draw to one unit when asked", async () => {
    const r = await office.post("/admin/spot-checks", {
      closedFrom: "2026-05-01",
      closedTo: "2026-05-31",
      sampleSize: "10",
      unitId: String(unitA),
      seed: "卫健局全查",
    });
    const page = await office.get(`/admin/spot-checks/${drawIdFrom(r.location)}`);
    expect(page.text).toContain("从 4 件中抽取 4 件");
    expect(page.text).toMatch(/<dt>范围<\/dt>\s*<dd>区卫生健康局<\/dd>/);
  });

  it("shows each mistake of the draw form beside its field, and draws nothing", async () => {
    const before = (await t.db.select().from(auditLog).where(eq(auditLog.action, "spot_check.draw"))).length;
    const bad = await office.post("/admin/spot-checks", {
      closedFrom: "2026-05-31",
      closedTo: "2026-05-01",
      sampleSize: "0",
      seed: "ab",
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/id="f-closedTo-error"[^>]*>.*截止日期不能早于起始日期/s);
    expect(bad.text).toContain('id="f-sampleSize-error"');
    expect(bad.text).toContain('id="f-seed-error"');
    const empty = await office.post("/admin/spot-checks", {
      closedFrom: "2024-01-01",
      closedTo: "2024-01-31",
      sampleSize: "2",
    });
    expect(empty.status).toBe(422);
    expect(empty.text).toMatch(/id="f-closedFrom-error"[^>]*>.*该期间没有已办结的申请可供抽查/s);
    const after = (await t.db.select().from(auditLog).where(eq(auditLog.action, "spot_check.draw"))).length;
    expect(after).toBe(before);
  });

  it("scores cases by the checklist and averages them by unit", async () => {
    const r = await office.post("/admin/spot-checks", {
      closedFrom: "2026-05-01",
      closedTo: "2026-05-31",
      sampleSize: "8",
      seed: "全部评分",
    });
    const id = drawIdFrom(r.location);
    const ids = [...receipts.keys()];
    // Requests alternate between the units: even positions are 区卫生健康局, odd 区财政局.
    const [a1, b1, a2] = ids as [number, number, number];
    const form = await office.get(`/admin/spot-checks/${id}?item=${a1}`);
    expect(form.text).toContain("告知书要素齐全（决定、理由、依据、救济途径）");
    expect((await office.post(`/admin/spot-checks/${id}/items/${a1}`, ALL_YES)).status).toBe(303);
    await office.post(`/admin/spot-checks/${id}/items/${a2}`, {
      ...ALL_YES,
      "checklist.deliveryRecorded": "0",
      "checklist.contactRecorded": "0",
      comment: "缺送达记录",
    });
    await office.post(`/admin/spot-checks/${id}/items/${b1}`, {
      ...ALL_YES,
      "checklist.onTime": "0",
      comment: "超期答复",
    });
    const page = await office.get(`/admin/spot-checks/${id}`);
    // By hand: 区卫生健康局 (100 + 60) / 2 = 80 over 2 of 4 cases; 区财政局 80 over 1 of 4.
    expect(page.text).toMatch(/<td>区卫生健康局<\/td>\s*<td>4<\/td>\s*<td>2<\/td>\s*<td>80<\/td>/);
    expect(page.text).toMatch(/<td>区财政局<\/td>\s*<td>4<\/td>\s*<td>1<\/td>\s*<td>80<\/td>/);
    expect(page.text).toContain("缺送达记录");
    // A second look starts from the recorded answers.
    const again = await office.get(`/admin/spot-checks/${id}?item=${a2}`);
    expect(again.text).toMatch(/id="f-checklist\.contactRecorded-0"[^>]*checked/);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "spot_check.score"));
    expect(audits).toHaveLength(3);
  });

  it("asks for every checklist item beside it, and records nothing", async () => {
    const r = await office.post("/admin/spot-checks", {
      closedFrom: "2026-05-01",
      closedTo: "2026-05-31",
      sampleSize: "1",
      seed: "漏项检查示例",
    });
    const id = drawIdFrom(r.location);
    const page = await office.get(`/admin/spot-checks/${id}`);
    const requestId = Number(/\?item=(\d+)#score-heading/.exec(page.text)?.[1]);
    const before = (await t.db.select().from(auditLog).where(eq(auditLog.action, "spot_check.score"))).length;
    const bad = await office.post(`/admin/spot-checks/${id}/items/${requestId}`, { "checklist.onTime": "1" });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/id="f-checklist\.letterComplete-error"[^>]*>.*请判断：告知书要素齐全/s);
    expect(bad.text).toMatch(/id="f-checklist\.onTime-1"[^>]*checked/);
    expect((await t.db.select().from(auditLog).where(eq(auditLog.action, "spot_check.score"))).length).toBe(
      before,
    );
  });

  it("is the office's: a unit user may neither see nor draw", async () => {
    const head = await new Visitor(t).login("a.head");
    expect((await head.get("/admin/spot-checks")).status).toBe(403);
    await head.get("/admin/requests");
    const r = await head.post("/admin/spot-checks", {
      closedFrom: "2026-05-01",
      closedTo: "2026-05-31",
      sampleSize: "2",
    });
    expect(r.status).toBe(403);
    expect((await head.get("/admin/spot-checks/1")).status).toBe(403);
  });
});
