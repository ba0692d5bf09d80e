import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, PASSWORD, seedOrg, TEST_ACTOR, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { auditLog } from "../../platform/db/tables";
import { loadWorkCalendar, todayInChina } from "../calendar";
import { createUnit, createUser } from "../org";
import { refreshPausedDueDates } from "./refresh-paused";
import { requestsNeedingReminders } from "./reminders";
import { requestActions, requests } from "./requests.tables";

// Worked examples by hand from STATUTES §1–5 with the shipped 2025 and 2026 schedules.

const person = {
  kind: "natural_person",
  name: "郑十",
  idType: "resident_id",
  idNumber: "11010519491231002X",
  phone: "13812345678",
};

describeDb("the request workflow: pauses, delivery dates, fees per agency, co-handling units", () => {
  let t: TTestApp;
  let unitA: number;
  let unitB: number;
  let office: string;
  let headA: string;
  let headB: string;
  beforeAll(async () => {
    t = await createTestApp();
    const s = await seedOrg(t.db);
    unitA = s.unitA.id;
    unitB = s.unitB.id;
    office = await tokenFor(t, "office");
    headA = await tokenFor(t, "a.head");
    headB = await tokenFor(t, "b.head");
  });
  afterAll(() => t?.close());

  const register = async (body: Record<string, unknown> = {}) =>
    (
      await api(t, "POST", "/api/v1/requests", {
        token: headA,
        json: {
          applicant: person,
          channel: "mail",
          receivedAt: "2025-09-01",
          description: "申请公开某项目的环评批复文件",
          ...body,
        },
      })
    ).data;
  const act = (token: string, id: number, json: Record<string, unknown>) =>
    api(t, "POST", `/api/v1/requests/${id}/actions`, { token, json });
  const read = async (id: number, token = headA) =>
    (await api(t, "GET", `/api/v1/requests/${id}`, { token })).data;
  /** The request's row, its actions and the audit log's size, to prove a refusal changed nothing. */
  const snapshot = async (id: number) => ({
    row: (await t.db.select().from(requests).where(eq(requests.id, id)))[0],
    actions: (
      await t.db.select({ n: count() }).from(requestActions).where(eq(requestActions.requestId, id))
    )[0]?.n,
    audits: (await t.db.select({ n: count() }).from(auditLog))[0]?.n,
  });
  const boardOf = async (token: string, unitId: number) =>
    (await api(t, "GET", "/api/v1/requests/board", { token })).data.items.find(
      (i: { unitId: number }) => i.unitId === unitId,
    );

  describe("pauses (issue 10.1, 10.3)", () => {
    it("refuses a consultation or a fee notice after the due date, so the request stays overdue", async () => {
      // Received Mon 2025-09-01 → due Sun 2025-09-28 (a worked Sunday).
      const { id } = await register();
      const overdueBefore = (await boardOf(office, unitA)).overdue;
      const before = await snapshot(id);
      for (const body of [
        { type: "consultation_started", date: "2025-09-29", party: "某公司" },
        { type: "fee_notice", date: "2025-09-29", basis: "按量计收", pages: 150, amount: 1700 },
      ]) {
        const r = await act(headA, id, body);
        expect(r.status, body.type).toBe(422);
        expect(r.data.error.message).toBe(
          "答复期限（2025-09-28）已届满，不能再以" +
            (body.type === "fee_notice" ? "收费通知" : "征求意见") +
            "暂停计时；请尽快答复。",
        );
        expect(await snapshot(id)).toEqual(before);
      }
      expect(before.row?.dueDate).toBe("2025-09-28");
      expect((await boardOf(office, unitA)).overdue).toBe(overdueBefore);
      const overdue = await api(t, "GET", "/api/v1/requests?overdue=1&pageSize=100", { token: office });
      expect(overdue.data.items.map((r: { id: number }) => r.id)).toContain(id);
    });

    it("accepts a pause on the due date itself", async () => {
      const { id } = await register();
      const r = await act(headA, id, { type: "consultation_started", date: "2025-09-28", party: "某公司" });
      expect(r.status).toBe(200);
    });

    it("keeps a due date while paused, and flags a consultation open past 15 working days everywhere", async () => {
      // Sent Fri 2025-09-05, received by the company Mon 09-08: answer due Sun 2025-09-28 (15 working days).
      const { id } = await register();
      const r = await act(headA, id, {
        type: "consultation_started",
        date: "2025-09-05",
        party: "某公司",
        deliveredOn: "2025-09-08",
      });
      expect(r.status).toBe(200);
      // 4 of 20 working days used (Sep 2–5); at least 16 working days after today, never null.
      expect(r.data).toMatchObject({ status: "paused", consultationAnswerBy: "2025-09-28" });
      expect(r.data.dueDate > todayInChina()).toBe(true);
      expect(r.data.clock).toMatchObject({
        isDueDateAtLeast: true,
        overdueConsultations: [{ party: "某公司", answerBy: "2025-09-28" }],
      });
      expect(r.data.clock.steps.join("")).toContain("即 2025-09-28 前答复");
      expect((await boardOf(office, unitA)).consultationsOverdue).toBeGreaterThanOrEqual(1);
      const v = await new Visitor(t).login("a.head");
      const page = await v.get(`/admin/requests/${id}`);
      expect(page.text).toContain(`暂停中，期限不早于 ${r.data.dueDate}`);
      expect(page.text).toContain("征求意见超期");
      expect(page.text).toContain("“某公司”应于 2025-09-28 前答复");
      const list = await v.get("/admin/requests?status=paused");
      expect(list.text).toContain(`至少至 ${r.data.dueDate}`);
      expect(list.text).toContain("征求意见已超过 15 个工作日");
      expect(list.text).toMatch(/<th[^>]*>征求意见超期<\/th>/);
    });

    it("moves a paused request's stored due date on with the days it stays paused", async () => {
      const { id } = await register();
      await act(headA, id, { type: "consultation_started", date: "2025-09-05", party: "某公司" });
      // As stored before this fix (no due date), or stored some days ago.
      await t.db.update(requests).set({ dueDate: null }).where(eq(requests.id, id));
      expect(await refreshPausedDueDates(t.db)).toBeGreaterThanOrEqual(1);
      const [row] = await t.db.select().from(requests).where(eq(requests.id, id));
      expect(row?.dueDate).toBe((await read(id)).clock.dueDate);
      // On Fri 2025-09-12 it was due at least Sat 2025-10-11 (Sep 8–12 paused).
      await refreshPausedDueDates(t.db, "2025-09-12");
      expect((await t.db.select().from(requests).where(eq(requests.id, id)))[0]?.dueDate).toBe("2025-10-11");
      await refreshPausedDueDates(t.db);
    });

    it("sends no deadline reminder for a paused request's lower bound, which moves on every day", async () => {
      // Consultation from Fri 2025-09-26 with 1 working day left (Sep 2–26 used 19): read on Mon 09-29 the
      // request is due at least Tue 09-30, within 2 working days, yet the clock is stopped.
      const { id } = await register();
      await act(headA, id, { type: "consultation_started", date: "2025-09-26", party: "某公司" });
      await refreshPausedDueDates(t.db, "2025-09-29");
      expect((await t.db.select().from(requests).where(eq(requests.id, id)))[0]?.dueDate).toBe("2025-09-30");
      const due = await requestsNeedingReminders(t.db, "2025-09-29", await loadWorkCalendar(t.db));
      expect(due.map((x) => x.request.id)).not.toContain(id);
      await refreshPausedDueDates(t.db);
    });

    it("takes a fee notice during a consultation, and counts the overlap once", async () => {
      const { id } = await register();
      await act(headA, id, { type: "consultation_started", date: "2025-09-05", party: "某公司" });
      const fee = await act(headA, id, {
        type: "fee_notice",
        date: "2025-09-08",
        basis: "按量计收",
        pages: 150,
        amount: 1700,
        deliveredOn: "2025-09-08",
      });
      expect(fee.status).toBe(200);
      await act(headA, id, { type: "fee_paid", date: "2025-09-10" });
      const ended = await act(headA, id, { type: "consultation_ended", date: "2025-09-12", party: "某公司" });
      // Sep 8–12 paused once: due Sat 2025-10-11, as with the consultation alone.
      expect(ended.data).toMatchObject({ status: "running", dueDate: "2025-10-11" });
    });
  });

  describe("correction period (issue 10.2)", () => {
    it("requires the period, proposes 15 working days on the form, and states it", async () => {
      const { id } = await register();
      const before = await snapshot(id);
      const missing = await act(headA, id, { type: "request_correction", date: "2025-09-03" });
      expect(missing.status).toBe(400);
      expect(missing.data.error.issues.map((i: { path: string }) => i.path)).toEqual(["correctBy"]);
      expect(await snapshot(id)).toEqual(before);

      const v = await new Visitor(t).login("a.head");
      const form = await v.get(`/admin/requests/${id}?action=request_correction`);
      const proposed = (await read(id)).clock.suggestedCorrectBy as string;
      expect(proposed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(form.text).toMatch(
        new RegExp(`name="correctBy"[^>]*value="${proposed}"|value="${proposed}"[^>]*name="correctBy"`),
      );
      const bad = await v.post(`/admin/requests/${id}/actions`, {
        type: "request_correction",
        date: "2025-09-03",
      });
      expect(bad.status).toBe(422);
      expect(bad.text).toMatch(/id="f-correctBy-error"/);

      // Notice Wed 2025-09-03 with the proposed period: 15 working days later is Wed 2025-09-24.
      const ok = await act(headA, id, {
        type: "request_correction",
        date: "2025-09-03",
        correctBy: "2025-09-24",
      });
      expect(ok.data.clock.steps.join("")).toContain("（补正期限 2025-09-24）");
      expect((await act(headA, id, { type: "abandon_no_correction", date: "2025-09-24" })).status).toBe(422);
      expect(
        (await act(headA, id, { type: "abandon_no_correction", date: "2025-09-25" })).data,
      ).toMatchObject({
        status: "concluded",
        outcome: "other.no_correction",
      });
    });
  });

  describe("delivery dates (issue 10.6)", () => {
    it("counts the fee payment period from the day a posted notice is received (unit's allowance)", async () => {
      // Received Mon 2026-03-02, notice Tue 03-10 by post; unit A allows 3 days: received Fri 03-13.
      // 20 working days after it: Mar 16–20 (5), 23–27 (10), 30–31 (12), Apr 1–3 (15), Apr 4–6 清明 off,
      // Apr 7–10 (19), Mon Apr 13 (20). Counted from the issue date it would have been Wed 04-08.
      const { id } = await register({ receivedAt: "2026-03-02" });
      const fee = await act(headA, id, {
        type: "fee_notice",
        date: "2026-03-10",
        basis: "按量计收",
        pages: 45,
        amount: 150,
      });
      expect(fee.data.clock.feePaymentDeadline).toBe("2026-04-13");
      expect(fee.data.actions.at(-1)).toMatchObject({ type: "fee_notice", deliveredOn: "2026-03-13" });
      const before = await snapshot(id);
      const early = await act(headA, id, { type: "abandon_no_fee", date: "2026-04-13" });
      expect(early.status).toBe(422);
      expect(early.data.error.message).toBe("缴费期限（2026-04-13）尚未届满，不能视为放弃。");
      expect(await snapshot(id)).toEqual(before);
      expect((await act(headA, id, { type: "abandon_no_fee", date: "2026-04-14" })).data.outcome).toBe(
        "other.no_fee",
      );
    });

    it("takes the issue date for e-mail, the unit's own allowance for post, and the clerk's date over both", async () => {
      const byEmail = await register({ receivedAt: "2026-03-02", delivery: "email" });
      const e = await act(headA, byEmail.id, {
        type: "fee_notice",
        date: "2026-03-10",
        basis: "按量计收",
        pages: 45,
        amount: 150,
      });
      expect(e.data.actions.at(-1).deliveredOn).toBe("2026-03-10");
      expect(e.data.clock.feePaymentDeadline).toBe("2026-04-08");

      const unit = (await api(t, "GET", `/api/v1/units/${unitB}`, { token: office })).data;
      const saved = await api(t, "PUT", `/api/v1/units/${unitB}`, {
        token: office,
        json: { name: unit.name, kind: unit.kind, aliases: unit.aliases, postedMailDays: 5 },
      });
      expect(saved.status).toBe(200);
      const inB = (
        await api(t, "POST", "/api/v1/requests", {
          token: office,
          json: {
            applicant: person,
            channel: "mail",
            receivedAt: "2026-03-02",
            description: "申请公开某项信息",
            unitId: unitB,
          },
        })
      ).data;
      const b = await act(office, inB.id, {
        type: "fee_notice",
        date: "2026-03-10",
        basis: "按量计收",
        pages: 45,
        amount: 150,
      });
      expect(b.data.actions.at(-1).deliveredOn).toBe("2026-03-15");

      const byHand = await register({ receivedAt: "2026-03-02" });
      const bad = await act(headA, byHand.id, {
        type: "fee_notice",
        date: "2026-03-10",
        basis: "按量计收",
        pages: 45,
        amount: 150,
        deliveredOn: "2026-03-09",
      });
      expect(bad.status).toBe(422);
      expect(bad.data.error.message).toBe("送达日期不能早于发出日期。");
      const h = await act(headA, byHand.id, {
        type: "fee_notice",
        date: "2026-03-10",
        basis: "按量计收",
        pages: 45,
        amount: 150,
        deliveredOn: "2026-03-11",
      });
      // Received Wed 03-11: Mar 12–13 (2), 16–20 (7), 23–27 (12), 30–31 (14), Apr 1–3 (17), Apr 7–9 (20).
      expect(h.data.clock.feePaymentDeadline).toBe("2026-04-09");
    });
  });

  describe("按件 per agency (issue 10.7)", () => {
    it("ranks an applicant's requests per receiving unit, the district government and its office as one", async () => {
      const base = { aliases: [], address: "", phone: "", duties: "", sortOrder: 0 };
      const setup = { userId: null, name: "测试准备", ip: "", requestId: "" };
      const government = await createUnit(t.db, setup, { ...base, name: "某区人民政府", kind: "government" });
      const govOffice = await createUnit(t.db, setup, {
        ...base,
        name: "某区人民政府办公室",
        kind: "office",
      });
      const applicant = { ...person, name: "冯十一", idNumber: "110101199003070011" };
      const to = async (unitId: number) =>
        (
          await api(t, "POST", "/api/v1/requests", {
            token: office,
            json: {
              applicant,
              channel: "mail",
              receivedAt: "2025-11-03",
              description: "申请公开某项信息",
              unitId,
            },
          })
        ).data.id as number;
      for (let i = 0; i < 10; i++) await to(unitB);
      // The 11th of the month, but the first to unit A: free.
      const firstToA = await to(unitA);
      const before = await snapshot(firstToA);
      const refused = await act(office, firstToA, {
        type: "fee_notice",
        date: "2025-11-04",
        basis: "按件计收",
        amount: 100,
      });
      expect(refused.status).toBe(422);
      expect(refused.data.error.message).toBe("依按件计收标准，本申请不应收费。");
      expect(await snapshot(firstToA)).toEqual(before);
      // Ten to the district government and the eleventh to its office: one agency, so the 11th is charged.
      for (let i = 0; i < 5; i++) await to(government.id);
      for (let i = 0; i < 5; i++) await to(govOffice.id);
      const eleventh = await to(govOffice.id);
      const charged = await act(office, eleventh, {
        type: "fee_notice",
        date: "2025-11-04",
        basis: "按件计收",
        amount: 100,
      });
      expect(charged.status, charged.text).toBe(200);
    });
  });

  describe("co-handling units (issue 11.8)", () => {
    it("lets a co-handling unit give its opinion, but not reply, conclude, move the clock or reveal", async () => {
      const { id } = await register();
      expect((await act(office, id, { type: "cohandle", date: "2025-09-02", unitIds: [unitB] })).status).toBe(
        200,
      );
      const before = await snapshot(id);
      for (const body of [
        { type: "reply", date: "2025-09-10", outcome: "disclosed" },
        { type: "withdraw", date: "2025-09-10" },
        { type: "consultation_started", date: "2025-09-10", party: "某公司" },
        { type: "request_correction", date: "2025-09-03", correctBy: "2025-09-24" },
        { type: "extend", date: "2025-09-10", workdays: 5, reason: "需要调取档案" },
      ]) {
        const r = await act(headB, id, body);
        expect(r.status, body.type).toBe(403);
        expect(await snapshot(id)).toEqual(before);
      }
      const reveal = await api(t, "GET", `/api/v1/requests/${id}?reveal=1`, { token: headB });
      expect(reveal.status).toBe(403);
      expect(reveal.text).not.toContain(person.idNumber);
      expect(await snapshot(id)).toEqual(before);

      const opinion = await act(headB, id, {
        type: "opinion",
        date: "2025-09-05",
        text: "经核查，本局未制作该文件。",
      });
      expect(opinion.status).toBe(200);
      expect(opinion.data.status).toBe("running");
      expect(opinion.data.actions.at(-1)).toMatchObject({
        type: "opinion",
        text: "经核查，本局未制作该文件。",
      });
      const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "request.opinion"));
      expect(audits.some((a) => a.entityId === String(id))).toBe(true);
      // The lead unit still replies.
      expect((await act(headA, id, { type: "reply", date: "2025-09-10", outcome: "disclosed" })).status).toBe(
        200,
      );
    });

    it("offers a co-handling unit only its own forms on the staff page, and refuses the rest there too", async () => {
      const { id } = await register();
      await act(office, id, { type: "cohandle", date: "2025-09-02", unitIds: [unitB] });
      const b = await new Visitor(t).login("b.head");
      const page = await b.get(`/admin/requests/${id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`action=opinion`);
      expect(page.text).not.toContain("action=reply");
      expect(page.text).not.toContain("显示完整证件号码");
      const revealed = await b.post(`/admin/requests/${id}/reveal`, {});
      expect(revealed.status).toBe(403);
      expect(revealed.text).not.toContain(person.idNumber);
      const before = await snapshot(id);
      const reply = await b.post(`/admin/requests/${id}/actions`, {
        type: "reply",
        date: "2025-09-10",
        outcome: "disclosed",
      });
      expect(reply.status).toBe(403);
      expect(await snapshot(id)).toEqual(before);
      const saved = await b.post(`/admin/requests/${id}/actions`, {
        type: "opinion",
        date: "2025-09-05",
        text: "本局意见：可以公开。",
      });
      expect(saved.status).toBe(303);
      expect((await b.get(`/admin/requests/${id}`)).text).toContain("协查意见：本局意见：可以公开。");

      const a = await new Visitor(t).login("a.head");
      const lead = await a.get(`/admin/requests/${id}`);
      expect(lead.text).toContain("action=reply");
      expect(lead.text).toContain("显示完整证件号码");
    });

    it("leaves appeals to the lead unit and the office; a co-handling unit still logs contacts", async () => {
      const { id } = await register();
      await act(office, id, { type: "cohandle", date: "2025-09-02", unitIds: [unitB] });
      await act(headA, id, { type: "reply", date: "2025-09-10", outcome: "disclosed" });
      const appeal = { kind: "reconsideration", filedAt: "2025-10-09", authority: "区人民政府" };
      const before = await snapshot(id);
      const refused = await api(t, "POST", `/api/v1/requests/${id}/appeals`, { token: headB, json: appeal });
      expect(refused.status).toBe(403);
      expect(await snapshot(id)).toEqual(before);
      const b = await new Visitor(t).login("b.head");
      expect((await b.get(`/admin/requests/${id}?action=appeal`)).text).not.toContain("appeal-form");
      const afterLogin = await snapshot(id);
      expect((await b.post(`/admin/requests/${id}/appeals`, appeal)).status).toBe(403);
      expect(await snapshot(id)).toEqual(afterLogin);

      const contact = { method: "phone", date: "2025-09-11", summary: "电话告知答复已寄出。" };
      const logged = await api(t, "POST", `/api/v1/requests/${id}/contacts`, { token: headB, json: contact });
      expect(logged.status).toBe(201);
      const recorded = await api(t, "POST", `/api/v1/requests/${id}/appeals`, { token: headA, json: appeal });
      expect(recorded.status).toBe(201);
    });

    it("leaves turning the reply into proactive disclosure (Art. 44) to the lead unit and the office", async () => {
      // Someone who edits the lead unit's documents but handles requests only for the co-handling unit.
      await createUser(
        t.db,
        TEST_ACTOR,
        {
          username: "ab.both",
          displayName: "ab.both",
          password: PASSWORD,
          roles: [
            { role: "unit_head", unitId: unitB },
            { role: "unit_editor", unitId: unitA },
          ],
        },
        { mustChangePassword: false },
      );
      const both = await tokenFor(t, "ab.both");
      const { id } = await register();
      await act(office, id, { type: "cohandle", date: "2025-09-02", unitIds: [unitB] });
      await act(headA, id, { type: "reply", date: "2025-09-10", outcome: "disclosed" });
      const json = { title: "某项目环评批复", body: "批复全文。" };
      const before = await snapshot(id);
      const refused = await api(t, "POST", `/api/v1/requests/${id}/disclose`, { token: both, json });
      expect(refused.status).toBe(403);
      expect(await snapshot(id)).toEqual(before);
      expect((await api(t, "POST", `/api/v1/requests/${id}/disclose`, { token: office, json })).status).toBe(
        201,
      );
    });
  });
});
