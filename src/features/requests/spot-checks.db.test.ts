import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { drawSample } from "./spot-checks";

describeDb("spot checks of concluded requests", () => {
  let t: TTestApp;
  let office: string;
  let unitA: number;
  let unitB: number;
  beforeAll(async () => {
    t = await createTestApp();
    const s = await seedOrg(t.db);
    unitA = s.unitA.id;
    unitB = s.unitB.id;
    office = await tokenFor(t, "office");
    // Twelve requests answered in March 2025, six per unit.
    for (let i = 0; i < 12; i++) {
      const r = await api(t, "POST", "/api/v1/requests", {
        token: office,
        json: {
          applicant: { kind: "natural_person", name: `申请人${i}` },
          channel: "mail",
          receivedAt: "2025-03-03",
          description: "申请公开某项信息",
          unitId: i % 2 ? unitB : unitA,
        },
      });
      await api(t, "POST", `/api/v1/requests/${r.data.id}/actions`, {
        token: office,
        json: { type: "reply", date: "2025-03-20", outcome: "disclosed" },
      });
    }
  });
  afterAll(() => t?.close());

  it("draws the same sample from the same seed and population, and a different one from another seed", () => {
    const ids = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(drawSample(ids, 10, "2025-Q1")).toEqual(drawSample([...ids].reverse(), 10, "2025-Q1"));
    expect(drawSample(ids, 10, "2025-Q1")).not.toEqual(drawSample(ids, 10, "2025-Q2"));
    expect(new Set(drawSample(ids, 10, "x")).size).toBe(10);
    expect(drawSample([1, 2, 3], 10, "x").sort()).toEqual([1, 2, 3]);
  });

  it("records a draw, verifies it from its seed, scores cases and averages them by unit", async () => {
    const draw = await api(t, "POST", "/api/v1/spot-checks", {
      token: office,
      json: { closedFrom: "2025-03-01", closedTo: "2025-03-31", sampleSize: 4, seed: "2025年第一季度抽查" },
    });
    expect(draw.status).toBe(201);
    expect(draw.data).toMatchObject({ populationCount: 12, seed: "2025年第一季度抽查" });
    expect(draw.data.sample).toHaveLength(4);
    const all = {
      onTime: true,
      letterComplete: true,
      outcomeRight: true,
      deliveryRecorded: true,
      contactRecorded: true,
    };
    const [first, second] = draw.data.sample as [number, number];
    await api(t, "PUT", `/api/v1/spot-checks/${draw.data.id}/items/${first}`, {
      token: office,
      json: { checklist: all },
    });
    const partial = await api(t, "PUT", `/api/v1/spot-checks/${draw.data.id}/items/${second}`, {
      token: office,
      json: { checklist: { ...all, deliveryRecorded: false, contactRecorded: false }, comment: "缺送达记录" },
    });
    expect(partial.data.score).toBe(60);
    const incomplete = await api(t, "PUT", `/api/v1/spot-checks/${draw.data.id}/items/${second}`, {
      token: office,
      json: { checklist: { onTime: true } },
    });
    expect(incomplete.status).toBe(400);
    const read = await api(t, "GET", `/api/v1/spot-checks/${draw.data.id}`, { token: office });
    expect(read.data.verified).toBe(true);
    // Expected averages by hand: 100 for the first case's unit, 60 for the second's (80 if they share one).
    const unitOf = (id: number) =>
      read.data.items.find((i: { requestId: number }) => i.requestId === id).unitId;
    const scores = new Map<number, number[]>();
    for (const [id, score] of [
      [first, 100],
      [second, 60],
    ] as const)
      scores.set(unitOf(id), [...(scores.get(unitOf(id)) ?? []), score]);
    for (const [unitId, list] of scores) {
      const row = read.data.byUnit.find((u: { unitId: number }) => u.unitId === unitId);
      expect(row.averageScore).toBe(list.reduce((a, b) => a + b, 0) / list.length);
      expect(row.scored).toBe(list.length);
    }
    expect(read.data.items.map((i: { requestId: number }) => i.requestId)).toEqual(draw.data.sample);
  });

  it("is organised by the office only", async () => {
    const head = await tokenFor(t, "a.head");
    const r = await api(t, "POST", "/api/v1/spot-checks", {
      token: head,
      json: { closedFrom: "2025-03-01", closedTo: "2025-03-31", sampleSize: 2 },
    });
    expect(r.status).toBe(403);
    const empty = await api(t, "POST", "/api/v1/spot-checks", {
      token: office,
      json: { closedFrom: "2024-01-01", closedTo: "2024-01-31", sampleSize: 2 },
    });
    expect(empty.status).toBe(422);
  });
});
