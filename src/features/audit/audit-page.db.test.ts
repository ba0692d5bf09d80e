import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, seedOrg, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { recordAudit } from "../../platform/audit";
import { createUser } from "../org";

const SETUP = { userId: null, name: "测试准备", ip: "", requestId: "" };

describeDb("the audit log page", () => {
  let t: TTestApp;
  let unitA: number;
  let editorId: number;
  const longBody = `第一条 ${"为规范政务公开工作".repeat(20)}`;
  beforeAll(async () => {
    t = await createTestApp();
    unitA = (await seedOrg(t.db)).unitA.id;
    await createUser(
      t.db,
      SETUP,
      {
        username: "head",
        displayName: "公开办主任",
        password: PASSWORD,
        roles: [{ role: "office_head", unitId: null }],
      },
      { mustChangePassword: false },
    );
    const [editor] = await t.database.query<{ id: number }>(
      "select id from users where username = 'a.editor'",
    );
    editorId = editor?.id ?? 0;
    // Entries as a feature writes them, with a known editor as the actor.
    const actor = { userId: editorId, name: "张编辑", ip: "127.0.0.1", requestId: "r1" };
    await t.db.transaction(async (tx) => {
      await recordAudit(tx, actor, {
        action: "document.update",
        entity: "document",
        entityId: 41,
        unitId: unitA,
        before: {
          title: "旧标题",
          body: "短正文",
          unitId: unitA,
          isActive: true,
          version: 1,
          status: "draft",
        },
        after: {
          title: "新标题",
          body: longBody,
          unitId: unitA,
          isActive: false,
          version: 2,
          status: "review",
        },
      });
      await recordAudit(tx, actor, { action: "request.extend", entity: "request", entityId: 7 });
      await recordAudit(tx, actor, { action: "ledger.year_end", entity: "ledger_task", entityId: 3 });
    });
  });
  afterAll(() => t?.close());

  describe("for the office head", () => {
    it("names actions and objects in Chinese and links each object to its staff page", async () => {
      const v = await new Visitor(t).login("head");
      const page = await v.get("/admin/audit");
      expect(page.status).toBe(200);
      expect(page.text).toContain('<strong class="audit-action">修改文件</strong>');
      expect(page.text).toContain('<strong class="audit-action">延长答复期限</strong>');
      expect(page.text).toContain('<strong class="audit-action">新建机构</strong>');
      expect(page.text).toContain('<a href="/admin/documents/41">文件 41</a>');
      expect(page.text).toContain('<a href="/admin/requests/7">申请 7</a>');
      expect(page.text).toContain('<a href="/admin/ledger/tasks/3">台账任务 3</a>');
      // Codes appear only as the values of the filter's options, never as text a reader sees.
      expect(page.text).not.toMatch(/>\s*(document\.update|unit\.create|request\.extend)\s*</);
      // The office head does not manage users, so a user is named but not linked.
      expect(page.text).not.toContain('href="/admin/users/');
    });

    it("shows what changed field by field, values formatted and long texts cut", async () => {
      const v = await new Visitor(t).login("head");
      const page = await v.get("/admin/audit?action=document.update");
      const entry = page.text.slice(page.text.indexOf('class="audit-entry"'));
      expect(entry).toContain('<th scope="col">修改前</th>');
      expect(entry).toMatch(/<th scope="row">标题<\/th><td>旧标题<\/td><td>新标题<\/td>/);
      expect(entry).toMatch(/<th scope="row">启用<\/th><td>是<\/td><td>否<\/td>/);
      expect(entry).toMatch(/<th scope="row">状态<\/th><td>草稿<\/td><td>待审核<\/td>/);
      // Unchanged fields (the unit) and bookkeeping (the version) are left out.
      expect(entry).not.toContain(">单位<");
      expect(entry).not.toContain(">版本<");
      expect(entry).toContain(`${longBody.slice(0, 80)}…`);
      expect(entry).toContain("展开全文");
      expect(entry).toContain(`<div class="audit-full">${longBody}</div>`);
      expect(entry).not.toContain("{&quot;");
    });

    it("filters by person, action, object type and date, and pages", async () => {
      const v = await new Visitor(t).login("head");
      const mine = await v.get(`/admin/audit?actorId=${editorId}`);
      expect(mine.text).toContain("共 3 条记录");
      expect(mine.text).toContain(`<option value="${editorId}" selected="">张编辑</option>`);
      const requests = await v.get("/admin/audit?entity=request");
      expect(requests.text).toContain("共 1 条记录");
      const none = await v.get("/admin/audit?from=2099-01-01");
      expect(none.text).toContain("共 0 条记录");
      const all = await v.get("/admin/audit");
      const total = Number(/共 (\d+) 条记录/.exec(all.text)?.[1]);
      expect(total).toBeGreaterThan(3);
      const bad = await v.get("/admin/audit?actorId=abc&from=not-a-date&page=-1");
      expect(bad.status).toBe(200);
      expect(bad.text).toContain(`共 ${total} 条记录`);
    });
  });

  it("shows fifty entries to a page, the rest on the next", async () => {
    await t.db.transaction(async (tx) => {
      for (let i = 1; i <= 51; i++)
        await recordAudit(tx, SETUP, {
          action: "search.synonyms_add",
          entity: "search_synonyms",
          entityId: i,
        });
    });
    const v = await new Visitor(t).login("head");
    const first = await v.get("/admin/audit?entity=search_synonyms");
    expect(first.text).toContain("第 1 / 2 页");
    expect(first.text.match(/class="audit-entry"/g)?.length).toBe(50);
    const second = await v.get("/admin/audit?entity=search_synonyms&page=2");
    expect(second.text.match(/class="audit-entry"/g)?.length).toBe(1);
    // Newest first: the first entry written is the one left for the second page.
    expect(second.text).toContain("同义词 1<");
  });

  it("lets administrators open users from the log", async () => {
    const v = await new Visitor(t).login("admin");
    const page = await v.get("/admin/audit?entity=user");
    expect(page.text).toMatch(/<a href="\/admin\/users\/\d+">用户 \d+<\/a>/);
  });

  it("keeps the log from the office staff and unit roles, in Chinese", async () => {
    for (const who of ["office", "a.editor", "a.head"]) {
      const v = await new Visitor(t).login(who);
      const page = await v.get("/admin/audit");
      expect(page.status, who).toBe(403);
      expect(page.text).toContain("您没有执行此操作的权限");
      expect(page.text).not.toContain("旧标题");
    }
  });
});
