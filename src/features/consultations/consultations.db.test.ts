import { sql } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, PASSWORD, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { selectRows } from "../../platform/db";
import { addDays, todayInChina } from "../calendar";
import { createUser } from "../org";

const SETUP = { userId: null, name: "测试准备", ip: "", requestId: "" };

const DRAFT = [
  "# 某区老旧小区加装电梯补助办法（征求意见稿）",
  "",
  "第一条 为了方便居民出行，制定本办法。",
  "",
  "第二条 本办法适用于本区行政区域内的老旧小区。",
  "",
  "第三条 每台电梯补助二十万元。",
].join("\n");

describeDb("participation: decision catalogue, consultations, dispositions and feedback", () => {
  let t: TTestApp;
  let unitA: number;
  let unitB: number;
  let office: string;
  let editorA: string;
  let editorB: string;
  const today = todayInChina();

  beforeAll(async () => {
    t = await createTestApp();
    const s = await seedOrg(t.db);
    unitA = s.unitA.id;
    unitB = s.unitB.id;
    await createUser(
      t.db,
      SETUP,
      {
        username: "b.editor",
        displayName: "b.editor",
        password: PASSWORD,
        roles: [{ role: "unit_editor", unitId: unitB }],
      },
      { mustChangePassword: false },
    );
    office = await tokenFor(t, "office");
    editorA = await tokenFor(t, "a.editor");
    editorB = await tokenFor(t, "b.editor");
  });
  afterAll(() => t?.close());

  const count = async (table: string) =>
    (await selectRows<{ n: number }>(t.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]?.n ?? 0;

  const newConsultation = async (over: Record<string, unknown> = {}, token = editorA) =>
    api(t, "POST", "/api/v1/consultations", {
      token,
      json: {
        unitId: unitA,
        title: "老旧小区加装电梯补助办法",
        draft: DRAFT,
        explanation: "起草背景……",
        opensAt: addDays(today, -5),
        closesAt: addDays(today, 25),
        ...over,
      },
    });

  /** A comment from its own address, as many different people would send them. */
  let ipNo = 0;
  const comment = (id: number, json: Record<string, unknown>) =>
    api(t, "POST", `/api/v1/public/consultations/${id}/comments`, {
      json,
      headers: { "x-forwarded-for": `198.51.100.${++ipNo % 250}` },
    });

  describe("decision catalogue", () => {
    it("lists a year's decisions with each stage's date, and warns when a stage the law requires is missing", async () => {
      const created = await api(t, "POST", "/api/v1/decisions", {
        token: editorA,
        json: { unitId: unitA, year: 2026, title: "区养老服务设施布局规划", summary: "养老设施布局" },
      });
      expect(created.status).toBe(201);
      const id = created.data.id;
      const draft = await api(t, "POST", `/api/v1/decisions/${id}/stages`, {
        token: editorA,
        json: { stage: "draft", date: "2026-02-01" },
      });
      expect(draft.status).toBe(201);
      expect(draft.data.warnings).toEqual([]);
      // Collective decision without consultation (Art. 14) and without legality review (Art. 25):
      // recorded, but with both warnings, never silently.
      const decided = await api(t, "POST", `/api/v1/decisions/${id}/stages`, {
        token: editorA,
        json: { stage: "collective_decision", date: "2026-03-10" },
      });
      expect(decided.status).toBe(201);
      expect(decided.data.warnings).toHaveLength(2);
      expect(decided.data.warnings.join()).toContain("第二十五条");
      expect(decided.data.warnings.join()).toContain("第十四条");
      // A legality review dated after the collective decision is out of order too.
      const review = await api(t, "POST", `/api/v1/decisions/${id}/stages`, {
        token: editorA,
        json: { stage: "legality_review", date: "2026-03-20" },
      });
      expect(review.data.warnings.join()).toContain("早于");

      const list = await api(t, "GET", `/api/v1/decisions?year=2026&unitId=${unitA}`);
      expect(list.status).toBe(200);
      const item = list.data.items.find((d: { id: number }) => d.id === id);
      expect(item.stages.map((s: { stage: string; date: string }) => `${s.stage}:${s.date}`)).toEqual([
        "draft:2026-02-01",
        "legality_review:2026-03-20",
        "collective_decision:2026-03-10",
      ]);
      const page = await t.app.request("/decisions?year=2026");
      const html = await page.text();
      expect(html).toContain("区养老服务设施布局规划");
      expect(html).toContain("2026-03-10");
      const one = await (await t.app.request(`/decisions/${id}`)).text();
      expect(one).toContain("合法性审查");
      expect(one).toContain("决策后评估");
    });

    it("keeps each unit's catalogue to its own staff: another unit's decision answers 404 and changes nothing", async () => {
      const created = await api(t, "POST", "/api/v1/decisions", {
        token: editorA,
        json: { unitId: unitA, year: 2026, title: "甲单位的决策" },
      });
      const before = await count("decision_stages");
      const r = await api(t, "POST", `/api/v1/decisions/${created.data.id}/stages`, {
        token: editorB,
        json: { stage: "draft", date: "2026-01-05" },
      });
      expect(r.status).toBe(404);
      expect(
        (
          await api(t, "POST", "/api/v1/decisions", {
            token: editorB,
            json: { unitId: unitA, year: 2026, title: "x" },
          })
        ).status,
      ).toBe(404);
      expect(
        (await api(t, "POST", "/api/v1/decisions", { json: { unitId: unitA, year: 2026, title: "x" } }))
          .status,
      ).toBe(401);
      expect(await count("decision_stages")).toBe(before);
    });
  });

  describe("consultation period (条例 Art. 15)", () => {
    it("refuses fewer than 30 days without a reason (422, nothing stored), and publishes the reason when given", async () => {
      const before = await count("consultations");
      // 2026-03-01 → 2026-03-30: 29 days (closesAt − opensAt), one short of 30.
      const short = await newConsultation({ opensAt: "2026-03-01", closesAt: "2026-03-30" });
      expect(short.status).toBe(422);
      expect(short.data.error.issues[0].path).toBe("shortPeriodReason");
      expect(await count("consultations")).toBe(before);
      // 2026-03-01 → 2026-03-31: exactly 30 days, no reason needed.
      expect((await newConsultation({ opensAt: "2026-03-01", closesAt: "2026-03-31" })).status).toBe(201);
      const withReason = await newConsultation({
        opensAt: "2026-03-01",
        closesAt: "2026-03-16",
        shortPeriodReason: "汛期前须完成安全改造，情况紧急",
      });
      expect(withReason.status).toBe(201);
      const page = await (await t.app.request(`/consultations/${withReason.data.id}`)).text();
      expect(page).toContain("汛期前须完成安全改造，情况紧急");
      expect(page).toContain("少于 30 日的说明");
      expect(
        (await newConsultation({ opensAt: "2026-03-10", closesAt: "2026-03-01", shortPeriodReason: "x" }))
          .status,
      ).toBe(422);
    });
  });

  describe("comment window", () => {
    it("refuses a comment before the opening or after the closing date (409) and stores nothing", async () => {
      const upcoming = await newConsultation({ opensAt: addDays(today, 1), closesAt: addDays(today, 31) });
      const closed = await newConsultation({ opensAt: addDays(today, -40), closesAt: addDays(today, -1) });
      const before = await count("consultation_comments");
      expect((await comment(upcoming.data.id, { body: "太早了" })).status).toBe(409);
      expect((await comment(closed.data.id, { body: "太晚了" })).status).toBe(409);
      expect((await comment(999_999, { body: "不存在" })).status).toBe(404);
      expect(await count("consultation_comments")).toBe(before);
    });

    it("treats both the opening and the closing day (Beijing date) as inside the window", async () => {
      const first = await newConsultation({ opensAt: today, closesAt: addDays(today, 30) });
      const last = await newConsultation({ opensAt: addDays(today, -30), closesAt: today });
      expect((await comment(first.data.id, { body: "第一天" })).status).toBe(201);
      expect((await comment(last.data.id, { body: "最后一天" })).status).toBe(201);
    });
  });

  describe("feedback report: statistics by hand over 33 comments", () => {
    let id: number;
    const ids: number[] = [];
    // 33 comments: 10 adopted, 6 partly adopted, 11 not adopted, 6 not relevant.
    const plan = [
      ...Array(10).fill("adopted"),
      ...Array(6).fill("partly_adopted"),
      ...Array(11).fill("not_adopted"),
      ...Array(6).fill("not_relevant"),
    ] as string[];

    beforeAll(async () => {
      id = (await newConsultation()).data.id;
      for (let i = 0; i < plan.length; i++) {
        const r = await comment(id, {
          body: `意见第${i + 1}号：建议提高补助标准`,
          clause: i % 3 === 0 ? "第三条" : undefined,
          name: `市民${i + 1}`,
          contact: `1380000${String(i).padStart(4, "0")}`,
        });
        expect(r.status).toBe(201);
        ids.push(r.data.id);
      }
    });

    it("walks the refusals, then publishes and shows the hand-computed figures on the API and the page", async () => {
      const dispose = (i: number, disposition: string, reason?: string, token = editorA) =>
        api(t, "PUT", `/api/v1/consultations/${id}/comments/${ids[i]}/disposition`, {
          token,
          json: reason === undefined ? { disposition } : { disposition, reason },
        });
      // Not adopted without a reason: 422 and the comment stays without a disposition.
      expect((await dispose(20, "not_adopted")).status).toBe(422);
      expect((await dispose(12, "partly_adopted", "  ")).status).toBe(422);
      // Another unit's editor cannot see the consultation: 404.
      expect((await dispose(0, "adopted", undefined, editorB)).status).toBe(404);
      const pending = await api(t, "GET", `/api/v1/consultations/${id}/comments`, { token: editorA });
      expect(pending.data.items.every((m: { disposition: null }) => m.disposition === null)).toBe(true);

      for (let i = 0; i < plan.length; i++) {
        const d = plan[i] as string;
        const reason = d === "adopted" || d === "not_relevant" ? undefined : `理由${i + 1}`;
        expect((await dispose(i, d, reason)).status).toBe(200);
      }
      // Two abusive comments hidden (one not adopted, one not relevant): still counted.
      for (const i of [20, 30])
        expect(
          (
            await api(t, "POST", `/api/v1/consultations/${id}/comments/${ids[i]}/hide`, {
              token: editorA,
              json: { reason: "含有辱骂内容" },
            })
          ).status,
        ).toBe(200);

      // Publishing while the window is open: 409, nothing published.
      const early = await api(t, "POST", `/api/v1/consultations/${id}/feedback/publish`, { token: office });
      expect(early.status).toBe(409);
      // The window passes (fixture: the closing date moves into the past).
      await t.db.execute(
        sql`update consultations set closes_at = ${addDays(today, -1)}::date where id = ${id}`,
      );
      // One disposition taken back to pending (fixture), so the office cannot publish yet.
      await t.db.execute(sql`update consultation_comments set disposition = null where id = ${ids[32]}`);
      const blocked = await api(t, "POST", `/api/v1/consultations/${id}/feedback/publish`, { token: office });
      expect(blocked.status).toBe(409);
      expect(blocked.data.error.message).toContain("1 条");
      expect((await api(t, "GET", `/api/v1/consultations/${id}`)).data.feedback).toBeNull();
      expect((await dispose(32, "not_relevant")).status).toBe(200);
      // A unit editor may not publish; the office may.
      expect(
        (await api(t, "POST", `/api/v1/consultations/${id}/feedback/publish`, { token: editorA })).status,
      ).toBe(403);
      expect(
        (await api(t, "POST", `/api/v1/consultations/${id}/feedback/publish`, { token: office })).status,
      ).toBe(200);

      const r = await api(t, "GET", `/api/v1/consultations/${id}`);
      expect(r.status).toBe(200);
      const f = r.data.feedback;
      // By hand: total 33; adopted 10, partly 6, not adopted 11, not relevant 6 (10+6+11+6 = 33).
      // adoptionRate = (10 + 6) / (33 − 6) = 16 / 27 = 0.592592… → 0.5926.
      expect(f).toMatchObject({ total: 33, adopted: 10, partlyAdopted: 6, notAdopted: 11, notRelevant: 6 });
      expect(f.adoptionRate).toBe(0.5926);
      expect(r.data.status).toBe("closed");
      expect(r.data.commentCount).toBe(33);
      expect(f.items).toHaveLength(33);
      const hidden = f.items.filter((m: { body: string | null }) => m.body === null);
      expect(hidden.map((m: { id: number }) => m.id).sort()).toEqual([ids[20], ids[30]].sort());
      expect(hidden.map((m: { disposition: string }) => m.disposition).sort()).toEqual([
        "not_adopted",
        "not_relevant",
      ]);
      expect(f.items.find((m: { id: number }) => m.id === ids[11]).reason).toBe("理由12");

      const page = await (await t.app.request(`/consultations/${id}`)).text();
      // 16 / 27 = 59.259…% → "59.26%".
      expect(page).toContain("59.26%");
      expect(page).toContain(
        "共收到意见 33 条，其中采纳 10 条、部分采纳 6 条、不予采纳 11 条、与征求意见内容无关 6 条",
      );
      // The clause reference links to the draft's article anchor.
      expect(page).toContain('href="#art-3"');
      expect(page).toMatch(/id="art-3"/);
      // 33 comments at 50 a page: one page, every comment with its result.
      expect(page.match(/处理结果：/g)?.length).toBe(33);

      // After publication the dispositions are fixed: 409, unchanged.
      expect((await dispose(0, "not_relevant")).status).toBe(409);
      expect((await api(t, "GET", `/api/v1/consultations/${id}`)).data.feedback.adopted).toBe(10);
    });

    it("never shows a contact, a name or a hidden comment's text on a public page, feed, export or public API", async () => {
      const staff = await api(t, "GET", `/api/v1/consultations/${id}/comments`, { token: editorA });
      expect(staff.data.items[0].contact).toBe("13800000000");
      const hiddenBody = staff.data.items.find((m: { id: number }) => m.id === ids[20]).body;
      const docx = await t.app.request(`/consultations/${id}/feedback.docx`);
      expect(docx.status).toBe(200);
      const docXml = await (await JSZip.loadAsync(await docx.arrayBuffer()))
        .file("word/document.xml")
        ?.async("string");
      const surfaces = [
        (await api(t, "GET", `/api/v1/consultations/${id}`)).text,
        (await api(t, "GET", `/api/v1/consultations/${id}?page=1&pageSize=100`)).text,
        (await api(t, "GET", "/api/v1/consultations")).text,
        await (await t.app.request(`/consultations/${id}`)).text(),
        await (await t.app.request("/consultations")).text(),
        await (await t.app.request(`/consultations/${id}/feedback.csv`)).text(),
        await (await t.app.request("/feeds/consultations.rss")).text(),
        docXml ?? "",
      ];
      expect(docXml).toContain("采纳率为59.26%");
      for (const text of surfaces) {
        expect(text).not.toContain("1380000");
        expect(text).not.toContain("市民");
        expect(text).not.toContain(hiddenBody);
      }
      const csv = surfaces[5] as string;
      // Header plus 33 rows.
      expect(csv.trim().split("\r\n")).toHaveLength(34);
    });
  });

  describe("the public form without JavaScript", () => {
    it("takes a comment with the form token once, drops a filled honeypot, and shows the errors beside the field", async () => {
      const id = (await newConsultation()).data.id;
      const v = new Visitor(t, { "x-forwarded-for": "203.0.113.7" });
      const page = await v.get(`/consultations/${id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain("提交意见");
      const before = await count("consultation_comments");
      const empty = await v.post(`/consultations/${id}/comments`, { body: "", clause: "第三款" });
      expect(empty.status).toBe(422);
      expect(empty.text).toContain("条款请写成");
      expect(await count("consultation_comments")).toBe(before);
      const fields = { body: "建议补助覆盖低层住宅", clause: "第二条", contact: "13912345678" };
      const sent = await v.post(`/consultations/${id}/comments`, fields);
      expect(sent.status).toBe(303);
      // The same form posted again (back button, double click): no second comment.
      const again = await v.post(`/consultations/${id}/comments`, fields);
      expect(again.status).toBe(303);
      expect(await count("consultation_comments")).toBe(before + 1);
      const robot = new Visitor(t, { "x-forwarded-for": "203.0.113.8" });
      await robot.get(`/consultations/${id}`);
      expect(
        (await robot.post(`/consultations/${id}/comments`, { body: "广告", website: "http://spam" })).status,
      ).toBe(303);
      expect(await count("consultation_comments")).toBe(before + 1);
      // While open, the page shows the count but no comment text.
      const after = await v.get(`/consultations/${id}`);
      expect(after.text).toContain("1 条");
      expect(after.text).not.toContain("建议补助覆盖低层住宅");
      expect(after.text).not.toContain("13912345678");
    });
  });

  describe("back office", () => {
    it("gives a disposition through the form, refuses one without a reason (422), and shows the dashboard card", async () => {
      const id = (await newConsultation({ opensAt: addDays(today, -20), closesAt: addDays(today, 10) })).data
        .id;
      const c = (await comment(id, { body: "请延长公示时间", contact: "zhang@example.com" })).data.id;
      const v = await new Visitor(t).login("a.editor");
      const dash = await v.get("/admin");
      expect(dash.text).toContain("1 条意见待处理");
      expect(dash.text).toContain(`/admin/consultations/${id}?pending=1`);
      const page = await v.get(`/admin/consultations/${id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain("zhang@example.com");
      const refused = await v.post(`/admin/consultations/${id}/comments/${c}/disposition`, {
        disposition: "not_adopted",
        reason: "",
      });
      expect(refused.status).toBe(422);
      expect(refused.text).toContain("须说明理由");
      const ok = await v.post(`/admin/consultations/${id}/comments/${c}/disposition`, {
        disposition: "adopted",
        reason: "",
      });
      expect(ok.status).toBe(303);
      const other = await new Visitor(t).login("b.editor");
      expect((await other.get(`/admin/consultations/${id}`)).status).toBe(404);
      expect((await v.get("/admin")).text).not.toContain(`/admin/consultations/${id}?pending=1`);
    });

    it("asks to confirm a stage out of the law's order before recording it", async () => {
      const d = (
        await api(t, "POST", "/api/v1/decisions", {
          token: editorA,
          json: { unitId: unitA, year: 2026, title: "确认测试" },
        })
      ).data.id;
      const v = await new Visitor(t).login("a.editor");
      const first = await v.post(`/admin/decisions/${d}/stages`, { stage: "published", date: "2026-05-01" });
      expect(first.status).toBe(422);
      expect(first.text).toContain("第三十条");
      const stages = async () =>
        (await api(t, "GET", `/api/v1/decisions/${d}`)).data.stages as { stage: string }[];
      expect(await stages()).toEqual([]);
      const confirmed = await v.post(`/admin/decisions/${d}/stages`, {
        stage: "published",
        date: "2026-05-01",
        confirm: "1",
      });
      expect(confirmed.status).toBe(303);
      expect((await stages()).map((s) => s.stage)).toEqual(["published"]);
    });
  });
});
