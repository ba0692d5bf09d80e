import { sql } from "drizzle-orm";
import { DEMO_PASSWORD, loadDemoData, SYSTEM_ACTOR } from "./demo";
import { createUser, findUserByUsername } from "./features/org";
import { units } from "./features/org/org.tables";
import type { TConfig } from "./platform/config";
import { openDatabase, type TDatabase } from "./platform/db";
import { migrate } from "./platform/db/migrate";
import type { TLogger } from "./platform/logger";

/**
 * Opens the database (or takes one already open), applies migrations, then creates the admin and demo
 * data as configured.
 */
export async function prepareDatabase(
  config: TConfig,
  logger: TLogger,
  opened?: TDatabase,
): Promise<{ database: TDatabase; notes: string[] }> {
  const database =
    opened ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const applied = await migrate(database);
  if (applied.length) logger.info({ applied }, "migrations applied");
  const notes: string[] = [];
  const { db } = database;
  const hasAdmin = !!(await findUserByUsername(db, "admin"));
  if (!hasAdmin && config.adminPassword) {
    await createUser(
      db,
      SYSTEM_ACTOR,
      {
        username: "admin",
        displayName: "系统管理员",
        password: config.adminPassword,
        roles: [{ role: "admin", unitId: null }],
      },
      { mustChangePassword: false },
    );
    notes.push("已按 GONGKAI_ADMIN_PASSWORD 创建系统管理员 admin。");
  }
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(units);
  if (config.isDemo && n === 0) {
    await loadDemoData(db, config.adminPassword ?? DEMO_PASSWORD);
    notes.push(
      `已载入演示数据。演示账号（密码均为 ${DEMO_PASSWORD}${config.adminPassword ? "，admin 除外" : ""}）：` +
        "admin（系统管理员）、office（公开办）、office.head（公开办负责人）、" +
        "wj.editor / wj.reviewer / wj.head / wj.liaison（区卫生健康局）、dgy.liaison（大观园街道）、cz.head（区财政局）。",
    );
  }
  return { database, notes };
}
