import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { dumpPglite, openDatabase } from "../src/platform/db";
import { migrate } from "../src/platform/db/migrate";

export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDumpPath: string;
    pgTemplate: string;
    pgAdminUrl: string;
    dbSkipReason: string;
  }
}

const isCi = process.env.CI === "true" || process.env.CI === "1";

/**
 * Migrates one database per run and hands test files a template to copy: a PGlite data-dir dump,
 * or a PostgreSQL template database. Without PostgreSQL the PostgreSQL tests are skipped, and say
 * so, except under CI, where that is a failure.
 */
export default async function setup(project: TestProject) {
  const kind = project.config.env?.TEST_DB;
  project.provide("dbSkipReason", "");
  project.provide("pgliteDumpPath", "");
  project.provide("pgTemplate", "");
  project.provide("pgAdminUrl", PG_ADMIN_URL);
  if (kind === "pglite") {
    const dir = mkdtempSync(path.join(tmpdir(), "gongkai-test-"));
    const database = await openDatabase({});
    await migrate(database);
    const file = path.join(dir, "migrated.tar");
    writeFileSync(file, Buffer.from(await (await dumpPglite(database)).arrayBuffer()));
    await database.close();
    project.provide("pgliteDumpPath", file);
    return () => rmSync(dir, { recursive: true, force: true });
  }

  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin`select 1`;
  } catch (err) {
    await admin.end({ timeout: 1 }).catch(() => {});
    const reason = `PostgreSQL 不可用（${PG_ADMIN_URL}：${(err as Error).message}）`;
    if (isCi) throw new Error(`${reason}；CI 中不得跳过 PostgreSQL 测试。`);
    console.warn(
      `\n⚠ ${reason}，已跳过 postgres 项目的测试。启动 PostgreSQL 后重新运行 npm test 即可包含它们。\n`,
    );
    project.provide("dbSkipReason", reason);
    return;
  }
  const template = `gongkai_tpl_${process.pid}`;
  await admin.unsafe(`drop database if exists ${template}`);
  await admin.unsafe(`create database ${template}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${template}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  await migrate(database);
  await database.close();
  project.provide("pgTemplate", template);
  return async () => {
    // Drop what this run created, including databases of test files that crashed.
    const leftovers = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like ${`${template}_%`}`;
    for (const { datname } of leftovers)
      await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.unsafe(`drop database if exists ${template} with (force)`);
    await admin.end({ timeout: 5 });
  };
}
