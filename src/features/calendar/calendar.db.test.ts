import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { auditLog } from "../../platform/db/tables";
import { loadWorkCalendar, todayInChina } from ".";
import { PROVISIONAL_LABEL, provisionalHolidays } from "./statutory-holidays";

describeDb("working-day calendar", () => {
  let t: TTestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    await seedOrg(t.db);
    admin = await tokenFor(t, "admin");
  });
  afterAll(() => t?.close());

  it("ships every year from 2020 to 2026 as official schedules", async () => {
    for (let year = 2020; year <= 2026; year++) {
      const r = await api(t, "GET", `/api/v1/calendar/${year}`);
      expect(r.status).toBe(200);
      expect(r.data.official).toBe(true);
      expect(r.data.holidays.length).toBeGreaterThan(10);
      expect(r.data.holidays.every((d: string) => d.startsWith(String(year)))).toBe(true);
    }
  });

  it("has, in every shipped year, each statutory holiday that falls on a weekday", async () => {
    // Checks the shipped data and the generator of provisional years against each other.
    for (let year = 2020; year <= 2026; year++) {
      const shipped = (await api(t, "GET", `/api/v1/calendar/${year}`)).data.holidays;
      expect({ year, missing: provisionalHolidays(year).filter((d) => !shipped.includes(d)) }).toEqual({
        year,
        missing: [],
      });
    }
  });

  it("holds the 2025 and 2026 schedules exactly as the State Council announced them", async () => {
    const y2025 = (await api(t, "GET", "/api/v1/calendar/2025")).data;
    expect(y2025.workdays).toEqual(["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]);
    expect(y2025.holidays).toContain("2025-06-02");
    expect(y2025.holidays).not.toContain("2025-10-04"); // a Saturday: weekends need no entry
    const y2026 = (await api(t, "GET", "/api/v1/calendar/2026")).data;
    expect(y2026.workdays).toEqual([
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10",
    ]);
    const calendar = await loadWorkCalendar(t.db);
    expect(calendar.addWorkdays("2025-09-01", 20)).toEqual({ date: "2025-09-28", isProvisional: false });
  });

  it("answers a year without a schedule as not official, with the presumed statutory holidays", async () => {
    const r = await api(t, "GET", "/api/v1/calendar/2029");
    expect(r.data).toEqual({
      year: 2029,
      holidays: provisionalHolidays(2029),
      workdays: [],
      official: false,
      source: PROVISIONAL_LABEL,
    });
    // 2029: 元旦 Mon Jan 1; 除夕 Mon Feb 12, 正月初一 Tue Feb 13.
    expect(r.data.holidays).toEqual(expect.arrayContaining(["2029-01-01", "2029-02-12", "2029-02-15"]));
    expect((await api(t, "GET", "/api/v1/calendar/1800")).status).toBe(400);
  });

  it("lets an administrator load a new year, which deadlines then use, audited", async () => {
    const body = {
      holidays: ["2027-01-01", "2027-02-08"],
      workdays: ["2027-02-06"],
      official: false,
      source: "预排",
    };
    const r = await api(t, "PUT", "/api/v1/calendar/2027", { token: admin, json: body });
    expect(r.status).toBe(200);
    expect((await api(t, "GET", "/api/v1/calendar/2027")).data).toMatchObject(body);
    const calendar = await loadWorkCalendar(t.db);
    expect(calendar.isWorkday("2027-02-06")).toBe(true);
    expect(calendar.isWorkday("2027-02-08")).toBe(false);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.entityId, "2027"));
    expect(entry?.action).toBe("calendar.update");
  });

  it("refuses weekend holidays, weekday workdays and dates of another year, changing nothing", async () => {
    const before = (await api(t, "GET", "/api/v1/calendar/2026")).data;
    const r = await api(t, "PUT", "/api/v1/calendar/2026", {
      token: admin,
      json: { holidays: ["2026-01-03", "2025-12-31"], workdays: ["2026-01-05"] },
    });
    expect(r.status).toBe(400);
    const messages = r.data.error.issues.map(
      (i: { path: string; message: string }) => `${i.path} ${i.message}`,
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^holidays\.\d 2026-01-03 是周末/),
        expect.stringMatching(/^workdays\.0 2026-01-05 不是周末/),
      ]),
    );
    const other = await api(t, "PUT", "/api/v1/calendar/2026", {
      token: admin,
      json: { holidays: ["2025-12-31"], workdays: [] },
    });
    expect(other.status).toBe(400);
    expect(other.data.error.issues[0].message).toBe("2025-12-31 不在 2026 年。");
    expect((await api(t, "GET", "/api/v1/calendar/2026")).data).toEqual(before);
  });

  it("is changed by administrators and the office only, not by a unit", async () => {
    const unitHead = await tokenFor(t, "a.head");
    expect(
      (
        await api(t, "PUT", "/api/v1/calendar/2028", {
          token: unitHead,
          json: { holidays: [], workdays: [] },
        })
      ).status,
    ).toBe(403);
    expect(
      (await api(t, "PUT", "/api/v1/calendar/2028", { json: { holidays: [], workdays: [] } })).status,
    ).toBe(401);
  });

  it("shows a bad date beside its field in the back office", async () => {
    const v = await new Visitor(t).login("admin");
    const r = await v.post("/admin/calendar", {
      year: "2028",
      holidays: "2028-01-01\n2028-13-01",
      workdays: "",
      official: "1",
    });
    expect(r.status).toBe(422);
    expect(r.text).toMatch(/id="f-holidays-error"[^>]*>.*日期格式应为 YYYY-MM-DD/s);
    expect((await v.get("/admin/calendar")).text).toContain("2026");
  });

  it("shows the administrators the holidays presumed for next year while it is not loaded", async () => {
    const next = Number(todayInChina().slice(0, 4)) + 1;
    await t.db.execute(sql`delete from calendar_years where year = ${next}`);
    const page = (await (await new Visitor(t).login("admin")).get("/admin/calendar")).text;
    expect(page).toContain(
      `${next} 年尚未载入，暂按以下法定节日推定：${provisionalHolidays(next).join("、")}`,
    );
    expect(page).toContain(PROVISIONAL_LABEL);
  });
});
