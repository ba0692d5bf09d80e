import { openDatabase } from "../src/platform/db";
import { searchPage, searchFacets } from "../src/features/documents/search.repository";
import { toTsQuery } from "../src/platform/text";
const d = await openDatabase({ databaseUrl: "postgres://postgres@127.0.0.1:5432/gongkai_bench_2502" });
for (const q of ["环境保护", "管理"]) {
  const f = { text: q, tsQuery: toTsQuery(q), scope: "public" as const };
  for (const [name, fn] of [["page", () => searchPage(d.db, f, "2026-11-27", 1, 20)], ["facets", () => searchFacets(d.db, f, "2026-11-27")]] as const) {
    const t0 = performance.now(); await fn(); const t1 = performance.now(); await fn();
    console.log(q, name, (t1 - t0).toFixed(0), (performance.now() - t1).toFixed(0));
  }
}
await d.close();
