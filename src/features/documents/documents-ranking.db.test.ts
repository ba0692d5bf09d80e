import { afterAll, beforeAll, expect, it } from "vitest";
import { OFFICE_PRINCIPAL, seedOrg, TEST_ACTOR } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { createDocument, publishDocument, searchDocuments, updateDocument, withdrawDocument } from ".";

const OFFICE = OFFICE_PRINCIPAL;
const ACTOR = TEST_ACTOR;

// The order worked out by hand from the rule in search.repository.ts: matches by title, 文号, keywords
// or topics first, scored (2 + 1 if the title holds the exact text) × (3 if valid, else 2), newest first
// among equals; then every other match, newest first, whatever its validity.
const DOCS = [
  // name, title, keywords, body, published, validity
  ["titleValid", "关于加强环境保护工作的通知", [], "正文。", "2021-03-01", "valid"], // (2+1)×3 = 9
  ["titleOld", "环境保护目标责任制办法", [], "正文。", "2015-06-01", "valid"], // (2+1)×3 = 9, older
  ["titleInvalid", "市环境保护条例实施细则", [], "正文。", "2023-01-10", "invalid"], // (2+1)×2 = 6
  ["keywordValid", "关于印发年度工作要点的通知", ["环境保护"], "正文。", "2020-05-05", "valid"], // 2×3 = 6, older
  ["bodyNew", "关于做好秋季防火工作的通知", [], "各单位要做好环境保护和防火工作。", "2024-09-01", "invalid"],
  ["bodyMid", "关于开展植树活动的通知", [], "植树造林，环境保护人人有责。", "2022-03-12", "valid"],
  ["bodyOld", "关于城市绿化的意见", [], "绿化是环境保护的重要内容。", "2019-04-20", "valid"],
  ["apart", "关于保护古树的通知", [], "古树所处的环境需要保护。", "2025-01-01", "valid"], // no 境保: no match
] as const;
const EXPECTED = ["titleValid", "titleOld", "titleInvalid", "keywordValid", "bodyNew", "bodyMid", "bodyOld"];

describeDb("search ranks title and keyword hits first, then the rest newest first, page by page", () => {
  let t: TTestApp;
  const ids = new Map<string, number>();
  let unitId = 0;
  const nameOf = (id: number) => [...ids].find(([, v]) => v === id)?.[0];
  beforeAll(async () => {
    t = await createTestApp();
    const { unitA } = await seedOrg(t.db);
    unitId = unitA.id;
    for (const [name, title, keywords, body, publishedAt, validity] of DOCS) {
      const row = await createDocument(t.db, ACTOR, OFFICE, {
        title,
        unitId,
        kind: "normative",
        keywords: [...keywords],
        body,
        publishedAt,
        validity,
      });
      await publishDocument(t.db, ACTOR, OFFICE, row.id, { confirmPrivacy: true });
      ids.set(name, row.id);
    }
  });
  afterAll(() => t?.close());

  const search = async (q: string, page: number, pageSize: number) =>
    searchDocuments(t.db, { q, page, pageSize });

  it("orders one page as worked out by hand", async () => {
    const found = await search("环境保护", 1, 20);
    expect(found.total).toBe(EXPECTED.length);
    expect(found.items.map((h) => nameOf(h.id))).toEqual(EXPECTED);
  });

  it("gives the same order page by page, across the end of the first group, without gaps or repeats", async () => {
    for (const pageSize of [1, 2, 3, 4]) {
      const seen: (string | undefined)[] = [];
      for (let page = 1; page <= Math.ceil(EXPECTED.length / pageSize) + 1; page++)
        seen.push(...(await search("环境保护", page, pageSize)).items.map((h) => nameOf(h.id)));
      expect(seen, `pageSize ${pageSize}`).toEqual(EXPECTED);
    }
  });

  it("cuts the snippet around the first hit of a long body", async () => {
    const body = `${"前言内容。".repeat(2000)}第九十九条 本条规定空气质量监测。${"其他内容。".repeat(100)}`;
    const row = await createDocument(t.db, ACTOR, OFFICE, { title: "长文件", unitId, body });
    await publishDocument(t.db, ACTOR, OFFICE, row.id, { confirmPrivacy: true });
    const [hit] = (await search("空气质量监测", 1, 5)).items;
    expect(hit?.id).toBe(row.id);
    expect(hit?.snippet.some((part) => part.hit && part.text === "空气质量监测")).toBe(true);
  });

  it("follows the document: a new title, a withdrawal", async () => {
    const id = ids.get("bodyOld") as number;
    const before = await search("城市园林", 1, 5);
    expect(before.total).toBe(0);
    await updateDocument(t.db, ACTOR, OFFICE, id, { title: "关于城市园林绿化的意见", changeNote: "改标题" });
    const renamed = await search("城市园林", 1, 5);
    expect(renamed.items.map((h) => h.id)).toEqual([id]);
    await withdrawDocument(t.db, ACTOR, OFFICE, id, "本文件已被新文件替代。");
    expect((await search("城市园林", 1, 5)).total).toBe(0);
    expect((await search("环境保护", 1, 20)).items.map((h) => nameOf(h.id))).not.toContain("bodyOld");
  });
});
