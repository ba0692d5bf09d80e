import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, PASSWORD, seedOrg, tokenFor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { listAudit } from "../../platform/audit";
import { selectRows } from "../../platform/db";
import { addDays, todayInChina } from "../calendar";
import { createUser } from "../org";

describeDb("documents API", () => {
  let t: TTestApp;
  let unitA: number;
  let unitB: number;
  let editor: string;
  let reviewer: string;
  let otherUnit: string;
  let office: string;
  /** Unit B's reviewer: may publish B's documents, and no other unit's. */
  let otherReviewer: string;
  const today = todayInChina();

  beforeAll(async () => {
    t = await createTestApp();
    const org = await seedOrg(t.db);
    unitA = org.unitA.id;
    unitB = org.unitB.id;
    editor = await tokenFor(t, "a.editor");
    reviewer = await tokenFor(t, "a.head");
    otherUnit = await tokenFor(t, "b.head");
    office = await tokenFor(t, "office");
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
    otherReviewer = await tokenFor(t, "b.reviewer");
  });
  afterAll(() => t?.close());

  const create = async (json: Record<string, unknown>, token = editor) =>
    api(t, "POST", "/api/v1/documents", { token, json });
  const publish = (id: number, json: Record<string, unknown> = {}, token = reviewer) =>
    api(t, "POST", `/api/v1/documents/${id}/publish`, { token, json });
  const publicGet = (id: number) => api(t, "GET", `/api/v1/documents/${id}`);
  const search = async (query: string) => (await api(t, "GET", `/api/v1/documents?${query}`)).data;
  const auditActions = async (id: number) =>
    (await listAudit(t.db, { entity: "document", entityId: String(id) }, 1, 100)).items.map((a) => a.action);

  describe("drafts, review and publishing", () => {
    let id: number;
    it("an editor creates a draft that only the unit's staff can see", async () => {
      const r = await create({
        title: "关于印发区卫生健康系统政务公开工作实施方案的通知",
        kind: "normative",
        docNumber: "市卫健发[2024]12号",
        unitId: unitA,
        writtenAt: "2024-03-01",
        topics: ["卫生、体育"],
        keywords: ["政务公开"],
        body: "## 一、总体要求\n\n全面推进医疗保险信息公开。",
      });
      expect(r.status).toBe(201);
      id = r.data.id;
      expect(r.data.status).toBe("draft");
      expect(r.data.docNumber).toBe("市卫健发[2024]12号");
      expect(r.data.issuer).toBe("区卫生健康局");
      // {code}/{year}-{seq:5}; the unit has no organ code yet, so its id stands in.
      expect(r.data.indexNo).toBe(`GK${String(unitA).padStart(4, "0")}/2024-00001`);
      expect((await publicGet(id)).status).toBe(404);
      expect((await api(t, "GET", `/api/v1/documents/${id}`, { token: otherUnit })).status).toBe(404);
      expect((await api(t, "GET", `/api/v1/documents/${id}`, { token: editor })).data.title).toContain(
        "实施方案",
      );
    });

    it("the next document of the unit and year gets the next 索引号", async () => {
      const r = await create({ title: "第二份文件", unitId: unitA, writtenAt: "2024-05-06" });
      expect(r.data.indexNo).toBe(`GK${String(unitA).padStart(4, "0")}/2024-00002`);
    });

    it("an editor may not publish; another unit may not touch it", async () => {
      expect((await publish(id, {}, editor)).status).toBe(403);
      expect((await create({ title: "直接发布", unitId: unitA, status: "published" })).status).toBe(403);
      expect((await publish(id, {}, otherUnit)).status).toBe(404);
      const patch = await api(t, "PATCH", `/api/v1/documents/${id}`, {
        token: otherUnit,
        json: { title: "x" },
      });
      expect(patch.status).toBe(404);
    });

    it("a reviewer publishes; the public reads it and finds it", async () => {
      expect(
        (await api(t, "POST", `/api/v1/documents/${id}/submit`, { token: editor, json: {} })).data.status,
      ).toBe("review");
      const r = await publish(id);
      expect(r.status).toBe(200);
      expect(r.data.status).toBe("published");
      expect(r.data.publishedAt).toBe(today);
      const pub = await publicGet(id);
      expect(pub.status).toBe(200);
      expect(pub.data.validity).toBe("valid");
      expect((await publish(id)).status).toBe(409);
      const found = await search("q=实施方案");
      expect(found.items.map((i: { id: number }) => i.id)).toContain(id);
    });

    it("finds the document by its 文号 typed in any common form", async () => {
      for (const q of [
        "市卫健发〔2024〕12号",
        "市卫健发[2024]12号",
        "市卫健发2024 12",
        "市卫健发（2024）12号",
      ]) {
        const found = await search(`q=${encodeURIComponent(q)}`);
        expect(found.items[0]?.id, q).toBe(id);
      }
    });

    it("finds 医疗保险 when searching its synonym 医保, with the hit highlighted", async () => {
      const found = await search(`q=${encodeURIComponent("医保")}`);
      const hit = found.items.find((i: { id: number }) => i.id === id);
      expect(hit).toBeDefined();
      const marked = hit.highlights.map(([s, n]: [number, number]) =>
        [...hit.snippet].slice(s, s + n).join(""),
      );
      expect(marked).toContain("医疗保险");
    });

    it("a change to a published document needs a reason and makes a new version", async () => {
      const path = `/api/v1/documents/${id}`;
      expect((await api(t, "PATCH", path, { token: editor, json: { summary: "摘要" } })).status).toBe(422);
      const ok = await api(t, "PATCH", path, {
        token: editor,
        json: { summary: "摘要", changeNote: "补充摘要" },
      });
      expect(ok.status).toBe(200);
      const versions = await api(t, "GET", `${path}/versions`, { token: editor });
      expect(versions.data.items.map((v: { changeNote: string }) => v.changeNote)).toEqual([
        "补充摘要",
        "发布",
        "送审",
        "新建",
      ]);
    });

    it("withdrawal replaces the public text with its notice and takes it out of the catalogue", async () => {
      const r = await api(t, "POST", `/api/v1/documents/${id}/withdraw`, {
        token: reviewer,
        json: { notice: "该文件内容有误，已撤回，更正后重新发布。" },
      });
      expect(r.status).toBe(200);
      const pub = await publicGet(id);
      expect(pub.status).toBe(200);
      expect(pub.data.status).toBe("withdrawn");
      expect(pub.data.body).toBe("");
      expect(pub.data.withdrawalNotice).toContain("已撤回");
      expect((await search("q=实施方案")).items.map((i: { id: number }) => i.id)).not.toContain(id);
      expect(await auditActions(id)).toEqual(
        expect.arrayContaining([
          "document.create",
          "document.submit",
          "document.publish",
          "document.update",
          "document.withdraw",
        ]),
      );
    });
  });

  describe("bad input", () => {
    it("refuses unknown topics, unknown kinds, missing titles and reversed dates, writing nothing", async () => {
      const before = (await search("pageSize=1")).total;
      const topic = await create({ title: "主题不对", unitId: unitA, topics: ["不存在的主题"] });
      expect(topic.status).toBe(422);
      expect(topic.data.error.issues[0].path).toBe("topics");
      expect((await create({ title: "种类不对", unitId: unitA, kind: "memo" })).status).toBe(400);
      const noTitle = await create({ unitId: unitA });
      expect(noTitle.status).toBe(400);
      expect(noTitle.data.error.message).toMatch(/[\u4e00-\u9fa5]/);
      const dates = await create({
        title: "日期颠倒",
        unitId: unitA,
        writtenAt: "2024-05-01",
        publishedAt: "2024-04-01",
      });
      expect(dates.status).toBe(422);
      expect((await create({ title: "别的单位", unitId: unitB })).status).toBe(403);
      expect((await search("pageSize=1")).total).toBe(before);
    });
  });

  describe("validity", () => {
    it("turns 失效 by itself on its 废止日期, and the 现行有效 filter follows", async () => {
      const yesterday = addDays(today, -1);
      const tomorrow = addDays(today, 1);
      const ended = await create({
        title: "有效期届满的规范性文件",
        kind: "normative",
        unitId: unitA,
        repealedAt: yesterday,
      });
      const ending = await create({
        title: "明天到期的规范性文件",
        kind: "normative",
        unitId: unitA,
        repealedAt: tomorrow,
      });
      await publish(ended.data.id);
      await publish(ending.data.id);
      expect((await publicGet(ended.data.id)).data.validity).toBe("invalid");
      expect((await publicGet(ending.data.id)).data.validity).toBe("valid");
      const valid = await search("kind=normative&validity=valid&pageSize=100");
      const ids = valid.items.map((i: { id: number }) => i.id);
      expect(ids).toContain(ending.data.id);
      expect(ids).not.toContain(ended.data.id);
      const counts = Object.fromEntries(
        (await search("kind=normative")).facets.validity.map((f: { value: string; count: number }) => [
          f.value,
          f.count,
        ]),
      );
      expect(counts.invalid).toBe(1);
    });

    it("a published repeal ends the other document's validity, and both pages show the link", async () => {
      const oldDoc = await create({
        title: "旧办法",
        kind: "normative",
        unitId: unitA,
        docNumber: "区卫健发〔2020〕1号",
      });
      await publish(oldDoc.data.id);
      const newDoc = await create({
        title: "新办法",
        kind: "normative",
        unitId: unitA,
        effectiveAt: today,
        relations: [{ kind: "repeals", documentId: oldDoc.data.id }],
      });
      expect((await publicGet(oldDoc.data.id)).data.validity).toBe("valid");
      await publish(newDoc.data.id);
      const old = (await publicGet(oldDoc.data.id)).data;
      expect(old.validity).toBe("repealed");
      expect(old.repealedAt).toBe(today);
      expect(old.relations).toEqual([
        { kind: "repeals", direction: "to", id: newDoc.data.id, title: "新办法" },
      ]);
      expect((await publicGet(newDoc.data.id)).data.relations[0]).toMatchObject({
        direction: "from",
        id: oldDoc.data.id,
      });
      // A chain: the newer one is itself amended from a future date, so it stays valid until then.
      const later = addDays(today, 30);
      const third = await create({
        title: "修改新办法的决定",
        kind: "normative",
        unitId: unitA,
        effectiveAt: later,
        relations: [{ kind: "amends", documentId: newDoc.data.id }],
      });
      await publish(third.data.id);
      const mid = (await publicGet(newDoc.data.id)).data;
      expect(mid.validity).toBe("valid");
      // An amendment has its own date: it is no 废止日期.
      expect(mid.amendedAt).toBe(later);
      expect(mid.repealedAt).toBeNull();
      expect(await auditActions(oldDoc.data.id)).toContain("document.repealed");
    });

    it("an amendment reads 已修改 from its 修改日期, keeps the document's own 废止日期 and never shows as 废止", async () => {
      const expires = addDays(today, 365);
      const target = await create({
        title: "有效期五年的管理办法",
        kind: "normative",
        unitId: unitA,
        repealedAt: expires,
      });
      await publish(target.data.id);
      const amending = await create({
        title: "关于修改管理办法的决定",
        kind: "normative",
        unitId: unitA,
        effectiveAt: today,
        relations: [{ kind: "amends", documentId: target.data.id }],
      });
      await publish(amending.data.id);
      const amended = (await publicGet(target.data.id)).data;
      expect(amended).toMatchObject({ validity: "amended", amendedAt: today, repealedAt: expires });
      const page = await api(t, "GET", `/documents/${target.data.id}`);
      expect(page.text).toContain(`<dt>修改日期</dt><dd>${today}</dd>`);
      expect(page.text).toContain(`<dt>废止日期</dt><dd>${expires}</dd>`);
      const hits = await search(`q=${encodeURIComponent("有效期五年的管理办法")}`);
      expect(hits.items[0]).toMatchObject({ validity: "amended", amendedAt: today, repealedAt: expires });
      const validities = hits.facets.validity.map((f: { value: string }) => f.value);
      expect(validities).toContain("amended");
      expect(validities).not.toContain("repealed");
      // 现行有效 (the /normative library, `in_force`) keeps it: an amended document is still in force.
      const inForce = await search("kind=normative&validity=in_force&pageSize=100");
      expect(inForce.items.map((i: { id: number }) => i.id)).toContain(target.data.id);
      const normative = await api(t, "GET", "/normative?pageSize=100");
      expect(normative.text).toContain("有效期五年的管理办法");
    });
  });

  describe("repeals and amendments of another unit's documents", () => {
    const relationRows = (toId: number) =>
      selectRows<{ state: string; prior: unknown }>(
        t.db,
        sql`select state, prior from document_relations where to_id = ${toId} order by id`,
      );

    it("another unit's repeal waits as a proposal; the target's unit accepts it, audited", async () => {
      const target = await create({ title: "甲单位的办法", kind: "normative", unitId: unitA });
      await publish(target.data.id);
      const repeal = await create(
        {
          title: "乙单位废止甲单位办法的通知",
          unitId: unitB,
          status: "published",
          relations: [{ kind: "repeals", documentId: target.data.id }],
        },
        otherReviewer,
      );
      expect(repeal.status).toBe(201);
      const untouched = (await publicGet(target.data.id)).data;
      expect(untouched).toMatchObject({ validity: "valid", repealedAt: null, relations: [] });
      expect((await relationRows(target.data.id)).map((r) => r.state)).toEqual(["proposed"]);

      const staff = await api(t, "GET", `/api/v1/documents/${target.data.id}`, { token: reviewer });
      expect(staff.data.proposals).toEqual([
        {
          relationId: expect.any(Number),
          kind: "repeals",
          id: repeal.data.id,
          title: "乙单位废止甲单位办法的通知",
        },
      ]);
      const relationId = staff.data.proposals[0].relationId;
      const path = `/api/v1/documents/${target.data.id}/proposals/${relationId}`;
      // The proposing unit cannot accept its own proposal; nor can bad input get past 4xx.
      expect((await api(t, "POST", path, { token: otherUnit, json: { decision: "accept" } })).status).toBe(
        404,
      );
      expect((await api(t, "POST", path, { token: editor, json: { decision: "accept" } })).status).toBe(403);
      expect((await api(t, "POST", path, { token: reviewer, json: { decision: "yes" } })).status).toBe(400);
      expect((await publicGet(target.data.id)).data.validity).toBe("valid");

      const accepted = await api(t, "POST", path, { token: reviewer, json: { decision: "accept" } });
      expect(accepted.status).toBe(200);
      expect(accepted.data).toMatchObject({ validity: "repealed", repealedAt: today, proposals: [] });
      expect(await auditActions(target.data.id)).toEqual(
        expect.arrayContaining([
          "document.relation_propose",
          "document.relation_accept",
          "document.repealed",
        ]),
      );
      expect((await api(t, "POST", path, { token: reviewer, json: { decision: "decline" } })).status).toBe(
        409,
      );
    });

    it("a declined proposal changes nothing on the target", async () => {
      const target = await create({ title: "甲单位的另一办法", kind: "normative", unitId: unitA });
      await publish(target.data.id);
      await create(
        {
          title: "乙单位修改甲单位办法的通知",
          unitId: unitB,
          status: "published",
          relations: [{ kind: "amends", documentId: target.data.id }],
        },
        otherReviewer,
      );
      const staff = await api(t, "GET", `/api/v1/documents/${target.data.id}`, { token: reviewer });
      const path = `/api/v1/documents/${target.data.id}/proposals/${staff.data.proposals[0].relationId}`;
      expect((await api(t, "POST", path, { token: reviewer, json: { decision: "decline" } })).status).toBe(
        200,
      );
      expect((await publicGet(target.data.id)).data).toMatchObject({ validity: "valid", amendedAt: null });
      expect((await relationRows(target.data.id)).map((r) => r.state)).toEqual(["declined"]);
      expect(await auditActions(target.data.id)).toContain("document.relation_decline");
    });

    it("the office may repeal any unit's document at once", async () => {
      const target = await create({ title: "甲单位的旧规定", kind: "normative", unitId: unitA });
      await publish(target.data.id);
      await create(
        {
          title: "办公室代乙单位发布的废止通知",
          unitId: unitB,
          status: "published",
          relations: [{ kind: "repeals", documentId: target.data.id }],
        },
        office,
      );
      expect((await publicGet(target.data.id)).data.validity).toBe("repealed");
    });

    it("withdrawing the repealing or amending document restores the target exactly as before", async () => {
      const ownEnd = addDays(today, 100);
      const target = await create({
        title: "将被废止又恢复的办法",
        kind: "normative",
        unitId: unitA,
        repealedAt: ownEnd,
      });
      await publish(target.data.id);
      const before = (await publicGet(target.data.id)).data;
      const repeal = await create({
        title: "废止该办法的决定",
        unitId: unitA,
        relations: [
          { kind: "repeals", documentId: target.data.id },
          { kind: "amends", documentId: target.data.id },
        ],
      });
      expect((await publish(repeal.data.id)).status).toBe(200);
      expect((await publicGet(target.data.id)).data).toMatchObject({
        validity: "repealed",
        repealedAt: today,
        amendedAt: today,
      });
      // Published relations that took effect cannot be edited away (that would leave the target ended).
      const edit = await api(t, "PATCH", `/api/v1/documents/${repeal.data.id}`, {
        token: editor,
        json: { relations: [], changeNote: "去掉关联" },
      });
      expect(edit.status).toBe(409);
      const withdrawn = await api(t, "POST", `/api/v1/documents/${repeal.data.id}/withdraw`, {
        token: reviewer,
        json: { notice: "发文有误，予以撤回。" },
      });
      expect(withdrawn.status).toBe(200);
      const after = (await publicGet(target.data.id)).data;
      expect(after).toMatchObject({ validity: "valid", repealedAt: ownEnd, amendedAt: null, relations: [] });
      expect({ ...after, version: 0 }).toEqual({ ...before, version: 0 });
      expect(await auditActions(target.data.id)).toEqual(
        expect.arrayContaining(["document.repeal_revoke", "document.amend_revoke"]),
      );
    });

    it("refuses a relation to another unit's draft as if it did not exist, revealing nothing", async () => {
      const draft = await create({ title: "乙单位尚未公开的草稿", unitId: unitB }, otherReviewer);
      const count = (await search("pageSize=1")).total;
      const refused = await create({
        title: "试图关联草稿的文件",
        unitId: unitA,
        relations: [{ kind: "repeals", documentId: draft.data.id }],
      });
      expect(refused.status).toBe(422);
      expect(refused.data.error.message).toBe("关联的文件不存在。");
      expect(JSON.stringify(refused.data)).not.toContain("尚未公开的草稿");
      expect((await search("pageSize=1")).total).toBe(count);
      const missing = await create({
        title: "关联不存在的文件",
        unitId: unitA,
        relations: [{ kind: "repeals", documentId: 2_000_000_000 }],
      });
      expect(missing.data.error).toEqual(refused.data.error);
    });
  });

  describe("三同步: interpretations", () => {
    it("a policy that needs an interpretation cannot be published without one or a reason", async () => {
      const policy = await create({
        title: "区促进就业若干政策",
        kind: "policy",
        unitId: unitA,
        needsInterpretation: true,
      });
      const refused = await publish(policy.data.id);
      expect(refused.status).toBe(422);
      expect(refused.data.error.issues.map((i: { path: string }) => i.path)).toEqual([
        "interpretationWaiver",
      ]);
      expect(
        (await api(t, "GET", `/api/v1/documents/${policy.data.id}`, { token: editor })).data.status,
      ).toBe("draft");

      const notInterpretation = await create({
        title: "不是解读",
        kind: "notice",
        unitId: unitA,
        interprets: policy.data.id,
      });
      expect(notInterpretation.status).toBe(422);
      const interpretation = await create({
        title: "《区促进就业若干政策》解读",
        kind: "interpretation",
        unitId: unitA,
        interprets: policy.data.id,
        qa: [{ question: "谁可以申请？", answer: "在本区就业的高校毕业生。" }],
      });
      expect(interpretation.status).toBe(201);
      expect((await publish(policy.data.id)).status).toBe(200);
      await publish(interpretation.data.id);
      const p = (await publicGet(policy.data.id)).data;
      expect(p.interpretations).toEqual([
        { id: interpretation.data.id, title: "《区促进就业若干政策》解读", form: "text" },
      ]);
      const i = (await publicGet(interpretation.data.id)).data;
      expect(i.interprets).toBe(policy.data.id);
      expect(i.qa).toEqual([{ question: "谁可以申请？", answer: "在本区就业的高校毕业生。" }]);
    });

    it("a reviewer's recorded reason lets it through", async () => {
      const policy = await create({
        title: "区临时救助办法",
        kind: "policy",
        unitId: unitA,
        needsInterpretation: true,
      });
      const r = await publish(policy.data.id, {
        interpretationWaiver: "本办法为原办法的延期，无实质内容变化。",
      });
      expect(r.status).toBe(200);
      expect(r.data.status).toBe("published");
    });
  });

  describe("personal data", () => {
    it("blocks publishing until a reviewer confirms, and audits both", async () => {
      const doc = await create({
        title: "低保对象公示",
        kind: "notice",
        unitId: unitA,
        body: "张三，身份证号 11010519491231002X，联系电话 13800138000。",
      });
      const refused = await publish(doc.data.id);
      expect(refused.status).toBe(422);
      expect(refused.data.error.issues[0].path).toBe("confirmPrivacy");
      expect(refused.data.error.message).toContain("110");
      expect(refused.data.error.message).not.toContain("11010519491231002X");
      expect((await api(t, "GET", `/api/v1/documents/${doc.data.id}`, { token: editor })).data.status).toBe(
        "draft",
      );
      expect(await auditActions(doc.data.id)).toContain("document.publish_blocked");
      const ok = await publish(doc.data.id, { confirmPrivacy: true });
      expect(ok.status).toBe(200);
      expect(await auditActions(doc.data.id)).toEqual(
        expect.arrayContaining(["document.privacy_confirm", "document.publish"]),
      );
    });

    it("creating with status published is refused as a whole when a check fails", async () => {
      const r = await create(
        { title: "含手机号的通知", unitId: unitA, status: "published", body: "请联系 13912345678。" },
        office,
      );
      expect(r.status).toBe(422);
      expect((await search(`q=${encodeURIComponent("含手机号的通知")}`)).total).toBe(0);
    });
  });

  describe("公报 and settings", () => {
    it("the office publishes an issue whose contents list public documents", async () => {
      const doc = await create({
        title: "区政府关于公布行政规范性文件清理结果的决定",
        unitId: unitA,
        kind: "gazette",
      });
      await publish(doc.data.id);
      const draft = await create({ title: "尚未发布的文件", unitId: unitA });
      const r = await api(t, "POST", "/api/v1/gazette", {
        token: office,
        json: {
          year: 2024,
          number: 1,
          publishedOn: "2024-02-01",
          items: [{ documentId: doc.data.id, section: "区政府文件" }, { documentId: draft.data.id }],
        },
      });
      expect(r.status).toBe(201);
      const issue = (await api(t, "GET", `/api/v1/gazette/${r.data.id}`)).data;
      expect(issue.title).toBe("2024年第1期");
      expect(issue.items.map((i: { documentId: number }) => i.documentId)).toEqual([doc.data.id]);
      const dup = await api(t, "POST", "/api/v1/gazette", {
        token: office,
        json: { year: 2024, number: 1, publishedOn: "2024-02-01", items: [] },
      });
      expect(dup.status).toBe(409);
      expect(
        (
          await api(t, "POST", "/api/v1/gazette", {
            token: editor,
            json: { year: 2024, number: 2, publishedOn: "2024-03-01", items: [] },
          })
        ).status,
      ).toBe(403);
    });

    it("staff manage synonyms and special topics", async () => {
      const add = await api(t, "POST", "/api/v1/search/synonyms", {
        token: office,
        json: { terms: ["一网通办", "政务服务一网通办"] },
      });
      expect(add.status).toBe(201);
      expect(
        (await api(t, "DELETE", `/api/v1/search/synonyms/${add.data.id}`, { token: office })).status,
      ).toBe(204);
      expect(
        (await api(t, "POST", "/api/v1/document-topics", { token: office, json: { name: "优化营商环境" } }))
          .status,
      ).toBe(201);
      expect(
        (await api(t, "POST", "/api/v1/document-topics", { token: office, json: { name: "优化营商环境" } }))
          .status,
      ).toBe(409);
      const topics = (await api(t, "GET", "/api/v1/document-topics")).data.items.map(
        (x: { name: string }) => x.name,
      );
      expect(topics).toContain("优化营商环境");
      expect(topics).toContain("卫生、体育");
    });
  });

  // Run last: every document written above, through every path (create, edit, publish, schedule,
  // repeal, withdraw), must have its row in the search index with the same values.
  it("keeps the search index in step with every document", async () => {
    const rows = await selectRows<{ id: number; differs: boolean }>(
      t.db,
      sql`select d.id, (s.document_id is null or (d.unit_id, d.kind, d.status, d.publish_at, d.published_at,
            d.validity, d.repealed_at, d.ends_as, d.topics, d.title, d.doc_number_key)
            is distinct from (s.unit_id, s.kind, s.status, s.publish_at, s.published_at, s.validity,
            s.repealed_at, s.ends_as, s.topics, s.title, s.doc_number_key)) as differs
          from documents d left join document_search s on s.document_id = d.id`,
    );
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((r) => r.differs).map((r) => r.id)).toEqual([]);
  });
});
