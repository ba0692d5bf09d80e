import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { newMediaScore, trainingDone } from ".";

describeDb("registries: new media, training, cases, public enterprises, reading rooms", () => {
  let t: TTestApp;
  let unitA: number;
  let unitB: number;
  let office: Visitor;

  beforeAll(async () => {
    t = await createTestApp();
    const s = await seedOrg(t.db);
    unitA = s.unitA.id;
    unitB = s.unitB.id;
    office = await new Visitor(t).login("office");
  });
  afterAll(() => t?.close());

  const idFrom = (location: string | null, prefix: string) => Number(location?.replace(prefix, ""));

  describe("new-media registry and inspections", () => {
    let healthAccount: number;
    let financeAccount: number;

    it("units register their own accounts; another unit is told the account does not exist", async () => {
      const head = await new Visitor(t).login("a.head");
      await head.get("/admin/new-media");
      const r = await head.post("/admin/new-media", {
        unitId: String(unitA),
        platform: "wechat",
        name: "健康市中",
        purpose: "卫生健康政策发布和解读",
        registeredOn: "2020-05-01",
        filingStatus: "filed",
      });
      expect(r.status, r.text).toBe(303);
      healthAccount = idFrom(r.location, "/admin/new-media/");
      const foreign = await head.post("/admin/new-media", {
        unitId: String(unitB),
        platform: "weibo",
        name: "市中财政",
        registeredOn: "2020-05-01",
        filingStatus: "filed",
      });
      expect(foreign.status).toBe(404);
      const other = await new Visitor(t).login("b.head");
      expect((await other.get(`/admin/new-media/${healthAccount}`)).status).toBe(404);
      const f = await office.post("/admin/new-media", {
        unitId: String(unitB),
        platform: "weibo",
        name: "市中财政",
        registeredOn: "2021-01-10",
        filingStatus: "pending",
      });
      expect(f.status).toBe(303);
      financeAccount = idFrom(f.location, "/admin/new-media/");
      const dup = await office.post("/admin/new-media", {
        unitId: String(unitB),
        platform: "weibo",
        name: "市中财政",
        registeredOn: "2021-01-10",
        filingStatus: "pending",
      });
      expect(dup.status).toBe(422);
    });

    it("only the office inspects; two weeks without a post is a veto", async () => {
      const head = await new Visitor(t).login("a.head");
      await head.get(`/admin/new-media/${healthAccount}`);
      const refused = await head.post(`/admin/new-media/${healthAccount}/inspections`, {
        inspectedOn: "2026-03-16",
      });
      expect(refused.status).toBe(403);
      await office.get(`/admin/new-media/${healthAccount}`);
      const inspect = (id: number, fields: Record<string, string>) =>
        office.post(`/admin/new-media/${id}/inspections`, fields);
      // Health, 2026-03-16: last post 03-02 (14 days, inside) with 3 broken links and 1 wrong item:
      // 100 − 3·2 − 1·5 = 89. Then 2026-06-15: last post 05-31 (15 days) → veto, 0.
      expect(
        (
          await inspect(healthAccount, {
            inspectedOn: "2026-03-16",
            lastUpdatedOn: "2026-03-02",
            brokenLinks: "3",
            wrongItems: "1",
          })
        ).status,
      ).toBe(303);
      expect(
        (await inspect(healthAccount, { inspectedOn: "2026-06-15", lastUpdatedOn: "2026-05-31" })).status,
      ).toBe(303);
      // Finance, 2026-03-16: posted the day before, 5 unanswered messages → 100 − 10 = 90.
      expect(
        (
          await inspect(financeAccount, {
            inspectedOn: "2026-03-16",
            lastUpdatedOn: "2026-03-15",
            unansweredMessages: "5",
          })
        ).status,
      ).toBe(303);
      // A post after the inspection day cannot have been seen.
      expect(
        (await inspect(financeAccount, { inspectedOn: "2026-03-16", lastUpdatedOn: "2026-03-20" })).status,
      ).toBe(422);
      const page = await office.get(`/admin/new-media/${healthAccount}`);
      expect(page.text).toContain("是（两周未更新）");

      // Health's year: (89 + 0) / 2 = 44.5 with one veto.
      expect(await newMediaScore(t.db, unitA, 2026)).toEqual({
        unitId: unitA,
        accounts: 1,
        inspections: 2,
        vetoes: 1,
        average: 44.5,
      });
      expect((await newMediaScore(t.db, unitB, 2025)).average).toBeNull();
    });

    it("exports the yearly work tables as XLSX with the figures in their cells", async () => {
      const res = await t.app.request("/admin/new-media/export?year=2026", {
        headers: { cookie: office.cookie },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("spreadsheetml");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
      const accounts = wb.getWorksheet("政务新媒体");
      expect(accounts?.getRow(1).getCell(1).text).toBe("2026年政务新媒体基本情况表");
      expect(accounts?.getRow(2).getCell(8).text).toBe("备案状态");
      const rows = [3, 4].map((n) => accounts?.getRow(n));
      const health = rows.find((r) => r?.getCell(2).text === "健康市中");
      expect(health?.getCell(3).text).toBe("微信公众号");
      expect(health?.getCell(4).text).toBe("区卫生健康局");
      expect(health?.getCell(8).text).toBe("已备案");
      expect(health?.getCell(9).value).toBe(2);
      expect(health?.getCell(10).value).toBe(1);
      expect(health?.getCell(11).value).toBe(44.5);
      const finance = rows.find((r) => r?.getCell(2).text === "市中财政");
      expect(finance?.getCell(8).text).toBe("备案中");
      expect(finance?.getCell(11).value).toBe(90);
      const checks = wb.getWorksheet("检查情况");
      // Oldest first: the two inspections of 03-16, then the veto of 06-15.
      expect(checks?.getRow(5).getCell(1).text).toBe("2026-06-15");
      expect(checks?.getRow(5).getCell(8).text).toBe("是（两周未更新）");
      expect(checks?.getRow(5).getCell(9).value).toBe(0);
      const scores = wb.getWorksheet("单位得分");
      const a = [3, 4].map((n) => scores?.getRow(n)).find((r) => r?.getCell(1).text === "区卫生健康局");
      expect(a?.getCell(5).value).toBe(44.5);
      const head = await new Visitor(t).login("a.head");
      expect((await head.get("/admin/new-media/export?year=2026")).status).toBe(403);
    });
  });

  describe("training board", () => {
    it("records sessions per unit and shows who has had the general training", async () => {
      const liaison = await new Visitor(t).login("a.liaison");
      await liaison.get("/admin/training?year=2025");
      const special = await liaison.post("/admin/training", {
        unitId: String(unitA),
        title: "依申请公开答复文书专题培训",
        kind: "special",
        heldOn: "2025-04-10",
        hours: "2",
        attendees: "周静\n赵敏",
      });
      expect(special.status, special.text).toBe(303);
      expect((await trainingDone(t.db, unitA, 2025, "2026-01-05")).state).toBe("missed");
      const general = await liaison.post("/admin/training", {
        unitId: String(unitA),
        title: "2025年政务公开通识培训",
        kind: "general",
        heldOn: "2025-06-18",
        hours: "1.5",
        attendees: "周静、赵敏、钱伟",
      });
      expect(general.status).toBe(303);
      // 2 + 1.5 = 3.5 hours, one general session → the rule is met.
      expect(await trainingDone(t.db, unitA, 2025, "2026-01-05")).toMatchObject({
        state: "done",
        sessions: 2,
        generalSessions: 1,
        hours: 3.5,
      });
      expect((await trainingDone(t.db, unitB, 2025, "2026-01-05")).state).toBe("missed");
      const foreign = await liaison.post("/admin/training", {
        unitId: String(unitB),
        title: "冒名登记",
        kind: "general",
        heldOn: "2025-06-18",
        hours: "1",
      });
      expect(foreign.status).toBe(404);
      const board = await office.get("/admin/training?year=2025");
      expect(board.text).toMatch(/区卫生健康局<\/td><td>1<\/td><td>2025-06-18/);
      expect(board.text).toContain("已完成");
      // The unit sees its own row only.
      const own = await liaison.get("/admin/training?year=2025");
      expect(own.text).not.toContain("区财政局");
    });
  });

  describe("case library", () => {
    it("anonymises a reply taken from a request, and is for staff only", async () => {
      const headA = await tokenFor(t, "a.head");
      const req = await api(t, "POST", "/api/v1/requests", {
        token: headA,
        json: {
          applicant: {
            kind: "natural_person",
            name: "韩梅梅",
            phone: "13912345678",
            address: "济南市市中区英雄山路88号",
          },
          channel: "mail",
          receivedAt: "2025-09-01",
          description: "韩梅梅申请公开英雄山路88号周边道路改造的批复，联系电话13912345678。",
          unitId: unitA,
        },
      });
      expect(req.status, req.text).toBe(201);
      await office.get("/admin/cases");
      const r = await office.post("/admin/cases", {
        kind: "request_reply",
        title: "道路改造批复的公开申请",
        sourceRequestId: String(req.data.id),
        lesson: "韩梅梅的申请内容明确，应予公开。",
      });
      expect(r.status, r.text).toBe(303);
      const editor = await new Visitor(t).login("b.head");
      const page = await editor.get(r.location ?? "");
      expect(page.status).toBe(200);
      expect(page.text).toContain("周边道路改造的批复");
      for (const secret of ["韩梅梅", "13912345678", "英雄山路88号"]) expect(page.text).not.toContain(secret);
      expect((await new Visitor(t).get(r.location ?? "")).status).not.toBe(200);
      // A unit head cannot add cases; a request number nobody can see is refused beside its field.
      expect(
        (await editor.post("/admin/cases", { kind: "request_reply", title: "x案例", body: "内容" })).status,
      ).toBe(403);
      const unknown = await office.post("/admin/cases", {
        kind: "request_reply",
        title: "无此申请",
        sourceRequestId: "999999",
      });
      expect(unknown.status).toBe(422);
    });
  });

  describe("public enterprises and reading rooms", () => {
    it("publishes each sector with its supervisor, disclosure items and complaint link", async () => {
      await office.get("/admin/enterprises");
      const r = await office.post("/admin/enterprises", {
        name: "济南市市中区人民医院",
        sector: "hospital",
        supervisorUnitId: String(unitA),
        disclosureItems: "医疗服务价格\n就医指南、投诉渠道",
        servicePhone: "0531-82000000",
      });
      expect(r.status, r.text).toBe(303);
      const id = Number((await t.database.query<{ id: number }>("select id from public_enterprises"))[0]?.id);
      const index = await new Visitor(t).get("/enterprises");
      expect(index.text).toContain('href="/enterprises/hospital"');
      const page = await new Visitor(t).get("/enterprises/hospital");
      expect(page.status).toBe(200);
      expect(page.text).toContain("区卫生健康局");
      expect(page.text).toContain("<li>就医指南</li>");
      expect(page.text).toContain(`/complaints/new?organisation=${id}`);
      expect((await new Visitor(t).get("/enterprises/casino")).status).toBe(404);
      const bad = await office.post("/admin/enterprises", {
        name: "某公司",
        sector: "gas",
        supervisorUnitId: "99999",
        website: "javascript:alert(1)",
      });
      expect(bad.status).toBe(422);
    });

    it("lists the reading rooms with address, hours and map link", async () => {
      await office.get("/admin/reading-rooms");
      const r = await office.post("/admin/reading-rooms", {
        name: "市中区档案馆政府信息查阅中心",
        address: "济南市市中区二七新村南路1号",
        hours: "周一至周五 9:00–17:00",
        mapUrl: "https://map.example.cn/?q=1",
      });
      expect(r.status, r.text).toBe(303);
      const page = await new Visitor(t).get("/reading-rooms");
      expect(page.text).toContain("济南市市中区二七新村南路1号");
      expect(page.text).toContain("周一至周五 9:00–17:00");
      expect(page.text).toContain('href="https://map.example.cn/?q=1"');
    });
  });
});
