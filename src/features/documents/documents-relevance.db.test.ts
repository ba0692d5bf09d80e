import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { OFFICE_PRINCIPAL, seedOrg, TEST_ACTOR } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { createDocument, publishDocument, searchDocuments } from ".";

const OFFICE = OFFICE_PRINCIPAL;
const ACTOR = TEST_ACTOR;

// Real-ish documents: two laws, and newer notices that merely mention the same words.
const DOCS = [
  // name, title, level, 文号, body, published
  [
    "openLaw",
    "中华人民共和国政府信息公开条例",
    "行政法规",
    "国务院令第711号",
    "第二十七条 除行政机关主动公开的政府信息外，公民、法人或者其他组织可以向地方各级人民政府申请获取相关政府信息。",
    "2019-04-15",
  ],
  [
    "companyLaw",
    "公司登记管理条例",
    "行政法规",
    "",
    "第二十条 设立有限责任公司，应当由全体股东指定的代表或者共同委托的代理人向公司登记机关申请设立登记，并提交下列材料。",
    "2016-02-06",
  ],
  [
    "noiseLaw",
    "中华人民共和国噪声污染防治法",
    "法律",
    "",
    "为了防治噪声污染，保障公众健康，制定本法。",
    "2021-12-24",
  ],
  [
    "noiseNotice",
    "关于做好夏季夜间施工管理的通知",
    "",
    "市中政办发〔2024〕3号",
    "各单位要加强夜间施工管理，防治噪声污染，及时处理群众反映的噪声问题。",
    "2024-06-01",
  ],
  [
    "reportNotice",
    "关于报送年度工作总结的通知",
    "",
    "市中政办发〔2023〕8号",
    "各单位请于月底前报送总结。信息公开工作由办公室负责，群众可以申请查阅政府信息。",
    "2023-12-01",
  ],
  ["mentionsNumber", "关于转发条例解读材料的通知", "", "", "请结合国务院令第711号学习。", "2024-01-10"],
] as const;

describeDb("ranked search: questions, everyday words, title coverage, 文号, date order, facets", () => {
  let t: TTestApp;
  const ids = new Map<string, number>();
  const nameOf = (id: number) => [...ids].find(([, v]) => v === id)?.[0];
  beforeAll(async () => {
    t = await createTestApp();
    const { unitA } = await seedOrg(t.db);
    for (const [name, title, level, docNumber, body, publishedAt] of DOCS) {
      const row = await createDocument(t.db, ACTOR, OFFICE, {
        title,
        unitId: unitA.id,
        kind: "normative",
        level,
        docNumber,
        body,
        publishedAt,
      });
      await publishDocument(t.db, ACTOR, OFFICE, row.id, { confirmPrivacy: true });
      ids.set(name, row.id);
    }
  });
  afterAll(() => t?.close());

  const names = async (q: string, sort?: "relevance" | "date") =>
    (await searchDocuments(t.db, { q, page: 1, pageSize: 20, sort })).items.map((h) => nameOf(h.id));

  it("answers a question with filler words: the words need not all be in the law", async () => {
    // 我/想/怎么办 are in no document; 申请/政府/信息/公开 are, apart, in the law's text and title.
    expect((await names("我想申请政府信息公开怎么办"))[0]).toBe("openLaw");
  });

  it("finds the legal term for an everyday word", async () => {
    // No document says 开公司: the law says 设立…公司 and 公司登记 (search-phrasings.ts).
    expect((await names("开公司需要什么材料"))[0]).toBe("companyLaw");
    // One way only: the legal term does not bring in the everyday word.
    expect(await names("公司登记")).toEqual(["companyLaw"]);
  });

  it("ranks the law whose title holds the query's words above newer documents that mention them", async () => {
    const found = await names("噪声污染 防治");
    expect(found).toEqual(["noiseLaw", "noiseNotice"]);
  });

  it("puts the document with the typed 文号 first, before one that cites it", async () => {
    expect(await names("国务院令第711号")).toEqual(["openLaw"]);
    const withWords = await names("国务院令第711号 学习");
    expect(withWords[0]).toBe("openLaw");
    expect(withWords).toContain("mentionsNumber");
  });

  it("orders by date on request, the same matches", async () => {
    const byRelevance = await names("政府信息");
    const byDate = await names("政府信息", "date");
    expect(byRelevance[0]).toBe("openLaw");
    expect(byDate).toEqual(["reportNotice", "openLaw"]);
    expect([...byDate].sort()).toEqual([...byRelevance].sort());
  });

  it("counts the total and every facet exactly", async () => {
    const found = await searchDocuments(t.db, { page: 1, pageSize: 2 });
    expect(found.items).toHaveLength(2);
    expect(found.total).toBe(DOCS.length);
    const kinds = found.facets.kind.reduce((n, k) => n + k.count, 0);
    expect(kinds).toBe(DOCS.length);
    const years = new Map(found.facets.year.map((y) => [y.value, y.count]));
    expect(years.get("2024")).toBe(2);
    expect(years.get("2019")).toBe(1);
  });

  it("counts the facets of any search as its matches add up, whether few or most documents match", async () => {
    const counted: number[] = [];
    for (const q of [undefined, "政府信息", "噪声", "申请", "公"]) {
      const result = await searchDocuments(t.db, { q, page: 1, pageSize: 50 });
      counted.push(result.total);
      expect(result.items).toHaveLength(result.total);
      const byYear = new Map<string, number>();
      for (const h of result.items) {
        const year = h.publishedAt?.slice(0, 4) ?? "";
        byYear.set(year, (byYear.get(year) ?? 0) + 1);
      }
      expect(new Map(result.facets.year.map((y) => [y.value, y.count]))).toEqual(byYear);
      expect(result.facets.kind.reduce((n, k) => n + k.count, 0)).toBe(result.total);
    }
    // Some matched most of the library (counted as all less the rest), some few.
    expect(counted.some((n) => n > DOCS.length / 2 && n < DOCS.length)).toBe(true);
    expect(counted.some((n) => n > 0 && n <= DOCS.length / 2)).toBe(true);
  });

  it("sees a change to the search index on the next search, whoever made it", async () => {
    expect(await names("噪声")).toContain("noiseNotice");
    // As another process would: straight to the index, without this process's code knowing.
    await t.db.execute(
      sql`update document_search set status = 'withdrawn' where document_id = ${ids.get("noiseNotice")}`,
    );
    expect(await names("噪声")).not.toContain("noiseNotice");
    expect((await searchDocuments(t.db, { page: 1, pageSize: 20 })).total).toBe(DOCS.length - 1);
    await t.db.execute(
      sql`update document_search set status = 'published' where document_id = ${ids.get("noiseNotice")}`,
    );
    expect(await names("噪声")).toContain("noiseNotice");
  });
});
