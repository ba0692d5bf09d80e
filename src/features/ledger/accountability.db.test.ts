import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";

// Unit A is 区卫生健康局, unit B 区财政局. Task 1 has two lead units (both named, no 牵头 stated).
const CSV = [
  "no,section,group,requirement,units,deadline",
  "1,一、民生实事,（一）,新建社区食堂10处,区卫生健康局、区财政局,2099年年底前",
  "2,一、民生实事,（一）,改造老旧小区20个,区财政局,2099年年底前",
  "3,二、平台建设,（二）,维护政府网站栏目,区卫生健康局,2099年年底前",
].join("\n");

describeDb("public accountability of the plan (重点工作进展)", () => {
  let t: TTestApp;
  let planId: number;
  const tasks: Record<number, number> = {};
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    await seedOrg(t.db);
    for (const u of ["office", "a.head", "b.head"]) tokens[u] = await tokenFor(t, u);
    const res = await t.app.request(
      `/api/v1/ledger/plans/import?${new URLSearchParams({ title: "2026年民生实事", issuedAt: "2026-01-05", year: "2026" })}`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${tokens.office}`, "content-type": "text/csv" },
        body: CSV,
      },
    );
    planId = ((await res.json()) as { id: number }).id;
    const list = await api(t, "GET", `/api/v1/ledger/plans/${planId}/tasks`, { token: tokens.office });
    for (const i of list.data.items) tasks[i.no] = i.id;
  });
  afterAll(() => t?.close());

  const report = async (user: string, no: number, body: string, isComplete: boolean) => {
    const r = await api(t, "POST", `/api/v1/ledger/tasks/${tasks[no]}/reports`, {
      token: tokens[user],
      json: { body, reportedOn: "2026-06-01", isComplete, urls: ["https://example.gov.cn/shitang"] },
    });
    expect(r.status, r.text).toBe(201);
    return r.data.id as number;
  };
  const review = (id: number, decision: "accept" | "return", comment?: string) =>
    api(t, "POST", `/api/v1/ledger/reports/${id}/review`, {
      token: tokens.office,
      json: { decision, comment },
    });
  const setPublic = (json: unknown, token = tokens.office) =>
    api(t, "POST", `/api/v1/ledger/plans/${planId}/public`, { token, json });

  it("shows nothing of a plan the office has not made public", async () => {
    expect((await api(t, "GET", `/api/v1/accountability/plans/${planId}`)).status).toBe(404);
    expect((await new Visitor(t).get(`/accountability/${planId}`)).status).toBe(404);
  });

  it("lets only the office make a section public; a section the plan lacks is 422", async () => {
    expect((await setPublic({ section: "一、民生实事", isPublic: true }, tokens["a.head"])).status).toBe(403);
    expect((await setPublic({ section: "三、不存在", isPublic: true })).status).toBe(422);
    const r = await setPublic({ section: "一、民生实事", isPublic: true });
    expect(r.status, r.text).toBe(200);
    expect(r.data.isChanged).toBe(true);
  });

  it("shows each task of the public section with accepted progress only, and its percent done", async () => {
    const accepted = await report("a.head", 1, "已建成社区食堂6处", true);
    expect((await review(accepted, "accept")).status).toBe(200);
    await report("b.head", 1, "资金尚在拨付途中", false); // submitted, not yet accepted
    const returned = await report("b.head", 2, "方案草稿待定", false);
    expect((await review(returned, "return", "请补充批复文件。")).status).toBe(200);

    const r = await api(t, "GET", `/api/v1/accountability/plans/${planId}`);
    expect(r.status).toBe(200);
    expect(r.data.tasks.map((x: { no: number }) => x.no)).toEqual([1, 2]);
    const [one, two] = r.data.tasks;
    // Task 1: two lead units, one (区卫生健康局) has an accepted completion report → 1 / 2 = 50 %.
    expect(one).toMatchObject({ status: "in_progress", percentDone: 50 });
    expect(one.units).toEqual([
      { name: "区卫生健康局", role: "lead" },
      { name: "区财政局", role: "lead" },
    ]);
    expect(one.latest).toMatchObject({ unit: "区卫生健康局", body: "已建成社区食堂6处", isComplete: true });
    expect(one.latest.evidence).toEqual([
      { kind: "url", title: "https://example.gov.cn/shitang", href: "https://example.gov.cn/shitang" },
    ]);
    expect(one.history).toHaveLength(1);
    // Task 2: its only report was returned, so nothing counts: not started, 0 %.
    expect(two).toMatchObject({ status: "not_started", percentDone: 0, latest: null, history: [] });

    const page = await new Visitor(t).get(`/accountability/${planId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("已建成社区食堂6处");
    for (const hidden of ["资金尚在拨付途中", "方案草稿待定", "请补充批复文件", "维护政府网站栏目"]) {
      expect(page.text).not.toContain(hidden);
      expect(r.text).not.toContain(hidden);
    }
    expect((await new Visitor(t).get("/accountability")).text).toContain("2026年民生实事");
  });

  it("reaches 100 % once every lead unit's completion report is accepted", async () => {
    const id = await report("b.head", 1, "剩余4处全部建成", true);
    await review(id, "accept");
    const one = (await api(t, "GET", `/api/v1/accountability/plans/${planId}`)).data.tasks[0];
    expect(one).toMatchObject({ status: "done", percentDone: 100 });
    expect(one.latest.body).toBe("剩余4处全部建成");
    expect(one.history).toHaveLength(2);
  });

  it("stops showing the plan when the office withdraws the section", async () => {
    expect((await setPublic({ section: "一、民生实事", isPublic: false })).data.isChanged).toBe(true);
    expect((await api(t, "GET", `/api/v1/accountability/plans/${planId}`)).status).toBe(404);
  });
});
