import { availableParallelism } from "node:os";
import { z } from "zod";
import { passwordProblem } from "./auth/password-policy";

/** Process settings, exactly those documented in docs/OPERATIONS.md and the API guide. */
const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("::"),
  DATABASE_URL: z.string().min(1).optional(),
  GONGKAI_DATA_DIR: z.string().min(1).default("./data"),
  // The same rules as every other new password, checked here so that a weak one stops the start.
  GONGKAI_ADMIN_PASSWORD: z
    .string()
    .superRefine((pw, ctx) => {
      const problem = passwordProblem(pw, ["admin", "系统管理员"]);
      if (problem)
        ctx.addIssue({ code: "custom", message: `GONGKAI_ADMIN_PASSWORD 不符合密码要求：${problem}` });
    })
    .optional(),
  GONGKAI_DEMO: z.enum(["0", "1"]).optional(),
  GONGKAI_TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  GONGKAI_SMTP_URL: z.string().min(1).optional(),
  GONGKAI_MAIL_FROM: z.string().min(3).default("gongkai@localhost"),
  GONGKAI_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: "GONGKAI_PUBLIC_URL 应为 http(s):// 开头的网址，如 https://gk.example.gov.cn",
    })
    .optional(),
  GONGKAI_REDIS_URL: z.string().min(1).optional(),
  GONGKAI_LLM_URL: z
    .url({
      protocol: /^https?$/,
      error: "GONGKAI_LLM_URL 应为 http(s):// 开头的网址（OpenAI 兼容的 chat completions 接口）",
    })
    .optional(),
  GONGKAI_LLM_MODEL: z.string().min(1).max(200).default("default"),
  GONGKAI_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  GONGKAI_WORKERS: z.coerce
    .number({ error: "GONGKAI_WORKERS 应为 1 到 64 之间的整数" })
    .int({ error: "GONGKAI_WORKERS 应为 1 到 64 之间的整数" })
    .min(1, { error: "GONGKAI_WORKERS 应为 1 到 64 之间的整数" })
    .max(64, { error: "GONGKAI_WORKERS 应为 1 到 64 之间的整数" })
    .optional(),
});

export type TConfig = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminPassword: string | undefined;
  /** Load the demo data set when the database is empty. */
  isDemo: boolean;
  /** Honour X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  trustProxy: boolean;
  logLevel: string;
  /** smtp:// or smtps:// URL; without it no e-mail is sent (reminders stay in the back office). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /**
   * The site's address as the public reaches it (scheme, host, optional path; no trailing slash),
   * for the absolute links of the sitemap, feeds and CSV copy. Unset: taken from the request, which
   * is only right for local development, since the Host header is the caller's to choose.
   */
  publicUrl: string | undefined;
  /** redis:// URL; with it, the public page cache is shared by every process (see OPERATIONS.md). */
  redisUrl: string | undefined;
  /**
   * An OpenAI-compatible chat completions endpoint (…/v1/chat/completions); with it, policy answers
   * carry a short text written from the cited clauses only (src/features/answers/generate-answer.ts).
   */
  llmUrl?: string | undefined;
  llmModel?: string;
  /** Server processes `npm start` runs (node:cluster); 1 runs the server in the starting process itself. */
  workers: number;
};

/**
 * Reads the environment once. `npm start` defaults to demo data (the README's quick start);
 * any other way of starting the server must ask for it with GONGKAI_DEMO=1.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`环境变量设置有误：\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const isDemo = e.GONGKAI_DEMO ? e.GONGKAI_DEMO === "1" : env.npm_lifecycle_event === "start";
  // The embedded PGlite database belongs to one process: several workers need PostgreSQL. Asked for
  // explicitly, that is an error; the production default (one per core) quietly stays at one.
  if (!e.DATABASE_URL && (e.GONGKAI_WORKERS ?? 1) > 1)
    throw new Error(
      "环境变量设置有误：\n  GONGKAI_WORKERS: 内置数据库（PGlite）只能由一个进程使用；要运行多个进程，请设置 DATABASE_URL 使用 PostgreSQL，或去掉 GONGKAI_WORKERS。",
    );
  const workers =
    e.GONGKAI_WORKERS ?? (e.DATABASE_URL && env.NODE_ENV === "production" ? availableParallelism() : 1);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.GONGKAI_DATA_DIR,
    adminPassword: e.GONGKAI_ADMIN_PASSWORD,
    isDemo,
    trustProxy: e.GONGKAI_TRUST_PROXY === "1",
    logLevel: e.GONGKAI_LOG_LEVEL,
    smtpUrl: e.GONGKAI_SMTP_URL,
    mailFrom: e.GONGKAI_MAIL_FROM,
    publicUrl: e.GONGKAI_PUBLIC_URL && publicUrlOf(e.GONGKAI_PUBLIC_URL),
    redisUrl: e.GONGKAI_REDIS_URL,
    llmUrl: e.GONGKAI_LLM_URL,
    llmModel: e.GONGKAI_LLM_MODEL,
    workers,
  };
}

/** The configured address without query, fragment or trailing slash, ready to put paths after. */
function publicUrlOf(raw: string): string {
  const url = new URL(raw);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
