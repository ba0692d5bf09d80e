import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { todayInChina } from "../calendar";
import { requests } from "./requests.tables";

const form = (extra: Record<string, string> = {}) => ({
  "applicant.kind": "natural_person",
  "applicant.name": "赵六",
  "applicant.idType": "resident_id",
  "applicant.idNumber": "11010519491231002X",
  "applicant.phone": "13900001111",
  "applicant.email": "zhaoliu@example.com",
  description: "申请公开本区 2025 年老旧小区改造项目清单",
  form: "email",
  delivery: "email",
  consent: "1",
  ...extra,
});

describeDb("request pages: the public form, status lookup and written replies", () => {
  let t: TTestApp;
  let unitA: number;
  beforeAll(async () => {
    t = await createTestApp();
    unitA = (await seedOrg(t.db)).unitA.id;
  });
  afterAll(() => t?.close());
  const requestCount = async () => (await t.db.select({ n: count() }).from(requests))[0]?.n ?? 0;

  it("shows each mistake beside its field and stores nothing", async () => {
    const v = new Visitor(t);
    await v.get("/requests/new");
    const before = await requestCount();
    const r = await v.post(
      "/requests/new",
      form({ "applicant.name": "", "applicant.idNumber": "123", consent: "" }),
    );
    expect(r.status).toBe(422);
    expect(r.text).toMatch(/id="f-applicant\.name-error"[^>]*>.*此项为必填项/s);
    expect(r.text).toMatch(/id="f-applicant\.idNumber-error"[^>]*>.*居民身份证号码不正确/s);
    expect(r.text).toContain("请阅读并勾选声明");
    expect(await requestCount()).toBe(before);
  });

  it("takes an ID copy with the online form, checked by its content", async () => {
    const v = new Visitor(t);
    await v.get("/requests/new");
    const post = async (file: File) => {
      const body = new FormData();
      body.append("_csrf", v.csrf);
      body.append("_formToken", v.formToken);
      for (const [k, value] of Object.entries(form({ "applicant.name": "附件申请人" })))
        body.append(k, value);
      body.append("idCopy", file);
      const res = await t.app.request("/requests/new", {
        method: "POST",
        headers: { cookie: v.cookie },
        body,
      });
      return { status: res.status, text: await res.text() };
    };
    const bad = await post(new File(["not a pdf at all"], "身份证.pdf"));
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/id="f-idCopy-error"[^>]*>.*只接受/s);
    const ok = await post(new File(["%PDF-1.4\n%%EOF\n"], "身份证.pdf"));
    expect(ok.status).toBe(303);
    const rows = await t.database.query<{ kind: string; name: string }>(
      "select a.kind, a.name from request_attachments a join requests r on r.id = a.request_id where r.applicant->>'name' = '附件申请人'",
    );
    expect(rows).toEqual([{ kind: "id_copy", name: "身份证.pdf" }]);
  });

  it("accepts a filled honeypot silently but stores nothing", async () => {
    const v = new Visitor(t);
    await v.get("/requests/new");
    const before = await requestCount();
    const r = await v.post("/requests/new", form({ website: "http://spam.example" }));
    expect(r.location).toBe("/requests/receipt");
    expect(await requestCount()).toBe(before);
  });

  describe("one door with the API: consent, honeypot and ten an hour per address", () => {
    /** Posts the public form from a given address (the test app trusts X-Forwarded-For). */
    const postFrom = async (v: Visitor, ip: string, fields: Record<string, string>) => {
      await v.get("/requests/new");
      const body = new URLSearchParams({ _csrf: v.csrf, _formToken: v.formToken, ...fields });
      const res = await t.app.request("/requests/new", {
        method: "POST",
        headers: {
          cookie: v.cookie,
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": ip,
        },
        body: body.toString(),
      });
      return { status: res.status, text: await res.text() };
    };

    it("refuses the form without consent beside the field, storing nothing", async () => {
      const v = new Visitor(t);
      await v.get("/requests/new");
      const before = await requestCount();
      const r = await postFrom(v, "198.51.100.1", form({ consent: "" }));
      expect(r.status).toBe(422);
      expect(r.text).toMatch(/id="f-consent-error"[^>]*>.*请阅读并勾选声明/s);
      expect(await requestCount()).toBe(before);
    });

    it("refuses the eleventh form in an hour from one address with 429, storing nothing", async () => {
      const v = new Visitor(t);
      await v.get("/requests/new");
      for (let i = 0; i < 10; i++) expect((await postFrom(v, "198.51.100.2", form())).status).toBe(303);
      const before = await requestCount();
      const r = await postFrom(v, "198.51.100.2", form());
      expect(r.status).toBe(429);
      expect(await requestCount()).toBe(before);
    });

    it("counts the form and the API together against the same hourly limit", async () => {
      const v = new Visitor(t);
      await v.get("/requests/new");
      for (let i = 0; i < 5; i++) expect((await postFrom(v, "198.51.100.3", form())).status).toBe(303);
      const json = {
        applicant: {
          kind: "natural_person",
          name: "赵六",
          idType: "resident_id",
          idNumber: "11010519491231002X",
          email: "zhaoliu@example.com",
        },
        description: "申请公开本区 2025 年老旧小区改造项目清单",
        form: "email",
        delivery: "email",
        consent: true,
      };
      const viaApi = () =>
        api(t, "POST", "/api/v1/public/requests", { json, headers: { "x-forwarded-for": "198.51.100.3" } });
      for (let i = 0; i < 5; i++) expect((await viaApi()).status).toBe(201);
      const before = await requestCount();
      expect((await viaApi()).status).toBe(429);
      expect((await postFrom(v, "198.51.100.3", form())).status).toBe(429);
      expect(await requestCount()).toBe(before);
    });
  });

  it("gives a receipt, shows the status, and after an e-mail reply shows the letter and its Word file", async () => {
    const v = new Visitor(t);
    await v.get("/requests/new");
    expect((await v.post("/requests/new", form({ unitId: String(unitA) }))).location).toBe(
      "/requests/receipt",
    );
    const r = await v.get("/requests/receipt");
    const receiptNo = /<dt>受理编号<\/dt><dd><strong>(YSQ\d{10})<\/strong>/.exec(r.text)?.[1] as string;
    const queryCode = /<dt>查询码<\/dt><dd><strong>([2-9A-Z]{8})<\/strong>/.exec(r.text)?.[1] as string;
    expect(receiptNo).toBeTruthy();
    const waiting = await v.post("/requests/status", { receiptNo, queryCode });
    expect(waiting.text).toContain("待确认受理");

    const token = await tokenFor(t, "a.head");
    const [row] = await t.database.query<{ id: number }>(
      `select id from requests where receipt_no = '${receiptNo}'`,
    );
    const today = todayInChina();
    await api(t, "POST", `/api/v1/requests/${row?.id}/actions`, {
      token,
      json: { type: "confirm_receipt", date: today },
    });
    await api(t, "POST", `/api/v1/requests/${row?.id}/actions`, {
      token,
      json: { type: "reply", date: today, outcome: "disclosed" },
    });

    const done = await v.post("/requests/status", { receiptNo, queryCode });
    expect(done.text).toContain("已办结");
    expect(done.text).toContain("政府信息公开申请答复告知书");
    expect(done.text).toContain("行政复议");
    expect(done.text).not.toMatch(/11010519491231002X|13900001111/);
    const docx = await v.post("/requests/reply.docx", { receiptNo, queryCode });
    expect(docx.res.headers.get("content-type")).toContain("wordprocessingml");

    const staff = await new Visitor(t).login("a.head");
    const print = await staff.get(`/admin/requests/${row?.id}/reply`);
    expect(print.text).toContain("赵六");
    const staffDocx = await t.app.request(`/admin/requests/${row?.id}/reply.docx`, {
      headers: { cookie: staff.cookie },
    });
    expect(
      Buffer.from(await staffDocx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    const other = await new Visitor(t).login("b.head");
    expect((await other.get(`/admin/requests/${row?.id}/reply`)).status).toBe(404);
  });

  it("lets the office edit a reply template; letters use it and still carry the remedies", async () => {
    const office = await new Visitor(t).login("office");
    const page = await office.get("/admin/reply-templates?outcome=disclosed");
    expect(page.text).toContain("予以公开");
    const saved = await office.post("/admin/reply-templates?outcome=disclosed", {
      text: "{applicantName}：经审查，您申请的信息予以公开，{provisionNote}。（本办定制模板）",
    });
    expect(saved.status).toBe(303);
    const token = await tokenFor(t, "a.head");
    const reg = await api(t, "POST", "/api/v1/requests", {
      token,
      json: {
        applicant: { kind: "natural_person", name: "吴一" },
        channel: "mail",
        receivedAt: "2025-09-01",
        description: "申请公开某项信息",
      },
    });
    await api(t, "POST", `/api/v1/requests/${reg.data.id}/actions`, {
      token,
      json: { type: "reply", date: "2025-09-10", outcome: "disclosed" },
    });
    const head = await new Visitor(t).login("a.head");
    const letter = await head.get(`/admin/requests/${reg.data.id}/reply`);
    expect(letter.text).toContain("本办定制模板");
    expect(letter.text).toContain("行政复议");
    expect((await head.get("/admin/reply-templates")).status).toBe(403);
    await office.post("/admin/reply-templates?outcome=disclosed", { text: "" });
    expect((await head.get(`/admin/requests/${reg.data.id}/reply`)).text).not.toContain("本办定制模板");
  });

  it("records a contact from the request page, and shows a bad date beside its field", async () => {
    const token = await tokenFor(t, "a.head");
    const reg = await api(t, "POST", "/api/v1/requests", {
      token,
      json: {
        applicant: { kind: "natural_person", name: "陈三" },
        channel: "mail",
        receivedAt: "2025-09-01",
        description: "申请公开某项信息",
      },
    });
    const v = await new Visitor(t).login("a.head");
    const form = await v.get(`/admin/requests/${reg.data.id}?action=contact`);
    expect(form.text).toContain("记录沟通");
    const bad = await v.post(`/admin/requests/${reg.data.id}/contacts`, {
      method: "phone",
      date: "2025-08-01",
      summary: "电话沟通",
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/id="f-date-error"[^>]*>.*日期应在 2025-09-01 至今天之间/s);
    const ok = await v.post(`/admin/requests/${reg.data.id}/contacts`, {
      method: "phone",
      date: "2025-09-02",
      summary: "电话确认申请内容",
    });
    expect(ok.status).toBe(303);
    expect((await v.get(`/admin/requests/${reg.data.id}`)).text).toContain("电话确认申请内容");
  });

  it("records an appeal from the page of a concluded request", async () => {
    const token = await tokenFor(t, "a.head");
    const reg = await api(t, "POST", "/api/v1/requests", {
      token,
      json: {
        applicant: { kind: "natural_person", name: "褚四" },
        channel: "mail",
        receivedAt: "2025-09-01",
        description: "申请公开某项信息",
      },
    });
    await api(t, "POST", `/api/v1/requests/${reg.data.id}/actions`, {
      token,
      json: {
        type: "reply",
        date: "2025-09-10",
        outcome: "withheld.process_info",
        reason: "属于过程性信息",
        legalBasis: "条例第十六条",
      },
    });
    const v = await new Visitor(t).login("a.head");
    expect((await v.get(`/admin/requests/${reg.data.id}?action=appeal`)).text).toContain(
      "登记行政复议或诉讼",
    );
    const early = await v.post(`/admin/requests/${reg.data.id}/appeals`, {
      kind: "reconsideration",
      filedAt: "2025-09-01",
    });
    expect(early.status).toBe(422);
    expect(early.text).toMatch(/id="f-filedAt-error"[^>]*>.*不能早于答复日期/s);
    const ok = await v.post(`/admin/requests/${reg.data.id}/appeals`, {
      kind: "reconsideration",
      filedAt: "2025-10-08",
      authority: "济南市市中区人民政府",
      result: "upheld",
      decidedAt: "2025-12-01",
    });
    expect(ok.status).toBe(303);
    const page = await v.get(`/admin/requests/${reg.data.id}`);
    expect(page.text).toContain("济南市市中区人民政府");
    expect(page.text).toContain("维持");
  });

  it("counts misses of the status page and the status API together", async () => {
    const ip = { "x-forwarded-for": "198.51.100.9" };
    for (let i = 0; i < 20; i++)
      expect(
        (await api(t, "GET", `/api/v1/public/requests/YSQ2026000001?queryCode=BAD${i}`, { headers: ip }))
          .status,
      ).toBe(404);
    const v = new Visitor(t);
    await v.get("/requests/status");
    const page = await t.app.request("/requests/status", {
      method: "POST",
      headers: { cookie: v.cookie, "content-type": "application/x-www-form-urlencoded", ...ip },
      body: new URLSearchParams({ _csrf: v.csrf, receiptNo: "YSQ2026000001", queryCode: "BAD" }).toString(),
    });
    expect(page.status).toBe(429);
  });

  it("records the case of Art. 36 the clerk chose and writes the letter for it", async () => {
    const token = await tokenFor(t, "a.head");
    const registerOne = async () =>
      (
        await api(t, "POST", "/api/v1/requests", {
          token,
          json: {
            applicant: { kind: "natural_person", name: "孙八" },
            channel: "mail",
            receivedAt: "2025-09-01",
            description: "申请公开某路段拓宽工程的规划许可",
            unitId: unitA,
          },
        })
      ).data.id as number;
    const head = await new Visitor(t).login("a.head");
    const notHeld = {
      type: "reply",
      date: "2025-09-10",
      outcome: "unavailable.not_held",
      reason: "经在本机关收文、发文和档案系统中检索，未找到该许可",
      legalBasis: "《中华人民共和国政府信息公开条例》第三十六条",
    };

    const id = await registerOne();
    const unchosen = await head.post(`/admin/requests/${id}/actions`, notHeld);
    expect(unchosen.status).toBe(422);
    expect(unchosen.text).toMatch(/id="f-variant-error"[^>]*>.*请选择答复情形/s);
    expect((await api(t, "GET", `/api/v1/requests/${id}`, { token })).data.status).toBe("running");
    const viaApi = await api(t, "POST", `/api/v1/requests/${id}/actions`, { token, json: notHeld });
    expect(viaApi.status).toBe(400);
    expect(viaApi.data.error.issues[0].path).toBe("variant");

    expect(
      (await head.post(`/admin/requests/${id}/actions`, { ...notHeld, variant: "not_found" })).status,
    ).toBe(303);
    const print = await head.get(`/admin/requests/${id}/reply`);
    expect(print.text).toContain("第三十六条第（四）项的规定，现告知您该政府信息不存在");
    expect(print.text).not.toContain("第三十六条第（五）项");

    const other = await registerOne();
    const already = { type: "reply", date: "2025-09-10", outcome: "disclosed", variant: "already_public" };
    const where = await api(t, "POST", `/api/v1/requests/${other}/actions`, { token, json: already });
    expect(where.status).toBe(400);
    expect(where.data.error.issues[0].path).toBe("whereToObtain");
    const ok = await api(t, "POST", `/api/v1/requests/${other}/actions`, {
      token,
      json: { ...already, whereToObtain: "https://www.example.gov.cn/zfxxgk/2025/ghxk.html" },
    });
    expect(ok.status).toBe(200);
    expect(ok.data.actions.at(-1)).toMatchObject({ variant: "already_public" });
    const letter = await head.get(`/admin/requests/${other}/reply`);
    expect(letter.text).toContain("第三十六条第（一）项");
    expect(letter.text).toContain("https://www.example.gov.cn/zfxxgk/2025/ghxk.html");
  });

  it("stops guessing query codes after 20 misses from one address", async () => {
    const v = new Visitor(t);
    await v.get("/requests/status");
    let status = 0;
    for (let i = 0; i < 21; i++)
      status = (await v.post("/requests/status", { receiptNo: "YSQ2026000001", queryCode: `BAD${i}` }))
        .status;
    expect(status).toBe(429);
  });

  it("shows a refused action's reason beside the form in the back office, changing nothing", async () => {
    const token = await tokenFor(t, "a.head");
    const reg = await api(t, "POST", "/api/v1/requests", {
      token,
      json: {
        applicant: { kind: "natural_person", name: "钱七" },
        channel: "mail",
        receivedAt: "2025-09-01",
        description: "申请公开某文件",
      },
    });
    const v = await new Visitor(t).login("a.liaison");
    const r = await v.post(`/admin/requests/${reg.data.id}/actions`, {
      type: "extend",
      date: "2025-09-10",
      workdays: "5",
      reason: "需要时间",
    });
    expect(r.status).toBe(403);
    const head = await new Visitor(t).login("a.head");
    const late = await head.post(`/admin/requests/${reg.data.id}/actions`, {
      type: "extend",
      date: "2025-09-29",
      workdays: "5",
      reason: "需要时间",
    });
    expect(late.status).toBe(422);
    expect(late.text).toMatch(/id="f-date-error"[^>]*>.*届满前决定/s);
    expect((await api(t, "GET", `/api/v1/requests/${reg.data.id}`, { token })).data.actions).toEqual([]);
  });
});
