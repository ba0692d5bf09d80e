import { openDatabase } from "../src/platform/db";
import { searchDocuments } from "../src/features/documents";
const d = await openDatabase({ databaseUrl: "postgres://postgres@127.0.0.1:5432/gongkai_bench_2502" });
for (const q of ["行政复议", "政府信息公开", "安全生产", "医保", "环境保护", "个人信息", "人民政府", "管理"]) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < 8; i++) {
    const t0 = performance.now();
    const r = await searchDocuments(d.db, { q, page: 1, pageSize: 20 });
    times.push(performance.now() - t0);
    total = r.total;
  }
  times.sort((a, b) => a - b);
  console.log(q, total, times.map((t) => t.toFixed(0)).join(" "));
}
await d.close();
