import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadConfig } from "./config";
import { AppError, sqlState } from "./errors";
import { parseOrThrow } from "./validation";

describe("validation messages", () => {
  it("reports every issue in plain Chinese, with dotted paths", () => {
    const schema = z.object({
      name: z.string().min(2),
      applicant: z.object({ email: z.email() }),
      kind: z.enum(["a", "b"]),
    });
    try {
      parseOrThrow(schema, { name: "x", applicant: { email: "nope" }, kind: "c" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.status).toBe(400);
      expect(e.issues).toEqual([
        { path: "name", message: "至少 2 个字符。" },
        { path: "applicant.email", message: "电子邮箱格式不正确。" },
        { path: "kind", message: "请从给定的选项中选择。" },
      ]);
    }
  });

  it("says a missing field is required", () => {
    const r = z.object({ title: z.string() }).safeParse({});
    expect(r.error?.issues[0]?.message).toBe("此项为必填项。");
  });
});

describe("configuration", () => {
  it("uses the documented defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: "::",
      dataDir: "./data",
      databaseUrl: undefined,
      isDemo: false,
    });
  });

  it("defaults to demo data only for npm start, and GONGKAI_DEMO overrides", () => {
    expect(loadConfig({ npm_lifecycle_event: "start" }).isDemo).toBe(true);
    expect(loadConfig({ npm_lifecycle_event: "start", GONGKAI_DEMO: "0" }).isDemo).toBe(false);
    expect(loadConfig({ GONGKAI_DEMO: "1" }).isDemo).toBe(true);
  });

  it("refuses a bad setting with a Chinese message naming it", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(/环境变量设置有误[\s\S]*PORT/);
    expect(() => loadConfig({ GONGKAI_ADMIN_PASSWORD: "short" })).toThrow(
      /GONGKAI_ADMIN_PASSWORD 不符合密码要求：密码至少 10 个字符/,
    );
  });

  it("runs one process unless told otherwise, one per core in production on PostgreSQL", () => {
    const pg = "postgres://db.example/gongkai";
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ DATABASE_URL: pg }).workers).toBe(1);
    expect(loadConfig({ DATABASE_URL: pg, NODE_ENV: "production" }).workers).toBe(availableParallelism());
    expect(loadConfig({ DATABASE_URL: pg, NODE_ENV: "production", GONGKAI_WORKERS: "3" }).workers).toBe(3);
    // PGlite belongs to one process: the production default stays at one, an explicit request is refused.
    expect(loadConfig({ NODE_ENV: "production" }).workers).toBe(1);
    expect(loadConfig({ GONGKAI_WORKERS: "1" }).workers).toBe(1);
    expect(() => loadConfig({ GONGKAI_WORKERS: "2" })).toThrow(
      /GONGKAI_WORKERS: 内置数据库（PGlite）只能由一个进程使用/,
    );
    expect(() => loadConfig({ DATABASE_URL: pg, GONGKAI_WORKERS: "0" })).toThrow(
      /GONGKAI_WORKERS: GONGKAI_WORKERS 应为 1 到 64 之间的整数/,
    );
  });

  it("refuses a guessable administrator password at start, and accepts a strong one", () => {
    for (const pw of ["1111111111", "admin12345", "password123"])
      expect(() => loadConfig({ GONGKAI_ADMIN_PASSWORD: pw }), pw).toThrow(
        /GONGKAI_ADMIN_PASSWORD 不符合密码要求：这个密码.*容易被猜到/,
      );
    expect(loadConfig({ GONGKAI_ADMIN_PASSWORD: "gongkai-demo" }).adminPassword).toBe("gongkai-demo");
  });
});

describe("sqlState", () => {
  it("finds the SQLSTATE through wrapper errors", () => {
    const inner = Object.assign(new Error("dup"), { code: "23505" });
    expect(sqlState(Object.assign(new Error("query failed"), { cause: inner }))).toBe("23505");
    expect(sqlState(new Error("plain"))).toBeUndefined();
  });
});
