import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import type { TMail } from "../../platform/mailer";
import { handOverLiaison } from "../org";
import { sendOverdueReminders } from "./overdue-reminders";

// 2026 plan: task 1 区卫健局 due 2026-03-31 (finished on time), 2 区财政局 due 2026-06-30 (never
// reported), 3 区卫健局 due 2026-06-30 (report returned once, then finished late).
const CSV = [
  "no,section,group,requirement,units,deadline",
  "1,一、重点领域,（一）,公开监督信息,区卫健局,2026年3月底前",
  "2,一、重点领域,（一）,公开预决算,区财政局,2026年6月底前",
  "3,二、平台建设,（二）,更新网站栏目,区卫生健康局,2026年6月底前",
].join("\n");

describeDb("work-plan ledger: overdue reminders, 回头看 and assessment", () => {
  let t: TTestApp;
  let office: string;
  let plan2026: number;
  let plan2027: number;
  const ids: Record<number, number> = {};
  const importCsv = async (title: string, year: string, csv: string) => {
    const res = await t.app.request(
      `/api/v1/ledger/plans/import?${new URLSearchParams({ title, issuedAt: `${year}-01-05`, year })}`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${office}`, "content-type": "text/csv" },
        body: csv,
      },
    );
    return ((await res.json()) as { id: number }).id;
  };
  const report = async (user: string, no: number, reportedOn: string, decision: "accept" | "return") => {
    const r = await api(t, "POST", `/api/v1/ledger/tasks/${ids[no]}/reports`, {
      token: await tokenFor(t, user),
      json: { body: "已完成。", reportedOn, isComplete: true },
    });
    await api(t, "POST", `/api/v1/ledger/reports/${r.data.id}/review`, {
      token: office,
      json: { decision, comment: decision === "return" ? "材料不全" : "" },
    });
  };

  beforeAll(async () => {
    t = await createTestApp();
    const { unitA, unitB } = await seedOrg(t.db);
    office = await tokenFor(t, "office");
    plan2026 = await importCsv("2026年工作要点", "2026", CSV);
    plan2027 = await importCsv(
      "2027年工作要点",
      "2027",
      "no,section,group,requirement,units,deadline\n1,一,（一）,新任务,区财政局,全年",
    );
    for (const i of (await api(t, "GET", `/api/v1/ledger/plans/${plan2026}/tasks`, { token: office })).data
      .items)
      ids[i.no] = i.id;
    await report("a.liaison", 1, "2026-03-20", "accept");
    await report("a.liaison", 3, "2026-05-01", "return");
    await report("a.liaison", 3, "2026-07-15", "accept");
    const actor = { userId: null, name: "测试准备", ip: "", requestId: "" };
    const liaison = { position: "", phone: "", mobile: "", handoverNote: "", startedOn: "2025-01-01" };
    await handOverLiaison(t.db, actor, unitB.id, { ...liaison, name: "刘洋", email: "liu@example.gov.cn" });
    await handOverLiaison(t.db, actor, unitA.id, { ...liaison, name: "周静", email: "" });
  });
  afterAll(() => t?.close());

  it("e-mails each overdue task to the unit's liaison once, and not after a failed send", async () => {
    const mails: TMail[] = [];
    let isDown = true;
    const mailer = {
      isConfigured: true,
      send: async (m: TMail) => {
        if (isDown) throw new Error("smtp down");
        mails.push(m);
      },
    };
    await expect(sendOverdueReminders(t.db, mailer, "2026-11-27")).rejects.toThrow("smtp down");
    isDown = false;
    const first = await sendOverdueReminders(t.db, mailer, "2026-11-27", "https://gk.example");
    // 区卫生健康局 finished both its tasks; its liaison has no address anyway.
    expect(first).toEqual({ sent: 1, unaddressed: 0 });
    expect(mails[0]?.to).toEqual(["liu@example.gov.cn"]);
    expect(mails[0]?.subject).toContain("区财政局 有 1 项任务已逾期");
    expect(mails[0]?.text).toContain("2. 公开预决算");
    expect(await sendOverdueReminders(t.db, mailer, "2026-11-28")).toEqual({ sent: 0, unaddressed: 0 });
    expect(mails).toHaveLength(1);
  });

  it("closes or carries over each task once, the carried task appearing in the target plan", async () => {
    const post = (no: number, json: unknown) =>
      api(t, "POST", `/api/v1/ledger/tasks/${ids[no]}/year-end`, { token: office, json });
    const missing = await post(2, { outcome: "carried_over", reason: "" });
    expect(missing.status).toBe(400);
    expect(missing.data.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      "reason",
      "targetPlanId",
    ]);
    expect(
      (await post(2, { outcome: "carried_over", reason: "预算调整", targetPlanId: plan2026 })).status,
    ).toBe(400);
    const carried = await post(2, {
      outcome: "carried_over",
      reason: "预算调整，延至次年",
      targetPlanId: plan2027,
    });
    expect(carried.status).toBe(200);
    expect((await post(2, { outcome: "closed" })).status).toBe(409);
    expect((await post(1, { outcome: "closed", reason: "已完成" })).status).toBe(200);
    const next = (await api(t, "GET", `/api/v1/ledger/plans/${plan2027}/tasks`, { token: office })).data
      .items;
    expect(next.map((i: { no: number; requirement: string }) => [i.no, i.requirement])).toEqual([
      [1, "新任务"],
      [2, "公开预决算"],
    ]);
    expect(next[1]).toMatchObject({
      id: carried.data.carriedTaskId,
      dueDate: "2027-12-31",
      units: [{ name: "区财政局" }],
    });
    const head = await tokenFor(t, "a.head");
    expect(
      (
        await api(t, "POST", `/api/v1/ledger/tasks/${ids[3]}/year-end`, {
          token: head,
          json: { outcome: "closed" },
        })
      ).status,
    ).toBe(403);

    const v = await new Visitor(t).login("office");
    const page = await v.get(`/admin/ledger/plans/${plan2026}/year-end`);
    expect(page.text).toContain("已回头看 2 项，尚未回头看 1 项");
    expect(page.text).toContain("预算调整，延至次年");
  });

  it("scores each unit from its on-time rate, returned reports and 回头看 with the office's weights", async () => {
    const get = async () =>
      (await api(t, "GET", `/api/v1/ledger/plans/${plan2026}/assessment`, { token: office })).data;
    const byName = (items: { unitName: string; score: number }[], name: string) =>
      items.find((i) => i.unitName === name)?.score;
    // 区卫生健康局: 1 of 2 due tasks on time, 1 of 3 reports returned, 1 of 2 tasks closed.
    // 区财政局: 0 of 1 on time, no reports, none closed (carried over).
    let r = await get();
    expect(r.weights).toEqual({
      onTime: 50,
      returned: 25,
      review: 25,
      latePublication: 0,
      requestTimeliness: 0,
      appealCorrection: 0,
      spotCheck: 0,
      catalogueCoverage: 0,
    });
    expect(byName(r.items, "区卫生健康局")).toBeCloseTo(50 * 0.5 + 25 * (2 / 3) + 25 * 0.5, 1);
    expect(byName(r.items, "区财政局")).toBe(25);
    expect(r.items[0].unitName).toBe("区卫生健康局");
    const bad = await api(t, "PUT", `/api/v1/ledger/plans/${plan2026}/assessment/weights`, {
      token: office,
      json: { onTime: 50, returned: 50, review: 50 },
    });
    expect(bad.status).toBe(400);
    expect(bad.data.error.issues[0].message).toContain("之和须为 100");
    await api(t, "PUT", `/api/v1/ledger/plans/${plan2026}/assessment/weights`, {
      token: office,
      json: { onTime: 0, returned: 100, review: 0 },
    });
    r = await get();
    expect(byName(r.items, "区财政局")).toBe(100);
    expect(byName(r.items, "区卫生健康局")).toBeCloseTo(66.7, 1);

    // A record indicator without records for a unit (neither unit has a concluded request) is left
    // out and its weight goes to the others: 50 on-time + 50 request timeliness (no data) →
    // 区卫生健康局 0.5 × 50 / 50 × 100 = 50, 区财政局 0 × 50 / 50 × 100 = 0.
    await api(t, "PUT", `/api/v1/ledger/plans/${plan2026}/assessment/weights`, {
      token: office,
      json: { onTime: 50, returned: 0, review: 0, requestTimeliness: 50 },
    });
    r = await get();
    expect(byName(r.items, "区卫生健康局")).toBe(50);
    expect(byName(r.items, "区财政局")).toBe(0);
    const timeliness = r.items[0].indicators.find((i: { key: string }) => i.key === "requestTimeliness");
    expect(timeliness).toMatchObject({ value: null, weight: 50, detail: "无记录" });
    await api(t, "PUT", `/api/v1/ledger/plans/${plan2026}/assessment/weights`, {
      token: office,
      json: { onTime: 0, returned: 100, review: 0 },
    });

    const v = await new Visitor(t).login("office");
    const res = await v.get(`/admin/ledger/plans/${plan2026}/assessment.xlsx`);
    expect(res.res.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      Buffer.from(
        await (
          await t.app.request(`/admin/ledger/plans/${plan2026}/assessment.xlsx`, {
            headers: { cookie: v.cookie },
          })
        ).arrayBuffer(),
      ) as unknown as ArrayBuffer,
    );
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(4).getCell(2).text).toBe("区财政局");
    expect(sheet?.getRow(4).getCell(12).value).toBe(100);
    const unit = await new Visitor(t).login("a.head");
    expect((await unit.get(`/admin/ledger/plans/${plan2026}/assessment`)).status).toBe(403);
  });
});
