import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { api, seedOrg, tokenFor } from "../../../test/http";
import { startSmtpServer } from "../../../test/smtp";
import { createPostgresTestDatabase, describeDb, TEST_CONFIG } from "../../../test/test-db";
import { createApp } from "../../app";
import { openDatabase, type TDatabase } from "../../platform/db";
import { localBlobStore } from "../../platform/files";
import { createLogger } from "../../platform/logger";
import { PROJECT_ROOT } from "../../platform/paths";

// 40 active subscribers to everything; one publication queues 40 alerts. The sender runs as a child
// process (`gongkai alerts:send`). When the SMTP server has the 15th message in hand it kills the
// sender with SIGKILL before answering, so that message was never accepted (14 delivered). A second
// sender then runs to the end. Every subscriber must have exactly one mail: 40 in all, none twice.
const SUBSCRIBERS = 40;
const KILL_AT = 15;

describeDb("the alert sender killed mid-batch (kill -9) and restarted", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "gongkai-crash-"));
  let env: Record<string, string> = {};
  let drop: (() => Promise<void>) | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let child: ChildProcess | null = null;

  let isCreated = false;
  const open = async (): Promise<TDatabase> => {
    if (process.env.TEST_DB === "postgres") return openDatabase({ databaseUrl: env.DATABASE_URL });
    if (isCreated) return openDatabase({ dataDir });
    isCreated = true;
    // The first time from the run's migrated copy; the sender and the check open the same files.
    return openDatabase({ dataDir, pgliteDump: new Blob([readFileSync(inject("pgliteDumpPath"))]) });
  };

  const runSender = () =>
    new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) => {
      let out = "";
      child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "alerts:send"], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, ...env, GONGKAI_LOG_LEVEL: "silent" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout?.on("data", (d) => {
        out += d;
      });
      child.stderr?.on("data", (d) => {
        out += d;
      });
      child.on("exit", (code, signal) => resolve({ code, signal, out }));
    });

  beforeAll(async () => {
    if (process.env.TEST_DB === "postgres") {
      const pg = await createPostgresTestDatabase();
      env = { DATABASE_URL: pg.url };
      drop = pg.drop;
    } else env = { GONGKAI_DATA_DIR: dataDir };
    smtp = await startSmtpServer({
      onMessage: async (n) => {
        if (n === KILL_AT) {
          child?.kill("SIGKILL");
          throw new Error("killed before the reply");
        }
      },
    });
    env.GONGKAI_SMTP_URL = smtp.url;
    env.GONGKAI_PUBLIC_URL = "https://gk.example.gov.cn";
    const database = await open();
    const app = createApp({
      database,
      db: database.db,
      config: TEST_CONFIG,
      logger: createLogger("silent"),
      blobs: localBlobStore(path.join(dataDir, "files")),
    });
    const t = { app, database, db: database.db } as Parameters<typeof tokenFor>[0];
    const { unitA } = await seedOrg(database.db);
    await database.exec(
      `insert into alert_subscriptions (email, frequency, token, status)
       select 'reader' || i || '@example.com', 'immediate', md5(i::text) || 'tok', 'active'
       from generate_series(1, ${SUBSCRIBERS}) i`,
    );
    const r = await api(t, "POST", "/api/v1/documents", {
      token: await tokenFor(t, "office"),
      json: { title: "关于开展冬季供暖检查的通知", kind: "notice", unitId: unitA.id, status: "published" },
    });
    expect(r.status, r.text).toBe(201);
    await database.close();
  }, 120_000);

  afterAll(async () => {
    await smtp?.close();
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("delivers every alert exactly once", { timeout: 180_000 }, async () => {
    const first = await runSender();
    expect(first.signal, first.out).toBe("SIGKILL");
    expect(smtp.received).toHaveLength(KILL_AT - 1);
    const second = await runSender();
    expect(second.code, second.out).toBe(0);
    const recipients = smtp.received.map((m) => m.to[0]);
    expect(recipients).toHaveLength(SUBSCRIBERS);
    expect(new Set(recipients).size).toBe(SUBSCRIBERS);
    for (const m of smtp.received)
      expect(m.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const database = await open();
    try {
      const rows = await database.query<{ status: string; n: number }>(
        "select status, count(*)::int as n from alert_outbox where kind = 'document' group by status",
      );
      expect(rows).toEqual([{ status: "sent", n: SUBSCRIBERS }]);
    } finally {
      await database.close();
    }
  });
});
