import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, seedOrg, tokenFor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { auditLog } from "../../platform/db/tables";
import { addDays, todayInChina } from "../calendar";
import { requestActions, requests } from "./requests.tables";

const person = {
  kind: "natural_person",
  name: "张三",
  idType: "resident_id",
  idNumber: "11010519491231002X",
  phone: "13812345678",
};

describeDb("requests API: registration, the clock and the actions the law forbids", () => {
  let t: TTestApp;
  let unitA: number;
  let unitB: number;
  let office: string;
  let headA: string;
  beforeAll(async () => {
    t = await createTestApp();
    const s = await seedOrg(t.db);
    unitA = s.unitA.id;
    unitB = s.unitB.id;
    office = await tokenFor(t, "office");
    headA = await tokenFor(t, "a.head");
  });
  afterAll(() => t?.close());

  const register = async (token: string, body: Record<string, unknown> = {}) =>
    api(t, "POST", "/api/v1/requests", {
      token,
      json: {
        applicant: person,
        channel: "mail",
        receivedAt: "2025-09-01",
        description: "申请公开某项目的环评批复文件",
        ...body,
      },
    });
  const act = (token: string, id: number, json: Record<string, unknown>) =>
    api(t, "POST", `/api/v1/requests/${id}/actions`, { token, json });
  /** The request's row and its actions, to prove a refused action changed nothing. */
  const snapshot = async (id: number) => ({
    row: (await t.db.select().from(requests).where(eq(requests.id, id)))[0],
    actions: (
      await t.db.select({ n: count() }).from(requestActions).where(eq(requestActions.requestId, id))
    )[0]?.n,
  });

  it("registers a letter with its received date and the due date of STATUTES §3", async () => {
    const r = await register(headA);
    expect(r.status).toBe(201);
    expect(r.data).toMatchObject({ status: "running", receivedAt: "2025-09-01", dueDate: "2025-09-28" });
    expect(r.data.receiptNo).toMatch(/^YSQ2025\d{6}$/);
    const full = await api(t, "GET", `/api/v1/requests/${r.data.id}`, { token: headA });
    expect(full.data).toMatchObject({
      unitId: unitA,
      dueDateProvisional: false,
      outcome: null,
      closedAt: null,
    });
    expect(full.data.applicant.idNumber).toBe("1101**********002X");
    expect(full.data.clock.steps.at(-1)).toContain("2025-09-28");
  });

  it("validates the applicant: a bad ID check digit and a future received date are refused", async () => {
    const bad = await register(headA, { applicant: { ...person, idNumber: "110105194912310021" } });
    expect(bad.status).toBe(400);
    expect(bad.data.error.issues).toEqual([
      { path: "applicant.idNumber", message: expect.stringContaining("居民身份证号码不正确") },
    ]);
    const future = await register(headA, { receivedAt: addDays(todayInChina(), 2) });
    expect(future.status).toBe(422);
  });

  it("runs a request through consultation, extension and reply, explaining each step", async () => {
    const { data } = await register(headA);
    const id = data.id;
    expect(
      (await act(headA, id, { type: "consultation_started", date: "2025-09-05", party: "某公司" })).data
        .status,
    ).toBe("paused");
    expect(
      (await act(headA, id, { type: "consultation_ended", date: "2025-09-12", party: "某公司" })).data
        .dueDate,
    ).toBe("2025-10-11");
    const extended = await act(headA, id, {
      type: "extend",
      date: "2025-10-09",
      workdays: 5,
      reason: "涉及多个年度的档案需调取",
    });
    // Due Sat 2025-10-11; +5: Oct 13, 14, 15, 16, 17.
    expect(extended.data.dueDate).toBe("2025-10-17");
    const replied = await act(headA, id, { type: "reply", date: "2025-10-15", outcome: "disclosed" });
    expect(replied.status).toBe(200);
    expect(replied.data).toMatchObject({ status: "concluded", outcome: "disclosed", closedAt: "2025-10-15" });
    expect(replied.data.actions.map((a: { type: string }) => a.type)).toEqual([
      "consultation_started",
      "consultation_ended",
      "extend",
      "reply",
    ]);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(id)));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "request.register",
        "request.consultation_started",
        "request.extend",
        "request.reply",
      ]),
    );
  });

  it("refuses what the state or the law forbids with 409 or 422, changing nothing", async () => {
    const { data } = await register(headA);
    const id = data.id;
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ type: "extend", date: "2025-09-10", workdays: 21, reason: "x理由" }, 400, /不能大于 20/],
      [{ type: "extend", date: "2025-09-29", workdays: 5, reason: "届满后延期" }, 422, /届满前决定/],
      [{ type: "reply", date: "2025-08-30", outcome: "disclosed" }, 422, /不能早于收到申请的日期/],
      [{ type: "reply", date: addDays(todayInChina(), 1), outcome: "disclosed" }, 422, /不能晚于今天/],
      [{ type: "reply", date: "2025-09-10", outcome: "withheld.state_secret" }, 422, /提交的内容有误/],
      [{ type: "correction_received", date: "2025-09-10" }, 409, /没有待补正/],
      [{ type: "fee_paid", date: "2025-09-10" }, 409, /没有待缴的费用/],
      [{ type: "fee_notice", date: "2025-09-10", basis: "按件计收", amount: 100 }, 422, /不应收费/],
      [{ type: "reply", date: "2025-09-10", outcome: "other.no_fee" }, 422, /视为放弃/],
    ];
    for (const [body, status, message] of cases) {
      const before = await snapshot(id);
      const r = await act(headA, id, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(JSON.stringify(r.data.error), JSON.stringify(body)).toMatch(message);
      expect(await snapshot(id)).toEqual(before);
    }
  });

  it("caps extensions at 20 working days in total, and only a head may extend", async () => {
    const { data } = await register(headA);
    const liaison = await tokenFor(t, "a.liaison");
    const denied = await act(liaison, data.id, {
      type: "extend",
      date: "2025-09-10",
      workdays: 5,
      reason: "需要调取档案",
    });
    expect(denied.status).toBe(403);
    expect(
      (
        await act(headA, data.id, {
          type: "extend",
          date: "2025-09-10",
          workdays: 15,
          reason: "需要调取档案",
        })
      ).status,
    ).toBe(200);
    const over = await act(headA, data.id, {
      type: "extend",
      date: "2025-09-11",
      workdays: 6,
      reason: "再次延期",
    });
    expect(over.status).toBe(422);
    expect(over.data.error.message).toContain("合计不得超过 20 个工作日（已延长 15 个）");
  });

  it("refuses a second reply and any action on a concluded request", async () => {
    const { data } = await register(headA);
    expect(
      (await act(headA, data.id, { type: "reply", date: "2025-09-10", outcome: "disclosed" })).status,
    ).toBe(200);
    const before = await snapshot(data.id);
    for (const body of [
      {
        type: "reply",
        date: "2025-09-11",
        outcome: "partially_disclosed",
        reason: "部分涉及商业秘密",
        legalBasis: "条例第十五条",
      },
      { type: "withdraw", date: "2025-09-11" },
      { type: "consultation_started", date: "2025-09-11" },
    ]) {
      const r = await act(headA, data.id, body);
      expect(r.status).toBe(409);
      expect(r.data.error.message).toBe("该申请已办结，不能再办理。");
    }
    expect(await snapshot(data.id)).toEqual(before);
  });

  it("requires the reason and legal basis of a refusal, and records them", async () => {
    const { data } = await register(headA);
    const r = await act(headA, data.id, {
      type: "reply",
      date: "2025-09-10",
      outcome: "withheld.third_party",
    });
    expect(r.status).toBe(422);
    expect(r.data.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["legalBasis", "reason"]);
    const ok = await act(headA, data.id, {
      type: "reply",
      date: "2025-09-10",
      outcome: "withheld.third_party",
      reason: "公开会损害第三方合法权益，第三方不同意公开",
      legalBasis: "《中华人民共和国政府信息公开条例》第十五条",
    });
    expect(ok.data).toMatchObject({
      outcome: "withheld.third_party",
      legalBasis: expect.stringContaining("第十五条"),
    });
  });

  it("abandons after the correction period, and not before", async () => {
    const { data } = await register(headA);
    await act(headA, data.id, { type: "request_correction", date: "2025-09-03", correctBy: "2025-09-17" });
    const early = await act(headA, data.id, { type: "abandon_no_correction", date: "2025-09-17" });
    expect(early.status).toBe(422);
    const late = await act(headA, data.id, { type: "abandon_no_correction", date: "2025-09-18" });
    expect(late.data).toMatchObject({ status: "concluded", outcome: "other.no_correction" });
  });

  it("computes the fee by its rule: 按量 by pages, and refuses a wrong amount", async () => {
    const { data } = await register(headA);
    const wrong = await act(headA, data.id, {
      type: "fee_notice",
      date: "2025-09-05",
      basis: "按量计收",
      pages: 150,
      amount: 1500,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.data.error.message).toBe("依按量计收标准，本申请应收 1700 元。");
    const ok = await act(headA, data.id, {
      type: "fee_notice",
      date: "2025-09-05",
      basis: "按量计收",
      pages: 150,
      amount: 1700,
    });
    // Paused, it keeps a due date: at least the one it would have if the payment came today.
    expect(ok.data).toMatchObject({ status: "paused", clock: { isDueDateAtLeast: true } });
    expect(ok.data.dueDate > todayInChina()).toBe(true);
    const paid = await act(headA, data.id, { type: "fee_paid", date: "2025-09-12" });
    expect(paid.data.dueDate).toBe("2025-10-11");
  });

  it("charges 按件 from the applicant's 11th request of the month", async () => {
    const applicant = { ...person, idNumber: "110101199003070011", name: "李四" };
    const ids: number[] = [];
    for (let i = 0; i < 11; i++)
      ids.push((await register(office, { applicant, receivedAt: "2025-11-03", unitId: unitB })).data.id);
    const tenth = await act(office, ids[9] as number, {
      type: "fee_notice",
      date: "2025-11-04",
      basis: "按件计收",
      amount: 100,
    });
    expect(tenth.status).toBe(422);
    const eleventh = await act(office, ids[10] as number, {
      type: "fee_notice",
      date: "2025-11-04",
      basis: "按件计收",
      amount: 100,
    });
    expect(eleventh.status).toBe(200);
  });

  it("keeps one unit's requests from another unit: 404 to read or act, absent from lists", async () => {
    const { data } = await register(headA);
    const headB = await tokenFor(t, "b.head");
    expect((await api(t, "GET", `/api/v1/requests/${data.id}`, { token: headB })).status).toBe(404);
    const before = await snapshot(data.id);
    expect(
      (await act(headB, data.id, { type: "reply", date: "2025-09-10", outcome: "disclosed" })).status,
    ).toBe(404);
    expect(await snapshot(data.id)).toEqual(before);
    const list = await api(t, "GET", "/api/v1/requests?pageSize=100", { token: headB });
    expect(list.data.items.every((r: { unitId: number }) => r.unitId === unitB)).toBe(true);
    expect(
      (await api(t, "GET", "/api/v1/requests?pageSize=100", { token: office })).data.total,
    ).toBeGreaterThan(list.data.total);
  });

  it("lets a co-handling unit see the request, but only the office assign it", async () => {
    const { data } = await register(headA);
    const headB = await tokenFor(t, "b.head");
    expect(
      (await act(headA, data.id, { type: "cohandle", date: "2025-09-02", unitIds: [unitB] })).status,
    ).toBe(403);
    expect(
      (await act(office, data.id, { type: "cohandle", date: "2025-09-02", unitIds: [unitB] })).status,
    ).toBe(200);
    expect((await api(t, "GET", `/api/v1/requests/${data.id}`, { token: headB })).status).toBe(200);
  });

  it("audits every view of the unmasked ID number", async () => {
    const { data } = await register(headA);
    const r = await api(t, "GET", `/api/v1/requests/${data.id}?reveal=1`, { token: headA });
    expect(r.data.applicant.idNumber).toBe(person.idNumber);
    const views = await t.db.select().from(auditLog).where(eq(auditLog.action, "request.reveal_applicant"));
    expect(views.some((v) => v.entityId === String(data.id) && v.actorName.includes("a.head"))).toBe(true);
  });

  it("takes an online request, confirms it, and shows the applicant the status without personal data", async () => {
    const body = {
      applicant: { ...person, address: "济南市市中区某路 1 号" },
      description: "申请公开 2024 年度区级财政预算执行情况",
      form: "email",
      delivery: "email",
      consent: true,
    };
    const missingEmail = await api(t, "POST", "/api/v1/public/requests", { json: body });
    expect(missingEmail.status).toBe(400);
    expect(missingEmail.data.error.issues[0]).toEqual({
      path: "applicant.email",
      message: "选择电子邮件送达时请填写电子邮箱。",
    });
    const submitted = await api(t, "POST", "/api/v1/public/requests", {
      json: { ...body, applicant: { ...body.applicant, email: "zhangsan@example.com" } },
    });
    expect(submitted.status).toBe(201);
    const { receiptNo, queryCode } = submitted.data;
    expect(queryCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    const status = await api(t, "GET", `/api/v1/public/requests/${receiptNo}?queryCode=${queryCode}`);
    expect(status.data).toMatchObject({ status: "awaiting_confirmation", receivedAt: null, dueDate: null });
    expect(status.text).not.toMatch(/张三|11010519491231002X|13812345678|zhangsan/);
    expect((await api(t, "GET", `/api/v1/public/requests/${receiptNo}?queryCode=WRONG234`)).status).toBe(404);

    const [row] = await t.db.select().from(requests).where(eq(requests.receiptNo, receiptNo));
    await act(office, row?.id as number, { type: "assign", date: todayInChina(), unitId: unitA });
    const confirmed = await act(headA, row?.id as number, { type: "confirm_receipt", date: todayInChina() });
    expect(confirmed.data).toMatchObject({ status: "running", receivedAt: todayInChina() });
    const after = await api(
      t,
      "GET",
      `/api/v1/public/requests/${receiptNo}?queryCode=${queryCode.toLowerCase()}`,
    );
    expect(after.data.dueDate).toBe(confirmed.data.dueDate);
  });

  it("counts open, due-soon and overdue requests by unit on the board", async () => {
    const board = await api(t, "GET", "/api/v1/requests/board", { token: office });
    const a = board.data.items.find((i: { unitId: number }) => i.unitId === unitA);
    // Requests received in 2025 and still open are long overdue by now.
    expect(a.overdue).toBeGreaterThan(0);
    expect(a.open).toBeGreaterThanOrEqual(a.overdue);
    // Unit B's head sees only what it may see: its own requests and the one it helps with (协查).
    const headB = await tokenFor(t, "b.head");
    const forB = await api(t, "GET", "/api/v1/requests/board", { token: headB });
    const openForB = forB.data.items.reduce((n: number, i: { open: number }) => n + i.open, 0);
    expect(openForB).toBe((await api(t, "GET", "/api/v1/requests?status=open", { token: headB })).data.total);
    expect(forB.data.items.find((i: { unitId: number }) => i.unitId === unitA)?.open).toBe(1);
  });

  describe("the public door: one use case for the form and the API", () => {
    const publicBody = {
      applicant: { ...person, email: "lisi@example.com" },
      description: "申请公开 2025 年度区级政府采购目录",
      form: "email",
      delivery: "email",
    };
    const submit = (ip: string, json: Record<string, unknown>) =>
      api(t, "POST", "/api/v1/public/requests", { json, headers: { "x-forwarded-for": ip } });
    const requestCount = async () => (await t.db.select({ n: count() }).from(requests))[0]?.n ?? 0;

    it("refuses a submission without consent with 422 and stores nothing", async () => {
      const before = await requestCount();
      for (const consent of [undefined, false]) {
        const r = await submit("203.0.113.1", { ...publicBody, consent });
        expect(r.status).toBe(422);
        expect(r.data.error.message).toBe("请阅读并勾选声明。");
        expect(r.data.error.issues).toEqual([{ path: "consent", message: "请阅读并勾选声明。" }]);
      }
      expect(await requestCount()).toBe(before);
    });

    it("takes ten an hour from one address; the eleventh is 429 and stores nothing", async () => {
      for (let i = 0; i < 10; i++)
        expect((await submit("203.0.113.2", { ...publicBody, consent: true })).status).toBe(201);
      const before = await requestCount();
      const eleventh = await submit("203.0.113.2", { ...publicBody, consent: true });
      expect(eleventh.status).toBe(429);
      expect(eleventh.data.error.message).toMatch(/频繁/);
      expect(await requestCount()).toBe(before);
      // Another address is not affected.
      expect((await submit("203.0.113.3", { ...publicBody, consent: true })).status).toBe(201);
    });

    it("answers a filled honeypot as accepted and stores nothing", async () => {
      const before = await requestCount();
      const r = await submit("203.0.113.4", { ...publicBody, consent: true, website: "http://spam.example" });
      expect(r.status).toBe(201);
      expect(await requestCount()).toBe(before);
    });

    it("documents the consent field in the OpenAPI description", async () => {
      const doc = (await api(t, "GET", "/api/v1/openapi.json")).data;
      const op = doc.paths["/public/requests"].post;
      const schema = op.requestBody.content["application/json"].schema;
      const props = schema.properties ?? doc.components.schemas[schema.$ref.split("/").at(-1)].properties;
      expect(props.consent).toMatchObject({ type: "boolean", description: expect.stringContaining("true") });
      expect(Object.keys(op.responses)).toContain("422");
    });
  });

  it("answers the JSON status lookup as the status page does, with the letter once replied", async () => {
    const submitted = await api(t, "POST", "/api/v1/public/requests", {
      headers: { "x-forwarded-for": "203.0.113.9" },
      json: {
        applicant: { ...person, email: "wangwu@example.com" },
        description: "申请公开 2025 年度区级政府采购目录",
        form: "email",
        delivery: "email",
        unitId: unitA,
        consent: true,
      },
    });
    const { receiptNo, queryCode } = submitted.data;
    const [row] = await t.db.select().from(requests).where(eq(requests.receiptNo, receiptNo));
    const id = row?.id as number;
    await act(headA, id, { type: "confirm_receipt", date: todayInChina() });
    await act(headA, id, { type: "reply", date: todayInChina(), outcome: "disclosed" });
    const status = await api(t, "GET", `/api/v1/public/requests/${receiptNo}?queryCode=${queryCode}`);
    expect(status.status).toBe(200);
    expect(status.data).toMatchObject({ status: "concluded", outcome: "disclosed" });
    expect(status.data.letter).toMatchObject({
      title: "政府信息公开申请答复告知书",
      salutation: "张三：",
    });
    expect(status.data.letter.paragraphs.join("")).toContain("第三十六条第（二）项");
    expect(status.text).not.toMatch(/11010519491231002X|13812345678/);
  });
});
