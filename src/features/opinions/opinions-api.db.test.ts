import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { auditLog } from "../../platform/db/tables";
import { opinionSpikeAlerts, opinions } from "./opinions.tables";

const HOUR = 3_600_000;
/** A time `hours` ago (or ahead), as ISO with +08:00, to the second. */
const hoursFromNow = (hours: number) => {
  const d = new Date(Date.now() + hours * HOUR);
  return `${new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;
};

async function importCsv(t: TTestApp, token: string, csv: string, name = "orders.csv") {
  const form = new FormData();
  form.set("file", new File([new TextEncoder().encode(csv)], name, { type: "text/csv" }));
  const res = await t.app.request("/api/v1/opinions/import", {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, data: await res.json() };
}

describeDb("政务舆情 through the API: hour clocks, events, board, 12345 import", () => {
  let t: TTestApp;
  let unitA: number;
  let unitB: number;
  let office: string;
  let aHead: string;
  let bHead: string;
  beforeAll(async () => {
    t = await createTestApp();
    const s = await seedOrg(t.db);
    unitA = s.unitA.id;
    unitB = s.unitB.id;
    office = await tokenFor(t, "office");
    aHead = await tokenFor(t, "a.head");
    bHead = await tokenFor(t, "b.head");
  });
  afterAll(() => t?.close());

  const opinionCount = async () => (await t.db.select({ n: count() }).from(opinions))[0]?.n ?? 0;
  const create = (token: string, json: Record<string, unknown>) =>
    api(t, "POST", "/api/v1/opinions", { token, json });

  describe("registering", () => {
    it("gives a serious emergency found late at night its 5 h and 24 h due times, across midnight and a month end", async () => {
      // 2026-01-31 22:30 + 5 h = 2026-02-01 03:30; + 24 h = 2026-02-01 22:30 (Beijing time).
      const r = await create(office, {
        title: "某小区燃气爆炸",
        source: "media",
        topic: "安全生产",
        unitId: unitA,
        severity: "major_emergency",
        discoveredAt: "2026-01-31T22:30:00+08:00",
      });
      expect(r.status).toBe(201);
      expect(r.data).toMatchObject({
        releaseDueAt: "2026-02-01T03:30:00+08:00",
        pressConferenceDueAt: "2026-02-01T22:30:00+08:00",
        responseDueAt: null,
      });
    });

    it("reads a UTC discovery time and answers in +08:00; an ordinary item gets 48 h", async () => {
      // 2026-02-27T16:30Z = 2026-02-28 00:30 Beijing; + 48 h = 2026-03-02 00:30 (2026 is not a leap year).
      const r = await create(office, {
        title: "学校周边交通拥堵",
        source: "online",
        topic: "education",
        unitId: unitA,
        severity: "ordinary",
        discoveredAt: "2026-02-27T16:30:00Z",
      });
      expect(r.status).toBe(201);
      expect(r.data).toMatchObject({
        releaseDueAt: null,
        pressConferenceDueAt: null,
        responseDueAt: "2026-03-02T00:30:00+08:00",
      });
    });

    it("refuses bad input with 400/422 and writes nothing", async () => {
      const before = await opinionCount();
      const base = { title: "测试", source: "media", topic: "安全生产", unitId: unitA, severity: "ordinary" };
      // No offset: which zone was meant cannot be known.
      expect((await create(office, { ...base, discoveredAt: "2026-01-31T22:30:00" })).status).toBe(400);
      expect((await create(office, { ...base, discoveredAt: hoursFromNow(2) })).status).toBe(422);
      expect(
        (await create(office, { ...base, topic: "不存在的主题", discoveredAt: hoursFromNow(-1) })).status,
      ).toBe(422);
      // a.head handles unit A only.
      const other = await create(aHead, { ...base, unitId: unitB, discoveredAt: hoursFromNow(-1) });
      expect(other.status).toBe(422);
      expect(other.data.error.issues[0].path).toBe("unitId");
      expect(
        (await create(office, { ...base, unitId: 2_147_483_647, discoveredAt: hoursFromNow(-1) })).status,
      ).toBe(422);
      expect((await create(office, {})).status).toBe(400);
      expect(await opinionCount()).toBe(before);
    });
  });

  describe("events and the board", () => {
    let major: number;
    let ordinary: number;
    beforeAll(async () => {
      // Found 6 hours ago: the 5-hour release is overdue, the press conference runs for 18 more hours.
      major = (
        await create(aHead, {
          title: "食品中毒事件",
          source: "media",
          topic: "食药安全",
          unitId: unitA,
          severity: "major_emergency",
          discoveredAt: hoursFromNow(-6),
        })
      ).data.id;
      // Found 47.5 hours ago: the 48-hour response is due within the hour.
      ordinary = (
        await create(aHead, {
          title: "小区噪音扰民",
          source: "hotline_12345",
          topic: "auto",
          unitId: unitA,
          severity: "ordinary",
          discoveredAt: hoursFromNow(-47.5),
        })
      ).data.id;
    });

    it("counts open, due within the hour and overdue per unit, only in the caller's units", async () => {
      const board = await api(t, "GET", "/api/v1/opinions/board", { token: aHead });
      expect(board.status).toBe(200);
      const a = board.data.units.find((u: { unitId: number }) => u.unitId === unitA);
      // Two items of 2026 long past (overdue) + the two above: 4 open; the release overdue; the response due soon.
      expect(a).toMatchObject({ open: 4, dueWithinHour: 1, overdue: 3 });
      expect(board.data.units.every((u: { unitId: number }) => u.unitId === unitA)).toBe(true);
      const b = await api(t, "GET", "/api/v1/opinions/board", { token: bHead });
      expect(b.data.units).toEqual([]);
    });

    it("suggests a topic by keywords, left unconfirmed until staff confirm it", async () => {
      const r = await api(t, "GET", `/api/v1/opinions/${ordinary}`, { token: aHead });
      expect(r.data).toMatchObject({ topicName: "生态环境污染", isTopicConfirmed: false });
      const c = await api(t, "POST", `/api/v1/opinions/${ordinary}/topic`, {
        token: aHead,
        json: { topic: "市场监管" },
      });
      expect(c.status).toBe(200);
      expect((await api(t, "GET", `/api/v1/opinions/${ordinary}`, { token: aHead })).data).toMatchObject({
        topicName: "市场监管",
        isTopicConfirmed: true,
      });
    });

    it("records a late release, refuses a second one (409) and events that do not apply (422), changing nothing", async () => {
      const late = await api(t, "POST", `/api/v1/opinions/${major}/events`, {
        token: aHead,
        json: { type: "release", at: hoursFromNow(-0.5) },
      });
      expect(late.status).toBe(201);
      expect(late.data.isOnTime).toBe(false);
      const before = (await api(t, "GET", `/api/v1/opinions/${major}`, { token: aHead })).data;
      const again = await api(t, "POST", `/api/v1/opinions/${major}/events`, {
        token: aHead,
        json: { type: "release", at: hoursFromNow(-0.2) },
      });
      expect(again.status).toBe(409);
      const wrong = await api(t, "POST", `/api/v1/opinions/${major}/events`, {
        token: aHead,
        json: { type: "response", at: hoursFromNow(-0.2) },
      });
      expect(wrong.status).toBe(422);
      const early = await api(t, "POST", `/api/v1/opinions/${major}/events`, {
        token: aHead,
        json: { type: "press_conference", at: hoursFromNow(-7) },
      });
      expect(early.status).toBe(422);
      const noDoc = await api(t, "POST", `/api/v1/opinions/${major}/events`, {
        token: aHead,
        json: { type: "press_conference", at: hoursFromNow(-0.1), documentId: 999_999 },
      });
      expect(noDoc.status).toBe(422);
      expect((await api(t, "GET", `/api/v1/opinions/${major}`, { token: aHead })).data).toEqual(before);
    });

    it("answers 404 to another unit's staff, for reading and writing", async () => {
      expect((await api(t, "GET", `/api/v1/opinions/${major}`, { token: bHead })).status).toBe(404);
      const w = await api(t, "POST", `/api/v1/opinions/${major}/events`, {
        token: bHead,
        json: { type: "press_conference", at: hoursFromNow(-0.1) },
      });
      expect(w.status).toBe(404);
      expect((await api(t, "GET", "/api/v1/opinions/99999999999", { token: aHead })).status).toBe(404);
    });

    it("closes the item once its response is recorded in time", async () => {
      const r = await api(t, "POST", `/api/v1/opinions/${ordinary}/events`, {
        token: aHead,
        json: { type: "response", at: hoursFromNow(-0.1) },
      });
      expect(r.status).toBe(201);
      expect(r.data).toMatchObject({ isOnTime: true, nextDueAt: null });
      const board = await api(t, "GET", "/api/v1/opinions/board", { token: aHead });
      expect(board.data.units[0]).toMatchObject({ open: 3, dueWithinHour: 0 });
    });
  });

  describe("the 12345 import", () => {
    const csv = (rows: string[][]) =>
      rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\n");
    const header = ["工单编号", "受理时间", "诉求内容", "承办单位", "办结时间", "满意度", "来电人电话"];
    const rows = [
      header,
      [
        "GD20260301001",
        "2026-03-01 23:10:00",
        "某工地拖欠农民工工资三个月",
        "区卫健局",
        "2026-03-02 09:00",
        "满意",
        "13800000000",
      ],
      ["GD20260301002", "2026/3/2 8:05", "小区楼下餐馆油烟扰民", "区卫生健康局", "", "", ""],
      ["GD20260301003", "2026-02-30 10:00", "日期不存在的工单", "区卫生健康局", "", "", ""],
      ["GD20260301004", "2026-03-02 10:00", "承办单位不存在", "区不存在局", "", "", ""],
      ["GD20260301001", "2026-03-01 23:10:00", "重复的工单编号", "区卫生健康局", "", "", ""],
      ["GD20260301005", "2026-03-02 10:00", "办结早于受理", "区卫生健康局", "2026-03-01 10:00", "", ""],
    ];

    it("creates the good rows, names each bad one and reports unknown columns", async () => {
      const r = await importCsv(t, office, csv(rows));
      expect(r.status).toBe(200);
      expect(r.data).toMatchObject({ created: 2, updated: 0, unchanged: 0, unknownColumns: ["来电人电话"] });
      expect(r.data.failed.map((f: { row: number }) => f.row)).toEqual([4, 5, 6, 7]);
      expect(r.data.failed[2].reason).toContain("与第 2 行重复");
      const [item] = await t.db.select().from(opinions).where(eq(opinions.workOrderNo, "GD20260301001"));
      // 受理 2026-03-01 23:10 Beijing = 15:10Z; 48 h later = 2026-03-03 23:10 Beijing; 办结 the next morning: answered.
      expect(item?.discoveredAt.toISOString()).toBe("2026-03-01T15:10:00.000Z");
      expect(item?.responseDueAt?.toISOString()).toBe("2026-03-03T15:10:00.000Z");
      expect(item?.respondedAt?.toISOString()).toBe("2026-03-02T01:00:00.000Z");
      expect(item?.nextDueAt).toBeNull();
      expect(item?.unitId).toBe(unitA);
    });

    it("is idempotent on 工单编号: the same file again changes nothing; a changed row updates its item", async () => {
      const before = await opinionCount();
      const audits = (
        await t.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "opinion.import"))
      )[0]?.n;
      const again = await importCsv(t, office, csv(rows));
      expect(again.data).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
      expect(await opinionCount()).toBe(before);
      expect(
        (await t.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "opinion.import")))[0]?.n,
      ).toBe(audits);
      const changed = rows.map((r) =>
        r[0] === "GD20260301002" ? [...r.slice(0, 4), "2026-03-02 18:00", "基本满意", ""] : r,
      );
      const upd = await importCsv(t, office, csv(changed));
      expect(upd.data).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
      const [item] = await t.db.select().from(opinions).where(eq(opinions.workOrderNo, "GD20260301002"));
      expect(item).toMatchObject({ satisfaction: "基本满意", nextDueAt: null });
    });

    it("refuses a file without the required columns (422), and a unit head's rows of another unit", async () => {
      const before = await opinionCount();
      expect((await importCsv(t, office, "编号,内容\n1,2")).status).toBe(422);
      const r = await importCsv(
        t,
        aHead,
        csv([header, ["GD20260309001", "2026-03-09 10:00", "财政补贴发放问题", "区财政局", "", "", ""]]),
      );
      expect(r.data).toMatchObject({ created: 0, failed: [{ row: 2, reason: "无权导入区财政局的工单" }] });
      expect(await opinionCount()).toBe(before);
    });

    it("raises one spike alert when a topic reaches the office's threshold within 24 hours", async () => {
      const v = await new Visitor(t).login("office");
      await v.get("/admin/opinions/topics");
      expect((await v.post("/admin/opinions/spike-rule", { threshold: "3" })).status).toBe(303);
      // Three 欠薪 orders within 24 h (10:00, 18:00, next day 09:59): one alert; a fourth at 10:30 does not add one.
      const spike = [
        header,
        ["GD20260401001", "2026-04-01 10:00", "欠薪问题一", "区卫生健康局", "", "", ""],
        ["GD20260401002", "2026-04-01 18:00", "欠薪问题二", "区卫生健康局", "", "", ""],
        ["GD20260401003", "2026-04-02 09:59", "讨薪问题三", "区卫生健康局", "", "", ""],
        ["GD20260401004", "2026-04-02 10:30", "欠薪问题四", "区卫生健康局", "", "", ""],
      ];
      const r = await importCsv(t, office, csv(spike));
      expect(r.data).toMatchObject({ created: 4, alerts: 1 });
      const alerts = await t.db.select().from(opinionSpikeAlerts);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]?.itemCount).toBe(3);
      expect(alerts[0]?.windowEnd.toISOString()).toBe("2026-04-02T01:59:00.000Z");
      const trends = await api(t, "GET", "/api/v1/opinions/trends?month=2026-04", { token: office });
      const wage = trends.data.byTopic.find((x: { name: string }) => x.name === "工资拖欠");
      // 1 April: 2 orders; 2 April: 2 orders (Beijing days).
      expect(wage.perDay.slice(0, 2)).toEqual([2, 2]);
      expect(trends.data.alerts).toHaveLength(1);
    });
  });
});
