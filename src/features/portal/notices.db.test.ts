import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedOrg, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { auditLog } from "../../platform/db/tables";
import { addDays, todayInChina } from "../calendar";
import { portalNotices } from "./notices";

describeDb("pinned notices on the home page", () => {
  let t: TTestApp;
  const today = todayInChina();
  beforeAll(async () => {
    t = await createTestApp();
    await seedOrg(t.db);
    // Written straight to the table as if pinned earlier: before the first page is cached, since only
    // audited changes (the office's own pages) empty the page cache at once.
    await t.db.insert(portalNotices).values([
      { text: "今天到期的公告", endsOn: today },
      { text: "昨天已到期的公告", endsOn: addDays(today, -1) },
    ]);
  });
  afterAll(() => t?.close());

  const notices = () => t.db.select().from(portalNotices).orderBy(portalNotices.id);
  const audits = (action: string) => t.db.select().from(auditLog).where(eq(auditLog.action, action));
  const home = async () => (await new Visitor(t).get("/")).text;

  it("lets the office pin a notice with a link until its last day, audited, shown on the home page", async () => {
    const v = await new Visitor(t).login("office");
    const r = await v.post("/admin/notices", {
      text: "元旦期间依申请公开受理安排",
      link: "/guide",
      endsOn: addDays(today, 3),
    });
    expect(r.status).toBe(303);
    expect(r.location).toBe("/admin/notices");
    const row = (await notices()).find((n) => n.text === "元旦期间依申请公开受理安排");
    expect(row).toMatchObject({
      text: "元旦期间依申请公开受理安排",
      link: "/guide",
      endsOn: addDays(today, 3),
    });
    expect((await audits("notice.create")).map((a) => a.entityId)).toEqual([String(row?.id)]);
    expect(await home()).toContain('<a href="/guide">元旦期间依申请公开受理安排</a>');
  });

  it("shows a notice on its last day and hides it the day after, keeping it in the office's list", async () => {
    const page = await home();
    expect(page).toContain("今天到期的公告");
    expect(page).not.toContain("昨天已到期的公告");
    const list = await (await new Visitor(t).login("office")).get("/admin/notices");
    expect(list.text).toMatch(/昨天已到期的公告.*已过期，不再显示/s);
  });

  it("edits and removes a notice, auditing before and after", async () => {
    const v = await new Visitor(t).login("office");
    const first = (await notices()).find((n) => n.text === "元旦期间依申请公开受理安排");
    const id = first?.id;
    expect((await v.get(`/admin/notices/${id}`)).text).toContain("元旦期间依申请公开受理安排");
    const r = await v.post(`/admin/notices/${id}`, {
      text: "春节期间依申请公开受理安排",
      link: "https://www.gov.cn/",
      endsOn: addDays(today, 10),
    });
    expect(r.status).toBe(303);
    const [update] = await audits("notice.update");
    expect(update?.before).toMatchObject({ text: "元旦期间依申请公开受理安排" });
    expect(update?.after).toMatchObject({ text: "春节期间依申请公开受理安排", link: "https://www.gov.cn/" });
    expect(await home()).toContain('<a href="https://www.gov.cn/">春节期间依申请公开受理安排</a>');

    expect((await v.post(`/admin/notices/${id}/delete`, {})).status).toBe(303);
    expect((await notices()).map((n) => n.id)).not.toContain(id);
    expect((await audits("notice.delete"))[0]?.before).toMatchObject({ text: "春节期间依申请公开受理安排" });
    expect(await home()).not.toContain("春节期间");
    expect((await v.post(`/admin/notices/${id}/delete`, {})).status).toBe(404);
  });

  it("refuses bad input beside each field in Chinese, writing nothing", async () => {
    const v = await new Visitor(t).login("office");
    const before = await notices();
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ text: "", link: "", endsOn: addDays(today, 1) }, "text", /请填写公告内容/],
      [{ text: "公告", link: "javascript:alert(1)", endsOn: addDays(today, 1) }, "link", /本站路径/],
      [{ text: "公告", link: "//evil.example", endsOn: addDays(today, 1) }, "link", /本站路径/],
      [{ text: "公告", link: "", endsOn: "明天" }, "endsOn", /YYYY-MM-DD/],
      [{ text: "公告", link: "", endsOn: addDays(today, -1) }, "endsOn", /不能早于今天/],
    ];
    for (const [fields, field, message] of cases) {
      const r = await v.post("/admin/notices", fields);
      expect(r.status, JSON.stringify(fields)).toBe(422);
      expect(r.text).toMatch(new RegExp(`id="f-${field}-error"[^>]*>.*?</span>[^<]*${message.source}`));
    }
    expect(await notices()).toEqual(before);
  });

  it("keeps the notices to the disclosure office", async () => {
    const v = await new Visitor(t).login("a.head");
    expect((await v.get("/admin/notices")).status).toBe(403);
    expect((await v.post("/admin/notices", { text: "越权公告", link: "", endsOn: today })).status).toBe(403);
    expect((await notices()).map((n) => n.text)).not.toContain("越权公告");
  });

  it("answers /favicon.ico with the SVG icon instead of a 404", async () => {
    const r = await t.app.request("/favicon.ico");
    expect(r.status).toBe(301);
    expect(r.headers.get("location")).toBe("/static/favicon.svg");
    const icon = await t.app.request("/static/favicon.svg");
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toContain("image/svg+xml");
    expect(await home()).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/>');
  });
});
