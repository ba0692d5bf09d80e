import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, PASSWORD, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { auditLog } from "../../platform/db/tables";
import { DEFAULT_GUIDE } from "../portal";
import { createUser } from "./manage-users";
import { liaisonTerms } from "./org.tables";

describeDb("unit scoping and the audit of every staff write", () => {
  let t: TTestApp;
  let unitA: number;
  let unitB: number;
  beforeAll(async () => {
    t = await createTestApp();
    const s = await seedOrg(t.db);
    unitA = s.unitA.id;
    unitB = s.unitB.id;
    // Unit B's reviewer publishes B's documents only: its repeal of A's document is a proposal.
    await createUser(
      t.db,
      { userId: null, name: "测试准备", ip: "", requestId: "" },
      {
        username: "b.reviewer",
        displayName: "b.reviewer",
        password: PASSWORD,
        roles: [{ role: "unit_reviewer", unitId: unitB }],
      },
      { mustChangePassword: false },
    );
  });
  afterAll(() => t?.close());

  const auditCount = async () => (await t.db.select({ n: count() }).from(auditLog))[0]?.n ?? 0;
  const terms = async (unitId: number) =>
    t.db.select().from(liaisonTerms).where(eq(liaisonTerms.unitId, unitId));
  const handover = (name: string, startedOn = "2026-01-05") => ({
    name,
    startedOn,
    handoverNote: "交接台账",
  });

  it("lets a unit head manage their own unit's liaison, with a recorded handover", async () => {
    const v = await new Visitor(t).login("a.head");
    expect((await v.post(`/admin/liaisons/${unitA}`, handover("张三", "2025-03-01"))).status).toBe(303);
    expect((await v.post(`/admin/liaisons/${unitA}`, handover("李四", "2026-01-05"))).status).toBe(303);
    const rows = await terms(unitA);
    const first = rows.find((r) => r.name === "张三");
    const second = rows.find((r) => r.name === "李四");
    expect(first).toMatchObject({ endedOn: "2026-01-05", handoverNote: "交接台账" });
    expect(second).toMatchObject({ endedOn: null, previousTermId: first?.id });
    const page = await v.get(`/admin/liaisons/${unitA}`);
    expect(page.text).toContain("2025-03-01 至 2026-01-05");
  });

  it("refuses a handover dated before the current liaison started, changing nothing", async () => {
    const v = await new Visitor(t).login("a.head");
    const before = await terms(unitA);
    const r = await v.post(`/admin/liaisons/${unitA}`, handover("王五", "2024-01-01"));
    expect(r.status).toBe(422);
    expect(r.text).toMatch(/id="f-startedOn-error"[^>]*>.*不能早于现任联络员的任职日期/s);
    expect(await terms(unitA)).toEqual(before);
  });

  it("hides another unit's liaison records from a unit user: 404 to read, 404 to write, nothing changes", async () => {
    const v = await new Visitor(t).login("b.head");
    expect((await v.get(`/admin/liaisons/${unitA}`)).status).toBe(404);
    const before = await terms(unitA);
    const auditBefore = await auditCount();
    expect((await v.post(`/admin/liaisons/${unitA}`, handover("冒名", "2026-02-01"))).status).toBe(404);
    expect(await terms(unitA)).toEqual(before);
    expect(await auditCount()).toBe(auditBefore);
    const roster = await v.get("/admin/liaisons");
    expect(roster.text).toContain("区财政局");
    expect(roster.text).not.toContain("区卫生健康局");
  });

  it("lets a liaison read their unit's roster but not change it", async () => {
    const v = await new Visitor(t).login("a.liaison");
    const page = await v.get(`/admin/liaisons/${unitA}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain("更换联络员");
    expect((await v.post(`/admin/liaisons/${unitA}`, handover("越权", "2026-03-01"))).status).toBe(404);
    expect((await v.get(`/admin/liaisons/${unitB}`)).status).toBe(404);
  });

  it("keeps district-wide pages from unit users", async () => {
    const v = await new Visitor(t).login("a.head");
    for (const path of [
      "/admin/units",
      "/admin/users",
      "/admin/audit",
      "/admin/guide",
      "/admin/users/1",
      `/admin/units/${unitB}`,
    ])
      expect((await v.get(path)).status, path).toBe(403);
    const token = await tokenFor(t, "a.head");
    const r = await api(t, "PUT", `/api/v1/units/${unitB}`, {
      token,
      json: { name: "区财政局", kind: "other" },
    });
    expect(r.status).toBe(403);
    expect((await api(t, "GET", `/api/v1/units/${unitB}`)).data.kind).toBe("department");
  });

  it("edits a user with roles in two units without losing either", async () => {
    const v = await new Visitor(t).login("admin");
    const created = await v.post("/admin/users", {
      username: "two.units",
      displayName: "两单位",
      password: "initial-pass-3",
      districtRoles: "office",
      unitId_0: String(unitA),
      unitRoles_0: "unit_liaison",
      unitId_1: String(unitB),
      unitRoles_1: ["unit_editor", "unit_head"],
    });
    expect(created.status).toBe(303);
    const [u] = await t.database.query<{ id: number }>("select id from users where username = 'two.units'");
    const form = await v.get(`/admin/users/${u?.id}`);
    // Both units are shown, each with its own roles, plus an empty row to add a third.
    expect(form.text).toMatch(new RegExp(`name="unitId_1"[\\s\\S]*value="${unitB}" selected`));
    expect(form.text).toContain('name="unitId_2"');
    const saved = await v.post(`/admin/users/${u?.id}`, {
      displayName: "两单位",
      password: "",
      isActive: "1",
      districtRoles: "office",
      unitId_0: String(unitA),
      unitRoles_0: "unit_liaison",
      unitId_1: String(unitB),
      unitRoles_1: "unit_head",
      unitId_2: "",
    });
    expect(saved.status).toBe(303);
    const roles = await t.database.query<{ role: string; unit_id: number | null }>(
      `select role, unit_id from user_roles where user_id = ${u?.id} order by role`,
    );
    expect(roles).toEqual([
      { role: "office", unit_id: null },
      { role: "unit_head", unit_id: unitB },
      { role: "unit_liaison", unit_id: unitA },
    ]);
  });

  it("refuses a unit role without a unit, beside the roles, creating nothing", async () => {
    const v = await new Visitor(t).login("admin");
    const r = await v.post("/admin/users", {
      username: "no.unit",
      displayName: "无单位",
      password: "initial-pass-4",
      unitRoles_0: "unit_editor",
    });
    expect(r.status).toBe(422);
    expect(r.text).toMatch(/id="f-roles"[^>]*>\s*<p class="field-error">.*单位角色必须选择一个存在的单位/s);
    expect(await t.database.query("select 1 from users where username = 'no.unit'")).toEqual([]);
  });

  it("lets administrators browse the audit log with filters", async () => {
    const v = await new Visitor(t).login("admin");
    const page = await v.get("/admin/audit?entity=liaison");
    expect(page.status).toBe(200);
    expect(page.text).toContain("更换联络员");
    expect(page.text).not.toContain("新建用户</strong>");
    const none = await v.get("/admin/audit?entity=liaison&from=2099-01-01");
    expect(none.text).toContain("共 0 条记录");
  });

  it("sends anonymous visitors of staff pages to the login form and API callers a 401", async () => {
    const res = await t.app.request("/admin/liaisons");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?next=%2Fadmin%2Fliaisons");
    expect((await api(t, "GET", "/api/v1/me")).status).toBe(401);
  });

  // Each staff write route, with a valid write and the audit action it must leave.
  const writes: { method: string; path: string; action: string; run: () => Promise<number> }[] = [
    {
      method: "POST",
      path: "/login",
      action: "auth.login",
      run: async () => {
        const v = new Visitor(t);
        await v.get("/login");
        return (await v.post("/login", { username: "office", password: PASSWORD })).status;
      },
    },
    {
      method: "POST",
      path: "/logout",
      action: "auth.logout",
      run: async () => (await (await new Visitor(t).login("office")).post("/logout", {})).status,
    },
    {
      method: "POST",
      path: "/api/v1/auth/token",
      action: "auth.token_issued",
      run: async () =>
        (await api(t, "POST", "/api/v1/auth/token", { json: { username: "office", password: PASSWORD } }))
          .status,
    },
    {
      method: "POST",
      path: "/admin/account/password",
      action: "user.change_password",
      run: async () => {
        const v = await new Visitor(t).login("office");
        const args = {
          currentPassword: PASSWORD,
          newPassword: "another-pass-9",
          confirmPassword: "another-pass-9",
        };
        const r = await v.post("/admin/account/password", args);
        await v.post("/admin/account/password", {
          currentPassword: "another-pass-9",
          newPassword: PASSWORD,
          confirmPassword: PASSWORD,
        });
        // A new password ends the office's other sessions, the shared page visitor's among them.
        pageVisitors.delete("office");
        return r.status;
      },
    },
    {
      method: "POST",
      path: "/admin/account/tokens/:id/revoke",
      action: "auth.token_revoked",
      run: async () => {
        await tokenFor(t, "office");
        const [tk] = await t.database.query<{ id: number }>(
          "select t.id from api_tokens t join users u on u.id = t.user_id where u.username = 'office' and t.revoked_at is null order by t.id desc limit 1",
        );
        return (
          await (await new Visitor(t).login("office")).post(`/admin/account/tokens/${tk?.id}/revoke`, {})
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/units",
      action: "unit.create",
      run: async () =>
        (
          await (
            await new Visitor(t).login("office")
          ).post("/admin/units", { name: "区统计局", kind: "department", aliases: "区统计" })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/units/:id",
      action: "unit.update",
      run: async () =>
        (
          await (
            await new Visitor(t).login("office")
          ).post(`/admin/units/${unitB}`, {
            name: "区财政局",
            kind: "department",
            phone: "0531-1",
            isActive: "1",
          })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/users",
      action: "user.create",
      run: async () =>
        (
          await (
            await new Visitor(t).login("admin")
          ).post("/admin/users", {
            username: "b.editor",
            displayName: "财政编辑",
            password: "initial-pass-2",
            unitId_0: String(unitB),
            unitRoles_0: ["unit_editor", "unit_reviewer"],
          })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/users/:id",
      action: "user.update",
      run: async () => {
        const [u] = await t.database.query<{ id: number }>(
          "select id from users where username = 'b.editor'",
        );
        return (
          await (
            await new Visitor(t).login("admin")
          ).post(`/admin/users/${u?.id}`, {
            displayName: "财政编辑二",
            password: "",
            isActive: "1",
            unitId_0: String(unitB),
            unitRoles_0: "unit_editor",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/liaisons/:unitId",
      action: "liaison.appoint",
      run: async () =>
        (await (await new Visitor(t).login("b.head")).post(`/admin/liaisons/${unitB}`, handover("赵六")))
          .status,
    },
    {
      method: "POST",
      path: "/admin/guide",
      action: "guide.update",
      run: async () => {
        const v = await new Visitor(t).login("office");
        const fields = { ...DEFAULT_GUIDE } as Record<string, string>;
        return (await v.post("/admin/guide", { ...fields, phone: "0531-88888888" })).status;
      },
    },
    {
      method: "POST",
      path: "/admin/notices",
      action: "notice.create",
      run: async () =>
        (
          await (
            await new Visitor(t).login("office")
          ).post("/admin/notices", {
            text: "新增的置顶公告",
            link: "",
            endsOn: "2099-12-31",
          })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/notices/:id",
      action: "notice.update",
      run: async () => {
        const [n] = await t.database.query<{ id: number }>(
          "select id from portal_notices order by id limit 1",
        );
        return (
          await (
            await new Visitor(t).login("office")
          ).post(`/admin/notices/${n?.id}`, {
            text: "修改后的置顶公告",
            link: "/guide",
            endsOn: "2099-12-31",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/notices/:id/delete",
      action: "notice.delete",
      run: async () => {
        const [n] = await t.database.query<{ id: number }>(
          "select id from portal_notices order by id limit 1",
        );
        return (await (await new Visitor(t).login("office")).post(`/admin/notices/${n?.id}/delete`, {}))
          .status;
      },
    },
    {
      method: "POST",
      path: "/api/v1/units",
      action: "unit.create",
      run: async () =>
        (
          await api(t, "POST", "/api/v1/units", {
            token: await tokenFor(t, "office"),
            json: { name: "区审计局", kind: "department" },
          })
        ).status,
    },
    {
      method: "PUT",
      path: "/api/v1/units/:id",
      action: "unit.update",
      run: async () =>
        (
          await api(t, "PUT", `/api/v1/units/${unitA}`, {
            token: await tokenFor(t, "office"),
            json: { name: "区卫生健康局", kind: "department", aliases: ["区卫健局"], phone: "0531-2" },
          })
        ).status,
    },
  ];

  writes.push(
    {
      method: "PUT",
      path: "/api/v1/calendar/:year",
      action: "calendar.update",
      run: async () =>
        (
          await api(t, "PUT", "/api/v1/calendar/2030", {
            token: await tokenFor(t, "admin"),
            json: { holidays: ["2030-01-01"], workdays: [] },
          })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/calendar",
      action: "calendar.update",
      run: async () =>
        (
          await (
            await new Visitor(t).login("admin")
          ).post("/admin/calendar", { year: "2031", holidays: "2031-01-01", workdays: "", official: "0" })
        ).status,
    },
  );

  writes.push(
    {
      method: "POST",
      path: "/api/v1/requests",
      action: "request.register",
      run: async () =>
        (
          await api(t, "POST", "/api/v1/requests", {
            token: await tokenFor(t, "office"),
            json: {
              applicant: { kind: "other_org", name: "某协会" },
              channel: "in_person",
              receivedAt: "2026-03-02",
              description: "申请公开某项信息",
            },
          })
        ).status,
    },
    {
      method: "POST",
      path: "/api/v1/requests/:id/actions",
      action: "request.withdraw",
      run: async () => {
        const token = await tokenFor(t, "office");
        const [r] = await t.database.query<{ id: number }>(
          "select id from requests order by id desc limit 1",
        );
        return (
          await api(t, "POST", `/api/v1/requests/${r?.id}/actions`, {
            token,
            json: { type: "withdraw", date: "2026-03-03" },
          })
        ).status;
      },
    },
  );

  const lastRequestId = async () =>
    (await t.database.query<{ id: number }>("select id from requests order by id desc limit 1"))[0]?.id;
  writes.push(
    {
      method: "POST",
      path: "/admin/requests/new",
      action: "request.register",
      run: async () =>
        (
          await (
            await new Visitor(t).login("a.head")
          ).post("/admin/requests/new", {
            "applicant.kind": "natural_person",
            "applicant.name": "王五",
            channel: "in_person",
            receivedAt: "2026-03-02",
            description: "申请公开某街道的停车规划",
          })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/requests/:id/actions",
      action: "request.consultation_started",
      run: async () =>
        (
          await (
            await new Visitor(t).login("a.head")
          ).post(`/admin/requests/${await lastRequestId()}/actions`, {
            type: "consultation_started",
            date: "2026-03-03",
            party: "某公司",
          })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/requests/:id/reveal",
      action: "request.reveal_applicant",
      run: async () =>
        (
          await (
            await new Visitor(t).login("a.head")
          ).post(`/admin/requests/${await lastRequestId()}/reveal`, {})
        ).status,
    },
  );

  writes.push(
    {
      method: "POST",
      path: "/api/v1/requests/:id/contacts",
      action: "request.contact",
      run: async () =>
        (
          await api(t, "POST", `/api/v1/requests/${await lastRequestId()}/contacts`, {
            token: await tokenFor(t, "a.head"),
            json: { method: "phone", date: "2026-03-04", summary: "电话沟通申请内容" },
          })
        ).status,
    },
    {
      method: "POST",
      path: "/api/v1/requests/:id/appeals",
      action: "appeal.create",
      run: async () => {
        const token = await tokenFor(t, "a.head");
        const id = await lastRequestId();
        await api(t, "POST", `/api/v1/requests/${id}/actions`, {
          token,
          json: { type: "consultation_ended", date: "2026-03-05" },
        });
        await api(t, "POST", `/api/v1/requests/${id}/actions`, {
          token,
          json: { type: "reply", date: "2026-03-06", outcome: "disclosed" },
        });
        return (
          await api(t, "POST", `/api/v1/requests/${id}/appeals`, {
            token,
            json: { kind: "reconsideration", filedAt: "2026-03-09" },
          })
        ).status;
      },
    },
    {
      method: "PUT",
      path: "/api/v1/requests/:id/appeals/:appealId",
      action: "appeal.decide",
      run: async () => {
        const [a] = await t.database.query<{ id: number; request_id: number }>(
          "select id, request_id from request_appeals order by id desc limit 1",
        );
        return (
          await api(t, "PUT", `/api/v1/requests/${a?.request_id}/appeals/${a?.id}`, {
            token: await tokenFor(t, "a.head"),
            json: { result: "upheld", decidedAt: "2026-04-01" },
          })
        ).status;
      },
    },
  );

  writes.push(
    {
      method: "POST",
      path: "/api/v1/spot-checks",
      action: "spot_check.draw",
      run: async () =>
        (
          await api(t, "POST", "/api/v1/spot-checks", {
            token: await tokenFor(t, "office"),
            json: { closedFrom: "2026-01-01", closedTo: "2026-12-31", sampleSize: 1 },
          })
        ).status,
    },
    {
      method: "PUT",
      path: "/api/v1/spot-checks/:id/items/:requestId",
      action: "spot_check.score",
      run: async () => {
        const [i] = await t.database.query<{ spot_check_id: number; request_id: number }>(
          "select spot_check_id, request_id from spot_check_items limit 1",
        );
        const checklist = {
          onTime: true,
          letterComplete: true,
          outcomeRight: true,
          deliveryRecorded: true,
          contactRecorded: false,
        };
        return (
          await api(t, "PUT", `/api/v1/spot-checks/${i?.spot_check_id}/items/${i?.request_id}`, {
            token: await tokenFor(t, "office"),
            json: { checklist },
          })
        ).status;
      },
    },
  );

  writes.push({
    method: "POST",
    path: "/admin/reply-templates",
    action: "reply_template.update",
    run: async () =>
      (
        await (
          await new Visitor(t).login("office")
        ).post("/admin/reply-templates?outcome=other.other", { text: "{applicantName}：您的申请已撤回。" })
      ).status,
  });

  writes.push({
    method: "POST",
    path: "/api/v1/requests/:id/attachments",
    action: "request.attach",
    run: async () => {
      const form = new FormData();
      form.append("file", new File([new TextEncoder().encode("%PDF-1.4\n%%EOF\n")], "材料.pdf"));
      const res = await t.app.request(`/api/v1/requests/${await lastRequestId()}/attachments`, {
        method: "POST",
        headers: { authorization: `Bearer ${await tokenFor(t, "a.head")}` },
        body: form,
      });
      return res.status;
    },
  });

  writes.push({
    method: "POST",
    path: "/api/v1/ledger/plans/import",
    action: "ledger.import",
    run: async () =>
      (
        await t.app.request("/api/v1/ledger/plans/import?title=测试计划&issuedAt=2026-01-05&year=2026", {
          method: "POST",
          headers: { authorization: `Bearer ${await tokenFor(t, "office")}`, "content-type": "text/csv" },
          body: "no,section,group,requirement,units,deadline\n1,一,（一）,公开某事,区财政局,全年\n",
        })
      ).status,
  });

  writes.push({
    method: "POST",
    path: "/admin/requests/:id/contacts",
    action: "request.contact",
    run: async () =>
      (
        await (
          await new Visitor(t).login("a.head")
        ).post(`/admin/requests/${await lastRequestId()}/contacts`, {
          method: "email",
          date: "2026-03-10",
          summary: "邮件告知办理进度",
        })
      ).status,
  });

  writes.push({
    method: "POST",
    path: "/admin/requests/:id/appeals",
    action: "appeal.create",
    run: async () => {
      const [r] = await t.database.query<{ id: number }>(
        "select id from requests where status = 'concluded' order by id desc limit 1",
      );
      return (
        await (
          await new Visitor(t).login("office")
        ).post(`/admin/requests/${r?.id}/appeals`, { kind: "litigation_direct", filedAt: "2026-03-20" })
      ).status;
    },
  });

  // Anonymous POSTs (logins, token requests) are rate-limited: sign each user in once for the cases below.
  const tokens = new Map<string, string>();
  const tokenOnce = async (user: string) => {
    const token = tokens.get(user) ?? (await tokenFor(t, user));
    tokens.set(user, token);
    return token;
  };

  // 主动公开: each step of a document's life, by the role that takes it.
  const newDocument = async (title: string, extra: Record<string, unknown> = {}) =>
    (
      await api(t, "POST", "/api/v1/documents", {
        token: await tokenOnce("a.editor"),
        json: { title, unitId: unitA, ...extra },
      })
    ).data.id as number;
  const documentCall = async (user: string, method: string, path: string, json: unknown = {}) =>
    (await api(t, method, path, { token: await tokenOnce(user), json })).status;
  /** Unit A's published document, and unit B's published repeal of it waiting for A's answer. */
  const proposedRepeal = async (title: string) => {
    const targetId = await newDocument(title);
    await documentCall("a.head", "POST", `/api/v1/documents/${targetId}/publish`);
    await api(t, "POST", "/api/v1/documents", {
      token: await tokenOnce("b.reviewer"),
      json: {
        title: `废止${title}的决定`,
        unitId: unitB,
        status: "published",
        relations: [{ kind: "repeals", documentId: targetId }],
      },
    });
    const [rel] = await t.database.query<{ id: number }>(
      `select id from document_relations where to_id = ${targetId} and state = 'proposed'`,
    );
    return { targetId, relationId: rel?.id ?? 0 };
  };
  writes.push(
    {
      method: "POST",
      path: "/api/v1/documents",
      action: "document.create",
      run: async () =>
        documentCall("a.editor", "POST", "/api/v1/documents", { title: "审计用文件", unitId: unitA }),
    },
    {
      method: "PATCH",
      path: "/api/v1/documents/:id",
      action: "document.update",
      run: async () =>
        documentCall("a.editor", "PATCH", `/api/v1/documents/${await newDocument("待修改")}`, {
          summary: "摘要",
        }),
    },
    {
      method: "POST",
      path: "/api/v1/documents/:id/submit",
      action: "document.submit",
      run: async () =>
        documentCall("a.editor", "POST", `/api/v1/documents/${await newDocument("待送审")}/submit`),
    },
    {
      method: "POST",
      path: "/api/v1/documents/:id/return",
      action: "document.return",
      run: async () => {
        const id = await newDocument("待退回");
        await documentCall("a.editor", "POST", `/api/v1/documents/${id}/submit`);
        return documentCall("a.head", "POST", `/api/v1/documents/${id}/return`, { comment: "请补充依据" });
      },
    },
    {
      method: "POST",
      path: "/api/v1/documents/:id/publish",
      action: "document.publish",
      run: async () =>
        documentCall("a.head", "POST", `/api/v1/documents/${await newDocument("待发布")}/publish`),
    },
    {
      method: "POST",
      path: "/api/v1/documents/:id/withdraw",
      action: "document.withdraw",
      run: async () => {
        const id = await newDocument("待撤回");
        await documentCall("a.head", "POST", `/api/v1/documents/${id}/publish`);
        return documentCall("a.head", "POST", `/api/v1/documents/${id}/withdraw`, {
          notice: "内容有误，予以撤回。",
        });
      },
    },
    {
      method: "POST",
      path: "/api/v1/documents/:id/proposals/:relationId",
      action: "document.relation_accept",
      run: async () => {
        const { targetId, relationId } = await proposedRepeal("接口待确认");
        return documentCall("a.head", "POST", `/api/v1/documents/${targetId}/proposals/${relationId}`, {
          decision: "accept",
        });
      },
    },
    {
      method: "POST",
      path: "/api/v1/documents/:id/attachments",
      action: "document.attach",
      run: async () => {
        const form = new FormData();
        const png = Uint8Array.from(
          Buffer.from(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
            "base64",
          ),
        );
        form.set("file", new File([png], "图解.png", { type: "image/png" }));
        const res = await t.app.request(`/api/v1/documents/${await newDocument("带附件")}/attachments`, {
          method: "POST",
          headers: { authorization: `Bearer ${await tokenOnce("a.editor")}` },
          body: form,
        });
        return res.status;
      },
    },
    {
      method: "POST",
      path: "/api/v1/document-topics",
      action: "document.topic_add",
      run: async () => documentCall("office", "POST", "/api/v1/document-topics", { name: "审计用主题" }),
    },
    {
      method: "POST",
      path: "/api/v1/search/synonyms",
      action: "search.synonyms_add",
      run: async () =>
        documentCall("office", "POST", "/api/v1/search/synonyms", { terms: ["双减", "减轻学生负担"] }),
    },
    {
      method: "DELETE",
      path: "/api/v1/search/synonyms/:id",
      action: "search.synonyms_remove",
      run: async () => {
        const token = await tokenOnce("office");
        const r = await api(t, "POST", "/api/v1/search/synonyms", {
          token,
          json: { terms: ["甲词", "乙词"] },
        });
        return (await api(t, "DELETE", `/api/v1/search/synonyms/${r.data.id}`, { token })).status;
      },
    },
    {
      method: "POST",
      path: "/api/v1/gazette",
      action: "gazette.create",
      run: async () =>
        documentCall("office", "POST", "/api/v1/gazette", {
          year: 2026,
          number: 9,
          publishedOn: "2026-03-01",
          items: [],
        }),
    },
  );

  // 主动公开 back-office pages: the same steps through the forms. One signed-in visitor per user,
  // so that these cases add no sign-ins to the per-address limit on anonymous posts.
  const pageVisitors = new Map<string, Visitor>();
  const pageVisitor = async (user: string) => {
    const known = pageVisitors.get(user);
    if (known) return known;
    const v = await new Visitor(t).login(user);
    pageVisitors.set(user, v);
    return v;
  };
  const documentPage = async (user: string, path: string, fields: Record<string, string> = {}) => {
    const v = await pageVisitor(user);
    await v.get("/admin/documents");
    return (await v.post(path, fields)).status;
  };
  const pageDocument = async (title: string) => {
    const v = await pageVisitor("a.editor");
    await v.get("/admin/documents/new");
    const r = await v.post("/admin/documents", { title, unitId: String(unitA) });
    return Number(/\/admin\/documents\/(\d+)$/.exec(r.location ?? "")?.[1]);
  };
  const uploadOnPage = async (documentId: number, name: string) => {
    const v = await pageVisitor("a.editor");
    const form = new FormData();
    form.set("_csrf", v.csrf);
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    form.set("file", new File([Uint8Array.from(png)], name, { type: "image/png" }));
    const res = await t.app.request(`/admin/documents/${documentId}/attachments`, {
      method: "POST",
      headers: { cookie: v.cookie },
      body: form,
    });
    return res.status;
  };
  writes.push(
    {
      method: "POST",
      path: "/admin/documents",
      action: "document.create",
      run: async () =>
        documentPage("a.editor", "/admin/documents", { title: "页面新建的文件", unitId: String(unitA) }),
    },
    {
      method: "POST",
      path: "/admin/documents/:id/edit",
      action: "document.update",
      run: async () =>
        documentPage("a.editor", `/admin/documents/${await pageDocument("页面待修改")}/edit`, {
          version: "1",
          title: "页面已修改",
          unitId: String(unitA),
        }),
    },
    {
      method: "POST",
      path: "/admin/documents/:id/submit",
      action: "document.submit",
      run: async () =>
        documentPage("a.editor", `/admin/documents/${await pageDocument("页面待送审")}/submit`),
    },
    {
      method: "POST",
      path: "/admin/documents/:id/return",
      action: "document.return",
      run: async () => {
        const id = await pageDocument("页面待退回");
        await documentPage("a.editor", `/admin/documents/${id}/submit`);
        return documentPage("a.head", `/admin/documents/${id}/return`, { comment: "请补充依据" });
      },
    },
    {
      method: "POST",
      path: "/admin/documents/:id/publish",
      action: "document.publish",
      run: async () => documentPage("a.head", `/admin/documents/${await pageDocument("页面待发布")}/publish`),
    },
    {
      method: "POST",
      path: "/admin/documents/:id/withdraw",
      action: "document.withdraw",
      run: async () => {
        const id = await pageDocument("页面待撤回");
        await documentPage("a.head", `/admin/documents/${id}/publish`);
        return documentPage("a.head", `/admin/documents/${id}/withdraw`, { notice: "内容有误，予以撤回。" });
      },
    },
    {
      method: "POST",
      path: "/admin/documents/:id/attachments",
      action: "document.attach",
      run: async () => uploadOnPage(await pageDocument("页面带附件"), "页面图解.png"),
    },
    {
      method: "POST",
      path: "/admin/documents/:id/proposals/:relationId",
      action: "document.relation_decline",
      run: async () => {
        const { targetId, relationId } = await proposedRepeal("页面待确认");
        return documentPage("a.head", `/admin/documents/${targetId}/proposals/${relationId}`, {
          decision: "decline",
        });
      },
    },
    {
      method: "POST",
      path: "/admin/documents/:id/attachments/:attachmentId/remove",
      action: "document.detach",
      run: async () => {
        const id = await pageDocument("页面删附件");
        await uploadOnPage(id, "待删除.png");
        const [a] = await t.database.query<{ id: number }>(
          `select id from document_attachments where document_id = ${id}`,
        );
        return documentPage("a.editor", `/admin/documents/${id}/attachments/${a?.id}/remove`);
      },
    },
    {
      method: "POST",
      path: "/admin/catalogue/synonyms",
      action: "search.synonyms_add",
      run: async () => documentPage("office", "/admin/catalogue/synonyms", { terms: "放管服、放管服改革" }),
    },
    {
      method: "POST",
      path: "/admin/catalogue/synonyms/:id/remove",
      action: "search.synonyms_remove",
      run: async () => {
        await documentPage("office", "/admin/catalogue/synonyms", { terms: "丙词、丁词" });
        const [s] = await t.database.query<{ id: number }>(
          "select id from search_synonyms order by id desc limit 1",
        );
        return documentPage("office", `/admin/catalogue/synonyms/${s?.id}/remove`);
      },
    },
    {
      method: "POST",
      path: "/admin/catalogue/topics",
      action: "document.topic_add",
      run: async () => documentPage("office", "/admin/catalogue/topics", { name: "页面新增主题" }),
    },
    {
      method: "POST",
      path: "/admin/catalogue/index-pattern",
      action: "document.index_pattern",
      // The default pattern again, so that documents created by later cases number as before.
      run: async () =>
        documentPage("office", "/admin/catalogue/index-pattern", { pattern: "{code}/{year}-{seq:5}" }),
    },
    {
      method: "POST",
      path: "/admin/catalogue/gazette",
      action: "gazette.create",
      run: async () =>
        documentPage("office", "/admin/catalogue/gazette", {
          year: "2026",
          number: "10",
          publishedOn: "2026-04-01",
        }),
    },
  );

  // Art. 44: a disclosed reply becomes a draft document; the office has both roles needed.
  const disclosedRequest = async () => {
    const token = await tokenOnce("office");
    const r = await api(t, "POST", "/api/v1/requests", {
      token,
      json: {
        applicant: { kind: "natural_person", name: "赵六" },
        channel: "mail",
        receivedAt: "2026-03-02",
        description: "申请公开某项目的批复",
        unitId: unitA,
      },
    });
    await api(t, "POST", `/api/v1/requests/${r.data.id}/actions`, {
      token,
      json: { type: "reply", date: "2026-03-05", outcome: "disclosed" },
    });
    return r.data.id as number;
  };
  writes.push(
    {
      method: "POST",
      path: "/api/v1/requests/:id/disclose",
      action: "request.disclose",
      run: async () =>
        (
          await api(t, "POST", `/api/v1/requests/${await disclosedRequest()}/disclose`, {
            token: await tokenOnce("office"),
            json: { title: "某项目的批复", body: "批复全文。" },
          })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/requests/:id/disclose",
      action: "request.disclose",
      run: async () => {
        const id = await disclosedRequest();
        return (
          await (
            await new Visitor(t).login("office")
          ).post(`/admin/requests/${id}/disclose`, { title: "批复", body: "全文" })
        ).status;
      },
    },
  );

  // Work ledger: a unit reports progress on its task, the office reviews it; API and pages.
  const ledgerTask = async () => {
    const res = await t.app.request(
      "/api/v1/ledger/plans/import?title=审计用台账&issuedAt=2026-01-05&year=2026",
      {
        method: "POST",
        headers: { authorization: `Bearer ${await tokenOnce("office")}`, "content-type": "text/csv" },
        body: "no,section,group,requirement,units,deadline\n1,一,（一）,公开某事,区卫生健康局,全年\n",
      },
    );
    const planId = ((await res.json()) as { id: number }).id;
    const list = await api(t, "GET", `/api/v1/ledger/plans/${planId}/tasks`, {
      token: await tokenOnce("office"),
    });
    return list.data.items[0].id as number;
  };
  const ledgerReport = async () =>
    (
      await api(t, "POST", `/api/v1/ledger/tasks/${await ledgerTask()}/reports`, {
        token: await tokenOnce("a.liaison"),
        json: { body: "已发布。", reportedOn: "2026-03-01" },
      })
    ).data.id as number;
  writes.push(
    {
      method: "POST",
      path: "/api/v1/ledger/tasks/:id/reports",
      action: "ledger.report",
      run: async () => {
        await ledgerReport();
        return 201;
      },
    },
    {
      method: "POST",
      path: "/api/v1/ledger/reports/:id/review",
      action: "ledger.review",
      run: async () =>
        (
          await api(t, "POST", `/api/v1/ledger/reports/${await ledgerReport()}/review`, {
            token: await tokenOnce("office"),
            json: { decision: "accept" },
          })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/ledger/import",
      action: "ledger.import",
      run: async () => {
        const v = await pageVisitor("office");
        await v.get("/admin/ledger");
        const form = new FormData();
        form.set("_csrf", v.csrf);
        form.set("title", "页面导入的台账");
        form.set("issuedAt", "2026-01-05");
        form.set("year", "2026");
        const csv = "no,section,group,requirement,units,deadline\n1,一,（一）,公开某事,区财政局,全年\n";
        form.set("file", new File([csv], "tasks.csv", { type: "text/csv" }));
        const res = await t.app.request("/admin/ledger/import", {
          method: "POST",
          headers: { cookie: v.cookie },
          body: form,
        });
        return res.status;
      },
    },
    {
      method: "POST",
      path: "/admin/ledger/tasks/:id/reports",
      action: "ledger.report",
      run: async () => {
        const id = await ledgerTask();
        const v = await pageVisitor("a.liaison");
        await v.get(`/admin/ledger/tasks/${id}`);
        return (
          await v.post(`/admin/ledger/tasks/${id}/reports`, { body: "页面报告", reportedOn: "2026-03-01" })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/ledger/reports/:id/review",
      action: "ledger.review",
      run: async () => {
        const v = await pageVisitor("office");
        await v.get("/admin/ledger/review");
        return (
          await v.post(`/admin/ledger/reports/${await ledgerReport()}/review`, {
            decision: "return",
            comment: "请补充",
          })
        ).status;
      },
    },
  );

  // Spot checks and the calendar import from their pages: form posts with a bearer token need no CSRF token.
  const formPost = async (user: string, path: string, body: URLSearchParams | FormData) =>
    (
      await t.app.request(path, {
        method: "POST",
        headers: { authorization: `Bearer ${await tokenOnce(user)}` },
        body,
      })
    ).status;
  writes.push(
    {
      method: "POST",
      path: "/admin/spot-checks",
      action: "spot_check.draw",
      run: async () =>
        formPost(
          "office",
          "/admin/spot-checks",
          new URLSearchParams({ closedFrom: "2026-01-01", closedTo: "2026-12-31", sampleSize: "2" }),
        ),
    },
    {
      method: "POST",
      path: "/admin/spot-checks/:id/items/:requestId",
      action: "spot_check.score",
      run: async () => {
        const [i] = await t.database.query<{ spot_check_id: number; request_id: number }>(
          "select spot_check_id, request_id from spot_check_items order by spot_check_id desc limit 1",
        );
        const answers = ["onTime", "letterComplete", "outcomeRight", "deliveryRecorded", "contactRecorded"];
        return formPost(
          "office",
          `/admin/spot-checks/${i?.spot_check_id}/items/${i?.request_id}`,
          new URLSearchParams(answers.map((k) => [`checklist.${k}`, "1"])),
        );
      },
    },
    {
      method: "POST",
      path: "/admin/calendar/import",
      action: "calendar.update",
      run: async () => {
        const form = new FormData();
        form.set("year", "2030");
        form.set("file", new File([new TextEncoder().encode("2030-01-01,holiday\n")], "2030.csv"));
        return formPost("admin", "/admin/calendar/import", form);
      },
    },
  );

  // 年度报告: unit B's reports of past years, which no other case touches, so their checks pass.
  const reportPage = async (path: string, fields: Record<string, string> = {}) => {
    const v = await pageVisitor("b.head");
    await v.get(`/admin/reports/2023?unitId=${unitB}`);
    return (await v.post(path, fields)).status;
  };
  const narrative = { issuerName: "区财政局", overview: "总体情况", problems: "", otherMatters: "" };
  writes.push(
    {
      method: "PUT",
      path: "/api/v1/reports/annual/:year/narrative",
      action: "report.save",
      run: async () =>
        (
          await api(t, "PUT", `/api/v1/reports/annual/2024/narrative?unitId=${unitB}`, {
            token: await tokenOnce("b.head"),
            json: narrative,
          })
        ).status,
    },
    {
      method: "POST",
      path: "/api/v1/reports/annual/:year/publish",
      action: "report.publish",
      run: async () =>
        (
          await api(t, "POST", `/api/v1/reports/annual/2024/publish?unitId=${unitB}`, {
            token: await tokenOnce("b.head"),
          })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/reports/:year/narrative",
      action: "report.save",
      run: async () => reportPage(`/admin/reports/2023/narrative?unitId=${unitB}`, narrative),
    },
    {
      method: "POST",
      path: "/admin/reports/:year/publish",
      action: "report.publish",
      run: async () => reportPage(`/admin/reports/2023/publish?unitId=${unitB}`),
    },
  );

  // Work ledger at year end: 回头看 of a task and the assessment weights; API and pages.
  const ledgerPlanOf = async (taskId: number) =>
    (await t.database.query<{ plan_id: number }>(`select plan_id from ledger_tasks where id = ${taskId}`))[0]
      ?.plan_id as number;
  writes.push(
    {
      method: "POST",
      path: "/api/v1/ledger/tasks/:id/year-end",
      action: "ledger.year_end",
      run: async () =>
        (
          await api(t, "POST", `/api/v1/ledger/tasks/${await ledgerTask()}/year-end`, {
            token: await tokenOnce("office"),
            json: { outcome: "closed", reason: "已完成" },
          })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/ledger/tasks/:id/year-end",
      action: "ledger.year_end",
      run: async () => {
        const id = await ledgerTask();
        const v = await pageVisitor("office");
        await v.get(`/admin/ledger/tasks/${id}`);
        return (await v.post(`/admin/ledger/tasks/${id}/year-end`, { outcome: "closed", reason: "" })).status;
      },
    },
    {
      method: "PUT",
      path: "/api/v1/ledger/plans/:id/assessment/weights",
      action: "ledger.assessment_weights",
      run: async () =>
        (
          await api(
            t,
            "PUT",
            `/api/v1/ledger/plans/${await ledgerPlanOf(await ledgerTask())}/assessment/weights`,
            {
              token: await tokenOnce("office"),
              json: { onTime: 60, returned: 20, review: 20 },
            },
          )
        ).status,
    },
    {
      method: "POST",
      path: "/admin/ledger/plans/:id/assessment",
      action: "ledger.assessment_weights",
      run: async () => {
        const planId = await ledgerPlanOf(await ledgerTask());
        const v = await pageVisitor("office");
        await v.get(`/admin/ledger/plans/${planId}/assessment`);
        return (
          await v.post(`/admin/ledger/plans/${planId}/assessment`, {
            onTime: "40",
            returned: "30",
            review: "30",
          })
        ).status;
      },
    },
  );

  // 村级补贴公示 and the registries: a village below a 街道, created once.
  let villageId: number | undefined;
  const village = async () => {
    if (villageId) return villageId;
    const token = await tokenOnce("office");
    const street = await api(t, "POST", "/api/v1/units", {
      token,
      json: { name: "四里村街道办事处", kind: "subdistrict" },
    });
    const v = await api(t, "POST", "/api/v1/units", {
      token,
      json: { name: "郎茂山社区", kind: "community", parentId: street.data.id },
    });
    villageId = v.data.id as number;
    return villageId;
  };
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const firstId = async (table: string) =>
    Number((await t.database.query<{ id: number }>(`select id from ${table} order by id limit 1`))[0]?.id);
  writes.push(
    {
      method: "POST",
      path: "/api/v1/subsidy-notices",
      action: "subsidy_notice.publish",
      run: async () =>
        (
          await api(t, "POST", "/api/v1/subsidy-notices", {
            token: await tokenOnce("office"),
            json: {
              unitId: await village(),
              title: "低保金发放公示",
              startsAt: today,
              endsAt: today,
              rows: [{ name: "张三", idNumber: "370102199001011231", item: "低保金", amount: 600 }],
            },
          })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/subsidies",
      action: "subsidy_notice.publish",
      run: async () => {
        const v = await pageVisitor("office");
        await v.get("/admin/subsidies/new");
        return (
          await v.post("/admin/subsidies", {
            unitId: String(await village()),
            title: "耕地地力保护补贴公示",
            startsAt: today,
            endsAt: today,
            rowsText: "李四,11010519491231002X,耕地地力保护补贴,88.5",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/subsidies/retention",
      action: "subsidy_notice.retention",
      run: async () => {
        const v = await pageVisitor("office");
        await v.get("/admin/subsidies");
        return (await v.post("/admin/subsidies/retention", { years: "6" })).status;
      },
    },
    {
      method: "POST",
      path: "/admin/subsidies/terminals/:id",
      action: "subsidy_terminal.issue",
      run: async () => {
        const v = await pageVisitor("office");
        await v.get("/admin/subsidies/terminals");
        return (await v.post(`/admin/subsidies/terminals/${await village()}`, {})).status;
      },
    },
    {
      method: "POST",
      path: "/admin/new-media",
      action: "new_media.create",
      run: async () => {
        const v = await pageVisitor("a.head");
        await v.get("/admin/new-media");
        return (
          await v.post("/admin/new-media", {
            unitId: String(unitA),
            platform: "douyin",
            name: "市中卫健",
            registeredOn: "2022-01-01",
            filingStatus: "filed",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/new-media/:id",
      action: "new_media.update",
      run: async () => {
        const id = await firstId("new_media_accounts");
        const v = await pageVisitor("a.head");
        await v.get(`/admin/new-media/${id}`);
        return (
          await v.post(`/admin/new-media/${id}`, {
            unitId: String(unitA),
            platform: "douyin",
            name: "市中卫健",
            registeredOn: "2022-01-01",
            closedOn: "2026-01-01",
            filingStatus: "filed",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/new-media/:id/inspections",
      action: "new_media.inspect",
      run: async () => {
        const id = await firstId("new_media_accounts");
        const v = await pageVisitor("office");
        await v.get(`/admin/new-media/${id}`);
        return (
          await v.post(`/admin/new-media/${id}/inspections`, {
            inspectedOn: "2025-06-01",
            lastUpdatedOn: "2025-05-30",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/training",
      action: "training.create",
      run: async () => {
        const v = await pageVisitor("a.liaison");
        await v.get("/admin/training");
        return (
          await v.post("/admin/training", {
            unitId: String(unitA),
            title: "政务公开通识培训",
            kind: "general",
            heldOn: "2025-05-01",
            hours: "2",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/cases",
      action: "case.create",
      run: async () => {
        const v = await pageVisitor("office");
        await v.get("/admin/cases");
        return (
          await v.post("/admin/cases", {
            kind: "appeal_outcome",
            title: "复议维持案例",
            body: "复议机关维持原答复。",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/enterprises",
      action: "enterprise.create",
      run: async () => {
        const v = await pageVisitor("office");
        await v.get("/admin/enterprises");
        return (
          await v.post("/admin/enterprises", {
            name: "市中区第一实验小学",
            sector: "school",
            supervisorUnitId: String(unitA),
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/enterprises/:id",
      action: "enterprise.update",
      run: async () => {
        const id = await firstId("public_enterprises");
        const v = await pageVisitor("office");
        await v.get(`/admin/enterprises/${id}`);
        return (
          await v.post(`/admin/enterprises/${id}`, {
            name: "市中区第一实验小学",
            sector: "school",
            supervisorUnitId: String(unitA),
            disclosureItems: "招生政策",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/reading-rooms",
      action: "reading_room.create",
      run: async () => {
        const v = await pageVisitor("office");
        await v.get("/admin/reading-rooms");
        return (await v.post("/admin/reading-rooms", { name: "区图书馆查阅点", address: "市中区某路1号" }))
          .status;
      },
    },
    {
      method: "POST",
      path: "/admin/reading-rooms/:id",
      action: "reading_room.update",
      run: async () => {
        const id = await firstId("reading_rooms");
        const v = await pageVisitor("office");
        await v.get(`/admin/reading-rooms/${id}`);
        return (
          await v.post(`/admin/reading-rooms/${id}`, {
            name: "区图书馆查阅点",
            address: "市中区某路2号",
            hours: "9:00–17:00",
          })
        ).status;
      },
    },
  );

  // Participation: the decision catalogue and consultations, by the unit's editor and the office.
  const shift = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const newDecision = async () =>
    (
      await api(t, "POST", "/api/v1/decisions", {
        token: await tokenOnce("office"),
        json: { unitId: unitA, year: 2026, title: "决策事项" },
      })
    ).data.id as number;
  const newConsultation = async () =>
    (
      await api(t, "POST", "/api/v1/consultations", {
        token: await tokenOnce("office"),
        json: {
          unitId: unitA,
          title: "征求意见稿",
          draft: "第一条 内容。",
          opensAt: shift(-1),
          closesAt: shift(30),
        },
      })
    ).data.id as number;
  const newComment = async (id: number) =>
    (await api(t, "POST", `/api/v1/public/consultations/${id}/comments`, { json: { body: "意见" } })).data
      .id as number;
  /** A consultation whose only comment has a disposition and whose window has passed. */
  const readyToPublish = async () => {
    const id = await newConsultation();
    const m = await newComment(id);
    await api(t, "PUT", `/api/v1/consultations/${id}/comments/${m}/disposition`, {
      token: await tokenOnce("office"),
      json: { disposition: "adopted" },
    });
    await t.db.execute(sql`update consultations set closes_at = ${shift(-1)}::date where id = ${id}`);
    return id;
  };
  writes.push(
    {
      method: "POST",
      path: "/api/v1/decisions",
      action: "decision.create",
      run: async () => (await newDecision()) && 201,
    },
    {
      method: "POST",
      path: "/api/v1/decisions/:id/stages",
      action: "decision.stage_record",
      run: async () =>
        (
          await api(t, "POST", `/api/v1/decisions/${await newDecision()}/stages`, {
            token: await tokenOnce("a.editor"),
            json: { stage: "draft", date: "2026-01-05" },
          })
        ).status,
    },
    {
      method: "POST",
      path: "/api/v1/consultations",
      action: "consultation.create",
      run: async () => (await newConsultation()) && 201,
    },
    {
      method: "PUT",
      path: "/api/v1/consultations/:id/comments/:commentId/disposition",
      action: "consultation.comment_dispose",
      run: async () => {
        const id = await newConsultation();
        return (
          await api(t, "PUT", `/api/v1/consultations/${id}/comments/${await newComment(id)}/disposition`, {
            token: await tokenOnce("a.editor"),
            json: { disposition: "not_adopted", reason: "已有规定" },
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/api/v1/consultations/:id/comments/:commentId/hide",
      action: "consultation.comment_hide",
      run: async () => {
        const id = await newConsultation();
        return (
          await api(t, "POST", `/api/v1/consultations/${id}/comments/${await newComment(id)}/hide`, {
            token: await tokenOnce("a.editor"),
            json: { reason: "辱骂" },
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/api/v1/consultations/:id/feedback/publish",
      action: "consultation.feedback_publish",
      run: async () =>
        (
          await api(t, "POST", `/api/v1/consultations/${await readyToPublish()}/feedback/publish`, {
            token: await tokenOnce("office"),
          })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/decisions",
      action: "decision.create",
      run: async () =>
        (
          await (
            await pageVisitor("a.editor")
          ).post("/admin/decisions", { unitId: String(unitA), year: "2026", title: "页面新增" })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/decisions/:id/stages",
      action: "decision.stage_record",
      run: async () =>
        (
          await (
            await pageVisitor("a.editor")
          ).post(`/admin/decisions/${await newDecision()}/stages`, {
            stage: "draft",
            date: "2026-01-05",
          })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/consultations",
      action: "consultation.create",
      run: async () =>
        (
          await (
            await pageVisitor("a.editor")
          ).post("/admin/consultations", {
            unitId: String(unitA),
            title: "页面发布",
            draft: "第一条 内容。",
            opensAt: shift(0),
            closesAt: shift(30),
          })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/consultations/:id/comments/:commentId/disposition",
      action: "consultation.comment_dispose",
      run: async () => {
        const id = await newConsultation();
        const m = await newComment(id);
        return (
          await (
            await pageVisitor("a.editor")
          ).post(`/admin/consultations/${id}/comments/${m}/disposition`, {
            disposition: "adopted",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/consultations/:id/comments/:commentId/hide",
      action: "consultation.comment_hide",
      run: async () => {
        const id = await newConsultation();
        const m = await newComment(id);
        return (
          await (
            await pageVisitor("a.editor")
          ).post(`/admin/consultations/${id}/comments/${m}/hide`, { reason: "辱骂" })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/consultations/:id/publish",
      action: "consultation.feedback_publish",
      run: async () =>
        (
          await (
            await pageVisitor("office")
          ).post(`/admin/consultations/${await readyToPublish()}/publish`, {})
        ).status,
    },
  );

  // Policy services: eligibility on the document page, questionnaire options, webhooks.
  writes.push(
    {
      method: "POST",
      path: "/admin/documents/:id/eligibility",
      action: "document.eligibility_update",
      run: async () => {
        const d = await api(t, "POST", "/api/v1/documents", {
          token: await tokenFor(t, "office"),
          json: { title: "适用对象测试政策", kind: "policy", unitId: unitA },
        });
        const v = await new Visitor(t).login("a.editor");
        await v.get(`/admin/documents/${d.data.id}`);
        return (
          await v.post(`/admin/documents/${d.data.id}/eligibility`, { audiences: "person", ageMin: "60" })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/alerts/attributes",
      action: "eligibility.attribute_add",
      run: async () => {
        const v = await new Visitor(t).login("office");
        await v.get("/admin/alerts");
        return (await v.post("/admin/alerts/attributes", { audience: "person", name: "独生子女家庭" }))
          .status;
      },
    },
    {
      method: "POST",
      path: "/api/v1/webhooks",
      action: "webhook.create",
      run: async () =>
        (
          await api(t, "POST", "/api/v1/webhooks", {
            token: await tokenFor(t, "office"),
            json: { url: "https://integrator.example.gov.cn/hook" },
          })
        ).status,
    },
    {
      method: "DELETE",
      path: "/api/v1/webhooks/:id",
      action: "webhook.remove",
      run: async () => {
        const token = await tokenFor(t, "office");
        const w = await api(t, "POST", "/api/v1/webhooks", {
          token,
          json: { url: "https://x.example.gov.cn/h" },
        });
        return (await api(t, "DELETE", `/api/v1/webhooks/${w.data.id}`, { token })).status;
      },
    },
  );

  // 公众参与: meetings and their draw, open days, surveys (API and pages), by unit A's editor; the
  // public registrations and cancellations are audited too (without the person's data).
  const FUTURE = { heldAt: "2099-12-31", registrationClosesAt: "2099-12-30" };
  const engagementApi = async (path: string, json?: unknown, user: string | null = "a.editor") =>
    (await api(t, "POST", path, { token: user ? await tokenOnce(user) : undefined, json })).status;
  const newMeetingId = async () =>
    (
      await api(t, "POST", "/api/v1/meetings", {
        token: await tokenOnce("a.editor"),
        json: { unitId: unitA, title: "审计用会议", seats: 1, ...FUTURE },
      })
    ).data.id as number;
  const meetingWithRegistration = async () => {
    const id = await newMeetingId();
    await api(t, "POST", `/api/v1/public/meetings/${id}/registrations`, {
      json: { name: "周某", phone: "13600000001", kind: "citizen", reason: "关心" },
    });
    return id;
  };
  const newOpenDayId = async () =>
    (
      await api(t, "POST", "/api/v1/open-days", {
        token: await tokenOnce("a.editor"),
        json: { unitId: unitA, title: "审计用开放活动", capacity: 5, ...FUTURE },
      })
    ).data.id as number;
  const survey = () => ({
    unitId: unitA,
    title: "审计用问卷",
    opensAt: "2020-01-01",
    closesAt: "2099-12-31",
    questions: [{ kind: "scale", text: "满意度" }],
  });
  const newSurveyId = async () =>
    (await api(t, "POST", "/api/v1/surveys", { token: await tokenOnce("a.editor"), json: survey() })).data
      .id as number;
  const editorPage = async (path: string, fields: Record<string, string>, first?: string) => {
    const v = await pageVisitor("a.editor");
    await v.get(first ?? path);
    return (await v.post(path, fields)).status;
  };
  writes.push(
    {
      method: "POST",
      path: "/api/v1/meetings",
      action: "meeting.create",
      run: () => engagementApi("/api/v1/meetings", { unitId: unitA, title: "会议", seats: 2, ...FUTURE }),
    },
    {
      method: "POST",
      path: "/api/v1/public/meetings/:id/registrations",
      action: "meeting.register",
      run: async () =>
        engagementApi(
          `/api/v1/public/meetings/${await newMeetingId()}/registrations`,
          { name: "吴某", phone: "13600000002", kind: "expert", reason: "专业" },
          null,
        ),
    },
    {
      method: "POST",
      path: "/api/v1/meetings/:id/draw",
      action: "meeting.draw",
      run: async () =>
        engagementApi(`/api/v1/meetings/${await meetingWithRegistration()}/draw`, { seed: "123" }),
    },
    {
      method: "POST",
      path: "/api/v1/meetings/:id/draw/publish",
      action: "meeting.draw_publish",
      run: async () => {
        const id = await meetingWithRegistration();
        await engagementApi(`/api/v1/meetings/${id}/draw`, { seed: "123" });
        return engagementApi(`/api/v1/meetings/${id}/draw/publish`);
      },
    },
    {
      method: "POST",
      path: "/api/v1/meetings/:id/opinions",
      action: "meeting.opinion_add",
      run: async () =>
        engagementApi(`/api/v1/meetings/${await newMeetingId()}/opinions`, { opinion: "意见" }),
    },
    {
      method: "POST",
      path: "/api/v1/open-days",
      action: "open_day.create",
      run: () =>
        engagementApi("/api/v1/open-days", { unitId: unitA, title: "开放日", capacity: 3, ...FUTURE }),
    },
    {
      method: "POST",
      path: "/api/v1/public/open-days/:id/registrations",
      action: "open_day.register",
      run: async () =>
        engagementApi(
          `/api/v1/public/open-days/${await newOpenDayId()}/registrations`,
          { name: "郑某", phone: "13600000003" },
          null,
        ),
    },
    {
      method: "POST",
      path: "/api/v1/public/open-days/:id/registrations/cancel",
      action: "open_day.cancel",
      run: async () => {
        const id = await newOpenDayId();
        const r = await api(t, "POST", `/api/v1/public/open-days/${id}/registrations`, {
          json: { name: "钱某", phone: "13600000004" },
        });
        return engagementApi(
          `/api/v1/public/open-days/${id}/registrations/cancel`,
          { token: r.data.token },
          null,
        );
      },
    },
    {
      method: "POST",
      path: "/api/v1/open-days/:id/feedback",
      action: "open_day.feedback_publish",
      run: async () =>
        engagementApi(`/api/v1/open-days/${await newOpenDayId()}/feedback`, { feedback: "采纳情况" }),
    },
    {
      method: "POST",
      path: "/api/v1/surveys",
      action: "survey.create",
      run: () => engagementApi("/api/v1/surveys", survey()),
    },
    {
      method: "POST",
      path: "/api/v1/surveys/:id/feedback",
      action: "survey.feedback_publish",
      run: async () =>
        engagementApi(`/api/v1/surveys/${await newSurveyId()}/feedback`, { feedback: "采纳情况" }),
    },
    {
      method: "POST",
      path: "/meetings/:id/register",
      action: "meeting.register",
      run: async () => {
        const id = await newMeetingId();
        const v = new Visitor(t);
        await v.get(`/meetings/${id}`);
        return (
          await v.post(`/meetings/${id}/register`, {
            name: "冯某",
            phone: "13600000005",
            kind: "media",
            reason: "报道",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/open-days/:id/register",
      action: "open_day.register",
      run: async () => {
        const id = await newOpenDayId();
        const v = new Visitor(t);
        await v.get(`/open-days/${id}`);
        return (await v.post(`/open-days/${id}/register`, { name: "陈某", phone: "13600000006" })).status;
      },
    },
    {
      method: "POST",
      path: "/open-days/:id/cancel",
      action: "open_day.cancel",
      run: async () => {
        const id = await newOpenDayId();
        const r = await api(t, "POST", `/api/v1/public/open-days/${id}/registrations`, {
          json: { name: "褚某", phone: "13600000007" },
        });
        const v = new Visitor(t);
        await v.get(`/open-days/${id}/cancel`);
        return (await v.post(`/open-days/${id}/cancel`, { token: r.data.token })).status;
      },
    },
    {
      method: "POST",
      path: "/admin/engagement/meetings/new",
      action: "meeting.create",
      run: () =>
        editorPage("/admin/engagement/meetings/new", {
          unitId: String(unitA),
          title: "页面新建的会议",
          seats: "3",
          ...FUTURE,
        }),
    },
    {
      method: "POST",
      path: "/admin/engagement/open-days/new",
      action: "open_day.create",
      run: () =>
        editorPage("/admin/engagement/open-days/new", {
          unitId: String(unitA),
          title: "页面新建的开放活动",
          capacity: "30",
          ...FUTURE,
        }),
    },
    {
      method: "POST",
      path: "/admin/engagement/surveys/new",
      action: "survey.create",
      run: () =>
        editorPage("/admin/engagement/surveys/new", {
          unitId: String(unitA),
          title: "页面新建的问卷",
          opensAt: "2020-01-01",
          closesAt: "2099-12-31",
          questions: "单选：总体评价｜满意｜不满意\n量表：指南清楚吗\n文字：建议",
        }),
    },
    {
      method: "POST",
      path: "/admin/engagement/meetings/:id/draw",
      action: "meeting.draw",
      run: async () => {
        const id = await meetingWithRegistration();
        return editorPage(
          `/admin/engagement/meetings/${id}/draw`,
          { seed: "456" },
          `/admin/engagement/meetings/${id}`,
        );
      },
    },
    {
      method: "POST",
      path: "/admin/engagement/meetings/:id/publish",
      action: "meeting.draw_publish",
      run: async () => {
        const id = await meetingWithRegistration();
        await engagementApi(`/api/v1/meetings/${id}/draw`, { seed: "789" });
        return editorPage(`/admin/engagement/meetings/${id}/publish`, {}, `/admin/engagement/meetings/${id}`);
      },
    },
    {
      method: "POST",
      path: "/admin/engagement/meetings/:id/opinions",
      action: "meeting.opinion_add",
      run: async () => {
        const id = await newMeetingId();
        return editorPage(
          `/admin/engagement/meetings/${id}/opinions`,
          { speaker: "特邀专家", opinion: "建议分段施工", outcome: "" },
          `/admin/engagement/meetings/${id}`,
        );
      },
    },
    {
      method: "POST",
      path: "/admin/engagement/open-days/:id/feedback",
      action: "open_day.feedback_publish",
      run: async () => {
        const id = await newOpenDayId();
        return editorPage(
          `/admin/engagement/open-days/${id}/feedback`,
          { feedback: "收集意见 3 条，采纳 2 条" },
          `/admin/engagement/open-days/${id}`,
        );
      },
    },
    {
      method: "POST",
      path: "/admin/engagement/surveys/:id/feedback",
      action: "survey.feedback_publish",
      run: async () => {
        const id = await newSurveyId();
        return editorPage(
          `/admin/engagement/surveys/${id}/feedback`,
          { feedback: "采纳情况" },
          `/admin/engagement/surveys/${id}`,
        );
      },
    },
    {
      method: "POST",
      path: "/api/v1/ledger/plans/:id/public",
      action: "ledger.make_public",
      run: async () =>
        (
          await api(t, "POST", `/api/v1/ledger/plans/${await ledgerPlanOf(await ledgerTask())}/public`, {
            token: await tokenOnce("office"),
            json: { isPublic: true },
          })
        ).status,
    },
    {
      method: "POST",
      path: "/admin/ledger/plans/:id/public",
      action: "ledger.make_public",
      run: async () => {
        const planId = await ledgerPlanOf(await ledgerTask());
        const v = await pageVisitor("office");
        await v.get(`/admin/ledger/plans/${planId}`);
        return (await v.post(`/admin/ledger/plans/${planId}/public`, { section: "一", isPublic: "1" }))
          .status;
      },
    },
  );

  it("keeps one unit's participation records from another unit's staff: 404, nothing changes", async () => {
    const id = await meetingWithRegistration();
    const token = await tokenOnce("b.head");
    const v = await pageVisitor("b.head");
    const before = await t.db.select({ n: count() }).from(auditLog);
    for (const path of [`/api/v1/meetings/${id}/draw`, `/api/v1/meetings/${id}/draw/publish`]) {
      expect((await api(t, "POST", path, { token, json: { seed: "1" } })).status).toBe(404);
    }
    expect((await api(t, "GET", `/api/v1/meetings/${id}/registrations`, { token })).status).toBe(404);
    expect((await v.get(`/admin/engagement/meetings/${id}`)).status).toBe(404);
    expect((await v.post(`/admin/engagement/meetings/${id}/draw`, { seed: "1" })).status).toBe(404);
    expect(await t.db.select({ n: count() }).from(auditLog)).toEqual(before);
  });

  // 政务舆情: intake, events, topic, publication, import, settings; API and pages.
  const opinionBody = (title: string, severity = "ordinary") => ({
    title,
    source: "media",
    topic: "安全生产",
    unitId: unitA,
    severity,
    discoveredAt: new Date(Date.now() - 3_600_000).toISOString(),
  });
  const newOpinion = async (title: string, severity = "ordinary") =>
    (
      await api(t, "POST", "/api/v1/opinions", {
        token: await tokenOnce("office"),
        json: opinionBody(title, severity),
      })
    ).data.id as number;
  const answeredOpinion = async (title: string) => {
    const id = await newOpinion(title);
    await api(t, "POST", `/api/v1/opinions/${id}/events`, {
      token: await tokenOnce("office"),
      json: { type: "response", at: new Date().toISOString() },
    });
    return id;
  };
  const opinionPage = async (user: string, id: number, path: string, fields: Record<string, string>) => {
    const v = await pageVisitor(user);
    await v.get(`/admin/opinions/${id}`);
    return (await v.post(path, fields)).status;
  };
  const workOrders = () => {
    const form = new FormData();
    const csv = `工单编号,受理时间,诉求内容,承办单位\nAUD${Date.now()},2026-03-01 10:00,审计用工单,区卫生健康局\n`;
    form.set("file", new File([new TextEncoder().encode(csv)], "orders.csv", { type: "text/csv" }));
    return form;
  };
  const publishBody = { question: "有市民反映的问题", answer: "已处理" };
  writes.push(
    {
      method: "POST",
      path: "/api/v1/opinions",
      action: "opinion.create",
      run: async () =>
        (
          await api(t, "POST", "/api/v1/opinions", {
            token: await tokenOnce("a.head"),
            json: opinionBody("审计用舆情"),
          })
        ).status,
    },
    {
      method: "POST",
      path: "/api/v1/opinions/:id/events",
      action: "opinion.event",
      run: async () =>
        (
          await api(t, "POST", `/api/v1/opinions/${await newOpinion("审计用舆情事件")}/events`, {
            token: await tokenOnce("a.liaison"),
            json: { type: "response", at: new Date().toISOString() },
          })
        ).status,
    },
    {
      method: "POST",
      path: "/api/v1/opinions/:id/topic",
      action: "opinion.confirm_topic",
      run: async () =>
        (
          await api(t, "POST", `/api/v1/opinions/${await newOpinion("审计用舆情主题")}/topic`, {
            token: await tokenOnce("a.head"),
            json: { topic: "市场监管" },
          })
        ).status,
    },
    {
      method: "POST",
      path: "/api/v1/opinions/:id/publish",
      action: "opinion_response.publish",
      run: async () =>
        (
          await api(t, "POST", `/api/v1/opinions/${await answeredOpinion("审计用舆情公开")}/publish`, {
            token: await tokenOnce("a.head"),
            json: publishBody,
          })
        ).status,
    },
    {
      method: "POST",
      path: "/api/v1/opinions/import",
      action: "opinion.import",
      run: async () => formPost("office", "/api/v1/opinions/import", workOrders()),
    },
    {
      method: "POST",
      path: "/api/v1/public/mailbox",
      action: "opinion.create",
      run: async () =>
        (
          await api(t, "POST", "/api/v1/public/mailbox", {
            headers: { "x-forwarded-for": "203.0.113.77" },
            json: { name: "张三", contact: "zhang@example.com", title: "审计用来信", body: "来信内容" },
          })
        ).status,
    },
    {
      method: "POST",
      path: "/mailbox",
      action: "opinion.create",
      run: async () => {
        const v = new Visitor(t, { "x-forwarded-for": "203.0.113.78" });
        await v.get("/mailbox");
        return (
          await v.post("/mailbox", {
            name: "李四",
            contact: "13800001111",
            title: "审计用来信",
            body: "内容",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/opinions/new",
      action: "opinion.create",
      run: async () => {
        const v = await pageVisitor("office");
        await v.get("/admin/opinions/new");
        return (
          await v.post("/admin/opinions/new", {
            title: "审计用页面舆情",
            source: "media",
            topic: "auto",
            unitId: String(unitA),
            severity: "ordinary",
            discoveredAt: "2026-03-01T10:00",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/opinions/:id/events",
      action: "opinion.event",
      run: async () => {
        const id = await newOpinion("审计用页面事件");
        return opinionPage("a.head", id, `/admin/opinions/${id}/events`, {
          type: "response",
          at: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16),
        });
      },
    },
    {
      method: "POST",
      path: "/admin/opinions/:id/topic",
      action: "opinion.confirm_topic",
      run: async () => {
        const id = await newOpinion("审计用页面主题");
        return opinionPage("a.head", id, `/admin/opinions/${id}/topic`, { topic: "health" });
      },
    },
    {
      method: "POST",
      path: "/admin/opinions/:id/publish",
      action: "opinion_response.publish",
      run: async () => {
        const id = await answeredOpinion("审计用页面公开");
        return opinionPage("a.head", id, `/admin/opinions/${id}/publish`, publishBody);
      },
    },
    {
      method: "POST",
      path: "/admin/opinions/:id/unpublish",
      action: "opinion_response.unpublish",
      run: async () => {
        const id = await answeredOpinion("审计用页面撤下");
        await api(t, "POST", `/api/v1/opinions/${id}/publish`, {
          token: await tokenOnce("office"),
          json: publishBody,
        });
        return opinionPage("a.head", id, `/admin/opinions/${id}/unpublish`, {});
      },
    },
    {
      method: "POST",
      path: "/admin/opinions/import",
      action: "opinion.import",
      run: async () => {
        const v = await pageVisitor("office");
        await v.get("/admin/opinions/import");
        const form = workOrders();
        form.set("_csrf", v.csrf);
        return (
          await t.app.request("/admin/opinions/import", {
            method: "POST",
            headers: { cookie: v.cookie },
            body: form,
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/opinions/topics",
      action: "opinion_topic.create",
      run: async () => {
        const v = await pageVisitor("office");
        await v.get("/admin/opinions/topics");
        return (await v.post("/admin/opinions/topics", { name: "审计用主题", keywords: "审计" })).status;
      },
    },
    {
      method: "POST",
      path: "/admin/opinions/topics/:id",
      action: "opinion_topic.update",
      run: async () => {
        const v = await pageVisitor("office");
        await v.get("/admin/opinions/topics");
        return (await v.post("/admin/opinions/topics/1", { keywords: "疫情、核酸" })).status;
      },
    },
    {
      method: "POST",
      path: "/admin/opinions/spike-rule",
      action: "opinion_spike_rule.update",
      run: async () => {
        const v = await pageVisitor("office");
        await v.get("/admin/opinions/topics");
        return (await v.post("/admin/opinions/spike-rule", { threshold: "2" })).status;
      },
    },
    {
      method: "POST",
      path: "/admin/opinions/alerts/:id/ack",
      action: "opinion_alert.acknowledge",
      run: async () => {
        // With the threshold at 2 (above), two items on one topic within 24 hours raise an alert.
        await newOpinion("审计用预警一");
        await newOpinion("审计用预警二");
        const [alert] = await t.database.query<{ id: number }>(
          "select id from opinion_spike_alerts where acknowledged_at is null order by id desc limit 1",
        );
        const v = await pageVisitor("office");
        await v.get("/admin/opinions");
        return (await v.post(`/admin/opinions/alerts/${alert?.id}/ack`, {})).status;
      },
    },
  );

  // 政策问答: a question from the public, routed to unit A by the office, answered by A's liaison,
  // published by the office; enquiries are logged by a unit for itself.
  const questionId = async () => {
    const [q] = await t.database.query<{ id: number }>(
      "insert into policy_questions (question) values ('试用期最长多久？') returning id",
    );
    return q?.id ?? 0;
  };
  let routedId = 0;
  writes.push(
    {
      method: "POST",
      path: "/admin/questions/:id/route",
      action: "policy_question.route",
      run: async () => {
        routedId = await questionId();
        const v = await pageVisitor("office");
        return (await v.post(`/admin/questions/${routedId}/route`, { unitId: String(unitA), dueOn: "" }))
          .status;
      },
    },
    {
      method: "POST",
      path: "/admin/questions/:id/reply",
      action: "policy_question.answer",
      run: async () => {
        const v = await pageVisitor("a.liaison");
        return (
          await v.post(`/admin/questions/${routedId}/reply`, { answer: "请见劳动合同法。", citations: "" })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/questions/:id/publish",
      action: "faq.publish",
      run: async () =>
        (await (await pageVisitor("office")).post(`/admin/questions/${routedId}/publish`, {})).status,
    },
    {
      method: "POST",
      path: "/admin/questions/:id/close",
      action: "policy_question.close",
      run: async () =>
        (await (await pageVisitor("office")).post(`/admin/questions/${await questionId()}/close`, {})).status,
    },
    {
      method: "POST",
      path: "/admin/enquiries",
      action: "policy_enquiry.log",
      run: async () =>
        (
          await (
            await pageVisitor("a.liaison")
          ).post("/admin/enquiries", {
            channel: "phone",
            unitId: String(unitA),
            occurredOn: "2026-01-05",
            topic: "咨询低保申请材料",
            answer: "告知所需材料",
          })
        ).status,
    },
  );

  it("keeps a unit out of another unit's questions and enquiries (404)", async () => {
    const id = await questionId();
    const office = await pageVisitor("office");
    expect(
      (await office.post(`/admin/questions/${id}/route`, { unitId: String(unitA), dueOn: "" })).status,
    ).toBe(303);
    const b = await pageVisitor("b.head");
    expect((await b.get(`/admin/questions/${id}`)).status).toBe(404);
    expect((await b.post(`/admin/questions/${id}/reply`, { answer: "越权答复", citations: "" })).status).toBe(
      404,
    );
    expect((await b.post(`/admin/questions/${id}/publish`, {})).status).toBe(403);
    const logged = await b.post("/admin/enquiries", {
      channel: "phone",
      unitId: String(unitA),
      occurredOn: "2026-01-05",
      topic: "越权登记",
    });
    expect(logged.status).toBe(404);
    const list = await b.get("/admin/questions");
    expect(list.text).not.toContain(`/admin/questions/${id}"`);
  });

  // 建议提案、企事业单位投诉、会签: each write route, self-contained.
  let proposalNo = 100;
  const newProposal = async () =>
    (
      await api(t, "POST", "/api/v1/proposals", {
        token: await tokenOnce("office"),
        json: {
          kind: "cppcc_proposal",
          number: String(++proposalNo),
          title: "关于公开供水水质检测结果的提案",
          submitters: ["王委员"],
          leadUnitId: unitA,
          coUnitIds: [unitB],
          assignedAt: "2025-09-01",
        },
      })
    ).data.id as number;
  const repliedProposal = async () => {
    const id = await newProposal();
    await api(t, "POST", `/api/v1/proposals/${id}/reply`, {
      token: await tokenOnce("a.head"),
      json: { date: "2025-10-10", category: "A", text: "已公开。", publish: true },
    });
    return id;
  };
  const newComplaint = async () => {
    await api(t, "POST", "/api/v1/public/complaints", {
      headers: { "x-forwarded-for": `198.51.100.${proposalNo % 250}` },
      json: { organisation: "某公交公司", sector: "transit", description: "未公开线路调整信息。" },
    });
    return (await t.database.query<{ id: number }>("select max(id)::int as id from complaints"))[0]?.id ?? 0;
  };
  const signoffDocument = async () => {
    const id = await newDocument("须会签的文件");
    await documentCall("a.editor", "POST", `/api/v1/documents/${id}/signoffs`, { unitIds: [unitB] });
    return id;
  };
  writes.push(
    {
      method: "POST",
      path: "/api/v1/proposals",
      action: "proposal.register",
      run: async () => ((await newProposal()) > 0 ? 201 : 500),
    },
    {
      method: "POST",
      path: "/api/v1/proposals/:id/reply",
      action: "proposal.reply",
      run: async () =>
        documentCall("a.head", "POST", `/api/v1/proposals/${await newProposal()}/reply`, {
          date: "2025-10-10",
          category: "B",
          text: "正在解决。",
          publish: true,
        }),
    },
    {
      method: "POST",
      path: "/api/v1/proposals/:id/satisfaction",
      action: "proposal.satisfaction",
      run: async () =>
        documentCall("office", "POST", `/api/v1/proposals/${await repliedProposal()}/satisfaction`, {
          result: "satisfied",
          date: "2025-10-11",
        }),
    },
    {
      method: "POST",
      path: "/api/v1/proposals/:id/opinions",
      action: "proposal.co_opinion",
      run: async () =>
        documentCall("b.head", "POST", `/api/v1/proposals/${await newProposal()}/opinions`, {
          text: "同意。",
          date: "2025-09-10",
        }),
    },
    {
      method: "POST",
      path: "/admin/proposals/new",
      action: "proposal.register",
      run: async () => {
        const v = await pageVisitor("office");
        await v.get("/admin/proposals/new");
        return (
          await v.post("/admin/proposals/new", {
            kind: "npc_suggestion",
            number: String(++proposalNo),
            title: "关于公开学校收费的建议",
            submitters: "赵代表",
            leadUnitId: String(unitA),
            assignedAt: "2025-09-02",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/proposals/:id/reply",
      action: "proposal.reply",
      run: async () => {
        const id = await newProposal();
        const v = await pageVisitor("a.head");
        await v.get(`/admin/proposals/${id}`);
        return (
          await v.post(`/admin/proposals/${id}/reply`, {
            date: "2025-10-09",
            category: "C",
            text: "暂不能解决。",
            publish: "1",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/proposals/:id/satisfaction",
      action: "proposal.satisfaction",
      run: async () => {
        const id = await repliedProposal();
        const v = await pageVisitor("office");
        await v.get(`/admin/proposals/${id}`);
        return (
          await v.post(`/admin/proposals/${id}/satisfaction`, {
            result: "basically_satisfied",
            date: "2025-10-12",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/admin/proposals/:id/opinion",
      action: "proposal.co_opinion",
      run: async () => {
        const id = await newProposal();
        const v = await pageVisitor("b.head");
        await v.get(`/admin/proposals/${id}`);
        return (await v.post(`/admin/proposals/${id}/opinion`, { text: "建议加快进度。" })).status;
      },
    },
    {
      method: "POST",
      path: "/api/v1/complaints/:id/actions",
      action: "complaint.assign",
      run: async () =>
        documentCall("office", "POST", `/api/v1/complaints/${await newComplaint()}/actions`, {
          type: "assign",
          unitId: unitA,
        }),
    },
    {
      method: "POST",
      path: "/admin/complaints/:id/actions",
      action: "complaint.order_rectification",
      run: async () => {
        const id = await newComplaint();
        await documentCall("office", "POST", `/api/v1/complaints/${id}/actions`, {
          type: "assign",
          unitId: unitA,
        });
        const v = await pageVisitor("a.head");
        await v.get(`/admin/complaints/${id}`);
        const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
        return (
          await v.post(`/admin/complaints/${id}/actions`, {
            type: "order_rectification",
            date: today,
            rectifyBy: "2099-01-01",
          })
        ).status;
      },
    },
    {
      method: "POST",
      path: "/api/v1/documents/:id/signoffs",
      action: "signoff.require",
      run: async () =>
        documentCall("a.editor", "POST", `/api/v1/documents/${await newDocument("会签文件")}/signoffs`, {
          unitIds: [unitB],
        }),
    },
    {
      method: "POST",
      path: "/api/v1/documents/:id/signoffs/:unitId",
      action: "signoff.sign",
      run: async () =>
        documentCall("b.head", "POST", `/api/v1/documents/${await signoffDocument()}/signoffs/${unitB}`, {
          decision: "signed",
        }),
    },
    {
      method: "POST",
      path: "/admin/documents/:id/signoffs",
      action: "signoff.require",
      run: async () => {
        const id = await newDocument("页面设置会签");
        const v = await pageVisitor("a.editor");
        await v.get(`/admin/documents/${id}`);
        return (await v.post(`/admin/documents/${id}/signoffs`, { unitIds: String(unitB) })).status;
      },
    },
    {
      method: "POST",
      path: "/admin/documents/:id/signoffs/:unitId",
      action: "signoff.return",
      run: async () => {
        const id = await signoffDocument();
        const v = await pageVisitor("b.head");
        await v.get(`/admin/signoffs/${id}`);
        return (
          await v.post(`/admin/documents/${id}/signoffs/${unitB}`, {
            decision: "returned",
            comment: "请补充依据。",
          })
        ).status;
      },
    },
  );

  // 基层标准目录: unit A's items, exported and imported into unit B, tagged, checked and rectified.
  const catalogueItem = async (level2: string) =>
    (
      await api(t, "POST", `/api/v1/catalogues/${unitA}/items`, {
        token: await tokenOnce("a.editor"),
        json: {
          area: "社会救助",
          level1: "最低生活保障",
          level2,
          timeLimit: "信息形成之日起10个工作日内",
          channels: ["政府网站"],
          audience: "public",
          mode: "proactive",
          levels: ["township"],
        },
      })
    ).data.id as number;
  const catalogueSheet = async () =>
    new Uint8Array(await (await t.app.request(`/catalogues/${unitA}.xlsx`)).arrayBuffer());
  const catalogueForm = async (user: string, path: string, fields: Record<string, string | string[]>) => {
    const v = await pageVisitor(user);
    await v.get("/admin/catalogues/coverage");
    return (await v.post(path, fields)).status;
  };
  const catalogueArea = async (name: string) => {
    await catalogueForm("office", "/admin/catalogues/areas", { name, tier: "city", source: "" });
    const [a] = await t.database.query<{ id: number }>(
      `select id from catalogue_areas where name = '${name}' order by id desc limit 1`,
    );
    return Number(a?.id);
  };
  const rectification = async () => {
    const [r] = await t.database.query<{ id: number }>(
      `select id from catalogue_rectifications where unit_id = ${unitA} order by id limit 1`,
    );
    return Number(r?.id);
  };
  writes.push(
    {
      method: "POST",
      path: "/api/v1/catalogues/:unitId/items",
      action: "catalogue.item_create",
      run: async () => ((await catalogueItem("低保对象名单")) > 0 ? 201 : 500),
    },
    {
      method: "POST",
      path: "/api/v1/catalogues/:unitId/import",
      action: "catalogue.import",
      run: async () =>
        (
          await t.app.request(`/api/v1/catalogues/${unitB}/import`, {
            method: "POST",
            headers: {
              authorization: `Bearer ${await tokenOnce("office")}`,
              "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            },
            body: await catalogueSheet(),
          })
        ).status,
    },
    {
      method: "PUT",
      path: "/api/v1/documents/:id/catalogue-items",
      action: "document.catalogue_items",
      run: async () =>
        documentCall(
          "a.editor",
          "PUT",
          `/api/v1/documents/${await newDocument("低保名单")}/catalogue-items`,
          {
            itemIds: [await catalogueItem("低保审核结果")],
          },
        ),
    },
    {
      method: "POST",
      path: "/admin/catalogues/postings",
      action: "catalogue.posting_create",
      run: async () =>
        catalogueForm("a.editor", "/admin/catalogues/postings", {
          itemId: String(await catalogueItem("公示栏张贴")),
          channel: "公示栏",
          title: "低保对象公示",
          formedOn: "2025-05-06",
          postedOn: "2025-05-07",
        }),
    },
    {
      method: "POST",
      path: "/admin/catalogues/rectifications",
      action: "catalogue.rectification_create",
      run: async () =>
        catalogueForm("office", "/admin/catalogues/rectifications", {
          from: "2025-04-01",
          to: "2025-06-30",
          deadline: "2025-07-31",
          // Nothing was published for this item in the period: it is missing, so it is listed.
          itemIds: String(await catalogueItem("未公开事项")),
        }),
    },
    {
      method: "POST",
      path: "/admin/catalogues/rectifications/:id",
      action: "catalogue.rectification_update",
      run: async () =>
        catalogueForm("a.head", `/admin/catalogues/rectifications/${await rectification()}`, {
          followUp: "已补充公开",
        }),
    },
    {
      method: "POST",
      path: "/admin/catalogues/areas",
      action: "catalogue.area_create",
      run: async () => ((await catalogueArea("人才服务")) > 0 ? 303 : 500),
    },
    {
      method: "POST",
      path: "/admin/catalogues/areas/:id/retire",
      action: "catalogue.area_retire",
      run: async () =>
        catalogueForm("office", `/admin/catalogues/areas/${await catalogueArea("老旧小区改造")}/retire`, {}),
    },
    {
      method: "POST",
      path: "/admin/catalogues/areas/:id/restore",
      action: "catalogue.area_restore",
      run: async () => {
        const id = await catalogueArea("口袋公园");
        await catalogueForm("office", `/admin/catalogues/areas/${id}/retire`, {});
        return catalogueForm("office", `/admin/catalogues/areas/${id}/restore`, {});
      },
    },
    {
      method: "POST",
      path: "/admin/catalogues/:unitId/items",
      action: "catalogue.item_create",
      run: async () =>
        catalogueForm("a.editor", `/admin/catalogues/${unitA}/items`, {
          area: String(
            (
              await t.database.query<{ id: number }>("select id from catalogue_areas where name = '社会救助'")
            )[0]?.id,
          ),
          level1: "特困人员救助供养",
          level2: "办事指南",
          timeLimit: "长期公开",
          channels: "政府网站",
          audience: "public",
          mode: "proactive",
          levels: "township",
        }),
    },
    {
      method: "POST",
      path: "/admin/catalogues/:unitId/items/:id/retire",
      action: "catalogue.item_retire",
      run: async () =>
        catalogueForm(
          "a.editor",
          `/admin/catalogues/${unitA}/items/${await catalogueItem("停止公开事项")}/retire`,
          {},
        ),
    },
    {
      method: "POST",
      path: "/admin/catalogues/:unitId/import",
      action: "catalogue.import",
      run: async () => {
        const form = new FormData();
        form.set(
          "file",
          new File([await catalogueSheet()], "目录.xlsx", {
            type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          }),
        );
        return formPost("office", `/admin/catalogues/${unitB}/import`, form);
      },
    },
    {
      method: "POST",
      path: "/admin/catalogues/documents/:id/items",
      action: "document.catalogue_items",
      run: async () =>
        catalogueForm("a.editor", `/admin/catalogues/documents/${await newDocument("页面标注目录")}/items`, {
          itemIds: String(await catalogueItem("页面标注事项")),
        }),
    },
  );

  for (const w of writes) {
    it(`audits ${w.method} ${w.path} as ${w.action}`, async () => {
      // Every case posts from the same address: the public post limit (60 a minute) is for strangers,
      // not for this list of ~180 writes run back to back.
      await t.database.query("delete from rate_limits");
      const before = await t.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, w.action));
      const status = await w.run();
      expect(status).toBeLessThan(400);
      const after = await t.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, w.action));
      expect(after[0]?.n).toBeGreaterThan(before[0]?.n ?? 0);
    });
  }

  it("covers every state-changing route of the app in the list above", () => {
    // Preferences only set a cookie in the visitor's own browser: no record changes.
    // The public request form is the citizen's write, not staff's: it is rate-limited, not audited.
    // Lookups by receipt number and query code only read.
    const exempt = new Set([
      "POST /preferences/elder",
      "POST /api/v1/public/requests",
      "POST /requests/new",
      "POST /requests/status",
      "POST /requests/reply.docx",
      // A comment on a consultation is the public's, like a request: rate-limited, not audited.
      "POST /api/v1/public/consultations/:id/comments",
      "POST /consultations/:id/comments",
      // Subscribing, confirming, unsubscribing and 政策找人 are the public's own acts (rate-limited).
      "POST /api/v1/public/subscriptions",
      "POST /api/v1/public/subscriptions/:token/confirm",
      "POST /api/v1/public/subscriptions/:token/unsubscribe",
      "POST /api/v1/public/eligibility",
      "POST /alerts/subscribe",
      "POST /alerts/confirm/:token",
      "POST /alerts/manage/:token/unsubscribe",
      "POST /alerts/manage/:token/frequency",
      "POST /eligibility",
      // Anonymous survey answers: no personal data, one per respondent token; rate-limited, not audited.
      "POST /api/v1/public/surveys/:id/responses",
      "POST /surveys/:id",
      // A question from the public, like the request form: rate-limited, not audited.
      "POST /api/v1/public/questions",
      "POST /answers/questions",
      // The complaint form and its API are the public's writes, rate-limited like the request form.
      "POST /api/v1/public/complaints",
      "POST /complaints/new",
      "POST /complaints/status",
    ]);
    const covered = new Set(writes.map((w) => `${w.method} ${w.path}`));
    const routes = t.app.routes
      .filter((r) => !["GET", "HEAD", "OPTIONS", "ALL"].includes(r.method))
      .map((r) => `${r.method} ${r.path.replace(/\{(\w+)\}/g, ":$1")}`)
      .filter((r) => !exempt.has(r));
    expect([...new Set(routes)].filter((r) => !covered.has(r))).toEqual([]);
  });
});
