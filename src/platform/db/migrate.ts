import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../paths";
import type { TConnection, TDatabase } from "./index";

const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "migrations");
const MIGRATION_LOCK = 7_100_001;

/**
 * Applies, in order, every `migrations/NNNN_name.sql` not yet recorded in `schema_migrations`.
 * Forward only: a migration file that was applied is never edited, a change is a new file.
 * An advisory lock lets several app processes start at once against one PostgreSQL.
 */
export function migrate(database: TDatabase, dir = MIGRATIONS_DIR): Promise<string[]> {
  return database.withConnection((conn) => applyPending(conn, dir));
}

async function applyPending(database: TConnection, dir: string): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
  await database.exec(
    "create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())",
  );
  await database.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
  const applied: string[] = [];
  try {
    const done = new Set(
      (await database.query<{ version: string }>("select version from schema_migrations")).map(
        (r) => r.version,
      ),
    );
    for (const file of files) {
      const version = file.slice(0, -4);
      if (done.has(version)) continue;
      const script = readFileSync(path.join(dir, file), "utf8");
      await database.exec(
        `begin;\n${script}\n;insert into schema_migrations(version) values ('${version}');\ncommit;`,
      );
      applied.push(version);
    }
  } catch (err) {
    await database.exec("rollback").catch(() => {});
    throw err;
  } finally {
    await database.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]);
  }
  return applied;
}
