import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, tokenFor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { xlsxBomb } from "../../../test/xlsx-bomb";
import { DEMO_UNITS, SYSTEM_ACTOR } from "../../demo";
import { createUnit, createUser } from "../org";
import { XLSX_MIME } from "./read-plan-xlsx";

const CSV = readFileSync(new URL("../../../demo/2022-work-plan-tasks.csv", import.meta.url), "utf8");
const PLAN = "title=2022年政务公开工作要点&issuedAt=2022-06-15&year=2022";

describeDb("work-plan ledger: importing the plan", () => {
  let t: TTestApp;
  let office: string;
  beforeAll(async () => {
    t = await createTestApp();
    for (const u of DEMO_UNITS)
      await createUnit(t.db, SYSTEM_ACTOR, {
        aliases: [],
        address: "",
        phone: "",
        duties: "",
        sortOrder: 0,
        ...u,
      });
    await createUser(
      t.db,
      SYSTEM_ACTOR,
      {
        username: "office",
        displayName: "公开办",
        password: "test-password-1",
        roles: [{ role: "office", unitId: null }],
      },
      { mustChangePassword: false },
    );
    await createUser(
      t.db,
      SYSTEM_ACTOR,
      {
        username: "clerk",
        displayName: "编辑",
        password: "test-password-1",
        roles: [{ role: "unit_editor", unitId: 3 }],
      },
      { mustChangePassword: false },
    );
    office = await tokenFor(t, "office");
  });
  afterAll(() => t?.close());

  const importCsv = async (body: string, token = office, query = PLAN) => {
    const res = await t.app.request(`/api/v1/ledger/plans/import?${encodeURI(query)}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
      body,
    });
    return { status: res.status, data: await res.json() };
  };

  it("imports all 64 seed tasks with a parsed due date and resolved units", async () => {
    const r = await importCsv(CSV);
    expect(r.status).toBe(201);
    expect(r.data).toMatchObject({ taskCount: 64, unresolvedUnits: [], unreadableDeadlines: [] });
    const tasks = (await api(t, "GET", `/api/v1/ledger/plans/${r.data.id}/tasks`, { token: office })).data;
    expect(tasks.total).toBe(64);
    expect(tasks.items.every((i: { dueDate: string | null }) => i.dueDate)).toBe(true);
    for (const item of tasks.items)
      for (const u of item.units)
        expect(u.unitId !== null || u.collective !== undefined, `${item.no} ${u.name}`).toBe(true);
    const byNo = (no: number) => tasks.items.find((i: { no: number }) => i.no === no);
    expect(byNo(1).units).toEqual([
      { name: "区政府各部门", role: "lead", unitId: null, collective: "departments" },
      { name: "各街道办事处", role: "lead", unitId: null, collective: "subdistricts" },
    ]);
    expect(byNo(3)).toMatchObject({
      dueDate: "2022-12-31",
      ongoing: true,
      units: [{ name: "区财政局", role: "lead", unitId: expect.any(Number) }],
    });
    const withinThirtyDays = tasks.items.find(
      (i: { deadlineText: string }) => i.deadlineText === "本文件印发后30日内",
    );
    expect(withinThirtyDays.dueDate).toBe("2022-07-15");
    const led = tasks.items.find((i: { units: { name: string }[] }) =>
      i.units.some((u) => u.name.startsWith("区大数据局")),
    );
    // "区司法局、区行政审批局、区大数据局牵头，各相关部门配合": three lead units, the rest in support.
    expect(
      led.units.map((u: { name: string; role: string; collective?: string }) => [
        u.name,
        u.role,
        u.collective ?? null,
      ]),
    ).toEqual([
      ["区司法局", "lead", null],
      ["区行政审批局", "lead", null],
      ["区大数据局", "lead", null],
      ["各相关部门", "support", "relevant_departments"],
    ]);
    const etc = tasks.items.find((i: { units: { name: string }[] }) =>
      i.units.some((u) => u.name === "生态环境市中分局"),
    );
    expect(etc.units.at(-1)).toEqual({
      name: "相关部门",
      role: "support",
      unitId: null,
      collective: "relevant_departments",
    });
  });

  it("lists names it cannot resolve and deadlines it cannot read, never dropping or guessing", async () => {
    const csv =
      "no,section,group,requirement,units,deadline\n1,一、测试,（一）,做某事,区火星局、区财政局,择机\n";
    const r = await importCsv(csv);
    expect(r.status).toBe(201);
    expect(r.data.unresolvedUnits).toEqual([{ no: 1, name: "区火星局" }]);
    expect(r.data.unreadableDeadlines).toEqual([{ no: 1, text: "择机", reason: expect.any(String) }]);
    const tasks = (await api(t, "GET", `/api/v1/ledger/plans/${r.data.id}/tasks`, { token: office })).data;
    expect(tasks.items[0]).toMatchObject({ dueDate: null, deadlineProblem: expect.any(String) });
    expect(tasks.items[0].units.map((u: { name: string }) => u.name)).toEqual(["区火星局", "区财政局"]);
  });

  it("refuses a malformed file or missing plan data with a Chinese 4xx, importing nothing", async () => {
    const before = await t.database.query<{ n: number }>("select count(*)::int as n from ledger_plans");
    expect((await importCsv("no,section\n1,x\n")).status).toBe(400);
    expect(
      (await importCsv("no,section,group,requirement,units,deadline\nx,,,,,\n")).data.error.issues.length,
    ).toBeGreaterThan(2);
    expect((await importCsv(CSV, office, "title=x&issuedAt=2022-13-01&year=2022")).status).toBe(400);
    expect((await importCsv(CSV, await tokenFor(t, "clerk"))).status).toBe(403);
    expect(await t.database.query("select count(*)::int as n from ledger_plans")).toEqual(before);
  });

  it("refuses an XLSX that unpacks far beyond a task breakdown with 413, importing nothing", async () => {
    const before = await t.database.query<{ n: number }>("select count(*)::int as n from ledger_plans");
    const bomb = await xlsxBomb(30 * 1024 * 1024);
    const started = performance.now();
    const res = await t.app.request(`/api/v1/ledger/plans/import?${encodeURI(PLAN)}`, {
      method: "POST",
      headers: { authorization: `Bearer ${office}`, "content-type": XLSX_MIME },
      body: bomb,
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toContain("解压后超过 20 MB");
    expect(await t.database.query("select count(*)::int as n from ledger_plans")).toEqual(before);
  });
});
