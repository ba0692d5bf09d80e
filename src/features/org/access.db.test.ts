import { count, eq } from "drizzle-orm";
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

  for (const w of writes) {
    it(`audits ${w.method} ${w.path} as ${w.action}`, async () => {
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
