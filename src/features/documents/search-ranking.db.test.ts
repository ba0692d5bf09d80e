import { afterAll, beforeAll, expect, it } from "vitest";
import { importDemoLaws } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { toSearchQuery } from "../../platform/text";
import { todayInChina } from "../calendar";
import { withIndexScans } from "./search.repository";
import type { TSearchFilter } from "./search-filter";
import { PHRASINGS } from "./search-phrasings";
import { everyMatchPage, termWeights, tierPage } from "./search-ranking";

// Keyword searches, everyday questions and titles typed whole, over the demo library's laws.
const QUERIES = [
  "政府信息公开",
  "行政复议",
  "安全生产",
  "环境保护",
  "个人信息",
  "食品安全",
  "劳动合同",
  "工伤保险",
  "失业保险",
  "住房公积金",
  "最低生活保障",
  "城市供水 价格",
  "农村 土地承包 经营权",
  "关于进一步加强安全生产工作的通知",
  "中华人民共和国劳动法",
  "税",
  "法律援助",
  "开公司需要什么材料",
  "被公司辞退有没有赔偿",
  "我想申请政府信息公开怎么办",
  "退休金怎么算",
  "加班费怎么算",
  "网约车",
];

const FILTERS: Omit<TSearchFilter, "scope">[] = [{}, { validity: "in_force" }, { year: 2021 }];

describeDb("relevance: a title tier gives the same page as ranking every match", () => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await importDemoLaws(t.db);
  }, 600_000);
  afterAll(() => t?.close());

  it("returns the same ids in the same order whenever it answers, and answers often", async () => {
    const today = todayInChina();
    let answered = 0;
    // Each tier of each query, filter and page: asked, and answered (not null).
    let asked = 0;
    for (const q of QUERIES) {
      const ranking = toSearchQuery(q, { phrasings: PHRASINGS });
      if (!ranking) throw new Error(`no query for ${q}`);
      for (const extra of FILTERS)
        for (const [limit, offset] of [
          [3, 0],
          [5, 0],
          [5, 5],
          [20, 0],
        ] as const) {
          const f: TSearchFilter = { ...extra, text: q, tsQuery: ranking.match, ranking, scope: "public" };
          await withIndexScans(t.db, async (tx) => {
            const w = await termWeights(tx, [...ranking.required, ...ranking.optional]);
            const every = await everyMatchPage(tx, f, today, ranking, w, limit, offset);
            // Every tier, also those the search does not try (they must be right all the same).
            for (let m = ranking.required.length; m >= 1; m--) {
              const tier = await tierPage(tx, f, today, ranking, w, m, limit, offset);
              asked++;
              if (tier === null) continue;
              answered++;
              expect(tier, `${q} ${JSON.stringify(extra)} tier ${m}, ${limit}+${offset}`).toEqual(every);
            }
          });
        }
    }
    // Tiers fill a page where many titles hold the words; the demo library is small, so most do not
    // here (33 of 504 when written). Enough must, or the test compares nothing.
    expect(answered, `of ${asked}`).toBeGreaterThanOrEqual(20);
  }, 120_000);
});
