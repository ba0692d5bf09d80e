import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { prepareDatabase } from "../src/bootstrap";
import { dumpPglite } from "../src/platform/db";
import { createLogger } from "../src/platform/logger";
import { DEMO_CONFIG } from "./demo-config";

declare module "vitest" {
  export interface ProvidedContext {
    browserSkipReason: string;
    demoDumpPath: string;
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Browser tests need Debian's Chromium; without it they are skipped and say so, except under CI. */
export default async function setup(project: TestProject) {
  const isCi = process.env.CI === "true" || process.env.CI === "1";
  project.provide("demoDumpPath", "");
  if (existsSync(CHROMIUM)) {
    project.provide("browserSkipReason", "");
    return dumpDemoDatabase(project);
  }
  const reason = `未找到 Chromium（${CHROMIUM}）；在 Debian 上用 apt-get install -y chromium 安装`;
  if (isCi) throw new Error(`${reason}；CI 中不得跳过浏览器测试。`);
  console.warn(`\n⚠ ${reason}，已跳过浏览器测试。\n`);
  project.provide("browserSkipReason", reason);
}

/**
 * Loads the demo data once and hands every browser test file a dump to start from: each file still
 * gets its own database, without loading the demo's 244 laws again (about 15 s each).
 */
async function dumpDemoDatabase(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "gongkai-e2e-"));
  const { database } = await prepareDatabase(DEMO_CONFIG, createLogger("silent"));
  const file = path.join(dir, "demo.tar");
  writeFileSync(file, Buffer.from(await (await dumpPglite(database)).arrayBuffer()));
  await database.close();
  project.provide("demoDumpPath", file);
  return () => rmSync(dir, { recursive: true, force: true });
}
