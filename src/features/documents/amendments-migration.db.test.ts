import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeDb } from "../../../test/test-db";
import { openDatabase, type TDatabase } from "../../platform/db";
import { migrate } from "../../platform/db/migrate";

// migrations/0017 on data written before it: an amendment had written the amended document's
// 废止日期 (repealed_at, ends_as = 'amended'). The date moves to amended_at, the overwritten 废止日期
// comes back from the audit log, and the relations in effect keep the dates they found.

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../migrations");

describeDb("the migration that separates 修改 from 废止", () => {
  let database: TDatabase;
  let before: string;
  beforeAll(async () => {
    before = mkdtempSync(path.join(tmpdir(), "gongkai-migrations-"));
    for (const f of readdirSync(MIGRATIONS).filter((f) => f < "0017"))
      cpSync(path.join(MIGRATIONS, f), path.join(before, f));
    database = await openDatabase({});
    await migrate(database, before);
    await database.exec(`
      insert into units (id, name, kind) values (1, '区卫生健康局', 'department');
      insert into documents (id, index_no, kind, title, unit_id, created_by, status, publish_at, published_at,
          validity, repealed_at, ends_as) values
        (1, 'A/1', 'normative', '被修改的办法', 1, 'x', 'published', now(), '2024-01-01', 'valid', '2025-03-01', 'amended'),
        (2, 'A/2', 'normative', '修改决定', 1, 'x', 'published', now(), '2025-02-01', 'valid', null, 'invalid'),
        (3, 'A/3', 'normative', '被废止的办法', 1, 'x', 'published', now(), '2024-01-01', 'valid', '2025-04-01', 'repealed'),
        (4, 'A/4', 'normative', '废止决定', 1, 'x', 'published', now(), '2025-03-01', 'valid', null, 'invalid');
      insert into document_search (document_id, unit_id, kind, status, validity, repealed_at, ends_as, title)
        select id, unit_id, kind, status, validity, repealed_at, ends_as, title from documents;
      insert into document_relations (from_id, to_id, kind) values (2, 1, 'amends'), (4, 3, 'repeals');
      insert into audit_log (at, actor_name, action, entity, entity_id, unit_id, before, after, prev_hash, hash) values
        (now(), 'x', 'document.amended', 'document', '1', 1, '{"repealedAt": "2026-12-31", "endsAs": "invalid"}',
          '{"repealedAt": "2025-03-01", "endsAs": "amended", "by": 2}', '', 'h1'),
        (now(), 'x', 'document.repealed', 'document', '3', 1, '{"repealedAt": null, "endsAs": "invalid"}',
          '{"repealedAt": "2025-04-01", "endsAs": "repealed", "by": 4}', 'h1', 'h2');
    `);
    await migrate(database, MIGRATIONS);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    rmSync(before, { recursive: true, force: true });
  });

  it("moves an amendment's date to 修改日期 and gives back the 废止日期 it had overwritten", async () => {
    const rows = await database.query<Record<string, unknown>>(
      `select d.id, d.repealed_at::text as repealed, d.ends_as, d.amended_at::text as amended,
         s.repealed_at::text as s_repealed, s.ends_as as s_ends_as, s.amended_at::text as s_amended
       from documents d join document_search s on s.document_id = d.id where d.id in (1, 3) order by d.id`,
    );
    expect(rows).toEqual([
      {
        id: 1,
        repealed: "2026-12-31",
        ends_as: "invalid",
        amended: "2025-03-01",
        s_repealed: "2026-12-31",
        s_ends_as: "invalid",
        s_amended: "2025-03-01",
      },
      {
        id: 3,
        repealed: "2025-04-01",
        ends_as: "repealed",
        amended: null,
        s_repealed: "2025-04-01",
        s_ends_as: "repealed",
        s_amended: null,
      },
    ]);
  });

  it("marks the relations in effect as applied, with the dates to restore on withdrawal", async () => {
    const rows = await database.query<Record<string, unknown>>(
      "select kind, state, prior from document_relations order by id",
    );
    expect(rows).toEqual([
      { kind: "amends", state: "applied", prior: { amendedAt: null } },
      { kind: "repeals", state: "applied", prior: { repealedAt: null, endsAs: "invalid" } },
    ]);
  });
});
