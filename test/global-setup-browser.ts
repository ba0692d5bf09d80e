import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    browserSkipReason: string;
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Browser tests need Debian's Chromium; without it they are skipped and say so, except under CI. */
export default function setup(project: TestProject) {
  const isCi = process.env.CI === "true" || process.env.CI === "1";
  if (existsSync(CHROMIUM)) {
    project.provide("browserSkipReason", "");
    return;
  }
  const reason = `未找到 Chromium（${CHROMIUM}）；在 Debian 上用 apt-get install -y chromium 安装`;
  if (isCi) throw new Error(`${reason}；CI 中不得跳过浏览器测试。`);
  console.warn(`\n⚠ ${reason}，已跳过浏览器测试。\n`);
  project.provide("browserSkipReason", reason);
}
