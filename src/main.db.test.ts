import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPostgresTestDatabase, describeDb } from "../test/test-db";

/** A free TCP port on both loopbacks, found by letting the OS pick one. */
async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const s = createServer().listen(0, "::", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describeDb("the server process", () => {
  let child: ChildProcess;
  let output = "";
  let port = 0;
  let dataDir = "";
  let dropDb: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    port = await freePort();
    dataDir = mkdtempSync(path.join(tmpdir(), "gongkai-main-"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      GONGKAI_DATA_DIR: dataDir,
      GONGKAI_DEMO: "1",
      GONGKAI_LOG_LEVEL: "info",
    };
    delete env.HOST;
    delete env.DATABASE_URL;
    if (process.env.TEST_DB === "postgres") {
      const db = await createPostgresTestDatabase();
      env.DATABASE_URL = db.url;
      dropDb = db.drop;
    }
    child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => {
      output += d;
    });
    child.stderr?.on("data", (d) => {
      output += d;
    });
    // The whole demo is loaded first (the laws, their clauses, every feature's examples): on a busy
    // 2-core machine running the other test files that takes a minute or more.
    const deadline = Date.now() + 240_000;
    while (!output.includes("工作人员登录")) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 270_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
    await dropDb?.();
  });

  it("prints where to log in and the demo accounts", () => {
    expect(output).toContain(`http://localhost:${port}/login`);
    expect(output).toContain("已载入演示数据");
  });

  it("answers over IPv6 and IPv4 loopback, and checks the database in /healthz", async () => {
    for (const host of ["[::1]", "127.0.0.1"]) {
      const res = await fetch(`http://${host}:${port}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok", database: process.env.TEST_DB });
      expect((await fetch(`http://${host}:${port}/`)).status).toBe(200);
    }
  });

  it("logs one JSON line per request with its request id", async () => {
    await fetch(`http://127.0.0.1:${port}/guide`, { headers: { "x-request-id": "trace-guide-1" } });
    await new Promise((r) => setTimeout(r, 200));
    const line = output.split("\n").find((l) => l.includes("trace-guide-1"));
    expect(JSON.parse(line ?? "{}")).toMatchObject({
      msg: "request",
      reqId: "trace-guide-1",
      path: "/guide",
      status: 200,
    });
  });

  it("finishes an in-flight request on SIGTERM, then closes the database and exits 0", async () => {
    // Send the headers of a POST now and its body only after SIGTERM: the request is in flight.
    const socket = connect(port, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    const body = "username=x&password=y";
    socket.write(
      `POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    );
    let response = "";
    socket.on("data", (d) => {
      response += d;
    });
    const closed = new Promise((r) => socket.once("close", r));
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    expect(child.exitCode).toBeNull();
    // write, not end: a client that half-closes its side is answered only if the answer is ready at
    // once (Node ends such a socket), and the answer here waits on the database.
    socket.write(body);
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 403/);
    expect(response).toContain("页面已过期或来源不明");
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
  });
});
