import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, seedOrg, tokenFor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A catalogue sheet laid out like real district catalogues: a merged title row naming the area,
 * two header rows with merged group headings, 一级事项 merged down four rows, 二级事项 "办事指南"
 * merged over two rows, ticks (√) in the 公开对象/方式/层级 columns, and three rows that cannot be items.
 */
async function districtSheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet("社会救助");
  s.getCell("A1").value = "舜耕街道办事处社会救助领域基层政务公开标准目录";
  s.mergeCells("A1:N1");
  const h2 = [
    "序号",
    "公开事项",
    "",
    "公开内容（要素）",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道和载体",
    "公开对象",
    "",
    "公开方式",
    "",
    "公开层级",
    "",
  ];
  const h3 = [
    "",
    "一级事项",
    "二级事项",
    "",
    "",
    "",
    "",
    "",
    "全社会",
    "特定群众",
    "主动",
    "依申请",
    "县级",
    "乡级",
  ];
  s.getRow(2).values = h2;
  s.getRow(3).values = h3;
  for (const c of ["A", "D", "E", "F", "G", "H"]) s.mergeCells(`${c}2:${c}3`);
  for (const [a, b] of [
    ["B", "C"],
    ["I", "J"],
    ["K", "L"],
    ["M", "N"],
  ])
    s.mergeCells(`${a}2:${b}2`);
  const rows: (string | number)[][] = [
    [
      1,
      "最低生活保障",
      "政策文件",
      "法律法规、规章、规范性文件",
      "《社会救助暂行办法》",
      "信息形成或者变更之日起20个工作日内",
      "区民政局、街道办事处",
      "■政府网站 ■两微一端 □公开查阅点 ■公示栏",
      "√",
      "",
      "√",
      "",
      "√",
      "√",
    ],
    [
      2,
      "",
      "办事指南",
      "申请条件、所需材料",
      "《社会救助暂行办法》第十条",
      "信息形成或者变更之日起二十个工作日内",
      "街道办事处",
      "政府网站、便民服务站",
      "√",
      "",
      "√",
      "",
      "",
      "√",
    ],
    [
      3,
      "",
      "",
      "办理流程、办理时限",
      "同上",
      "长期公开",
      "街道办事处",
      "政府网站",
      "√",
      "",
      "√",
      "",
      "",
      "√",
    ],
    [
      4,
      "",
      "审核结果",
      "保障对象、保障金额",
      "《最低生活保障审核确认办法》",
      "每月10日前",
      "街道办事处",
      "村（居）务公开栏",
      "",
      "√",
      "√",
      "",
      "",
      "√",
    ],
    [
      5,
      "临时救助",
      "救助结果",
      "救助对象、救助金额",
      "",
      "信息形成之日起20个工作日内",
      "街道办事处",
      "公示栏",
      "",
      "",
      "√",
      "",
      "",
      "√",
    ],
    [6, "特困人员救助供养", "", "供养标准", "", "", "街道办事处", "政府网站", "√", "", "√", "", "", "√"],
    [
      7,
      "特困人员救助供养",
      "申请审批",
      "审批结果",
      "",
      "",
      "街道办事处",
      "政府网站",
      "",
      "√",
      "",
      "√",
      "",
      "",
    ],
  ];
  rows.forEach((r, i) => {
    s.getRow(4 + i).values = r;
  });
  s.mergeCells("B4:B7"); // 一级事项 over four rows
  s.mergeCells("C5:C6"); // 二级事项 spanning two rows
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeDb("standard catalogues (基层标准目录)", () => {
  let t: TTestApp;
  let unitA: number;
  let unitB: number;
  let office: string;
  let editorA: string;
  let headB: string;

  beforeAll(async () => {
    t = await createTestApp();
    const s = await seedOrg(t.db);
    unitA = s.unitA.id;
    unitB = s.unitB.id;
    office = await tokenFor(t, "office");
    editorA = await tokenFor(t, "a.editor");
    headB = await tokenFor(t, "b.head");
  });
  afterAll(() => t.close());

  const upload = (unitId: number, bytes: Buffer, token: string, query = "") =>
    t.app.request(`/api/v1/catalogues/${unitId}/import${query}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": XLSX },
      body: new Uint8Array(bytes),
    });

  describe("areas", () => {
    it("ships the 26 State Council areas, and a unit's +n area shows only with that unit", async () => {
      const r = await api(t, "GET", "/api/v1/catalogue-areas");
      expect(r.status).toBe(200);
      const state = r.data.items.filter((a: { tier: string }) => a.tier === "state");
      expect(state).toHaveLength(26);
      expect(state.map((a: { name: string }) => a.name)).toEqual(
        expect.arrayContaining(["重大建设项目", "社会救助", "养老服务", "保障性住房", "义务教育"]),
      );
    });
  });

  describe("XLSX import of a district-style catalogue", () => {
    it("imports every good row with every cell, and lists the rows it cannot import with the reason", async () => {
      const res = await upload(unitA, await districtSheet(), editorA);
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(body.created).toBe(4);
      expect(body.failed).toEqual([
        { row: 8, reason: "未勾选公开对象。" },
        { row: 9, reason: "二级事项为空或过长。" },
        { row: 10, reason: "未勾选公开层级。" },
      ]);

      const r = await api(t, "GET", `/api/v1/catalogues/${unitA}`);
      expect(r.status).toBe(200);
      expect(r.data.total).toBe(4);
      const strip = ({ id: _i, areaId: _a, unitId: _u, ...rest }: Record<string, unknown>) => rest;
      expect(r.data.items.map(strip)).toEqual([
        {
          area: "社会救助",
          level1: "最低生活保障",
          level2: "政策文件",
          content: "法律法规、规章、规范性文件",
          basis: "《社会救助暂行办法》",
          timeLimit: "信息形成或者变更之日起20个工作日内",
          timeRule: { kind: "workdays_after_event", days: 20 },
          subject: "区民政局、街道办事处",
          channels: ["政府网站", "两微一端", "公示栏"], // □公开查阅点 is not ticked
          audience: "public",
          mode: "proactive",
          levels: ["county", "township"],
        },
        {
          area: "社会救助",
          level1: "最低生活保障", // from the merged cell
          level2: "办事指南",
          content: "申请条件、所需材料",
          basis: "《社会救助暂行办法》第十条",
          timeLimit: "信息形成或者变更之日起二十个工作日内",
          timeRule: { kind: "workdays_after_event", days: 20 },
          subject: "街道办事处",
          channels: ["政府网站", "便民服务站"],
          audience: "public",
          mode: "proactive",
          levels: ["township"],
        },
        {
          area: "社会救助",
          level1: "最低生活保障",
          level2: "办事指南", // 二级事项 spanning two rows
          content: "办理流程、办理时限",
          basis: "同上",
          timeLimit: "长期公开",
          timeRule: null,
          subject: "街道办事处",
          channels: ["政府网站"],
          audience: "public",
          mode: "proactive",
          levels: ["township"],
        },
        {
          area: "社会救助",
          level1: "最低生活保障",
          level2: "审核结果",
          content: "保障对象、保障金额",
          basis: "《最低生活保障审核确认办法》",
          timeLimit: "每月10日前",
          timeRule: null, // a monthly date, not working days after an event: not guessed
          subject: "街道办事处",
          channels: ["公示栏"],
          audience: "specific",
          mode: "proactive",
          levels: ["township"],
        },
      ]);
    });

    it("exports the catalogue in the same layout, which imports back to the same items", async () => {
      const res = await t.app.request(`/catalogues/${unitA}.xlsx`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(XLSX);
      const bytes = Buffer.from(await res.arrayBuffer());
      const back = await upload(unitB, bytes, office);
      expect(await back.json()).toEqual({ created: 4, failed: [] });
      const a = (await api(t, "GET", `/api/v1/catalogues/${unitA}`)).data.items;
      const b = (await api(t, "GET", `/api/v1/catalogues/${unitB}`)).data.items;
      const strip = ({ id: _i, unitId: _u, ...rest }: Record<string, unknown>) => rest;
      expect(b.map(strip)).toEqual(a.map(strip));
    });

    it("refuses what is not a workbook, and another unit's staff", async () => {
      const bad = await upload(unitA, Buffer.from("not a workbook"), editorA);
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.message).toMatch(/XLSX/);
      const other = await upload(unitA, await districtSheet(), headB);
      expect(other.status).toBe(404);
      const anon = await t.app.request(`/api/v1/catalogues/${unitA}/import`, { method: "POST", body: "x" });
      expect(anon.status).toBe(401);
    });
  });

  describe("items through the API", () => {
    it("parses the time rule where it can and answers 201", async () => {
      const r = await api(t, "POST", `/api/v1/catalogues/${unitA}/items`, {
        token: editorA,
        json: {
          area: "养老服务",
          level1: "养老机构",
          level2: "机构名录",
          timeLimit: "信息形成之日起10个工作日内",
          channels: ["政府网站"],
          audience: "public",
          mode: "proactive",
          levels: ["township"],
        },
      });
      expect(r.status, r.text).toBe(201);
      expect(r.data.timeRule).toEqual({ kind: "workdays_after_event", days: 10 });
      expect(r.data.area).toBe("养老服务");
    });

    it("answers bad input with a Chinese message and writes nothing", async () => {
      const before = (await api(t, "GET", `/api/v1/catalogues/${unitA}`)).data.total;
      const noLevels = await api(t, "POST", `/api/v1/catalogues/${unitA}/items`, {
        token: editorA,
        json: {
          area: "养老服务",
          level1: "甲",
          level2: "乙",
          audience: "public",
          mode: "proactive",
          levels: [],
        },
      });
      expect(noLevels.status).toBe(400);
      expect(JSON.stringify(noLevels.data.error.issues)).toContain("请至少选择一个公开层级");
      const noArea = await api(t, "POST", `/api/v1/catalogues/${unitA}/items`, {
        token: editorA,
        json: {
          area: "不存在的领域",
          level1: "甲",
          level2: "乙",
          audience: "public",
          mode: "proactive",
          levels: ["county"],
        },
      });
      expect(noArea.status).toBe(400);
      expect(noArea.data.error.issues[0].message).toContain("没有名为");
      const huge = await api(t, "POST", "/api/v1/catalogues/99999999999/items", { token: office, json: {} });
      expect(huge.status).toBe(404);
      const empty = await api(t, "POST", `/api/v1/catalogues/${unitA}/items`, { token: editorA, json: {} });
      expect(empty.status).toBe(400);
      expect((await api(t, "GET", `/api/v1/catalogues/${unitA}`)).data.total).toBe(before);
    });

    it("the public catalogue of a unit that does not exist is not found", async () => {
      expect((await api(t, "GET", "/api/v1/catalogues/987654")).status).toBe(404);
      expect((await t.app.request("/catalogues/987654")).status).toBe(404);
    });
  });
});
