import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";

// The coverage check (回头看) on a scenario worked out by hand, on the working-day calendar the
// platform ships for 2025 (STATUTES §1): 劳动节 5月1–5日 off, Sunday 4月27日 a make-up working day.
// Period checked: 2025-04-01 to 2025-06-30. Unit A's items:
//
// I1 5 working days, channel 政府网站. D1 written Thu 2025-04-24, published Tue 05-06.
//    Working days after 04-24: 04-25 Fri (1), 04-27 Sun make-up (2), 04-28 (3), 04-29 (4), 04-30 (5)
//    → due 2025-04-30; 05-06 is after it → late. (Without the make-up Sunday the 5th working day
//    would be 05-06, across the holiday, and the document would have been in time.)
// I2 20 working days, channels 政府网站 and 公示栏. D2 written Thu 2025-04-10, published Fri 05-09.
//    04-11 (1); 04-14..04-18 (2–6); 04-21..04-25 (7–11); 04-27 Sun (12); 04-28..04-30 (13–15);
//    05-01..05-05 holiday; 05-06..05-09 (16–19); 05-12 Mon (20) → due 2025-05-12; 05-09 → ok.
// I3 20 working days, channel 公示栏 only. D3 written 05-06, published here 05-08 (in time: due is
//    06-04), but only on the portal (政府网站) → wrong_channel.
// I4 20 working days, channel 公示栏. No document; staff recorded a posting on 公示栏, formed 05-06,
//    posted 05-07 → ok.
// I5 10 working days, channel 政府网站. Only a draft is tagged → missing.
// I6 "每年3月底前" → no rule → not_applicable (its document is listed but not judged).
// I7 20 working days but 依申请公开 → not_applicable.
// I8 20 working days, 政府网站. D8 published 2025-03-20, before the period → missing.
// I9 20 working days, 政府网站 and 公示栏. D9 written 06-03, published 06-30 (due: 06-04 (1), 06-05
//    (2), 06-06 (3), 06-09..06-13 (4–8), 06-16..06-20 (9–13), 06-23..06-27 (14–18), 06-30 (19)
//    → due 07-01 → in time); recorded on 公示栏 too → ok.
// Unit B has one item I10 (20 working days, 政府网站) with nothing → missing; unit A's staff never see it.

