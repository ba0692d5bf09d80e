import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { xlsxBomb } from "../../../test/xlsx-bomb";

const CSV = [
  "no,section,group,requirement,units,deadline",
  "1,一、重点领域,（一）,公开卫生健康监督信息,区卫健局,2099年9月底前",
  "2,一、重点领域,（一）,公开预决算,区财政局,2020年6月底前",
  "3,二、平台建设,（二）,维护政府网站栏目,区政府各部门,2099年年底前",
].join("\n");

/** The cells of the board-by-unit row of this unit, as text. */
const unitRow = (html: string, unit: string) => {
  const row = new RegExp(`<tr data-unit="${unit}">(.*?)</tr>`, "s").exec(html)?.[1] ?? "";
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1]?.replace(/<[^>]+>/g, "").trim());
};

describeDb("work-plan ledger pages: report, review, boards", () => {
  let t: TTestApp;
  let planId: number;
  const taskIds: Record<number, number> = {};
  beforeAll(async () => {
    t = await createTestApp();
    await seedOrg(t.db);
    const office = await tokenFor(t, "office");
    const res = await t.app.request(
      `/api/v1/ledger/plans/import?${new URLSearchParams({ title: "页面测试要点", issuedAt: "2026-01-05", year: "2026" })}`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${office}`, "content-type": "text/csv" },
        body: CSV,
      },
    );
    planId = ((await res.json()) as { id: number }).id;
    for (const i of (await api(t, "GET", `/api/v1/ledger/plans/${planId}/tasks`, { token: office })).data
      .items)
      taskIds[i.no] = i.id;
  });
  afterAll(() => t?.close());

  it("takes a unit's report through the form, the office's acceptance, and shows it on the board", async () => {
    const office = await new Visitor(t).login("office");
    const before = await office.get(`/admin/ledger/plans/${planId}`);
    expect(unitRow(before.text, "区卫生健康局")).toEqual(["区卫生健康局", "2", "0", "0", "0"]);
    expect(unitRow(before.text, "区财政局")).toEqual(["区财政局", "2", "0", "1", "0"]);

    const liaison = await new Visitor(t).login("a.liaison");
    const page = await liaison.get(`/admin/ledger/tasks/${taskIds[1]}`);
    expect(page.text).toContain("报告进展");
    const posted = await liaison.post(`/admin/ledger/tasks/${taskIds[1]}/reports`, {
      body: "已公开 2026 年第一季度监督检查结果。",
      reportedOn: "2026-04-02",
      isComplete: "1",
      urls: "https://www.example.gov.cn/a\nhttps://www.example.gov.cn/b",
    });
    expect(posted.status).toBe(303);
    const waiting = await office.get(`/admin/ledger/plans/${planId}`);
    expect(unitRow(waiting.text, "区卫生健康局")).toEqual(["区卫生健康局", "2", "0", "0", "1"]);
    const queue = await office.get("/admin/ledger/review");
    expect(queue.text).toContain("公开卫生健康监督信息");

    const reportId = Number(
      /action="\/admin\/ledger\/reports\/(\d+)\/review"/.exec(
        (await office.get(`/admin/ledger/tasks/${taskIds[1]}`)).text,
      )?.[1],
    );
    expect(
      (await office.post(`/admin/ledger/reports/${reportId}/review`, { decision: "accept" })).status,
    ).toBe(303);
    const after = await office.get(`/admin/ledger/plans/${planId}`);
    expect(unitRow(after.text, "区卫生健康局")).toEqual(["区卫生健康局", "2", "1", "0", "0"]);
    const task = await liaison.get(`/admin/ledger/tasks/${taskIds[1]}`);
    expect(task.text).toContain("已通过");
    expect(task.text).toContain("https://www.example.gov.cn/b");
  });

  it("shows mistakes beside their fields and writes nothing", async () => {
    const liaison = await new Visitor(t).login("a.liaison");
    await liaison.get(`/admin/ledger/tasks/${taskIds[3]}`);
    const r = await liaison.post(`/admin/ledger/tasks/${taskIds[3]}/reports`, {
      body: "",
      reportedOn: "2026-04-02",
      urls: "ftp://example.com/x",
    });
    expect(r.status).toBe(422);
    expect(r.text).toMatch(/id="f-body-error"/);
    expect(r.text).toMatch(/id="f-urls-error"[^>]*>.*http/s);
    const office = await new Visitor(t).login("office");
    const page = await office.get(`/admin/ledger/tasks/${taskIds[3]}`);
    expect(page.text).toContain("尚无进展报告");
  });

  it("asks for a comment before returning a report", async () => {
    const liaison = await new Visitor(t).login("a.liaison");
    await liaison.get(`/admin/ledger/tasks/${taskIds[3]}`);
    await liaison.post(`/admin/ledger/tasks/${taskIds[3]}/reports`, {
      body: "栏目已更新。",
      reportedOn: "2026-04-02",
    });
    const office = await new Visitor(t).login("office");
    const page = await office.get(`/admin/ledger/tasks/${taskIds[3]}`);
    const reportId = /action="\/admin\/ledger\/reports\/(\d+)\/review"/.exec(page.text)?.[1];
    const r = await office.post(`/admin/ledger/reports/${reportId}/review`, {
      decision: "return",
      comment: "",
    });
    expect(r.status).toBe(422);
    expect(r.text).toContain("退回时请写明意见");
    const ok = await office.post(`/admin/ledger/reports/${reportId}/review`, {
      decision: "return",
      comment: "请附链接",
    });
    expect(ok.status).toBe(303);
    expect((await liaison.get(`/admin/ledger/tasks/${taskIds[3]}`)).text).toContain("请附链接");
  });

  it("keeps other units' tasks and the office's pages from a unit user", async () => {
    const other = await new Visitor(t).login("b.head");
    expect((await other.get(`/admin/ledger/tasks/${taskIds[1]}`)).status).toBe(404);
    expect(
      (
        await other.post(`/admin/ledger/tasks/${taskIds[1]}/reports`, {
          body: "越权",
          reportedOn: "2026-04-02",
        })
      ).status,
    ).toBe(404);
    const board = await other.get(`/admin/ledger/plans/${planId}`);
    expect(board.status).toBe(200);
    expect(board.text).not.toContain('data-unit="区卫生健康局"');
    expect(board.text).not.toContain("公开卫生健康监督信息");
    expect((await other.get("/admin/ledger/review")).status).toBe(403);
    const editor = await new Visitor(t).login("a.editor");
    expect((await editor.get("/admin/ledger")).status).toBe(403);
  });

  it("lists overdue tasks with the unit's liaison on the board", async () => {
    const office = await new Visitor(t).login("office");
    const board = await office.get(`/admin/ledger/plans/${planId}`);
    const reminders = board.text.slice(board.text.indexOf("逾期提醒"), board.text.indexOf("任务清单"));
    expect(reminders).toContain("区财政局：1 项逾期");
    // Task 2 (due 2020-06-30) of 区财政局 is the one card, linked to its page and marked overdue.
    const cards = [
      ...reminders.matchAll(/<li class="task-card is-overdue" data-task-no="(\d+)">(.*?)<\/li>/gs),
    ];
    expect(cards.map((m) => m[1])).toEqual(["2"]);
    const card = cards[0]?.[2] ?? "";
    expect(card).toContain(`<a class="task-card-title" href="/admin/ledger/tasks/${taskIds[2]}">`);
    expect(card).toContain("公开预决算");
    expect(card).toContain("<dd>区财政局</dd>");
    expect(card).toContain("2020-06-30");
    expect(card).toMatch(/已逾期 \d{4,} 天/);
    // The unit board's overdue count leads to the unit's reminder.
    const unitId = /id="overdue-(\d+)"/.exec(reminders)?.[1];
    expect(board.text).toContain(`<a href="#overdue-${unitId}">1</a>`);
  });

  it("shows the task list as cards linked to each task", async () => {
    const office = await new Visitor(t).login("office");
    const board = await office.get(`/admin/ledger/plans/${planId}`);
    const list = board.text.slice(board.text.indexOf("任务清单"));
    for (const no of [1, 2, 3]) {
      const card = new RegExp(`<li class="task-card[^"]*" data-task-no="${no}">(.*?)</li>`, "s").exec(
        list,
      )?.[1];
      expect(card, `task ${no}`).toContain(`href="/admin/ledger/tasks/${taskIds[no]}"`);
    }
    // Only the task whose date has passed says how late it is.
    expect(list.match(/已逾期 \d+ 天/g)?.length).toBe(1);
  });

  it("stores an attachment with the report and serves it only to those who may see the task", async () => {
    const liaison = await new Visitor(t).login("a.liaison");
    await liaison.get(`/admin/ledger/tasks/${taskIds[1]}`);
    const form = new FormData();
    form.set("_csrf", liaison.csrf);
    form.set("body", "附上栏目截图。");
    form.set("reportedOn", "2026-04-03");
    const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
    form.set("files", new File([pdf], "栏目截图.pdf", { type: "application/pdf" }));
    const res = await t.app.request(`/admin/ledger/tasks/${taskIds[1]}/reports`, {
      method: "POST",
      headers: { cookie: liaison.cookie },
      body: form,
    });
    expect(res.status).toBe(303);
    const page = await liaison.get(`/admin/ledger/tasks/${taskIds[1]}`);
    const href = /href="(\/admin\/ledger\/evidence\/\d+)">栏目截图.pdf/.exec(page.text)?.[1] ?? "";
    expect(href).not.toBe("");
    const file = await liaison.get(href);
    expect(file.status).toBe(200);
    expect(file.res.headers.get("content-type")).toBe("application/pdf");
    const stranger = await new Visitor(t).login("b.head");
    expect((await stranger.get(href)).status).toBe(404);
    const editor = await new Visitor(t).login("a.editor");
    expect((await editor.get(href)).status).toBe(404);
  });

  it("refuses a task breakdown workbook that unpacks far too large, beside the file field, importing nothing", async () => {
    const office = await new Visitor(t).login("office");
    await office.get("/admin/ledger");
    const before = await t.database.query("select count(*)::int as n from ledger_plans");
    const form = new FormData();
    form.set("_csrf", office.csrf);
    form.set("title", "2027年政务公开工作要点");
    form.set("issuedAt", "2027-03-01");
    form.set("year", "2027");
    form.set("file", new File([await xlsxBomb(30 * 1024 * 1024)], "任务分解表.xlsx"));
    const res = await t.app.request("/admin/ledger/import", {
      method: "POST",
      headers: { cookie: office.cookie },
      body: form,
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/id="f-file-error"[^>]*>.*?解压后超过 20 MB/s);
    expect(await t.database.query("select count(*)::int as n from ledger_plans")).toEqual(before);
  });
});
