import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { addDays, loadWorkCalendar, todayInChina } from "../calendar";

const person = { kind: "natural_person", name: "孙八", phone: "13700001111" };

describeDb("the dashboard: each person's waiting work, within their units", () => {
  let t: TTestApp;
  const today = todayInChina();
  const seen = {} as Record<
    "overdueA" | "overdueB" | "soonA" | "unconfirmedA" | "unconfirmedB",
    { id: number; receiptNo: string; dueDate: string | null }
  >;

  beforeAll(async () => {
    t = await createTestApp();
    const { unitA, unitB } = await seedOrg(t.db);
    const office = await tokenFor(t, "office");
    const register = async (unitId: number, receivedAt: string, description: string) =>
      (
        await api(t, "POST", "/api/v1/requests", {
          token: office,
          json: { applicant: person, channel: "mail", receivedAt, description, unitId },
        })
      ).data;
    seen.overdueA = await register(unitA.id, addDays(today, -60), "甲单位逾期的申请内容");
    seen.overdueB = await register(unitB.id, addDays(today, -60), "乙单位逾期的申请内容");
    // A received date whose 20 working days end within the next 5, found with the app's calendar.
    const calendar = await loadWorkCalendar(t.db);
    const soon = calendar.addWorkdays(today, 5).date;
    let received = today;
    while (calendar.addWorkdays(received, 20).date > soon) received = addDays(received, -1);
    seen.soonA = await register(unitA.id, received, "甲单位即将到期的申请内容");
    const submit = async (unitId: number, ip: string) => {
      const r = await api(t, "POST", "/api/v1/public/requests", {
        headers: { "x-forwarded-for": ip },
        json: {
          applicant: { ...person, idType: "resident_id", idNumber: "11010519491231002X" },
          description: "网上提交待确认的申请内容",
          form: "online",
          delivery: "online",
          unitId,
          consent: true,
        },
      });
      return { id: 0, receiptNo: r.data.receiptNo as string, dueDate: null };
    };
    seen.unconfirmedA = await submit(unitA.id, "192.0.2.1");
    seen.unconfirmedB = await submit(unitB.id, "192.0.2.2");
    for (const [unitId, title] of [
      [unitA.id, "甲单位送审的规范性文件"],
      [unitB.id, "乙单位送审的规范性文件"],
    ] as const) {
      const doc = await api(t, "POST", "/api/v1/documents", { token: office, json: { title, unitId } });
      await api(t, "POST", `/api/v1/documents/${doc.data.id}/submit`, { token: office, json: {} });
    }
  });
  afterAll(() => t?.close());

  const dashboardOf = async (username: string) =>
    (await (await new Visitor(t).login(username)).get("/admin")).text;

  it("has the data it needs: one request overdue, one due within 5 working days", () => {
    expect(seen.overdueA.dueDate && seen.overdueA.dueDate < today).toBe(true);
    expect(seen.soonA.dueDate && seen.soonA.dueDate >= today).toBe(true);
  });

  it("shows a unit head their unit's requests and documents, with links, and nothing of another unit", async () => {
    const html = await dashboardOf("a.head");
    expect(html).toContain(`<a href="/admin/requests/${seen.overdueA.id}">${seen.overdueA.receiptNo}</a>`);
    expect(html).toMatch(
      new RegExp(
        `${seen.overdueA.receiptNo}</a>.*?答复期限 ${seen.overdueA.dueDate}，已过期 \\d+ 个工作日`,
        "s",
      ),
    );
    expect(html).toContain(`<a href="/admin/requests/${seen.soonA.id}">${seen.soonA.receiptNo}</a>`);
    expect(html).toMatch(
      new RegExp(`${seen.soonA.receiptNo}</a> 甲单位即将到期的申请内容 答复期限 ${seen.soonA.dueDate}`),
    );
    expect(html).toContain(seen.unconfirmedA.receiptNo);
    expect(html).toContain("待确认受理的申请（1 件）");
    expect(html).toMatch(/<a href="\/admin\/documents\/\d+">甲单位送审的规范性文件<\/a>/);
    for (const other of [seen.overdueB.receiptNo, seen.unconfirmedB.receiptNo, "乙单位送审的规范性文件"])
      expect(html).not.toContain(other);
  });

  it("shows the other unit's head only theirs", async () => {
    const html = await dashboardOf("b.head");
    expect(html).toContain(seen.overdueB.receiptNo);
    expect(html).toContain("乙单位送审的规范性文件");
    for (const other of [
      seen.overdueA.receiptNo,
      seen.soonA.receiptNo,
      seen.unconfirmedA.receiptNo,
      "甲单位送审",
    ])
      expect(html).not.toContain(other);
  });

  it("shows a unit editor no requests and no documents to review, of any unit", async () => {
    const html = await dashboardOf("a.editor");
    for (const item of [seen.overdueA, seen.overdueB, seen.soonA, seen.unconfirmedA])
      expect(html).not.toContain(item.receiptNo);
    expect(html).not.toContain("送审的规范性文件");
    expect(html).not.toContain("待确认受理的申请");
  });

  it("shows the office every unit's work", async () => {
    const html = await dashboardOf("office");
    for (const item of Object.values(seen)) expect(html).toContain(item.receiptNo);
    expect(html).toContain("甲单位送审的规范性文件");
    expect(html).toContain("乙单位送审的规范性文件");
    expect(html).toContain("待确认受理的申请（2 件）");
  });

  it("labels a passed due date on the request list and page, and lists applicant and subject", async () => {
    const v = await new Visitor(t).login("a.head");
    const list = (await v.get("/admin/requests")).text;
    const rowOf = (receiptNo: string) =>
      new RegExp(`<tr><td><a[^>]*>${receiptNo}</a>.*?</tr>`, "s").exec(list)?.[0] ?? "";
    const overdueRow = rowOf(seen.overdueA.receiptNo);
    expect(overdueRow).toContain("孙八");
    expect(overdueRow).toContain("甲单位逾期的申请内容");
    expect(overdueRow).toMatch(new RegExp(`${seen.overdueA.dueDate}（已过期 \\d+ 个工作日）`));
    expect(rowOf(seen.soonA.receiptNo)).not.toContain("已过期");
    expect(list).not.toContain(seen.overdueB.receiptNo);

    const page = (await v.get(`/admin/requests/${seen.overdueA.id}`)).text;
    expect(page).toMatch(
      new RegExp(
        `<dt>答复期限</dt><dd>${seen.overdueA.dueDate}<strong class="alert">（已过期 \\d+ 个工作日）`,
      ),
    );
    expect((await v.get(`/admin/requests/${seen.soonA.id}`)).text).not.toContain("已过期");
  });

  it("lists at most 20 overdue items and says how many more there are", async () => {
    // 25 tasks of 区卫健局 (unit A) long past due, besides the two overdue requests.
    const csv = ["no,section,group,requirement,units,deadline"];
    for (let no = 1; no <= 25; no++)
      csv.push(`${no},一、重点领域,（一）,逾期任务${no},区卫健局,2020年6月底前`);
    const imported = await t.app.request(
      `/api/v1/ledger/plans/import?${new URLSearchParams({ title: "逾期工作要点", issuedAt: "2020-01-06", year: "2020" })}`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${await tokenFor(t, "office")}`, "content-type": "text/csv" },
        body: csv.join("\n"),
      },
    );
    expect(imported.status).toBe(201);
    const html = await dashboardOf("office");
    expect(html).toContain("已逾期（27 项）");
    const overdue = html.slice(html.indexOf('id="dash-overdue"'), html.indexOf('id="dash-soon"'));
    expect(overdue.match(/<li>/g)).toHaveLength(20);
    expect(overdue).toContain("另有 7 项未列出");
  });
});