describeDb("coverage check (回头看)", () => {
  let t: TTestApp;
  let unitA: number;
  let unitB: number;
  let office: string;
  let editorA: string;
  let headA: string;
  let headB: string;
  const item: Record<string, number> = {};
  const doc: Record<string, number> = {};

  const addItem = async (
    key: string,
    unitId: number,
    timeLimit: string,
    channels: string[],
    mode = "proactive",
  ) => {
    const r = await api(t, "POST", `/api/v1/catalogues/${unitId}/items`, {
      token: office,
      json: {
        area: "社会救助",
        level1: "最低生活保障",
        level2: `事项${key}`,
        timeLimit,
        channels,
        audience: "public",
        mode,
        levels: ["township"],
      },
    });
    expect(r.status, r.text).toBe(201);
    item[key] = r.data.id;
  };
  const addDoc = async (key: string, json: Record<string, unknown>) => {
    const r = await api(t, "POST", "/api/v1/documents", {
      token: office,
      json: { kind: "notice", status: "published", unitId: unitA, title: `文件${key}`, ...json },
    });
    expect(r.status, r.text).toBe(201);
    doc[key] = r.data.id;
  };
  const tag = async (docKey: string, itemKeys: string[], token = editorA) =>
    api(t, "PUT", `/api/v1/documents/${doc[docKey]}/catalogue-items`, {
      token,
      json: { itemIds: itemKeys.map((k) => item[k]) },
    });
  const coverage = (unitId: number, token: string, q = "from=2025-04-01&to=2025-06-30") =>
    api(t, "GET", `/api/v1/catalogues/${unitId}/coverage?${q}`, { token });

  beforeAll(async () => {
    t = await createTestApp();
    const s = await seedOrg(t.db);
    unitA = s.unitA.id;
    unitB = s.unitB.id;
    office = await tokenFor(t, "office");
    editorA = await tokenFor(t, "a.editor");
    headA = await tokenFor(t, "a.head");
    headB = await tokenFor(t, "b.head");

    await addItem("I1", unitA, "信息形成之日起5个工作日内", ["政府网站"]);
    await addItem("I2", unitA, "信息形成或者变更之日起20个工作日内", ["政府网站", "公示栏"]);
    await addItem("I3", unitA, "信息形成或者变更之日起20个工作日内", ["公示栏"]);
    await addItem("I4", unitA, "信息形成或者变更之日起20个工作日内", ["公示栏"]);
    await addItem("I5", unitA, "信息形成之日起10个工作日内", ["政府网站"]);
    await addItem("I6", unitA, "每年3月底前", ["政府网站"]);
    await addItem("I7", unitA, "信息形成之日起20个工作日内", ["政府网站"], "on_request");
    await addItem("I8", unitA, "信息形成之日起20个工作日内", ["政府网站"]);
    await addItem("I9", unitA, "信息形成之日起20个工作日内", ["政府网站", "公示栏"]);
    await addItem("I10", unitB, "信息形成之日起20个工作日内", ["政府网站"]);

    await addDoc("D1", { writtenAt: "2025-04-24", publishedAt: "2025-05-06" });
    await addDoc("D2", { writtenAt: "2025-04-10", publishedAt: "2025-05-09" });
    await addDoc("D3", { writtenAt: "2025-05-06", publishedAt: "2025-05-08" });
    await addDoc("D5", { status: "draft", writtenAt: "2025-05-06" });
    await addDoc("D6", { writtenAt: "2025-03-01", publishedAt: "2025-04-15" });
    await addDoc("D8", { writtenAt: "2025-03-03", publishedAt: "2025-03-20" });
    await addDoc("D9", { writtenAt: "2025-06-03", publishedAt: "2025-06-30" });
    for (const [d, i] of [
      ["D1", "I1"],
      ["D2", "I2"],
      ["D3", "I3"],
      ["D5", "I5"],
      ["D6", "I6"],
      ["D8", "I8"],
      ["D9", "I9"],
    ] as const)
      expect((await tag(d, [i])).status).toBe(200);
  });
  afterAll(() => t.close());

  it("uses the shipped 2025 calendar: 04-27 is a make-up working day, 05-05 a holiday", async () => {
    const r = await api(t, "GET", "/api/v1/calendar/2025");
    expect(r.data.workdays).toContain("2025-04-27");
    expect(r.data.holidays).toContain("2025-05-05");
  });

  it("records postings on other channels: on their own, and for a published document", async () => {
    const v = await import("../../../test/http");
    const visitor = new v.Visitor(t);
    await visitor.login("office");
    const page = await visitor.get("/admin/catalogues/coverage?from=2025-04-01&to=2025-06-30");
    expect(page.status).toBe(200);
    const own = await visitor.post("/admin/catalogues/postings?from=2025-04-01&to=2025-06-30", {
      itemId: String(item.I4),
      channel: "公示栏",
      title: "2025年5月低保对象公示",
      formedOn: "2025-05-06",
      postedOn: "2025-05-07",
    });
    expect(own.status, own.text.slice(0, 500)).toBe(303);
    const forDoc = await visitor.post("/admin/catalogues/postings", {
      itemId: String(item.I9),
      channel: "村务公开栏",
      documentId: String(doc.D9),
      postedOn: "2025-06-30",
    });
    expect(forDoc.status).toBe(303);
    const bad = await visitor.post("/admin/catalogues/postings", {
      itemId: String(item.I4),
      channel: "公示栏",
      title: "x",
      formedOn: "2025-05-08",
      postedOn: "2025-05-07",
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("张贴日期不能早于信息形成日期");
  });

  it("gives every item the state worked out by hand", async () => {
    const r = await coverage(unitA, headA);
    expect(r.status, r.text).toBe(200);
    const byItem = new Map(r.data.items.map((i: { itemId: number }) => [i.itemId, i]));
    // biome-ignore lint/suspicious/noExplicitAny: reading JSON
    const of = (k: string) => byItem.get(item[k]) as any;
    expect(r.data.items).toHaveLength(9); // unit B's item is not in unit A's check
    expect(of("I1").state).toBe("late");
    expect(of("I1").documents).toEqual([
      expect.objectContaining({
        documentId: doc.D1,
        formedOn: "2025-04-24",
        publishedOn: "2025-05-06",
        dueDate: "2025-04-30",
        isLate: true,
        channels: ["政府网站"],
      }),
    ]);
    expect(of("I2").state).toBe("ok");
    expect(of("I2").documents[0]).toMatchObject({ dueDate: "2025-05-12", isLate: false });
    expect(of("I3").state).toBe("wrong_channel");
    expect(of("I3").problems).toEqual(["wrong_channel"]);
    expect(of("I3").documents[0]).toMatchObject({
      dueDate: "2025-06-04",
      isLate: false,
      channels: ["政府网站"],
    });
    expect(of("I4").state).toBe("ok");
    expect(of("I4").documents).toEqual([
      expect.objectContaining({
        documentId: null,
        title: "2025年5月低保对象公示",
        publishedOn: "2025-05-07",
        channels: ["公示栏"],
        isLate: false,
      }),
    ]);
    expect(of("I5").state).toBe("missing");
    expect(of("I5").documents).toEqual([]);
    expect(of("I6").state).toBe("not_applicable");
    expect(of("I6").documents).toHaveLength(1);
    expect(of("I7").state).toBe("not_applicable");
    expect(of("I8").state).toBe("missing");
    expect(of("I9").state).toBe("ok");
    expect(of("I9").documents[0]).toMatchObject({ dueDate: "2025-07-01", channels: ["政府网站", "公示栏"] });
  });

  it("a narrower period leaves out what was published outside it", async () => {
    // Only May: D1 (05-06), D2 (05-09), D3 (05-08) and the posting (05-07) fall in it; D9 (06-30) does not.
    const r = await coverage(unitA, office, "from=2025-05-01&to=2025-05-31");
    // biome-ignore lint/suspicious/noExplicitAny: reading JSON
    const state = (k: string) => r.data.items.find((i: any) => i.itemId === item[k]).state;
    expect([state("I1"), state("I2"), state("I3"), state("I4"), state("I9")]).toEqual([
      "late",
      "ok",
      "wrong_channel",
      "ok",
      "missing",
    ]);
  });

  it("keeps units apart and refuses bad periods", async () => {
    expect((await coverage(unitA, headB)).status).toBe(404);
    expect(
      (await api(t, "GET", `/api/v1/catalogues/${unitA}/coverage?from=2025-04-01&to=2025-06-30`)).status,
    ).toBe(401);
    const b = await coverage(unitB, headB);
    expect(b.data.items.map((i: { state: string }) => i.state)).toEqual(["missing"]);
    const backwards = await coverage(unitA, office, "from=2025-06-30&to=2025-04-01");
    expect(backwards.status).toBe(400);
    expect(backwards.data.error.issues[0].message).toBe("结束日期不能早于开始日期。");
  });

  it("tags only with the document's own unit's items, and only by who may edit the document", async () => {
    const foreign = await tag("D1", ["I10"]);
    expect(foreign.status).toBe(400);
    expect(foreign.data.error.issues[0].message).toContain("不在本单位的标准目录中");
    expect((await tag("D1", ["I1"], headB)).status).toBe(404);
    const missing = await api(t, "PUT", "/api/v1/documents/999999/catalogue-items", {
      token: office,
      json: { itemIds: [] },
    });
    expect(missing.status).toBe(404);
  });

  it("files the problems on the rectification list once, with the unit's follow-up, and exports XLSX", async () => {
    const v = await import("../../../test/http");
    const visitor = new v.Visitor(t);
    await visitor.login("office");
    await visitor.get("/admin/catalogues/coverage?from=2025-04-01&to=2025-06-30");
    const ids = ["I1", "I3", "I5", "I8", "I2"].map((k) => String(item[k]));
    const post = () =>
      visitor.post("/admin/catalogues/rectifications", {
        from: "2025-04-01",
        to: "2025-06-30",
        deadline: "2025-07-31",
        itemIds: ids,
      });
    expect((await post()).status).toBe(303);
    await post(); // a second time adds nothing
    const list = await visitor.get("/admin/catalogues/rectifications");
    // I2 is ok, so four problems: I1 late, I3 wrong channel, I5 and I8 missing.
    expect(list.text.match(/<section class="card rectification">/g)).toHaveLength(4);
    expect(list.text).toContain("逾期公开");
    expect(list.text).toContain("公开渠道不符");

    const id = /action="\/admin\/catalogues\/rectifications\/(\d+)"/.exec(list.text)?.[1];
    const head = new v.Visitor(t);
    await head.login("a.head");
    await head.get("/admin/catalogues/rectifications");
    const done = await head.post(`/admin/catalogues/rectifications/${id}`, {
      followUp: "已补充公开并张贴公示栏",
      isDone: "1",
    });
    expect(done.status).toBe(303);
    const after = await head.get("/admin/catalogues/rectifications");
    expect(after.text).toContain("已补充公开并张贴公示栏");
    // A unit reports; only the office closes an item: it is still open.
    expect(after.text.match(/整改中/g)).toHaveLength(4);
    const other = new v.Visitor(t);
    await other.login("b.head");
    await other.get("/admin/catalogues/rectifications");
    expect((await other.post(`/admin/catalogues/rectifications/${id}`, { followUp: "x" })).status).toBe(404);
    const res = await t.app.request("/admin/catalogues/coverage.xlsx?from=2025-04-01&to=2025-06-30", {
      headers: { cookie: visitor.cookie },
    });
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const rows: unknown[][] = [];
    wb.getWorksheet("按单位汇总")?.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1));
    });
    // Unit A: 7 items checked (I6, I7 not), ok I2 I4 I9 = 3, missing I5 I8 = 2, late 1, wrong channel 1;
    // 3 / 7 = 42.857… → 42.9 %. Unit B: 1 checked, missing.
    expect(rows.slice(2)).toEqual([
      ["区卫生健康局", 7, 3, 2, 1, 1, 2, 42.9],
      ["区财政局", 1, 0, 1, 0, 0, 0, 0],
    ]);
  });
});
