import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { addDays, todayInChina } from "../calendar";

describeDb("appeals (行政复议、行政诉讼) and the contact log", () => {
  let t: TTestApp;
  let headA: string;
  let unitA: number;
  beforeAll(async () => {
    t = await createTestApp();
    unitA = (await seedOrg(t.db)).unitA.id;
    headA = await tokenFor(t, "a.head");
  });
  afterAll(() => t?.close());

  /** A request received and answered on the given dates. */
  async function replied(receivedAt: string, replyOn: string) {
    const r = await api(t, "POST", "/api/v1/requests", {
      token: headA,
      json: {
        applicant: { kind: "natural_person", name: "孙八" },
        channel: "mail",
        receivedAt,
        description: "申请公开某项信息",
      },
    });
    await api(t, "POST", `/api/v1/requests/${r.data.id}/actions`, {
      token: headA,
      json: {
        type: "reply",
        date: replyOn,
        outcome: "withheld.process_info",
        reason: "属于内部研究过程",
        legalBasis: "条例第十六条",
      },
    });
    return r.data.id as number;
  }

  it("records appeals against a reply and computes 纠错率 and 败诉率 by unit and year", async () => {
    // Three reconsiderations filed in 2025: one corrected, one upheld, one pending at year end (decided 2026).
    // Two lawsuits filed in 2025: one corrected (lost), one upheld.
    const ids = [await replied("2025-03-03", "2025-03-20"), await replied("2025-04-01", "2025-04-15")];
    const appeal = (id: number, json: object) =>
      api(t, "POST", `/api/v1/requests/${id}/appeals`, { token: headA, json });
    expect(
      (
        await appeal(ids[0] as number, {
          kind: "reconsideration",
          filedAt: "2025-04-01",
          result: "corrected",
          decidedAt: "2025-06-01",
        })
      ).status,
    ).toBe(201);
    await appeal(ids[0] as number, {
      kind: "reconsideration",
      filedAt: "2025-04-02",
      result: "upheld",
      decidedAt: "2025-06-02",
    });
    const pending = await appeal(ids[1] as number, { kind: "reconsideration", filedAt: "2025-11-01" });
    await appeal(ids[1] as number, {
      kind: "litigation_direct",
      filedAt: "2025-05-01",
      result: "corrected",
      decidedAt: "2025-09-01",
    });
    await appeal(ids[1] as number, {
      kind: "litigation_after_reconsideration",
      filedAt: "2025-07-01",
      result: "upheld",
      decidedAt: "2025-10-01",
    });
    const decided = await api(t, "PUT", `/api/v1/requests/${ids[1]}/appeals/${pending.data.id}`, {
      token: headA,
      json: { result: "corrected", decidedAt: "2026-01-10" },
    });
    expect(decided.status).toBe(200);
    const again = await api(t, "PUT", `/api/v1/requests/${ids[1]}/appeals/${pending.data.id}`, {
      token: headA,
      json: { result: "upheld", decidedAt: "2026-01-11" },
    });
    expect(again.status).toBe(409);

    const rates = await api(t, "GET", "/api/v1/appeals/rates?year=2025", { token: headA });
    const a = rates.data.items.find((i: { unitId: number }) => i.unitId === unitA);
    // The one decided in 2026 counts as pending for 2025: 1 corrected of 2 decided.
    expect(a.reconsideration).toEqual({ total: 3, decided: 2, corrected: 1, correctionRate: 0.5 });
    expect(a.litigation).toEqual({ total: 2, decided: 2, corrected: 1, lossRate: 0.5 });
    expect((await api(t, "GET", `/api/v1/requests/${ids[1]}`, { token: headA })).data.appeals).toHaveLength(
      3,
    );
  });

  it("accepts an appeal against a failure to reply once the due date has passed, and not before", async () => {
    // Received Mon 2025-03-03: Mar 4–7 (4), 10–14 (9), 17–21 (14), 24–28 (19), Mon 31 (20) → due 2025-03-31.
    const open = await api(t, "POST", "/api/v1/requests", {
      token: headA,
      json: {
        applicant: { kind: "natural_person", name: "周九" },
        channel: "mail",
        receivedAt: "2025-03-03",
        description: "申请公开某项信息",
      },
    });
    expect(open.data.dueDate).toBe("2025-03-31");
    const appeal = (filedAt: string) =>
      api(t, "POST", `/api/v1/requests/${open.data.id}/appeals`, {
        token: headA,
        json: { kind: "reconsideration", filedAt },
      });
    const beforeReceipt = await appeal("2025-03-02");
    expect(beforeReceipt.status).toBe(422);
    expect(beforeReceipt.data.error.issues[0].message).toContain("不能早于收到申请的日期（2025-03-03）");
    const onDueDate = await appeal("2025-03-31");
    expect(onDueDate.status).toBe(409);
    expect(onDueDate.data.error.message).toContain("答复期限（2025-03-31）届满前不能就未答复提起");
    const read = async () => (await api(t, "GET", `/api/v1/requests/${open.data.id}`, { token: headA })).data;
    expect((await read()).appeals).toEqual([]);
    expect((await appeal("2025-04-01")).status).toBe(201);
    expect((await read()).appeals).toHaveLength(1);
  });

  it("refuses appeals on impossible dates", async () => {
    const id = await replied("2025-03-03", "2025-03-20");
    const early = await api(t, "POST", `/api/v1/requests/${id}/appeals`, {
      token: headA,
      json: { kind: "reconsideration", filedAt: "2025-03-19" },
    });
    expect(early.status).toBe(422);
    expect(early.data.error.issues[0].message).toContain("不能早于答复日期");
    const future = await api(t, "POST", `/api/v1/requests/${id}/appeals`, {
      token: headA,
      json: {
        kind: "reconsideration",
        filedAt: "2025-04-01",
        result: "upheld",
        decidedAt: addDays(todayInChina(), 3),
      },
    });
    expect(future.status).toBe(422);
    const headB = await tokenFor(t, "b.head");
    expect(
      (
        await api(t, "POST", `/api/v1/requests/${id}/appeals`, {
          token: headB,
          json: { kind: "reconsideration", filedAt: "2025-04-01" },
        })
      ).status,
    ).toBe(404);
  });

  it("logs contacts with the applicant, also after the reply", async () => {
    const id = await replied("2025-03-03", "2025-03-20");
    const r = await api(t, "POST", `/api/v1/requests/${id}/contacts`, {
      token: headA,
      json: { method: "phone", date: "2025-03-21", summary: "电话告知已邮寄答复告知书" },
    });
    expect(r.status).toBe(201);
    const bad = await api(t, "POST", `/api/v1/requests/${id}/contacts`, {
      token: headA,
      json: { method: "phone", date: "2025-03-01", summary: "早于收到日期" },
    });
    expect(bad.status).toBe(422);
    const read = await api(t, "GET", `/api/v1/requests/${id}`, { token: headA });
    expect(read.data.contacts).toEqual([
      {
        id: r.data.id,
        method: "phone",
        date: "2025-03-21",
        summary: "电话告知已邮寄答复告知书",
        actor: "a.head（a.head）",
      },
    ]);
  });
});
