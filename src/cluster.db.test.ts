import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPostgresTestDatabase, describeDb } from "../test/test-db";

// `npm start` with GONGKAI_WORKERS=3: a primary that prepares the database and three server processes
// sharing one port (connections are handed out in turn). Each request below opens its own connection,
// so consecutive requests are answered by different processes; pino's log lines name the pid.

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

type TReply = { status: number; body: string };

/** One request on a connection of its own (no keep-alive), so that the cluster picks a process for it. */
function send(port: number, method: string, url: string, headers: Record<string, string>, body?: string) {
  return new Promise<TReply>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: url, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => {
        text += d;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on("error", reject);
    });
    // A connection handed to a process at the moment it is killed may never be answered: give up on it
    // like a client would (it was never acknowledged).
    req.setTimeout(10_000, () => req.destroy(new Error("no answer within 10 s")));
    req.on("error", reject);
    req.end(body);
  });
}

function spawnServer(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = { text: "" };
  child.stdout?.on("data", (d) => {
    out.text += d;
  });
  child.stderr?.on("data", (d) => {
    out.text += d;
  });
  return { child, out };
}

/** The JSON log lines written so far (all processes write to the primary's stdout). */
function logLines(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function until(what: string, check: () => boolean, out: { text: string }, ms = 90_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${out.text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeDb("several server processes", () => {
  if (process.env.TEST_DB !== "postgres") {
    it("refuses more than one process on the embedded database, saying why", async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), "gongkai-cluster-"));
      try {
        const env: NodeJS.ProcessEnv = { ...process.env, GONGKAI_DATA_DIR: dataDir, GONGKAI_WORKERS: "3" };
        delete env.DATABASE_URL;
        const { child, out } = spawnServer(env);
        const code = await new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
        expect(code).not.toBe(0);
        expect(out.text).toContain("内置数据库（PGlite）只能由一个进程使用");
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }, 60_000);
    return;
  }

  let server: ReturnType<typeof spawnServer>;
  let port = 0;
  let dataDir = "";
  let dbUrl = "";
  let dropDb: (() => Promise<void>) | undefined;
  const lines = () => logLines(server.out.text);
  const workerPids = () =>
    lines()
      .filter((l) => l.msg === "worker started")
      .map((l) => l.pid as number);
  const listening = () => lines().filter((l) => l.msg === "listening").length;
  const pidOf = (reqId: string) => lines().find((l) => l.msg === "request" && l.reqId === reqId)?.pid;

  beforeAll(async () => {
    port = await freePort();
    dataDir = mkdtempSync(path.join(tmpdir(), "gongkai-cluster-"));
    ({ url: dbUrl, drop: dropDb } = await createPostgresTestDatabase());
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: dbUrl,
      GONGKAI_DATA_DIR: dataDir,
      GONGKAI_DEMO: "1",
      GONGKAI_WORKERS: "3",
      GONGKAI_LOG_LEVEL: "info",
    };
    server = spawnServer(env);
    await until("three listening processes", () => listening() >= 3, server.out, 240_000);
  }, 300_000);

  afterAll(async () => {
    if (server?.child.exitCode === null) {
      const exited = new Promise((r) => server.child.once("exit", r));
      server.child.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    await dropDb?.();
  }, 30_000);

  it("prepares the database once, in the primary, and prints the address once the port is bound", () => {
    expect(workerPids()).toHaveLength(3);
    expect(server.out.text.split("已载入演示数据").length - 1).toBe(1);
    expect(server.out.text.split("工作人员登录：").length - 1).toBe(1);
    expect(server.out.text).toContain(`http://localhost:${port}/login`);
  });

  it("refuses the 21st wrong receipt lookup whichever process answers it", async () => {
    const replies: (TReply & { pid: unknown })[] = [];
    for (let i = 1; i <= 24; i++) {
      const reqId = `lookup-${i}`;
      const r = await send(port, "GET", "/api/v1/public/requests/GK2099000001?queryCode=WRONG123", {
        "x-request-id": reqId,
      });
      replies.push({ ...r, pid: undefined });
    }
    await new Promise((r) => setTimeout(r, 300));
    for (const [i, r] of replies.entries()) r.pid = pidOf(`lookup-${i + 1}`);
    expect(replies.slice(0, 20).map((r) => r.status)).toEqual(Array(20).fill(404));
    expect(replies.slice(20).map((r) => r.status)).toEqual([429, 429, 429, 429]);
    // The refusals came from every process, not from the one that happened to count the misses.
    expect(new Set(replies.map((r) => r.pid)), JSON.stringify(replies.map((r) => r.pid))).toEqual(
      new Set(workerPids()),
    );
    expect(new Set(replies.slice(20).map((r) => r.pid)).size).toBeGreaterThanOrEqual(2);
  });

  it("runs a periodic job once although every process starts the same timers", async () => {
    // Each process checks for due jobs as it starts; housekeeping is due once at first start.
    await new Promise((r) => setTimeout(r, 2_000));
    const ran = lines().filter((l) => l.msg === "scheduled job ran" && l.job === "housekeeping");
    expect(ran).toHaveLength(1);
    const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
    try {
      const rows =
        await sql`select job from scheduled_job_runs where job = 'housekeeping' and last_started_at > now() - interval '10 minutes'`;
      expect(rows).toHaveLength(1);
    } finally {
      await sql.end();
    }
  });

  it("loses no acknowledged request when a process is killed, and a new one takes its place", async () => {
    const login = await send(
      port,
      "POST",
      "/api/v1/auth/token",
      { "content-type": "application/json" },
      JSON.stringify({ username: "wj.editor", password: "gongkai-demo" }),
    );
    expect(login.status).toBe(200);
    const { token } = JSON.parse(login.body) as { token: string };
    const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
    const acknowledged: { id: number; title: string; at: number }[] = [];
    const refused: number[] = [];
    let n = 0;
    const victim = workerPids()[0] as number;
    let killedAt = 0;
    const afterKill = () => acknowledged.filter((a) => killedAt && a.at > killedAt).length;
    const deadline = Date.now() + 60_000;
    // Four clients write without pause; one process is killed once a few writes are through, while
    // others are in flight, and the clients go on until writes succeed again.
    const loop = async () => {
      while (afterKill() < 10 && Date.now() < deadline) {
        const title = `进程中断测试 ${++n}`;
        try {
          const r = await send(port, "POST", "/api/v1/documents", headers, JSON.stringify({ title }));
          if (r.status === 201)
            acknowledged.push({ id: (JSON.parse(r.body) as { id: number }).id, title, at: Date.now() });
          else refused.push(r.status);
        } catch {
          // A connection reset by the killed process: never acknowledged, so nothing is owed.
        }
        if (!killedAt && acknowledged.length >= 6) {
          killedAt = Date.now();
          process.kill(victim, "SIGKILL");
        }
      }
    };
    await Promise.all([loop(), loop(), loop(), loop()]);
    expect(killedAt).toBeGreaterThan(0);
    // The service kept answering after the kill, and every answer was a success.
    expect(afterKill()).toBeGreaterThanOrEqual(10);
    expect(refused).toEqual([]);

    const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<{ id: number; title: string }[]>`
        select id, title from documents where id in ${sql(acknowledged.map((a) => a.id))}`;
      const stored = new Map(rows.map((r) => [r.id, r.title]));
      for (const a of acknowledged) expect(stored.get(a.id), `document ${a.id}`).toBe(a.title);
    } finally {
      await sql.end();
    }

    // The primary noticed and started a replacement, which serves like the others.
    await until(
      "a replacement process",
      () => workerPids().length === 4 && listening() >= 4,
      server.out,
      180_000,
    );
    expect(lines().some((l) => l.msg === "worker died; starting another" && l.signal === "SIGKILL")).toBe(
      true,
    );
    const health = await Promise.all(Array.from({ length: 6 }, () => send(port, "GET", "/healthz", {})));
    expect(health.map((h) => h.status)).toEqual(Array(6).fill(200));
  }, 300_000);
});
