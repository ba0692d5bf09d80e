import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { api, OFFICE_PRINCIPAL, PASSWORD, seedOrg, TEST_ACTOR, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { todayInChina } from "../calendar";
import { createUser } from "../org";
import { publishSubsidyNotice, purgeExpiredNotices } from "./publish-notice";

// Valid 居民身份证号 (check digits worked by hand in subsidy-rows.test.ts).
const ID = "370102199001011231";
const ID_X = "11010519491231002X";

/** `days` after a YYYY-MM-DD day. */
const plus = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describeDb("villages and subsidy notices (村级补贴公示)", () => {
  let t: TTestApp;
  let office: string;
  let subdistrict: number;
  let village: number;
  let otherVillage: number;
  let villageEditor: string;
  let streetEditor: string;
  let foreignEditor: string;
  const today = todayInChina();

  beforeAll(async () => {
    t = await createTestApp();
    const { unitA } = await seedOrg(t.db);
    office = await tokenFor(t, "office");
    const unit = async (json: object) => {
      const r = await api(t, "POST", "/api/v1/units", { token: office, json });
      expect(r.status, r.text).toBe(201);
      return r.data;
    };
    subdistrict = (await unit({ name: "大观园街道办事处", kind: "subdistrict" })).id;
    const v = await unit({ name: "杆石桥社区", kind: "community", parentId: subdistrict });
    expect(v.parentId).toBe(subdistrict);
    village = v.id;
    otherVillage = (await unit({ name: "党家村", kind: "village", parentId: subdistrict })).id;
    const user = (username: string, unitId: number) =>
      createUser(
        t.db,
        TEST_ACTOR,
        { username, displayName: username, password: PASSWORD, roles: [{ role: "unit_editor", unitId }] },
        { mustChangePassword: false },
      );
    await user("v.editor", village);
    await user("s.editor", subdistrict);
    villageEditor = await tokenFor(t, "v.editor");
    streetEditor = await tokenFor(t, "s.editor");
    foreignEditor = await tokenFor(t, "a.editor");
    expect(unitA.id).toBeGreaterThan(0);
  });
  afterAll(() => t?.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  const notice = (over: object = {}) => ({
    unitId: village,
    title: "2026年耕地地力保护补贴发放公示",
    startsAt: today,
    endsAt: plus(today, 6),
    rows: [
      { name: "张三", idNumber: ID, item: "耕地地力保护补贴", amount: 1234.5 },
      { name: "李四", idNumber: ID_X, item: "耕地地力保护补贴", amount: 88 },
    ],
    ...over,
  });
  const count = async () =>
    Number((await t.database.query<{ n: number }>("select count(*)::int as n from subsidy_notices"))[0]?.n);

  describe("units below the 街道", () => {
    it("a village or community needs a 街道 as parent; other kinds take none", async () => {
      const post = (json: object) => api(t, "POST", "/api/v1/units", { token: office, json });
      const noParent = await post({ name: "七贤村", kind: "village" });
      expect(noParent.status).toBe(400);
      expect(noParent.data.error.issues[0].path).toBe("parentId");
      const underVillage = await post({ name: "七贤二村", kind: "village", parentId: village });
      expect(underVillage.status).toBe(400);
      const deptWithParent = await post({ name: "区某局", kind: "department", parentId: subdistrict });
      expect(deptWithParent.status).toBe(400);
      const list = await api(t, "GET", "/api/v1/units?kind=community");
      expect(list.data.items.map((u: { name: string; parentId: number }) => [u.name, u.parentId])).toEqual([
        ["杆石桥社区", subdistrict],
      ]);
    });

    it("a 街道 with villages below it cannot change its kind", async () => {
      const r = await api(t, "PUT", `/api/v1/units/${subdistrict}`, {
        token: office,
        json: { name: "大观园街道办事处", kind: "department" },
      });
      expect(r.status).toBe(409);
    });
  });

  describe("publishing", () => {
    it("the village's own editor publishes; the public sees masked ID numbers only", async () => {
      const r = await api(t, "POST", "/api/v1/subsidy-notices", { token: villageEditor, json: notice() });
      expect(r.status, r.text).toBe(201);
      expect(r.data.rows[0]).toEqual({
        name: "张三",
        idNumber: "370102********1231",
        item: "耕地地力保护补贴",
        amount: 1234.5,
      });
      const pub = await api(t, "GET", `/api/v1/subsidy-notices?unitId=${village}`);
      expect(pub.status).toBe(200);
      expect(pub.data.total).toBe(1);
      // 1234.50 + 88 = 1322.50 元
      expect(pub.data.items[0].total).toBe(1322.5);
      expect(pub.data.items[0].rows.map((x: { idNumber: string }) => x.idNumber)).toEqual([
        "370102********1231",
        "110105********002X",
      ]);
      for (const full of [ID, ID_X, "19900101", "19491231"]) expect(pub.text).not.toContain(full);
      const page = await new Visitor(t).get(`/villages/${village}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain("370102********1231");
      expect(page.text).not.toContain(ID);
    });

    it("never stores the full number, in the rows or in the audit log", async () => {
      const dump = JSON.stringify(await t.database.query("select * from subsidy_rows"));
      const audit = JSON.stringify(await t.database.query("select * from audit_log"));
      for (const full of [ID, ID_X]) {
        expect(dump).not.toContain(full);
        expect(audit).not.toContain(full);
      }
    });

    it("the 街道's editor publishes for a village below it; another unit's editor is told it does not exist", async () => {
      const street = await api(t, "POST", "/api/v1/subsidy-notices", {
        token: streetEditor,
        json: notice({ unitId: otherVillage, title: "党家村2026年粮食补贴公示" }),
      });
      expect(street.status, street.text).toBe(201);
      const before = await count();
      const foreign = await api(t, "POST", "/api/v1/subsidy-notices", {
        token: foreignEditor,
        json: notice(),
      });
      expect(foreign.status).toBe(404);
      const anonymous = await api(t, "POST", "/api/v1/subsidy-notices", { json: notice() });
      expect(anonymous.status).toBe(401);
      expect(await count()).toBe(before);
    });

    it("runs the privacy check on every row and keeps nothing when one fails", async () => {
      const before = await count();
      const r = await api(t, "POST", "/api/v1/subsidy-notices", {
        token: villageEditor,
        json: notice({
          rows: [
            { name: "张三", idNumber: ID, item: "补贴", amount: 10 },
            { name: "李四", idNumber: ID_X, item: "电话13800138000", amount: 10 },
            { name: "王五", idNumber: "370102199001011232", item: "补贴", amount: 10 },
          ],
        }),
      });
      expect(r.status).toBe(400);
      expect(r.data.error.issues.map((i: { path: string }) => i.path)).toEqual([
        "rows.1.item",
        "rows.2.idNumber",
      ]);
      expect(r.text).not.toContain("13800138000");
      expect(await count()).toBe(before);
    });

    it("refuses a period that ends before it starts or has already ended, and a unit that is no village", async () => {
      const backwards = await api(t, "POST", "/api/v1/subsidy-notices", {
        token: office,
        json: notice({ startsAt: plus(today, 3), endsAt: plus(today, 1) }),
      });
      expect(backwards.status).toBe(400);
      const ended = await api(t, "POST", "/api/v1/subsidy-notices", {
        token: office,
        json: notice({ startsAt: plus(today, -10), endsAt: plus(today, -1) }),
      });
      expect(ended.status).toBe(400);
      const street = await api(t, "POST", "/api/v1/subsidy-notices", {
        token: office,
        json: notice({ unitId: subdistrict }),
      });
      expect(street.status).toBe(400);
      const huge = await api(t, "POST", "/api/v1/subsidy-notices", {
        token: office,
        json: notice({ unitId: 99999999999 }),
      });
      expect(huge.status).toBe(400);
    });
  });

  describe("the notice period, in Beijing days", () => {
    let id: number;
    beforeAll(async () => {
      const r = await api(t, "POST", "/api/v1/subsidy-notices", {
        token: villageEditor,
        json: notice({
          title: "今日截止的低保补贴公示",
          startsAt: today,
          endsAt: today,
          rows: [{ name: "赵六", idNumber: ID, item: "低保金", amount: 600 }],
        }),
      });
      expect(r.status, r.text).toBe(201);
      id = r.data.id;
      const later = await api(t, "POST", "/api/v1/subsidy-notices", {
        token: villageEditor,
        json: notice({ title: "下周开始的公示", startsAt: plus(today, 7), endsAt: plus(today, 13) }),
      });
      expect(later.status).toBe(201);
    });
    const titles = async () =>
      (await api(t, "GET", `/api/v1/subsidy-notices?unitId=${village}`)).data.items.map(
        (n: { title: string }) => n.title,
      );

    it("shows until 23:59 Beijing time of the last day (15:59 UTC) and not from midnight", async () => {
      expect(await titles()).not.toContain("下周开始的公示");
      // The last day is `today` in Beijing (UTC+8): its last minute is today 15:59 UTC.
      vi.useFakeTimers({ toFake: ["Date"], now: Date.parse(`${today}T15:59:00Z`) });
      expect(await titles()).toContain("今日截止的低保补贴公示");
      vi.setSystemTime(Date.parse(`${today}T16:00:00Z`));
      expect(await titles()).not.toContain("今日截止的低保补贴公示");
      const page = await new Visitor(t).get(`/villages/${village}`);
      expect(page.text).not.toContain("赵六");
    });

    it("stays on file for the village's staff and its terminal after the period", async () => {
      // Published three weeks ago for one week: its period ended a fortnight ago. (Signed-in pages
      // are not tested under a faked clock: the sessions' times are the database's own.)
      const start = plus(today, -21);
      await publishSubsidyNotice(
        t.db,
        OFFICE_PRINCIPAL,
        TEST_ACTOR,
        {
          unitId: village,
          title: "上月的低保补贴公示",
          startsAt: start,
          endsAt: plus(start, 6),
          rows: [{ name: "钱七", idNumber: ID, item: "低保金", amount: 600 }],
        },
        start,
      );
      const [past] = await t.database.query<{ id: number }>(
        "select id from subsidy_notices where title = '上月的低保补贴公示'",
      );
      expect((await api(t, "GET", `/api/v1/subsidy-notices?unitId=${village}`)).text).not.toContain("钱七");
      const staff = await new Visitor(t).login("v.editor");
      const page = await staff.get(`/admin/subsidies/${past?.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain("钱七");
      expect(page.text).toContain("已过公示期");
      expect(page.text).toContain("370102********1231");
      const search = await staff.get("/admin/subsidies?payee=钱七");
      expect(search.text).toContain("上月的低保补贴公示");
      // Another unit's editor does not see it.
      const foreign = await new Visitor(t).login("a.editor");
      expect((await foreign.get(`/admin/subsidies/${past?.id}`)).status).toBe(404);

      const issued = await staff.post(`/admin/subsidies/terminals/${village}`, {});
      expect(issued.status).toBe(200);
      const url = /\/terminal\/[A-Za-z0-9_-]+/.exec(issued.text)?.[0] ?? "";
      expect(url).not.toBe("");
      const terminal = await new Visitor(t).get(url);
      expect(terminal.status).toBe(200);
      expect(terminal.text).toContain("钱七");
      expect(terminal.res.headers.get("x-robots-tag")).toContain("noindex");
      expect((await new Visitor(t).get("/terminal/wrong-key")).status).toBe(404);
      expect(id).toBeGreaterThan(0);
    });

    it("is removed when the office-set retention has run out", async () => {
      const office = await new Visitor(t).login("office");
      await office.get("/admin/subsidies");
      expect((await office.post("/admin/subsidies/retention", { years: "2" })).status).toBe(303);
      // Ends today, kept 2 years: on file through the same day two years on, gone the day after.
      // The notice that ended a fortnight ago has gone by then.
      const [y, m, d] = today.split("-");
      const lastKept = `${Number(y) + 2}-${m}-${d === "29" && m === "02" ? "28" : d}`;
      const titles = async () =>
        (await t.database.query<{ title: string }>("select title from subsidy_notices")).map((r) => r.title);
      expect(await purgeExpiredNotices(t.db, TEST_ACTOR, lastKept)).toBe(1);
      expect(await titles()).not.toContain("上月的低保补贴公示");
      expect(await titles()).toContain("今日截止的低保补贴公示");
      expect(await purgeExpiredNotices(t.db, TEST_ACTOR, plus(lastKept, 1))).toBe(1);
      expect(await titles()).not.toContain("今日截止的低保补贴公示");
      expect(await t.database.query("select 1 from subsidy_rows where name = '赵六'")).toHaveLength(0);
    });
  });
});
