import { createHmac } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { auditLog } from "../../platform/db/tables";
import { surveyTally } from "./engagement.repository";
import { meetingRegistrations, openDayRegistrations, surveyResponses } from "./engagement.tables";
import { resultsFrom } from "./survey-results";

// The draw, recomputed here from the algorithm as docs/ENGAGEMENT.md states it, without the
// feature's code: HMAC-SHA256 with the seed as key over "meeting:<id>:registration:<r>", ids sorted
// by the hex digest ascending, the first min(seats, n) taken.
function recomputeDraw(seed: string, meetingId: number, ids: number[], seats: number): number[] {
  return ids
    .map((id) => ({
      id,
      h: createHmac("sha256", seed).update(`meeting:${meetingId}:registration:${id}`).digest("hex"),
    }))
    .sort((a, b) => a.h.localeCompare(b.h))
    .slice(0, Math.min(seats, ids.length))
    .map((x) => x.id);
}

const FUTURE = { heldAt: "2099-12-31", registrationClosesAt: "2099-12-30" };
const PEOPLE = [
  { name: "王小明", phone: "13905310001", kind: "citizen", reason: "住在项目附近，关心施工噪声" },
  { name: "李建国", phone: "13905310002", kind: "expert", reason: "从事交通规划二十年" },
  { name: "张红", phone: "0531-86000003", kind: "media", reason: "本地报社记者" },
  { name: "欧阳娜娜", phone: "13905310004", kind: "stakeholder", reason: "沿线商户代表" },
];

