import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, OFFICE_PRINCIPAL, seedOrg, TEST_ACTOR, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { createDocument, publishDocument, withdrawDocument } from "../documents";
import { answerFor } from "./answer-for";
import { decideQuestion, replyToQuestion, routeQuestion } from "./questions";

const HEATING = `## 第一章 总则

第一条 为了规范城市供热，保障用户的合法权益，制定本办法。

## 第二章 供热期

第五条 本市供热期为每年11月15日至次年3月15日。遇到气温异常时，供热期可以提前或者延长。

第六条 供热期内，供热单位应当保证居民住宅卧室、起居室的室内温度不低于18℃。`;

describeDb("policy answers: API, index in step with publishing, questions and the 问答库", () => {
  let t: TTestApp;
  let docId = 0;
  let unitA = 0;
  beforeAll(async () => {
    t = await createTestApp();
    unitA = (await seedOrg(t.db)).unitA.id;
    const doc = await createDocument(t.db, TEST_ACTOR, OFFICE_PRINCIPAL, {
      title: "市中区城市供热管理办法",
      kind: "normative",
      docNumber: "市中政发〔2024〕5号",
      unitId: unitA,
      writtenAt: "2024-09-01",
      publishedAt: "2024-09-10",
      topics: [],
      keywords: [],
      body: HEATING,
    } as Parameters<typeof createDocument>[3]);
    docId = doc.id;
    await publishDocument(t.db, TEST_ACTOR, OFFICE_PRINCIPAL, docId, { interpretationWaiver: "无需解读" });
  });
  afterAll(() => t?.close());

  it("answers an everyday question with the article, 文号, validity and the article's anchor", async () => {
    // 暖气 is everyday speech for 供热 (search-phrasings.ts); the answer is 第五条 on the 供热期.
    const res = await api(t, "GET", `/api/v1/answers?q=${encodeURIComponent("暖气供热期多长")}`);
    expect(res.status).toBe(200);
    const body = res.data as { answered: boolean; citations: Record<string, unknown>[] };
    expect(body.answered).toBe(true);
    expect(body.citations[0]).toMatchObject({
      documentId: docId,
      title: "市中区城市供热管理办法",
      docNumber: "市中政发〔2024〕5号",
      clause: "第五条",
      validity: "valid",
      url: `/documents/${docId}#art-5`,
    });
    const page = await t.app.request(`/documents/${docId}`);
    expect(await page.text()).toContain('id="art-5"');
  });

  it("refuses with three ways on when nothing is relevant enough", async () => {
    const res = await api(t, "GET", `/api/v1/answers?q=${encodeURIComponent("火星移民签证怎么办理")}`);
    const body = res.data as { answered: boolean; citations: unknown[]; refusal: string };
    expect(body).toMatchObject({ answered: false, citations: [] });
    expect(body.refusal).toContain("留下问题");
    expect(body.refusal).toContain("政府信息公开申请");
    const page = await t.app.request(`/answers?q=${encodeURIComponent("火星移民签证怎么办理")}`);
    const html = await page.text();
    expect(html).toContain('href="/requests/new"');
    expect(html).toContain('href="#leave"');
  });

  it("refuses an empty or oversized question with a Chinese 400, not a 500", async () => {
    expect((await api(t, "GET", "/api/v1/answers?q=")).status).toBe(400);
    expect((await api(t, "GET", `/api/v1/answers?q=${"供".repeat(500)}`)).status).toBe(400);
    expect((await t.app.request("/answers?q=%00")).status).toBeLessThan(500);
  });

  it("keeps the index in step: a withdrawn document no longer answers", async () => {
    const other = await createDocument(t.db, TEST_ACTOR, OFFICE_PRINCIPAL, {
      title: "市中区燃气管理办法",
      kind: "normative",
      unitId: unitA,
      publishedAt: "2024-10-01",
      topics: [],
      keywords: [],
      body: "第一条 为了加强燃气管理，制定本办法。\n\n第二条 燃气用户应当安全用气，定期检查燃气灶具。",
    } as Parameters<typeof createDocument>[3]);
    const ask = async () =>
      (await api(t, "GET", `/api/v1/answers?q=${encodeURIComponent("燃气灶具要定期检查吗")}`)).data as {
        citations: { documentId: number }[];
      };
    // A draft answers nothing.
    expect((await ask()).citations.some((c) => c.documentId === other.id)).toBe(false);
    await publishDocument(t.db, TEST_ACTOR, OFFICE_PRINCIPAL, other.id, { interpretationWaiver: "无需解读" });
    expect((await ask()).citations.some((c) => c.documentId === other.id)).toBe(true);
    await withdrawDocument(t.db, TEST_ACTOR, OFFICE_PRINCIPAL, other.id, "内容有误，撤回");
    expect((await ask()).citations.some((c) => c.documentId === other.id)).toBe(false);
  });

  it("takes a question from the public, routes, answers and publishes it without its contact", async () => {
    const res = await api(t, "POST", "/api/v1/public/questions", {
      json: { question: "小区暖气不热找哪个部门？", contact: "13800138000" },
    });
    expect(res.status).toBe(201);
    const id = (res.data as { id: number }).id;
    const office = { ...OFFICE_PRINCIPAL };
    await routeQuestion(t.db, TEST_ACTOR, office, id, { unitId: unitA });
    const [row] = await t.database.query<{ due_on: string; status: string }>(
      "select to_char(due_on, 'YYYY-MM-DD') as due_on, status from policy_questions where id = $1",
      [id],
    );
    expect(row?.status).toBe("routed");
    expect(row?.due_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A clause that is not in a valid published document cannot be cited.
    await expect(
      replyToQuestion(t.db, TEST_ACTOR, office, id, {
        answer: "x",
        citations: [{ documentId: docId, clause: "第九十九条" }],
      }),
    ).rejects.toThrow();
    await replyToQuestion(t.db, TEST_ACTOR, office, id, {
      answer: "供热期内室内温度不低于18℃，可向供热单位反映。",
      citations: [{ documentId: docId, clause: "第六条" }],
    });
    await decideQuestion(t.db, TEST_ACTOR, office, id, "publish");
    const faq = await api(t, "GET", `/api/v1/faq?q=${encodeURIComponent("暖气不热")}`);
    expect(faq.status).toBe(200);
    const text = JSON.stringify(faq.data);
    expect(text).toContain("小区暖气不热");
    expect(text).toContain(`/documents/${docId}#art-6`);
    expect(text).not.toContain("13800138000");
    const page = await (await t.app.request("/faq")).text();
    expect(page).toContain("小区暖气不热");
    expect(page).not.toContain("13800138000");
    // The answer service shows the published answer beside the clauses.
    const answer = await api(t, "GET", `/api/v1/answers?q=${encodeURIComponent("暖气不热")}`);
    expect(JSON.stringify(answer.data)).toContain("小区暖气不热");
  });

  it("refuses a question that is empty or too long, and drops a filled honeypot", async () => {
    expect((await api(t, "POST", "/api/v1/public/questions", { json: { question: "" } })).status).toBe(400);
    expect(
      (await api(t, "POST", "/api/v1/public/questions", { json: { question: "问".repeat(2000) } })).status,
    ).toBe(400);
    const before = await t.database.query<{ n: number }>("select count(*)::int as n from policy_questions");
    const bot = await api(t, "POST", "/api/v1/public/questions", {
      json: { question: "机器人填写的问题内容", website: "x" },
    });
    expect(bot.status).toBe(201);
    const after = await t.database.query<{ n: number }>("select count(*)::int as n from policy_questions");
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it("leaves a question through the page once, however often the form is sent", async () => {
    const v = new Visitor(t, { "x-forwarded-for": "203.0.113.9" });
    await v.get("/answers?q=%E6%9A%96%E6%B0%94");
    const fields = { question: "暖气费怎么交？", contact: "" };
    const [a, b] = await Promise.all([
      v.post("/answers/questions", fields),
      v.post("/answers/questions", fields),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    const rows = await t.database.query<{ n: number }>(
      "select count(*)::int as n from policy_questions where question = '暖气费怎么交？'",
    );
    expect(rows[0]?.n).toBe(1);
  });

  describe("the optional generated answer, against a local stand-in of the chat endpoint", () => {
    let server: Server;
    let reply = "";
    let url = "";
    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = "";
        req.on("data", (d) => {
          body += d;
        });
        req.on("end", () => {
          const asked = JSON.parse(body) as { messages: { content: string }[] };
          // The model is given the clauses, numbered.
          expect(asked.messages[1]?.content).toContain("[1]");
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify({ choices: [{ message: { role: "assistant", content: reply } }] }));
        });
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it("shows an answer that cites the retrieved clauses", async () => {
      reply = "供热期为每年11月15日至次年3月15日[1]。";
      const r = await answerFor(t.db, { llmUrl: url, llmModel: "m" }, "暖气供热期多长");
      expect(r.generated).toBe(reply);
      expect(r.citations.length).toBeGreaterThan(0);
    });

    it("discards an answer citing a clause that was not retrieved, keeping the clauses", async () => {
      reply = "供热期为每年11月1日开始[9]。";
      const r = await answerFor(t.db, { llmUrl: url, llmModel: "m" }, "暖气供热期多长");
      expect(r.generated).toBeUndefined();
      expect(r.citations[0]?.clause).toBe("第五条");
    });

    it("is off without GONGKAI_LLM_URL", async () => {
      reply = "供热期为每年11月15日至次年3月15日[1]。";
      const r = await answerFor(t.db, {}, "暖气供热期多长");
      expect(r.generated).toBeUndefined();
    });
  });
});
