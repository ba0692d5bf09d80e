import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { OFFICE_PRINCIPAL, seedOrg, TEST_ACTOR } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { createDocument, publishDocument, searchDocuments } from ".";

const OFFICE = OFFICE_PRINCIPAL;
const ACTOR = TEST_ACTOR;
const LAWS = new URL("../../../demo/documents/", import.meta.url);
const FILES = [
  "行政法规/政府信息公开条例(2019-04-03).md",
  "DLC/山东地方法规/地方性法规/山东/济南市绿化条例(2021-12-03).md",
  "DLC/山东地方法规/地方性法规/山东/济南市优化营商环境条例(2022-01-21).md",
];

/** A seeded generator, so that a failure names phrases that can be tried again. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describeDb("search finds every phrase that is in a document, in the database itself", () => {
  let t: TTestApp;
  const docs: { id: number; text: string }[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    const { unitA } = await seedOrg(t.db);
    for (const [i, file] of FILES.entries()) {
      const body = readFileSync(new URL(file, LAWS), "utf8").split("<!-- INFO END -->")[1] ?? "";
      const row = await createDocument(t.db, ACTOR, OFFICE, {
        title: `测试文件${i + 1}`,
        unitId: unitA.id,
        body,
      });
      await publishDocument(t.db, ACTOR, OFFICE, row.id, { confirmPrivacy: true });
      docs.push({ id: row.id, text: body });
    }
  });
  afterAll(() => t?.close());

  it("matches 150 phrases cut at random from real legal text", async () => {
    const next = random(2026);
    const missed: string[] = [];
    for (let i = 0; i < 150; i++) {
      const doc = docs[i % docs.length] as { id: number; text: string };
      // A run of Han characters only, 2 to 8 long: what people type into the search box.
      const runs = doc.text.match(/[\u4e00-\u9fa5]{2,}/g) ?? [];
      const run = runs[Math.floor(next() * runs.length)] ?? "";
      const length = Math.min(run.length, 2 + Math.floor(next() * 7));
      const start = Math.floor(next() * (run.length - length + 1));
      const phrase = run.slice(start, start + length);
      const found = await searchDocuments(t.db, { q: phrase, page: 1, pageSize: 10 });
      if (!found.items.some((h) => h.id === doc.id)) missed.push(phrase);
    }
    expect(missed).toEqual([]);
  });

  it("finds nothing when part of the phrase is in no document", async () => {
    const text = docs.map((d) => d.text).join("");
    expect(text.includes("火箭")).toBe(false);
    expect((await searchDocuments(t.db, { q: "绿化", page: 1, pageSize: 10 })).total).toBeGreaterThan(0);
    expect((await searchDocuments(t.db, { q: "绿化火箭", page: 1, pageSize: 10 })).total).toBe(0);
  });
});