describeDb("participation API (公众参与)", () => {
  let t: TTestApp;
  let unitA: number;
  let office: string;
  let bHead: string;
  beforeAll(async () => {
    t = await createTestApp();
    unitA = (await seedOrg(t.db)).unitA.id;
    office = await tokenFor(t, "office");
    bHead = await tokenFor(t, "b.head");
  });
  afterAll(() => t?.close());

  const newMeeting = async (extra: Record<string, unknown> = {}) => {
    const r = await api(t, "POST", "/api/v1/meetings", {
      token: office,
      json: { unitId: unitA, title: "舜耕路改造工程方案审议会", seats: 2, ...FUTURE, ...extra },
    });
    expect(r.status, r.text).toBe(201);
    return r.data.id as number;
  };
  const register = (id: number, person: Record<string, string>) =>
    api(t, "POST", `/api/v1/public/meetings/${id}/registrations`, { json: person });
  const regCount = async (meetingId: number) =>
    (
      await t.db
        .select({ n: count() })
        .from(meetingRegistrations)
        .where(eq(meetingRegistrations.meetingId, meetingId))
    )[0]?.n;

  describe("列席 and the reproducible draw", () => {
    let id: number;
    const ids: number[] = [];
    const SEED = "2026338 05 11 17 23 28 31+09";

    beforeAll(async () => {
      id = await newMeeting();
      for (const p of PEOPLE) {
        const r = await register(id, p);
        expect(r.status, r.text).toBe(201);
        ids.push(r.data.id);
      }
    });

    it("needs a staff token of the meeting's unit to create or draw: 401 without, 404 for another unit", async () => {
      const body = { unitId: unitA, title: "无权新建", seats: 3, ...FUTURE };
      expect((await api(t, "POST", "/api/v1/meetings", { json: body })).status).toBe(401);
      expect((await api(t, "POST", "/api/v1/meetings", { token: bHead, json: body })).status).toBe(404);
      const draw = await api(t, "POST", `/api/v1/meetings/${id}/draw`, {
        token: bHead,
        json: { seed: SEED },
      });
      expect(draw.status).toBe(404);
      expect((await api(t, "GET", `/api/v1/meetings/${id}/registrations`, { token: bHead })).status).toBe(
        404,
      );
    });

    it("refuses a second registration with the same phone number (spaces and hyphens ignored), adding nothing", async () => {
      const before = await regCount(id);
      const again = await register(id, { ...PEOPLE[0], name: "王小明", phone: "139 0531 0001" } as Record<
        string,
        string
      >);
      expect(again.status).toBe(409);
      expect(again.data.error.message).toContain("已报名");
      expect(await regCount(id)).toBe(before);
    });

    it("refuses bad registrations with 400 and a Chinese message, storing nothing", async () => {
      const before = await regCount(id);
      for (const bad of [
        { ...PEOPLE[0], phone: "13905319999", kind: "official" },
        { ...PEOPLE[0], phone: "abc" },
        { ...PEOPLE[0], phone: "13905319998", reason: "" },
        {},
      ]) {
        const r = await register(id, bad as Record<string, string>);
        expect(r.status, JSON.stringify(bad)).toBe(400);
        expect(r.data.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(await regCount(id)).toBe(before);
    });

    it("draws nobody while nobody has registered: min(seats, 0) is an empty list, not a refusal", async () => {
      const empty = await newMeeting();
      const r = await api(t, "POST", `/api/v1/meetings/${empty}/draw`, {
        token: office,
        json: { seed: SEED },
      });
      expect(r.status, r.text).toBe(200);
      expect(r.data).toEqual({ seed: SEED, selected: [] });
    });

    it("draws min(seats, registrations) distinct ids that an independent recomputation confirms, the same for the same seed", async () => {
      const r = await api(t, "POST", `/api/v1/meetings/${id}/draw`, { token: office, json: { seed: SEED } });
      expect(r.status, r.text).toBe(200);
      expect(r.data.seed).toBe(SEED);
      expect(r.data.selected).toHaveLength(2);
      expect(new Set(r.data.selected).size).toBe(2);
      expect(r.data.selected).toEqual(recomputeDraw(SEED, id, ids, 2));
      const again = await api(t, "POST", `/api/v1/meetings/${id}/draw`, {
        token: office,
        json: { seed: SEED },
      });
      expect(again.data.selected).toEqual(r.data.selected);
      // Another seed is another draw, also recomputable.
      const other = await api(t, "POST", `/api/v1/meetings/${id}/draw`, {
        token: office,
        json: { seed: "另一个种子" },
      });
      expect(other.data.selected).toEqual(recomputeDraw("另一个种子", id, ids, 2));
    });

    it("shows nothing of the draw publicly until it is published", async () => {
      const r = await api(t, "GET", `/api/v1/meetings/${id}`);
      expect(r.status).toBe(200);
      expect(r.data.draw).toBeNull();
      expect(r.data.registrationCount).toBe(4);
    });

    it("publishes the latest draw; afterwards a draw or a registration is refused with 409 and changes nothing", async () => {
      await api(t, "POST", `/api/v1/meetings/${id}/draw`, { token: office, json: { seed: SEED } });
      const pub = await api(t, "POST", `/api/v1/meetings/${id}/draw/publish`, { token: office });
      expect(pub.status, pub.text).toBe(200);
      expect(pub.data.selected).toEqual(recomputeDraw(SEED, id, ids, 2));
      const redraw = await api(t, "POST", `/api/v1/meetings/${id}/draw`, {
        token: office,
        json: { seed: "x1" },
      });
      expect(redraw.status).toBe(409);
      expect((await api(t, "POST", `/api/v1/meetings/${id}/draw/publish`, { token: office })).status).toBe(
        409,
      );
      const late = await register(id, { ...PEOPLE[0], phone: "13905310099" } as Record<string, string>);
      expect(late.status).toBe(409);
      expect(await regCount(id)).toBe(4);
      const shown = await api(t, "GET", `/api/v1/meetings/${id}`);
      expect(shown.data.draw.seed).toBe(SEED);
      expect(shown.data.draw.selected.map((s: { id: number }) => s.id)).toEqual(
        recomputeDraw(SEED, id, ids, 2),
      );
    });

    it("never shows a phone or a full name publicly, only masked names (王小明 → 王**, 欧阳娜娜 → 欧***)", async () => {
      const json = await api(t, "GET", `/api/v1/meetings/${id}`);
      const page = await new Visitor(t).get(`/meetings/${id}`);
      for (const text of [json.text, page.text]) {
        for (const p of PEOPLE) {
          expect(text).not.toContain(p.name);
          expect(text).not.toContain(p.phone);
          expect(text).not.toContain(p.phone.replace("-", ""));
        }
      }
      const names = json.data.draw.registrations.map((r: { name: string }) => r.name);
      expect(names).toEqual(["王**", "李**", "张*", "欧***"]);
      expect(json.data.draw.registrations.map((r: { id: number }) => r.id)).toEqual(ids);
    });

    it("gives staff of the unit the full list with phones", async () => {
      const r = await api(t, "GET", `/api/v1/meetings/${id}/registrations`, { token: office });
      expect(r.status).toBe(200);
      expect(r.data.items.map((x: { phone: string }) => x.phone)).toEqual([
        "13905310001",
        "13905310002",
        "0531-86000003".replace("-", ""),
        "13905310004",
      ]);
    });

    it("publishes opinions given at the meeting with the speaker masked", async () => {
      const r = await api(t, "POST", `/api/v1/meetings/${id}/opinions`, {
        token: office,
        json: { registrationId: ids[0], opinion: "夜间施工应限制在22时前", outcome: "采纳，已写入施工方案" },
      });
      expect(r.status, r.text).toBe(201);
      const foreign = await api(t, "POST", `/api/v1/meetings/${id}/opinions`, {
        token: office,
        json: { registrationId: 2_000_000, opinion: "x" },
      });
      expect(foreign.status).toBe(422);
      const shown = await api(t, "GET", `/api/v1/meetings/${id}`);
      expect(shown.data.opinions).toEqual([
        { speaker: "王**（群众代表）", opinion: "夜间施工应限制在22时前", outcome: "采纳，已写入施工方案" },
      ]);
    });

    it("refuses to publish before any draw, and a draw made before later registrations (409)", async () => {
      const m = await newMeeting();
      expect((await api(t, "POST", `/api/v1/meetings/${m}/draw/publish`, { token: office })).status).toBe(
        409,
      );
      await register(m, PEOPLE[0] as Record<string, string>);
      await api(t, "POST", `/api/v1/meetings/${m}/draw`, { token: office, json: { seed: "1" } });
      await register(m, PEOPLE[1] as Record<string, string>);
      const pub = await api(t, "POST", `/api/v1/meetings/${m}/draw/publish`, { token: office });
      expect(pub.status).toBe(409);
      expect((await api(t, "GET", `/api/v1/meetings/${m}`)).data.draw).toBeNull();
    });

    it("refuses registration after the closing date (Beijing date) with 409", async () => {
      const m = await newMeeting({ heldAt: "2020-01-10", registrationClosesAt: "2020-01-05" });
      expect((await register(m, PEOPLE[0] as Record<string, string>)).status).toBe(409);
      expect(await regCount(m)).toBe(0);
    });

    it("refuses a meeting held before its registration closes, and unknown meetings", async () => {
      const r = await api(t, "POST", "/api/v1/meetings", {
        token: office,
        json: {
          unitId: unitA,
          title: "x",
          seats: 1,
          heldAt: "2099-01-01",
          registrationClosesAt: "2099-02-01",
        },
      });
      expect(r.status).toBe(400);
      expect((await api(t, "GET", "/api/v1/meetings/99999999")).status).toBe(404);
      expect((await register(99999999, PEOPLE[0] as Record<string, string>)).status).toBe(404);
    });
  });

  describe("open days with a waiting list", () => {
    let id: number;
    const tokens: string[] = [];
    const regIds: number[] = [];
    beforeAll(async () => {
      const r = await api(t, "POST", "/api/v1/open-days", {
        token: office,
        json: { unitId: unitA, title: "走进区政务服务中心", place: "舜耕路1号", capacity: 2, ...FUTURE },
      });
      expect(r.status, r.text).toBe(201);
      id = r.data.id;
    });

    it("confirms while places are left, then puts people on the waiting list in order", async () => {
      const statuses = [];
      for (const [i, phone] of ["13800000001", "13800000002", "13800000003", "13800000004"].entries()) {
        const r = await api(t, "POST", `/api/v1/public/open-days/${id}/registrations`, {
          json: { name: `市民${i}`, phone },
        });
        expect(r.status, r.text).toBe(201);
        statuses.push([r.data.status, r.data.position]);
        tokens.push(r.data.token);
        regIds.push(r.data.id);
      }
      // capacity 2: the first two confirmed (places 1, 2), then waiting 1 and 2.
      expect(statuses).toEqual([
        ["confirmed", 1],
        ["confirmed", 2],
        ["waiting", 1],
        ["waiting", 2],
      ]);
      const shown = await api(t, "GET", `/api/v1/open-days/${id}`);
      expect(shown.data).toMatchObject({ capacity: 2, confirmed: 2, waiting: 2, placesLeft: 0 });
      expect(shown.text).not.toContain("13800000001");
      expect(shown.text).not.toContain("市民0");
    });

    it("moves the first on the waiting list up when a confirmed person cancels with their token", async () => {
      const r = await api(t, "POST", `/api/v1/public/open-days/${id}/registrations/cancel`, {
        json: { token: tokens[1] },
      });
      expect(r.status, r.text).toBe(200);
      expect(r.data.promoted).toBe(regIds[2]);
      const rows = await t.db
        .select({ id: openDayRegistrations.id, status: openDayRegistrations.status })
        .from(openDayRegistrations)
        .where(eq(openDayRegistrations.openDayId, id))
        .orderBy(openDayRegistrations.id);
      expect(rows.map((x) => x.status)).toEqual(["confirmed", "cancelled", "confirmed", "waiting"]);
    });

    it("does not promote anyone when someone on the waiting list cancels", async () => {
      const r = await api(t, "POST", `/api/v1/public/open-days/${id}/registrations/cancel`, {
        json: { token: tokens[3] },
      });
      expect(r.data.promoted).toBeNull();
      expect((await api(t, "GET", `/api/v1/open-days/${id}`)).data).toMatchObject({
        confirmed: 2,
        waiting: 0,
      });
    });

    it("refuses a second cancellation (409) and a wrong token (422), changing nothing", async () => {
      const audits = (await t.db.select({ n: count() }).from(auditLog))[0]?.n;
      const again = await api(t, "POST", `/api/v1/public/open-days/${id}/registrations/cancel`, {
        json: { token: tokens[1] },
      });
      expect(again.status).toBe(409);
      const wrong = await api(t, "POST", `/api/v1/public/open-days/${id}/registrations/cancel`, {
        json: { token: "not-a-real-token" },
      });
      expect(wrong.status).toBe(422);
      expect((await t.db.select({ n: count() }).from(auditLog))[0]?.n).toBe(audits);
      expect((await api(t, "GET", `/api/v1/open-days/${id}`)).data).toMatchObject({
        confirmed: 2,
        waiting: 0,
      });
    });

    it("lets two people register for the last place in parallel with only one confirmed", async () => {
      const r = await api(t, "POST", "/api/v1/open-days", {
        token: office,
        json: { unitId: unitA, title: "最后一个名额", capacity: 1, ...FUTURE },
      });
      const both = await Promise.all(
        ["13700000001", "13700000002"].map((phone) =>
          api(t, "POST", `/api/v1/public/open-days/${r.data.id}/registrations`, {
            json: { name: "并发", phone },
          }),
        ),
      );
      expect(both.map((b) => b.data.status).sort()).toEqual(["confirmed", "waiting"]);
    });
  });

  describe("surveys", () => {
    let id: number;
    const questions = [
      { kind: "single", text: "您对政务服务中心的总体评价", options: ["满意", "一般", "不满意"] },
      { kind: "multiple", text: "您常用的办事渠道", options: ["窗口", "网上", "自助机"] },
      { kind: "scale", text: "办事指南是否清楚（1–5 分）" },
      { kind: "text", text: "其他意见建议" },
    ];
    beforeAll(async () => {
      const r = await api(t, "POST", "/api/v1/surveys", {
        token: office,
        json: {
          unitId: unitA,
          title: "政务服务满意度调查",
          opensAt: "2020-01-01",
          closesAt: "2099-12-31",
          questions,
        },
      });
      expect(r.status, r.text).toBe(201);
      id = r.data.id;
    });
    const respond = (answers: unknown[], respondentToken?: string) =>
      api(t, "POST", `/api/v1/public/surveys/${id}/responses`, { json: { answers, respondentToken } });
    const stored = async () =>
      (await t.db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, id)))[0]?.n;

    it("refuses a choice question without options and a scale with options (400)", async () => {
      for (const q of [
        { kind: "single", text: "缺选项" },
        { kind: "scale", text: "多余选项", options: ["a", "b"] },
      ]) {
        const r = await api(t, "POST", "/api/v1/surveys", {
          token: office,
          json: {
            unitId: unitA,
            title: "坏问卷",
            opensAt: "2020-01-01",
            closesAt: "2099-12-31",
            questions: [q],
          },
        });
        expect(r.status).toBe(400);
      }
    });

    it("counts answers per option and the scale's mean, and never publishes free text", async () => {
      // R1: 满意, 窗口+网上, 5, text;  R2: 满意, 网上, 4, "";  R3: 不满意, 网上+自助机, 3, null.
      // Q1 满意 2 一般 0 不满意 1; Q2 窗口 1 网上 3 自助机 1; Q3 1–5: 0 0 1 1 1, mean (5+4+3)/3 = 4.
      expect((await respond([0, [0, 1], 5, "建议延长周末服务时间"], "respondent-0001")).status).toBe(201);
      expect((await respond([0, [1], 4, ""], "respondent-0002")).status).toBe(201);
      expect((await respond([2, [1, 2], 3, null], "respondent-0003")).status).toBe(201);
      const r = await api(t, "GET", `/api/v1/surveys/${id}/results`);
      expect(r.status).toBe(200);
      expect(r.data).toEqual({
        responses: 3,
        questions: [
          { counts: [2, 0, 1], mean: null },
          { counts: [1, 3, 1], mean: null },
          { counts: [0, 0, 1, 1, 1], mean: 4 },
          { counts: null, mean: null },
        ],
      });
      expect(r.text).not.toContain("延长周末");
      // The running counts agree with a recount of the stored responses.
      const recount = resultsFrom(questions as never, 3, await surveyTally(t.db, id));
      expect(recount).toEqual(r.data);
      const page = await new Visitor(t).get(`/surveys/${id}/results`);
      expect(page.text).not.toContain("延长周末");
      // 2 of 3 = 66.7 %, 3 of 3 = 100.0 % (multiple choice: share of respondents).
      expect(page.text).toContain("66.7%");
      expect(page.text).toContain("100.0%");
    });

    it("accepts one answer per respondent token: the second is 409 and not stored", async () => {
      const before = await stored();
      const r = await respond([1, [0], 2, null], "respondent-0001");
      expect(r.status).toBe(409);
      expect(await stored()).toBe(before);
    });

    it("refuses answers that do not fit the questions with 422 naming the question", async () => {
      const before = await stored();
      for (const [answers, path] of [
        [[3, [0], 2, null], "answers.0"],
        [[0, [], 2, null], "answers.1"],
        [[0, [1, 1], 2, null], "answers.1"],
        [[0, [1], 6, null], "answers.2"],
        [[0, [1], 2, 7], "answers.3"],
        [[0, [1], 2], "answers"],
      ] as const) {
        const r = await respond([...answers], `bad-${path}-${answers.length}`);
        expect(r.status, JSON.stringify(answers)).toBe(422);
        expect(r.data.error.issues.map((i: { path: string }) => i.path)).toContain(path);
      }
      expect(await stored()).toBe(before);
    });

    it("refuses answers before the survey opens and after it closes (409)", async () => {
      for (const [opensAt, closesAt] of [
        ["2099-01-01", "2099-02-01"],
        ["2020-01-01", "2020-02-01"],
      ]) {
        const s = await api(t, "POST", "/api/v1/surveys", {
          token: office,
          json: { unitId: unitA, title: "时间外", opensAt, closesAt, questions: [questions[0]] },
        });
        const r = await api(t, "POST", `/api/v1/public/surveys/${s.data.id}/responses`, {
          json: { answers: [0] },
        });
        expect(r.status).toBe(409);
      }
    });
  });
});
