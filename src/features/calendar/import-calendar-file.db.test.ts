import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { auditLog } from "../../platform/db/tables";
import { loadWorkCalendar } from ".";

describeDb("importing a year's calendar from a file", () => {
  let t: TTestApp;
  let admin: Visitor;
  beforeAll(async () => {
    t = await createTestApp();
    await seedOrg(t.db);
    admin = await new Visitor(t).login("admin");
    await admin.get("/admin/calendar");
  });
  afterAll(() => t?.close());

  const upload = async (
    v: Visitor,
    fields: Record<string, string>,
    file?: { name: string; text: string },
  ) => {
    const form = new FormData();
    form.set("_csrf", v.csrf);
    for (const [k, value] of Object.entries(fields)) form.set(k, value);
    if (file) form.set("file", new File([new TextEncoder().encode(file.text)], file.name));
    const res = await t.app.request("/admin/calendar/import", {
      method: "POST",
      headers: { cookie: v.cookie },
      body: form,
    });
    return { status: res.status, text: await res.text(), location: res.headers.get("location") };
  };

  it("replaces a year from the State Council's .ics file, which deadlines then use, audited", async () => {
    // The shipped 2026 schedule is first replaced by a wrong one, so the import visibly restores it.
    await upload(admin, { year: "2026", official: "0" }, { name: "wrong.csv", text: "2026-03-02,holiday\n" });
    expect((await api(t, "GET", "/api/v1/calendar/2026")).data.holidays).toEqual(["2026-03-02"]);

    const ics = readFileSync(new URL("./fixtures/holidays-2026.ics", import.meta.url), "utf8");
    const r = await upload(
      admin,
      { year: "2026", official: "1", source: "国务院办公厅关于2026年部分节假日安排的通知" },
      { name: "holidays-2026.ics", text: ics },
    );
    expect(r.status).toBe(303);
    expect(r.location).toBe("/admin/calendar");
    const year = (await api(t, "GET", "/api/v1/calendar/2026")).data;
    expect(year.workdays).toEqual([
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10",
    ]);
    expect(year.holidays).toHaveLength(19);
    expect(year).toMatchObject({ official: true, source: "国务院办公厅关于2026年部分节假日安排的通知" });
    const calendar = await loadWorkCalendar(t.db);
    expect(calendar.isWorkday("2026-03-02")).toBe(true);
    expect(calendar.isWorkday("2026-02-16")).toBe(false);
    expect(calendar.isWorkday("2026-02-28")).toBe(true);
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.entityId, "2026"));
    expect(entries.filter((e) => e.action === "calendar.update")).toHaveLength(2);
  });

  it("imports a CSV year and names the file as its source when none is given", async () => {
    const r = await upload(
      admin,
      { year: "2027", official: "0" },
      { name: "2027.csv", text: "date,kind\n2027-01-01,holiday\n2027-02-06,workday\n" },
    );
    expect(r.status).toBe(303);
    expect((await api(t, "GET", "/api/v1/calendar/2027")).data).toEqual({
      year: 2027,
      holidays: ["2027-01-01"],
      workdays: ["2027-02-06"],
      official: false,
      source: "导入文件 2027.csv",
    });
  });

  it("shows every problem of a bad file in Chinese and changes nothing", async () => {
    const before = (await api(t, "GET", "/api/v1/calendar/2026")).data;
    const r = await upload(
      admin,
      { year: "2026" },
      {
        name: "bad.csv",
        text: "2026-01-03,holiday\n2026-01-05,workday\n2025-12-31,holiday\n2026-13-01,holiday\n元旦放假\n",
      },
    );
    expect(r.status).toBe(422);
    for (const message of [
      "2026-01-03 是周末，只需登记落在工作日的假日。",
      "2026-01-05 不是周末，调休上班日应为周六或周日。",
      "2025-12-31 不在 2026 年。",
      "第 4 行：2026-13-01 不是有效的日期。",
      "第 5 行无法识别：“元旦放假”",
    ])
      expect(r.text).toContain(message);
    expect(r.text).toMatch(/id="f-file-error"[^>]*>.*文件中有 5 处问题/s);
    expect((await api(t, "GET", "/api/v1/calendar/2026")).data).toEqual(before);
  });

  it("asks for the year and the file beside their fields", async () => {
    const r = await upload(admin, { year: "26" });
    expect(r.status).toBe(422);
    expect(r.text).toMatch(/id="f-year-error"[^>]*>.*请填写 2000—2100 之间的四位年份/s);
    expect(r.text).toMatch(/id="f-file-error"[^>]*>.*请选择要导入的日历文件/s);
  });

  it("is for administrators and the office only, not for a unit", async () => {
    const unitHead = await new Visitor(t).login("a.head");
    await unitHead.get("/admin");
    const r = await upload(unitHead, { year: "2028" }, { name: "x.csv", text: "2028-01-03,holiday\n" });
    expect(r.status).toBe(403);
    expect((await api(t, "GET", "/api/v1/calendar/2028")).data.official).toBe(false);
  });
});
