import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, PASSWORD, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { makePdf } from "../../platform/files/fixtures/make-pdf";
import { createUser } from "../org";
import { documents } from "./documents.tables";

const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  ),
);

describeDb("document library back office pages", () => {
  let t: TTestApp;
  let unitA: number;
  let unitB: number;
  let editor: Visitor;
  let head: Visitor;
  let other: Visitor;
  let office: Visitor;

  beforeAll(async () => {
    t = await createTestApp();
    const org = await seedOrg(t.db);
    unitA = org.unitA.id;
    unitB = org.unitB.id;
    editor = await new Visitor(t).login("a.editor");
    head = await new Visitor(t).login("a.head");
    other = await new Visitor(t).login("b.head");
    office = await new Visitor(t).login("office");
  });
  afterAll(() => t?.close());

  const documentCount = async () => (await t.db.select({ n: count() }).from(documents))[0]?.n ?? 0;
  const idFrom = (location: string | null) => Number(/^\/admin\/documents\/(\d+)$/.exec(location ?? "")?.[1]);
  /** A document made through the form by the editor; returns its id. */
  const createThroughForm = async (fields: Record<string, string | string[]>) => {
    const r = await editor.post("/admin/documents", { kind: "notice", unitId: String(unitA), ...fields });
    expect(r.status, r.text.slice(0, 2000)).toBe(303);
    return idFrom(r.location);
  };
  const apiDocument = async (id: number) =>
    (await api(t, "GET", `/api/v1/documents/${id}`, { token: await tokenFor(t, "a.editor") })).data;
  const errorOf = (html: string, field: string) =>
    new RegExp(`id="f-${field}-error"[^>]*>(?:(?!</p>).)*`, "s").exec(html)?.[0] ?? "";

  describe("creating and changing documents", () => {
    let id: number;

    it("offers only the editor's own units and the managed topics", async () => {
      const page = await editor.get("/admin/documents/new");
      expect(page.status).toBe(200);
      expect(page.text).toContain("区卫生健康局");
      expect(page.text).not.toContain("区财政局");
      expect(page.text).toContain('value="卫生、体育"');
      expect((await head.get("/admin/documents/new")).status).toBe(403);
    });

    it("an editor creates a document through the form and finds it in the list", async () => {
      id = await createThroughForm({
        title: "关于做好医疗保险门诊慢特病待遇保障工作的通知",
        kind: "policy",
        docNumber: "区卫健发〔2025〕7号",
        writtenAt: "2025-03-03",
        effectiveAt: "2025-04-01",
        topics: ["卫生、体育", "民政、扶贫、救灾"],
        keywords: "医疗保险，慢特病、门诊",
        summary: "明确门诊慢特病待遇。",
        body: "## 一、适用范围\r\n\r\n本区参保人员。",
        qa: "问：谁可以申请？\r\n答：本区参保人员。\r\n\r\n问：在哪里办理？\r\n答：区医保服务大厅，\r\n也可网上办理。",
      });
      const doc = await apiDocument(id);
      expect(doc).toMatchObject({
        status: "draft",
        kind: "policy",
        issuer: "区卫生健康局",
        docNumber: "区卫健发〔2025〕7号",
        topics: ["卫生、体育", "民政、扶贫、救灾"],
        keywords: ["医疗保险", "慢特病", "门诊"],
        body: "## 一、适用范围\n\n本区参保人员。",
        qa: [
          { question: "谁可以申请？", answer: "本区参保人员。" },
          { question: "在哪里办理？", answer: "区医保服务大厅，\n也可网上办理。" },
        ],
      });
      const page = await editor.get(`/admin/documents/${id}`);
      expect(page.text).toContain("草稿");
      expect(page.text).toContain(doc.indexNo);

      const list = await editor.get("/admin/documents");
      expect(list.text).toContain(`href="/admin/documents/${id}"`);
      expect((await editor.get("/admin/documents?status=published")).text).not.toContain(
        `href="/admin/documents/${id}"`,
      );
      expect((await editor.get("/admin/documents?status=draft&kind=policy")).text).toContain(
        `href="/admin/documents/${id}"`,
      );
      // The 文号 typed with other brackets still finds it.
      const byNumber = await editor.get(`/admin/documents?q=${encodeURIComponent("区卫健发[2025]7号")}`);
      expect(byNumber.text).toContain(`href="/admin/documents/${id}"`);
    });

    it("shows each mistake beside its field and creates nothing", async () => {
      const before = await documentCount();
      const r = await editor.post("/admin/documents", {
        title: "",
        unitId: String(unitA),
        videoUrl: "ftp://example.com/v.mp4",
        qa: "问：只有问题没有答案",
        relKind_0: "repeals",
        relId_0: "",
      });
      expect(r.status).toBe(422);
      expect(errorOf(r.text, "title")).toContain("此项为必填项");
      expect(errorOf(r.text, "qa")).toContain("第 1 条问答");
      expect(errorOf(r.text, "relId_0")).toContain("请填写被关联文件的编号");
      expect(errorOf(r.text, "videoUrl")).not.toBe("");
      expect(r.text).toContain('<a href="#f-title">');
      expect(r.text).toContain("问：只有问题没有答案");

      const rules = await editor.post("/admin/documents", {
        title: "日期颠倒的文件",
        unitId: String(unitA),
        writtenAt: "2025-05-06",
        publishedAt: "2025-04-01",
        relKind_1: "amends",
        relId_1: "999999",
      });
      expect(rules.status).toBe(422);
      expect(errorOf(rules.text, "publishedAt")).toContain("发布日期不能早于成文日期");
      expect(rules.text).toMatch(/id="f-relations"[^>]*>\s*<p class="field-error">.*关联的文件不存在/s);
      expect(rules.text).toContain('value="日期颠倒的文件"');
      expect(await documentCount()).toBe(before);
    });

    it("edits a draft into a new version, and keeps an old form from overwriting a newer change", async () => {
      const form = await editor.get(`/admin/documents/${id}/edit`);
      expect(form.text).toContain("问：在哪里办理？");
      const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? "";
      const fields = {
        version,
        title: "关于做好门诊慢特病待遇保障工作的通知",
        kind: "policy",
        unitId: String(unitA),
        topics: "卫生、体育",
        changeNote: "调整标题",
      };
      expect((await editor.post(`/admin/documents/${id}/edit`, fields)).status).toBe(303);
      const doc = await apiDocument(id);
      expect(doc.title).toBe("关于做好门诊慢特病待遇保障工作的通知");
      expect(doc.topics).toEqual(["卫生、体育"]);
      expect(doc.qa).toEqual([]);
      expect(doc.issuer).toBe("区卫生健康局");
      const stale = await editor.post(`/admin/documents/${id}/edit`, {
        ...fields,
        title: "旧页面提交的标题",
      });
      expect(stale.status).toBe(422);
      expect(stale.text).toMatch(/id="f-version"[^>]*>\s*<p class="field-error">.*已有变动/s);
      expect((await apiDocument(id)).title).toBe("关于做好门诊慢特病待遇保障工作的通知");
      expect((await editor.get(`/admin/documents/${id}`)).text).toContain("调整标题");
    });
  });

  describe("review, publishing and withdrawal", () => {
    it("the editor submits; the reviewer sees the actions an editor does not, and publishes", async () => {
      const id = await createThroughForm({ title: "区卫生健康局2025年政务公开工作要点", body: "全文。" });
      const asEditor = await editor.get(`/admin/documents/${id}`);
      expect(asEditor.text).toContain(`action="/admin/documents/${id}/submit"`);
      expect(asEditor.text).not.toContain(`action="/admin/documents/${id}/publish"`);
      expect((await editor.post(`/admin/documents/${id}/submit`, {})).status).toBe(303);
      expect((await editor.post(`/admin/documents/${id}/publish`, {})).status).toBe(403);

      const asHead = await head.get(`/admin/documents/${id}`);
      expect(asHead.text).toContain("待审核");
      expect(asHead.text).toContain(`action="/admin/documents/${id}/return"`);
      expect((await head.post(`/admin/documents/${id}/publish`, {})).status).toBe(303);
      const page = await head.get(`/admin/documents/${id}`);
      expect(page.text).toContain("已发布");
      expect(page.text).toContain(`action="/admin/documents/${id}/withdraw"`);
      expect(page.text).toMatch(/<td>3<\/td>.*<td>发布<\/td>.*<td>2<\/td>.*<td>1<\/td>.*<td>新建<\/td>/s);
      expect((await t.app.request(`/documents/${id}`)).status).toBe(200);
      expect((await head.post(`/admin/documents/${id}/publish`, {})).status).toBe(422);
    });

    it("a change to a published document needs a reason", async () => {
      const id = await createThroughForm({ title: "需要说明修改原因的文件" });
      await head.post(`/admin/documents/${id}/publish`, {});
      const form = await editor.get(`/admin/documents/${id}/edit`);
      const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? "";
      // 发布日期 left empty: a published document keeps the one it has.
      const fields = { version, title: "需要说明修改原因的文件", unitId: String(unitA), summary: "补充摘要" };
      const refused = await editor.post(`/admin/documents/${id}/edit`, fields);
      expect(refused.status).toBe(422);
      expect(errorOf(refused.text, "changeNote")).toContain("须说明修改原因");
      expect(
        (await editor.post(`/admin/documents/${id}/edit`, { ...fields, changeNote: "补充摘要" })).status,
      ).toBe(303);
      const changed = await apiDocument(id);
      expect(changed.summary).toBe("补充摘要");
      expect(changed.publishedAt).not.toBeNull();
    });

    it("a reviewer sends a document back with a comment that the history keeps", async () => {
      const id = await createThroughForm({ title: "待退回的文件" });
      await editor.post(`/admin/documents/${id}/submit`, {});
      const short = await head.post(`/admin/documents/${id}/return`, { comment: "改" });
      expect(short.status).toBe(422);
      expect(errorOf(short.text, "comment")).toContain("至少 2 个字符");
      expect((await head.post(`/admin/documents/${id}/return`, { comment: "请补充政策依据" })).status).toBe(
        303,
      );
      const page = await editor.get(`/admin/documents/${id}`);
      expect(page.text).toContain("草稿");
      expect(page.text).toContain("<td>请补充政策依据</td>");
    });

    it("shows the personal data found and publishes only after the reviewer confirms", async () => {
      const id = await createThroughForm({
        title: "2025年临时救助对象公示",
        body: "张三，身份证号 11010519491231002X，联系电话 13800138000。",
      });
      const blocked = await head.post(`/admin/documents/${id}/publish`, {});
      expect(blocked.status).toBe(422);
      expect(errorOf(blocked.text, "confirmPrivacy")).toContain("个人信息");
      expect(blocked.text).toContain("我已核实，确认发布");
      expect(blocked.text).toMatch(/<li>身份证号：[^<]*<\/li>/);
      expect(blocked.text).not.toContain("11010519491231002X");
      expect((await apiDocument(id)).status).toBe("draft");
      const ok = await head.post(`/admin/documents/${id}/publish`, { confirmPrivacy: "1" });
      expect(ok.status).toBe(303);
      expect((await apiDocument(id)).status).toBe("published");
      expect((await head.get(`/admin/documents/${id}`)).text).toContain("个人信息核实");
    });

    it("asks for a reason to publish a policy without its interpretation, and drops the question once one exists", async () => {
      const waived = await createThroughForm({
        title: "区临时救助办法",
        kind: "policy",
        needsInterpretation: "1",
      });
      const page = await head.get(`/admin/documents/${waived}`);
      expect(page.text).toContain('id="f-interpretationWaiver"');
      const refused = await head.post(`/admin/documents/${waived}/publish`, {});
      expect(refused.status).toBe(422);
      expect(errorOf(refused.text, "interpretationWaiver")).toContain("须同步解读");
      const reason = "本办法为原办法的延期，无实质内容变化。";
      expect(
        (await head.post(`/admin/documents/${waived}/publish`, { interpretationWaiver: reason })).status,
      ).toBe(303);
      expect((await head.get(`/admin/documents/${waived}`)).text).toContain(reason);

      const policy = await createThroughForm({
        title: "区促进就业若干政策",
        kind: "policy",
        needsInterpretation: "1",
      });
      const interpretation = await createThroughForm({
        title: "《区促进就业若干政策》解读",
        kind: "interpretation",
        interprets: String(policy),
        interpretationForm: "graphic",
      });
      const withOne = await head.get(`/admin/documents/${policy}`);
      expect(withOne.text).not.toContain('id="f-interpretationWaiver"');
      expect(withOne.text).toContain(`href="/admin/documents/${interpretation}"`);
      expect((await head.post(`/admin/documents/${policy}/publish`, {})).status).toBe(303);
    });

    it("schedules a publication: listed as 定时发布 and not public before its time", async () => {
      const id = await createThroughForm({ title: "定时发布的通知" });
      const bad = await head.post(`/admin/documents/${id}/publish`, { publishAt: "明天上午" });
      expect(bad.status).toBe(422);
      expect(errorOf(bad.text, "publishAt")).not.toBe("");
      expect(
        (await head.post(`/admin/documents/${id}/publish`, { publishAt: "2099-01-01T09:00" })).status,
      ).toBe(303);
      expect((await head.get(`/admin/documents/${id}`)).text).toContain("2099-01-01 09:00 公开");
      const scheduled = await head.get("/admin/documents?status=scheduled");
      expect(scheduled.text).toContain(`href="/admin/documents/${id}"`);
      expect((await head.get("/admin/documents?status=published")).text).not.toContain(
        `href="/admin/documents/${id}"`,
      );
      expect((await t.app.request(`/documents/${id}`)).status).toBe(404);
    });

    it("withdraws with a public notice that replaces the text", async () => {
      const id = await createThroughForm({ title: "内容有误的通知", body: "错误的正文内容。" });
      await head.post(`/admin/documents/${id}/publish`, {});
      const short = await head.post(`/admin/documents/${id}/withdraw`, { notice: "有误" });
      expect(short.status).toBe(422);
      expect(errorOf(short.text, "notice")).toContain("至少 5 个字符");
      const notice = "该通知内容有误，现予撤回，更正后重新发布。";
      expect((await head.post(`/admin/documents/${id}/withdraw`, { notice })).status).toBe(303);
      const page = await head.get(`/admin/documents/${id}`);
      expect(page.text).toContain("已撤回");
      expect(page.text).toContain(notice);
      const pub = await t.app.request(`/documents/${id}`);
      expect(pub.status).toBe(410);
      const html = await pub.text();
      expect(html).toContain(notice);
      expect(html).not.toContain("错误的正文内容");
      expect((await editor.get(`/admin/documents/${id}/edit`)).status).toBe(409);
    });
  });

  describe("attachments", () => {
    const upload = async (id: number, file: File) => {
      const body = new FormData();
      body.append("_csrf", editor.csrf);
      body.append("file", file);
      const res = await t.app.request(`/admin/documents/${id}/attachments`, {
        method: "POST",
        headers: { cookie: editor.cookie },
        body,
      });
      return { status: res.status, text: await res.text() };
    };

    it("uploads a file checked by its content, lists it and removes it while unpublished", async () => {
      const id = await createThroughForm({ title: "带图解的通知" });
      const bad = await upload(id, new File(["不是图片"], "图解.png"));
      expect(bad.status).toBe(422);
      expect(errorOf(bad.text, "file")).toContain("只接受");
      expect((await upload(id, new File([PNG], "图解.png"))).status).toBe(303);
      const page = await editor.get(`/admin/documents/${id}`);
      const attachmentId = /\/admin\/documents\/\d+\/attachments\/(\d+)\/remove/.exec(page.text)?.[1];
      expect(page.text).toContain("图解.png");
      expect(attachmentId).toBeDefined();
      const removed = await editor.post(`/admin/documents/${id}/attachments/${attachmentId}/remove`, {});
      expect(removed.status).toBe(303);
      expect((await editor.get(`/admin/documents/${id}`)).text).not.toContain("图解.png");
    });
    it("tells the reviewer which attachments gave no text to check", async () => {
      const id = await createThroughForm({ title: "带附件的通知" });
      const readable = new Uint8Array(makePdf([["第一条 附件正文。"]]));
      expect((await upload(id, new File([readable], "可读.pdf"))).status).toBe(303);
      const broken = new TextEncoder().encode("%PDF-1.4\n这不是一个完整的 PDF 文件");
      expect((await upload(id, new File([broken], "损坏.pdf"))).status).toBe(303);
      expect((await upload(id, new File([PNG], "图解.png"))).status).toBe(303);
      const page = (await editor.get(`/admin/documents/${id}`)).text;
      const rowOf = (name: string) =>
        page.slice(page.indexOf(name), page.indexOf("</tr>", page.indexOf(name)));
      expect(rowOf("损坏.pdf")).toContain("未读出文字");
      expect(rowOf("可读.pdf")).not.toContain("未读出文字");
      expect(rowOf("图解.png")).not.toContain("未读出文字");
    });
  });

  describe("scoping by unit", () => {
    it("answers 404 to another unit's staff and leaves the document out of their list", async () => {
      const id = await createThroughForm({ title: "卫健局内部草稿" });
      expect((await other.get(`/admin/documents/${id}`)).status).toBe(404);
      expect((await other.get(`/admin/documents/${id}/edit`)).status).toBe(404);
      expect((await other.post(`/admin/documents/${id}/publish`, {})).status).toBe(404);
      expect((await other.post(`/admin/documents/${id}/submit`, {})).status).toBe(404);
      const list = await other.get("/admin/documents");
      expect(list.status).toBe(200);
      expect(list.text).not.toContain("卫健局内部草稿");
      expect((await office.get("/admin/documents")).text).toContain("卫健局内部草稿");
      expect((await apiDocument(id)).status).toBe("draft");
    });
  });

  describe("Art. 26: published later than 20 working days after being made", () => {
    it("lists an item published after its due date and not one published on it, for its own unit only", async () => {
      // Written Fri 2025-09-26. Counting working days after it, by the 2025 schedule (STATUTES §1):
      // 09-28 (Sun, 调休) 1, 09-29 2, 09-30 3, 10-01..08 holiday, 10-09 4, 10-10 5, 10-11 (Sat, 调休) 6,
      // 10-13..17 7–11, 10-20..24 12–16, 10-27 17, 10-28 18, 10-29 19, 10-30 20. Due: 2025-10-30.
      const token = await tokenFor(t, "a.editor");
      const reviewer = await tokenFor(t, "a.head");
      const make = async (title: string, publishedAt: string) => {
        const r = await api(t, "POST", "/api/v1/documents", {
          token,
          json: { title, unitId: unitA, writtenAt: "2025-09-26", publishedAt },
        });
        await api(t, "POST", `/api/v1/documents/${r.data.id}/publish`, { token: reviewer, json: {} });
        return r.data.id as number;
      };
      const late = await make("国庆后超期公开的通知", "2025-10-31");
      const onTime = await make("第二十个工作日公开的通知", "2025-10-30");
      const page = await head.get("/admin/documents/late");
      expect(page.status).toBe(200);
      const row = new RegExp(`href="/admin/documents/${late}"[\\s\\S]*?</tr>`).exec(page.text)?.[0] ?? "";
      expect(row).toContain("<td>2025-09-26</td>");
      expect(row).toContain("<td>2025-10-30</td>");
      expect(row).toContain("<td>2025-10-31</td>");
      expect(row).toMatch(/<td>1<\/td>\s*<\/tr>$/);
      expect(page.text).not.toContain(`href="/admin/documents/${onTime}"`);
      expect((await other.get("/admin/documents/late")).text).not.toContain("国庆后超期公开的通知");
    });
  });

  describe("catalogue settings", () => {
    it("is the office's alone", async () => {
      expect((await editor.get("/admin/catalogue")).status).toBe(403);
      expect((await head.post("/admin/catalogue/synonyms", { terms: "甲、乙" })).status).toBe(403);
      expect((await office.get("/admin/catalogue")).status).toBe(200);
    });

    it("adds and removes a synonym group; one word alone is refused beside the field", async () => {
      const one = await office.post("/admin/catalogue/synonyms", { terms: "一网通办" });
      expect(one.status).toBe(422);
      expect(errorOf(one.text, "terms")).toContain("至少要有两个");
      expect(
        (await office.post("/admin/catalogue/synonyms", { terms: "一网通办，政务服务一网通办" })).status,
      ).toBe(303);
      const page = await office.get("/admin/catalogue");
      expect(page.text).toContain("一网通办、政务服务一网通办");
      const row = /<td>一网通办、政务服务一网通办<\/td><td><form method="post" action="([^"]+)"/.exec(
        page.text,
      );
      const removeUrl = row?.[1] ?? "";
      expect((await office.post(removeUrl, {})).status).toBe(303);
      expect((await office.get("/admin/catalogue")).text).not.toContain("一网通办、政务服务一网通办");
    });

    it("adds a 特色主题 that then appears on the document form", async () => {
      expect((await office.post("/admin/catalogue/topics", { name: "优化营商环境" })).status).toBe(303);
      const dup = await office.post("/admin/catalogue/topics", { name: "优化营商环境" });
      expect(dup.status).toBe(422);
      expect(errorOf(dup.text, "name")).toContain("已存在");
      expect((await editor.get("/admin/documents/new")).text).toContain('value="优化营商环境"');
    });

    it("refuses a 索引号 pattern without the sequence number", async () => {
      const r = await office.post("/admin/catalogue/index-pattern", { pattern: "{code}-{year}" });
      expect(r.status).toBe(422);
      expect(errorOf(r.text, "pattern")).toContain("{seq}");
      expect((await office.get("/admin/catalogue")).text).toContain("<code>{code}/{year}-{seq:5}</code>");
    });

    it("creates a 公报 issue from a list of document numbers with their sections", async () => {
      const id = await createThroughForm({
        title: "区政府关于公布规范性文件清理结果的决定",
        kind: "gazette",
      });
      await head.post(`/admin/documents/${id}/publish`, {});
      const badLine = await office.post("/admin/catalogue/gazette", {
        year: "2025",
        number: "3",
        publishedOn: "2025-10-15",
        items: `${id} 区政府文件\n第二篇`,
      });
      expect(badLine.status).toBe(422);
      expect(errorOf(badLine.text, "items")).toContain("第 2 行");
      const ok = await office.post("/admin/catalogue/gazette", {
        year: "2025",
        number: "3",
        publishedOn: "2025-10-15",
        items: `${id} 区政府文件`,
      });
      expect(ok.status).toBe(303);
      const issueId = /href="\/gazette\/(\d+)">2025年第3期</.exec(
        (await office.get("/admin/catalogue")).text,
      )?.[1];
      const issue = await t.app.request(`/gazette/${issueId}`);
      const html = await issue.text();
      expect(html).toContain("区政府文件");
      expect(html).toContain("区政府关于公布规范性文件清理结果的决定");
      const dup = await office.post("/admin/catalogue/gazette", {
        year: "2025",
        number: "3",
        publishedOn: "2025-10-20",
      });
      expect(dup.status).toBe(422);
      expect(errorOf(dup.text, "number")).toContain("已经存在");
    });
  });

  describe("another unit's repeal of this unit's document", () => {
    it("lists the proposal on the document's page; the unit's reviewer accepts or declines it there", async () => {
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
      const target = await createThroughForm({ title: "甲单位待被废止的通知" });
      await head.get(`/admin/documents/${target}`);
      expect((await head.post(`/admin/documents/${target}/publish`, {})).status).toBe(303);
      const repeal = await api(t, "POST", "/api/v1/documents", {
        token: await tokenFor(t, "b.reviewer"),
        json: {
          title: "乙单位关于废止该通知的决定",
          unitId: unitB,
          status: "published",
          relations: [{ kind: "repeals", documentId: target }],
        },
      });
      expect(repeal.status).toBe(201);
      const page = await head.get(`/admin/documents/${target}`);
      expect(page.text).toContain("待确认的废止、修改");
      expect(page.text).toContain("乙单位关于废止该通知的决定");
      const action = new RegExp(`action="(/admin/documents/${target}/proposals/\\d+)"`).exec(page.text)?.[1];
      expect(action).toBeDefined();
      expect((await editor.get(`/admin/documents/${target}`)).text).not.toContain(`action="${action}"`);
      expect((await head.post(action ?? "", { decision: "maybe" })).status).toBe(400);
      expect((await head.post(action ?? "", { decision: "accept" })).status).toBe(303);
      const after = await head.get(`/admin/documents/${target}`);
      expect(after.text).not.toContain("待确认的废止、修改");
      expect((await api(t, "GET", `/documents/${target}`)).text).toMatch(
        /废止[\s\S]*乙单位关于废止该通知的决定/,
      );
    });
  });
});
