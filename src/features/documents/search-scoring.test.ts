import { describe, expect, it } from "vitest";
import type { TSearchFilter } from "./search-filter";
import { buildLibrary, numberKey, type TLibraryDocument, titleKey } from "./search-library";
import { scoreLibrary } from "./search-scoring";

const NOW = Date.parse("2026-12-05T08:00:00Z");
const TODAY = "2026-12-05";

function doc(id: number, publishedAt: string, more: Partial<TLibraryDocument> = {}): TLibraryDocument {
  return {
    id,
    unitId: 1,
    kind: "通知",
    status: "published",
    publishAt: Date.parse(publishedAt),
    publishedAt,
    year: Number(publishedAt.slice(0, 4)),
    validity: "valid",
    repealedAt: null,
    endsAs: "invalid",
    amendedAt: null,
    topics: [],
    title: "",
    docNumberKey: null,
    isNational: false,
    ...more,
  };
}

// Newest first, as the library holds them: a document's position is its date order.
const DOCS = [
  doc(10, "2024-06-01", { title: "关于加强噪声管理的通知", docNumberKey: "市中政办发2024-3" }),
  doc(11, "2023-01-01", { title: "中华人民共和国噪声污染防治法", kind: "法律", isNational: true }),
  doc(12, "2022-01-01", { title: "施工管理办法", repealedAt: "2022-06-01", endsAs: "repealed" }),
  doc(13, "2021-01-01", { title: "噪声管理草案", status: "draft" }),
  doc(14, "2020-01-01", { title: "噪声管理规定", publishAt: NOW + 3_600_000 }),
];

const library = () => buildLibrary(DOCS, "");

// Which documents hold 噪声 and 管理, in their text and in their titles, by position.
const POSTINGS = new Map<string, Int32Array>([
  ["'噪声'", Int32Array.from([0, 1, 3, 4])],
  ["'管理'", Int32Array.from([0, 1, 2, 3, 4])],
  [titleKey("'噪声'"), Int32Array.from([0, 1, 3, 4])],
  [titleKey("'管理'"), Int32Array.from([0, 2, 3, 4])],
  [numberKey("市中政办发2024-3"), Int32Array.from([0])],
]);

const RANKING = {
  required: ["'噪声'", "'管理'"],
  optional: [],
  phrases: [],
  minMatch: 2,
  anyTerm: "'噪声' | '管理'",
  titleTerms: [0, 1],
};

const search = (f: Partial<TSearchFilter>, offset = 0, limit = 10) => {
  const filter: TSearchFilter = {
    scope: "public",
    text: "噪声 管理",
    tsQuery: "'噪声' & '管理'",
    ranking: RANKING,
    ...f,
  };
  const scored = scoreLibrary(library(), POSTINGS, { f: filter, today: TODAY, now: NOW }, offset, limit);
  return { ids: scored.page.map((i) => DOCS[i]?.id), total: scored.total };
};

describe("search scoring in memory", () => {
  it("ranks by the documented score, worked by hand", () => {
    // N = 5 documents; 噪声 is in 4 (weight ln(1 + 5/4) = 0.8109), 管理 in 5 (ln 2 = 0.6931); sum 1.5041.
    // 10: both in the title and text, in force: (2 × 1) × 3 + 1 = 7.
    // 11: 噪声 in the title (2 × 0.8109/1.5041 = 1.0783) × 3 = 3.2349, text 1, national 1: 5.2349.
    // 12: 管理 in the title (2 × 0.6931/1.5041 = 0.9217) × 2 (repealed) = 1.8434, text 0.4608: 2.3042.
    // 13 is a draft, 14 is not due until an hour from now: neither is public.
    expect(search({})).toEqual({ ids: [10, 11, 12], total: 3 });
    expect(search({}, 1, 1).ids).toEqual([11]);
  });

  it("lets a title term alone match, a lone word of the text not", () => {
    // 12 holds only 管理 in its text (one of two required) but has it in its title: it matches.
    const only = { ...RANKING, required: ["'噪声'", "'管理'"], titleTerms: [0] };
    // With 管理 not a title term (a kind of document, say), 12 no longer matches by its title.
    expect(search({ ranking: only }).ids).toEqual([10, 11]);
  });

  it("puts the document with the typed 文号 first", () => {
    const byNumber = search({
      text: "市中政办发〔2024〕3号",
      tsQuery: null,
      ranking: undefined,
      docNumberKey: "市中政办发2024-3",
    });
    expect(byNumber).toEqual({ ids: [10], total: 1 });
  });

  it("orders the same matches by date on request, and filters by validity and kind", () => {
    expect(search({ sort: "date" }).ids).toEqual([10, 11, 12]);
    expect(search({ validity: "in_force" }).ids).toEqual([10, 11]);
    expect(search({ validity: "repealed" }).ids).toEqual([12]);
    expect(search({ kind: "法律" }).ids).toEqual([11]);
  });

  it("shows a scheduled document from its time on, and the back office its own units' drafts", () => {
    const later = { f: { scope: "public" as const }, today: TODAY, now: NOW + 7_200_000 };
    expect(scoreLibrary(library(), POSTINGS, later, 0, 10).total).toBe(4);
    const office = search({ scope: { units: [1] } });
    expect(office.ids).toContain(13);
    expect(search({ scope: { units: [2] } }).total).toBe(0);
  });
});
