import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { OFFICE_PRINCIPAL, seedOrg, TEST_ACTOR } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { openDatabase, type TDatabase } from "../../platform/db";
import { createDocument, publishDocument, purgeSearchChanges, searchDocuments } from ".";

// The search's copy of the library (search-library.ts): what another process writes to the index is
// seen on the next search, by the changed documents alone, whatever order transactions commit in.

describeDb("the search's copy of the library follows the index", () => {
  let t: TTestApp;
  const ids: number[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    const { unitA } = await seedOrg(t.db);
    for (const [title, publishedAt] of [
      ["城镇燃气管理办法", "2024-03-01"],
      ["燃气经营许可实施细则", "2023-05-01"],
      ["关于加强燃气安全检查的通知", "2022-07-01"],
    ] as const) {
      const row = await createDocument(t.db, TEST_ACTOR, OFFICE_PRINCIPAL, {
        title,
        unitId: unitA.id,
        kind: "normative",
        body: `${title}。燃气经营者应当定期检查。`,
        publishedAt,
      });
      await publishDocument(t.db, TEST_ACTOR, OFFICE_PRINCIPAL, row.id, { confirmPrivacy: true });
      ids.push(row.id);
    }
  });
  afterAll(() => t?.close());

  const found = async (q = "燃气") => {
    const result = await searchDocuments(t.db, { q, page: 1, pageSize: 20, sort: "date" });
    return { ids: result.items.map((h) => h.id), total: result.total };
  };
  const setIndex = (id: number | undefined, change: ReturnType<typeof sql>) =>
    t.db.execute(sql`update document_search set ${change} where document_id = ${id}`);

  it("replaces a changed document, keeps the order by date, and drops a deleted one", async () => {
    expect(await found()).toEqual({ ids, total: 3 });
    // Written straight to the index, as another process would, without this process's code knowing.
    await setIndex(ids[2], sql`published_at = '2025-01-01', title = '燃气安全检查办法'`);
    expect((await found()).ids).toEqual([ids[2], ids[0], ids[1]]);
    await t.db.execute(sql`delete from document_search where document_id = ${ids[1]}`);
    expect(await found()).toEqual({ ids: [ids[2], ids[0]], total: 2 });
    // The text index was fetched again for the changed document: a word only its new title has.
    expect((await found("安全检查办法")).ids[0]).toBe(ids[2]);
  });

  it("loads the whole library again once the changes it has not seen are purged", async () => {
    await setIndex(ids[0], sql`status = 'withdrawn'`);
    // An hour old: housekeeping forgets it before this process has looked.
    await t.db.execute(sql`update document_search_changes set at = now() - interval '2 hours'`);
    await purgeSearchChanges(t.db);
    const [left] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from document_search_changes",
    );
    expect(left?.n).toBe(0);
    expect((await found()).ids).not.toContain(ids[0]);
    await setIndex(ids[0], sql`status = 'published'`);
    expect((await found()).ids).toContain(ids[0]);
  });
});

// Two transactions on two connections: PostgreSQL only (PGlite is one connection, where transactions
// cannot overlap), so the PGlite run has nothing to run here.
const describePostgres = (name: string, fn: () => void) => {
  if (process.env.TEST_DB === "postgres") describeDb(name, fn);
};

describePostgres("the copy sees changes committed in another order than they took their ids", () => {
  let t: TTestApp;
  let other: TDatabase;
  const ids: number[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    const { unitA } = await seedOrg(t.db);
    for (const title of ["供热管理条例", "供热价格管理办法"]) {
      const row = await createDocument(t.db, TEST_ACTOR, OFFICE_PRINCIPAL, {
        title,
        unitId: unitA.id,
        kind: "normative",
        body: title,
        publishedAt: "2024-01-01",
      });
      await publishDocument(t.db, TEST_ACTOR, OFFICE_PRINCIPAL, row.id, { confirmPrivacy: true });
      ids.push(row.id);
    }
    const [row] = await t.database.query<{ db: string }>("select current_database() as db");
    const url = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test");
    url.pathname = `/${row?.db}`;
    other = await openDatabase({ databaseUrl: url.toString() });
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  const found = async () =>
    (await searchDocuments(t.db, { q: "供热", page: 1, pageSize: 20 })).items.map((h) => h.id).sort();

  it("sees the first-numbered change committed last", async () => {
    expect(await found()).toEqual([...ids].sort());
    let commitFirst: () => void = () => undefined;
    const firstCommitted = other.withConnection(async (c) => {
      await c.exec("begin");
      // Takes the lower change id, and commits after the second.
      await c.query("update document_search set status = 'withdrawn' where document_id = $1", [ids[0]]);
      await new Promise<void>((resolve) => {
        commitFirst = resolve;
      });
      await c.exec("commit");
    });
    await new Promise((r) => setTimeout(r, 100));
    await other.query("update document_search set status = 'withdrawn' where document_id = $1", [ids[1]]);
    // The second is seen; the first is not committed yet.
    expect(await found()).toEqual([ids[0]]);
    commitFirst();
    await firstCommitted;
    expect(await found()).toEqual([]);
  });
});
