import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { registerEvidenceRecords } from ".";

// Task 1 is 区卫生健康局's alone, 2 is 区财政局's and long past due, 3 belongs to every department
// (both units), 4 is led by both.
const CSV = [
  "no,section,group,requirement,units,deadline",
  "1,一、重点领域,（一）,公开卫生健康监督信息,区卫健局,2099年9月底前",
  "2,一、重点领域,（一）,公开预决算,区财政局,2020年6月底前",
  "3,二、平台建设,（二）,维护政府网站栏目,区政府各部门,2099年年底前",
  "4,二、平台建设,（二）,联合发布解读,区卫生健康局、区财政局,2099年年底前",
].join("\n");

describeDb("work-plan ledger: progress reports and the office's review", () => {
  let t: TTestApp;
  let tokens: Record<string, string>;
  let unitA: number;
  let unitB: number;
  let planId: number;
  const taskIds: Record<number, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    ({
      unitA: { id: unitA },
      unitB: { id: unitB },
    } = await seedOrg(t.db));
    tokens = {};
    for (const u of ["office", "a.liaison", "a.head", "a.editor", "b.head"]) tokens[u] = await tokenFor(t, u);
    const res = await t.app.request(
      `/api/v1/ledger/plans/import?${new URLSearchParams({ title: "测试工作要点", issuedAt: "2026-01-05", year: "2026" })}`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${tokens.office}`, "content-type": "text/csv" },
        body: CSV,
      },
    );
    planId = ((await res.json()) as { id: number }).id;
    const list = await api(t, "GET", `/api/v1/ledger/plans/${planId}/tasks`, { token: tokens.office });
    for (const i of list.data.items) taskIds[i.no] = i.id;
  });
  afterAll(() => t?.close());

  const report = (user: string, no: number, json: Record<string, unknown> = {}) =>
    api(t, "POST", `/api/v1/ledger/tasks/${taskIds[no]}/reports`, {
      token: tokens[user],
      json: { body: "已在政府网站发布相关信息。", reportedOn: "2026-03-01", ...json },
    });
  const review = (id: number, json: unknown, user = "office") =>
    api(t, "POST", `/api/v1/ledger/reports/${id}/review`, { token: tokens[user], json });
  const statusOf = async (no: number) =>
    (await api(t, "GET", `/api/v1/ledger/tasks/${taskIds[no]}`, { token: tokens.office })).data.status;
  const reportCount = async () =>
    (await t.database.query<{ n: number }>("select count(*)::int as n from ledger_reports"))[0]?.n;

  it("moves a task from not started to in progress to done as the unit reports and the office accepts", async () => {
    expect(await statusOf(1)).toBe("not_started");
    const r = await report("a.liaison", 1, { isComplete: true, urls: ["https://www.example.gov.cn/wsjk/1"] });
    expect(r.status).toBe(201);
    expect(r.data).toMatchObject({ unitId: unitA, status: "submitted", taskStatus: "in_progress" });
    expect(await statusOf(1)).toBe("in_progress");
    const accepted = await review(r.data.id, { decision: "accept" });
    expect(accepted.status).toBe(200);
    expect(accepted.data.taskStatus).toBe("done");
    const task = (await api(t, "GET", `/api/v1/ledger/tasks/${taskIds[1]}`, { token: tokens["a.head"] }))
      .data;
    expect(task.status).toBe("done");
    expect(task.reports[0]).toMatchObject({
      status: "accepted",
      evidence: [{ kind: "url", url: "https://www.example.gov.cn/wsjk/1" }],
    });
  });

  it("returns a report only with a comment, and never reviews a report twice", async () => {
    const r = await report("a.head", 4, { isComplete: true });
    expect((await review(r.data.id, { decision: "return" })).status).toBe(400);
    const returned = await review(r.data.id, { decision: "return", comment: "请补充解读链接。" });
    expect(returned.data).toMatchObject({ status: "returned", taskStatus: "in_progress" });
    const again = await review(r.data.id, { decision: "accept" });
    expect(again.status).toBe(409);
    expect(again.data.error.message).toMatch(/已审核/);
    const task = (await api(t, "GET", `/api/v1/ledger/tasks/${taskIds[4]}`, { token: tokens["b.head"] }))
      .data;
    expect(task.reports[0]).toMatchObject({ status: "returned", reviewComment: "请补充解读链接。" });
  });

  it("counts a task shared by several lead units done only when each of them has finished", async () => {
    const a = await report("a.liaison", 3, { isComplete: true });
    expect((await review(a.data.id, { decision: "accept" })).data.taskStatus).toBe("in_progress");
    const b = await report("b.head", 3, { isComplete: true });
    expect(b.status).toBe(201);
    expect((await review(b.data.id, { decision: "accept" })).data.taskStatus).toBe("done");
  });

  it("shows an overdue task as overdue until it is done", async () => {
    expect(await statusOf(2)).toBe("overdue");
    const r = await report("b.head", 2, { isComplete: false });
    await review(r.data.id, { decision: "accept" });
    expect(await statusOf(2)).toBe("overdue");
  });

  it("hides a task from a unit that is not responsible for it: 404 to read, to report, nothing written", async () => {
    const before = await reportCount();
    expect(
      (await api(t, "GET", `/api/v1/ledger/tasks/${taskIds[1]}`, { token: tokens["b.head"] })).status,
    ).toBe(404);
    expect((await report("b.head", 1)).status).toBe(404);
    expect((await report("a.editor", 1)).status).toBe(404);
    expect((await report("a.liaison", 2)).status).toBe(404);
    const listed = await api(t, "GET", `/api/v1/ledger/plans/${planId}/tasks`, { token: tokens["b.head"] });
    expect(listed.data.items.map((i: { no: number }) => i.no)).toEqual([2, 3, 4]);
    expect(await reportCount()).toBe(before);
  });

  it("lets only the office review, and only units report", async () => {
    const r = await report("a.liaison", 4);
    expect((await review(r.data.id, { decision: "accept" }, "a.head")).status).toBe(403);
    const byOffice = await report("office", 4);
    expect(byOffice.status).toBe(403);
    expect(byOffice.data.error.message).toMatch(/责任单位/);
    expect((await review(999999, { decision: "accept" })).status).toBe(404);
  });

  it("cites a record of this site by its link, and refuses a link to none", async () => {
    // A unit's public page stands in for the records other features register (consultations, …).
    registerEvidenceRecords("units-for-test", {
      label: "机构",
      path: /^\/units\/(\d+)$/,
      titleOf: async (_db, id) =>
        (await t.database.query<{ name: string }>("select name from units where id = $1", [id]))[0]?.name ??
        null,
    });
    const [unit] = await t.database.query<{ name: string }>("select name from units where id = $1", [unitA]);
    const cited = await report("a.liaison", 1, { urls: [`/units/${unitA}`, "https://www.example.gov.cn/z"] });
    expect(cited.status, cited.text).toBe(201);
    const task = (await api(t, "GET", `/api/v1/ledger/tasks/${taskIds[1]}`, { token: tokens.office })).data;
    const evidence = task.reports.find((r: { id: number }) => r.id === cited.data.id).evidence;
    expect(evidence).toEqual([
      { kind: "record", url: `/units/${unitA}`, name: `机构：${unit?.name}` },
      { kind: "url", url: "https://www.example.gov.cn/z", name: "https://www.example.gov.cn/z" },
    ]);
    const before = await reportCount();
    const missing = await report("a.liaison", 1, {
      urls: ["https://www.example.gov.cn/ok", "/units/999999"],
    });
    expect(missing.status).toBe(400);
    expect(missing.data.error.issues[0]).toMatchObject({
      path: "urls.1",
      message: "本平台没有这条记录：/units/999999",
    });
    const unknown = await report("a.liaison", 1, { urls: ["/admin/users/1"] });
    expect(unknown.status).toBe(400);
    expect(unknown.data.error.issues[0].message).toMatch(/不是可作为佐证的本平台记录（.*机构.*）/);
    expect(await reportCount()).toBe(before);
  });

  it("refuses bad reports with a Chinese 4xx, writing nothing", async () => {
    const before = await reportCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ body: "" }, "body"],
      [{ reportedOn: "2026-02-30" }, "reportedOn"],
      [{ reportedOn: "2099-01-01" }, "reportedOn"],
      [{ urls: ["javascript:alert(1)"] }, "urls.0"],
      [{ documentIds: [424242] }, "documentIds"],
      [{ unitId: unitB }, "unitId"],
    ];
    for (const [json, path] of cases) {
      const r = await report("a.liaison", 1, json);
      expect(r.status, JSON.stringify(json)).toBe(400);
      expect(r.data.error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.data.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect(await reportCount()).toBe(before);
  });

  it("imports the same task breakdown from an XLSX workbook", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("任务分解");
    sheet.addRow(["no", "section", "group", "requirement", "units", "deadline"]);
    sheet.addRow([1, "一、重点领域", "（一）", "公开卫生健康监督信息", "区卫健局", "2026年9月底前"]);
    sheet.addRow([2, "一、重点领域", "（一）", "公开预决算", "区财政局牵头，各相关部门配合", "全年"]);
    const body = new Uint8Array(await wb.xlsx.writeBuffer());
    const res = await t.app.request(
      `/api/v1/ledger/plans/import?${new URLSearchParams({ title: "表格导入", issuedAt: "2026-01-05", year: "2026" })}`,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${tokens.office}`,
          "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        },
        body,
      },
    );
    const data = (await res.json()) as { id: number; taskCount: number; unresolvedUnits: unknown[] };
    expect(res.status).toBe(201);
    expect(data).toMatchObject({ taskCount: 2, unresolvedUnits: [] });
    const tasks = (await api(t, "GET", `/api/v1/ledger/plans/${data.id}/tasks`, { token: tokens.office }))
      .data;
    expect(tasks.items[0]).toMatchObject({ no: 1, dueDate: "2026-09-30", units: [{ unitId: unitA }] });
    expect(tasks.items[1].units.map((u: { role: string }) => u.role)).toEqual(["lead", "support"]);
    const broken = await t.app.request(
      "/api/v1/ledger/plans/import?title=坏文件&issuedAt=2026-01-05&year=2026",
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${tokens.office}`,
          "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        },
        body: "not a workbook",
      },
    );
    expect(broken.status).toBe(400);
  });

  it("cites published documents as evidence, never drafts", async () => {
    const doc = async (status: string) =>
      (
        await api(t, "POST", "/api/v1/documents", {
          token: tokens.office,
          json: {
            title: `卫生健康监督信息公开（${status}）`,
            unitId: unitA,
            kind: "notice",
            status,
            publishedAt: "2026-03-01",
          },
        })
      ).data.id as number;
    const published = await doc("published");
    const draft = await doc("draft");
    expect((await report("a.liaison", 3, { documentIds: [draft] })).status).toBe(400);
    const r = await report("a.liaison", 3, { documentIds: [published] });
    expect(r.status).toBe(201);
    const task = (await api(t, "GET", `/api/v1/ledger/tasks/${taskIds[3]}`, { token: tokens.office })).data;
    expect(task.reports.at(-1).evidence).toEqual([
      { kind: "document", name: "卫生健康监督信息公开（published）", documentId: published },
    ]);
  });

  it("describes the ledger endpoints in the OpenAPI document", async () => {
    const doc = (await api(t, "GET", "/api/v1/openapi.json")).data;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/ledger/tasks/{id}/reports",
        "/ledger/reports/{id}/review",
        "/ledger/tasks/{id}/year-end",
        "/ledger/plans/{id}/assessment",
      ]),
    );
    expect(Object.keys(doc.paths["/ledger/plans/import"].post.requestBody.content).sort()).toEqual([
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "text/csv",
    ]);
  });

  it("takes attachments as multipart/form-data, and refuses other bodies", async () => {
    const form = new FormData();
    form.set("body", "附检查结果汇总表。");
    form.set("reportedOn", "2026-03-05");
    form.set("urls", "https://www.example.gov.cn/x\nhttps://www.example.gov.cn/y");
    form.set("files", new File([new TextEncoder().encode("%PDF-1.4\n%%EOF\n")], "汇总表.pdf"));
    const url = `/api/v1/ledger/tasks/${taskIds[1]}/reports`;
    const auth = { authorization: `Bearer ${tokens["a.liaison"]}` };
    const res = await t.app.request(url, { method: "POST", headers: auth, body: form });
    expect(res.status).toBe(201);
    const task = (await api(t, "GET", `/api/v1/ledger/tasks/${taskIds[1]}`, { token: tokens.office })).data;
    expect(task.reports.at(-1).evidence.map((e: { kind: string; name: string }) => [e.kind, e.name])).toEqual(
      [
        ["url", "https://www.example.gov.cn/x"],
        ["url", "https://www.example.gov.cn/y"],
        ["file", "汇总表.pdf"],
      ],
    );
    const before = await reportCount();
    const text = await t.app.request(url, {
      method: "POST",
      headers: { ...auth, "content-type": "text/plain" },
      body: "进展",
    });
    expect(text.status).toBe(415);
    const exe = new FormData();
    exe.set("body", "附件");
    exe.set("reportedOn", "2026-03-05");
    exe.set("files", new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])], "a.exe"));
    const refused = await t.app.request(url, { method: "POST", headers: auth, body: exe });
    expect(refused.status).toBe(400);
    expect((await api(t, "POST", url, { token: tokens["a.liaison"], json: {} })).status).toBe(400);
    expect(await reportCount()).toBe(before);
  });
});
