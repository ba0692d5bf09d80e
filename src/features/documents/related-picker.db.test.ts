import { count } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { OFFICE_PRINCIPAL, seedOrg, TEST_ACTOR, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { documents } from "./documents.tables";
import { createDocument } from "./save-document";

describeDb("picking a related document by its title", () => {
  let t: TTestApp;
  let editor: Visitor;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await createTestApp();
    const { unitA, unitB } = await seedOrg(t.db);
    const make = async (key: string, title: string, unitId: number, status: "draft" | "published") => {
      ids[key] = (
        await createDocument(t.db, TEST_ACTOR, OFFICE_PRINCIPAL, { title, unitId, kind: "notice", status })
      ).id;
    };
    await make("ownDraft", "区卫健局医疗机构监督检查办法（草稿）", unitA.id, "draft");
    await make("otherDraft", "区财政局医疗救助资金管理办法（草稿）", unitB.id, "draft");
    await make("otherPublished", "区财政局医疗救助资金管理办法", unitB.id, "published");
    await make("unrelated", "区财政局政府采购公告", unitB.id, "published");
    editor = await new Visitor(t).login("a.editor");
    await editor.get("/admin/documents/new");
  });
  afterAll(() => t?.close());

  const documentCount = async () => (await t.db.select({ n: count() }).from(documents))[0]?.n ?? 0;
  const picks = (html: string, field: string) =>
    [...html.matchAll(new RegExp(`name="_pick" value="${field}=(\\d+)"`, "g"))].map((m) => Number(m[1]));

  it("finds by words of the title only what the editor may relate to, keeping what was typed", async () => {
    const before = await documentCount();
    const r = await editor.post("/admin/documents", {
      title: "正在起草的通知",
      relKind_0: "repeals",
      relId_0_q: "医疗",
      _find: "relId_0",
    });
    expect(r.status).toBe(200);
    // The editor's own draft and another unit's published document; not another unit's draft.
    expect(picks(r.text, "relId_0").sort()).toEqual([ids.ownDraft, ids.otherPublished].sort());
    expect(r.text).toContain("区财政局医疗救助资金管理办法");
    expect(r.text).not.toContain("区财政局医疗救助资金管理办法（草稿）");
    expect(r.text).not.toContain("政府采购公告");
    expect(r.text).toContain('value="正在起草的通知"');
    expect(await documentCount()).toBe(before);
  });

  it("puts the chosen document's number into the field", async () => {
    const r = await editor.post("/admin/documents", {
      title: "正在起草的通知",
      relKind_0: "repeals",
      relId_0_q: "医疗",
      _pick: `relId_0=${ids.otherPublished}`,
    });
    expect(r.status).toBe(200);
    expect(r.text).toMatch(
      new RegExp(`<input id="f-relId_0" name="relId_0"[^>]*value="${ids.otherPublished}"`),
    );
    expect(picks(r.text, "relId_0")).toEqual([]);
  });

  it("says so when nothing matches", async () => {
    const r = await editor.post("/admin/documents", {
      title: "x",
      interprets_q: "不存在的标题",
      _find: "interprets",
    });
    expect(r.status).toBe(200);
    expect(r.text).toContain("没有标题含“不存在的标题”且可以关联的文件");
  });

  it("answers bad input with 422 and a Chinese message, creating nothing", async () => {
    const before = await documentCount();
    const short = await editor.post("/admin/documents", { title: "x", relId_0_q: "医", _find: "relId_0" });
    expect(short.status).toBe(422);
    expect(short.text).toContain("请输入标题中的至少 2 个字");
    const like = await editor.post("/admin/documents", { title: "x", relId_0_q: "%_%", _find: "relId_0" });
    expect(like.status).toBe(200);
    expect(picks(like.text, "relId_0")).toEqual([]);
    const bad: Record<string, string>[] = [
      { _find: "title" },
      { _find: "relId_999" },
      { _pick: "title=1" },
      { _pick: "relId_0=abc" },
    ];
    for (const fields of bad) {
      const r = await editor.post("/admin/documents", { title: "x", ...fields });
      expect(r.status, JSON.stringify(fields)).toBe(422);
      expect(r.text).toMatch(/请重新(查找|打开页面)/);
    }
    expect(await documentCount()).toBe(before);
  });

  it("works the same on the edit form, and Enter still saves", async () => {
    const page = await editor.get(`/admin/documents/${ids.ownDraft}/edit`);
    // The first submit button of the form (the one Enter presses) saves, it does not search.
    const form = page.text.slice(page.text.indexOf('<form method="post" action="/admin/documents/'));
    expect(/<button type="submit"[^>]*>/.exec(form)?.[0]).toBe('<button type="submit" hidden="">');
    const r = await editor.post(`/admin/documents/${ids.ownDraft}/edit`, {
      title: "区卫健局医疗机构监督检查办法（草稿）",
      interprets_q: "救助资金",
      _find: "interprets",
    });
    expect(r.status).toBe(200);
    expect(picks(r.text, "interprets")).toEqual([ids.otherPublished]);
    // Another unit's editor cannot reach this form at all.
    const other = await new Visitor(t).login("b.head");
    expect((await other.get(`/admin/documents/${ids.ownDraft}/edit`)).status).toBeGreaterThanOrEqual(403);
  });
});
