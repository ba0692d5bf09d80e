import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { runCli } from "../../cli";
import { listAudit, recordAudit, type TActor, verifyAuditChain } from ".";

const actor: TActor = { userId: null, name: "测试", ip: "127.0.0.1", requestId: "r1" };

describeDb("audit log", () => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await createTestApp();
    for (let i = 1; i <= 5; i++)
      await t.db.transaction((tx) =>
        recordAudit(tx, actor, {
          action: "thing.update",
          entity: "thing",
          entityId: i,
          before: { n: i - 1, at: new Date("2025-09-01T08:00:00Z") },
          after: { n: i, nested: { b: 2, a: [1, "二"] }, skipped: undefined },
        }),
      );
  });
  afterAll(() => t?.close());

  it("keeps what was written: who, what, before and after", async () => {
    const { total, items } = await listAudit(t.db, { entity: "thing", entityId: "3" }, 1, 10);
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      actorName: "测试",
      action: "thing.update",
      before: { n: 2, at: "2025-09-01T08:00:00.000Z" },
      after: { n: 3, nested: { a: [1, "二"], b: 2 } },
      ip: "127.0.0.1",
    });
  });

  it("verifies an intact chain, through the CLI too", async () => {
    expect(await verifyAuditChain(t.db)).toEqual({ checked: 5, firstBroken: null });
    const lines: string[] = [];
    const code = await runCli(["audit:verify"], t.database, {
      log: (s) => lines.push(s),
      error: (s) => lines.push(s),
    });
    expect(code).toBe(0);
    expect(lines.join("")).toContain("共 5 条记录");
  });

  it("is append-only: the database refuses updates and deletes", async () => {
    await expect(t.database.exec("update audit_log set actor_name = 'x' where id = 2")).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.exec("delete from audit_log where id = 2")).rejects.toThrow(/append-only/);
    await expect(t.database.exec("truncate audit_log")).rejects.toThrow(/append-only/);
  });

  it("names the first tampered entry when someone with superuser rights edits the table", async () => {
    const [{ id } = { id: 0 }] = await t.database.query<{ id: number }>(
      "select id::int as id from audit_log where entity_id = '3'",
    );
    await t.database.exec(`
      alter table audit_log disable trigger audit_log_no_update;
      update audit_log set after = '{"n": 300}' where id = ${id};
      alter table audit_log enable trigger audit_log_no_update;`);
    const r = await verifyAuditChain(t.db, 2);
    expect(r.firstBroken).toEqual({ id, reason: "记录内容与其哈希值不符" });
    const lines: string[] = [];
    const code = await runCli(["audit:verify"], t.database, {
      log: (s) => lines.push(s),
      error: (s) => lines.push(s),
    });
    expect(code).toBe(1);
    expect(lines.join("")).toContain(`第 ${id} 号记录`);
  });

  it("detects a deleted entry as a broken link", async () => {
    const t2 = await createTestApp();
    try {
      for (let i = 0; i < 3; i++)
        await t2.db.transaction((tx) => recordAudit(tx, actor, { action: "a", entity: "e" }));
      const ids = await t2.database.query<{ id: number }>("select id::int as id from audit_log order by id");
      await t2.database.exec(`
        alter table audit_log disable trigger audit_log_no_update;
        delete from audit_log where id = ${ids[1]?.id};
        alter table audit_log enable trigger audit_log_no_update;`);
      expect((await verifyAuditChain(t2.db)).firstBroken).toEqual({
        id: ids[2]?.id,
        reason: "与上一条记录的链接不符",
      });
    } finally {
      await t2.close();
    }
  });

  it("stays one linear chain when many writes run at once", async () => {
    const t3 = await createTestApp();
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t3.db.transaction((tx) => recordAudit(tx, actor, { action: "parallel", entity: "e", entityId: i })),
        ),
      );
      expect(await verifyAuditChain(t3.db)).toEqual({ checked: 20, firstBroken: null });
    } finally {
      await t3.close();
    }
  });
});

describeDb("audit log values that look like JSON", () => {
  // Each value is recorded as `after` (and as a field of `before`), read back and verified.
  const tricky: unknown[] = [
    "-1",
    "1e3",
    "null",
    "true",
    "{}",
    "[]",
    '{"a":1}',
    '"quoted"',
    "",
    "  42  ",
    "政务公开 🏛️ é\u0301",
    { b: { y: 1, x: [3, { d: 1, c: "2" }] }, a: '{"z":1}' },
    { 长: 1, a: 2, ab: 3, b: 4 },
    [1, "1", null, true, "true", { k: "-0" }],
    Number.MAX_SAFE_INTEGER,
    2 ** 60,
    1e21,
    -0.000001,
    123456789.123456,
    0,
    false,
    null,
  ];
  let t: TTestApp;
  beforeAll(async () => {
    t = await createTestApp();
    for (const [i, value] of tricky.entries())
      await t.db.transaction((tx) =>
        recordAudit(tx, actor, {
          action: "tricky",
          entity: "thing",
          entityId: i,
          before: { value, z: 1, a: 2 },
          after: value,
        }),
      );
  });
  afterAll(() => t?.close());

  it("reads back exactly what was written", async () => {
    const { items } = await listAudit(t.db, { action: "tricky" }, 1, 100);
    const byId = new Map(items.map((r) => [Number(r.entityId), r]));
    for (const [i, value] of tricky.entries()) {
      const expected = JSON.parse(JSON.stringify(value));
      expect(byId.get(i)?.after, String(i)).toStrictEqual(expected);
      expect(byId.get(i)?.before, String(i)).toStrictEqual({ value: expected, z: 1, a: 2 });
    }
  });

  it("verifies the chain of such values, and still catches a string turned into a number", async () => {
    expect(await verifyAuditChain(t.db, 4)).toEqual({ checked: tricky.length, firstBroken: null });
    const [{ id } = { id: 0 }] = await t.database.query<{ id: number }>(
      "select id::int as id from audit_log where entity_id = '0'",
    );
    await t.database.exec(`
      alter table audit_log disable trigger audit_log_no_update;
      update audit_log set after = '-1'::jsonb where id = ${id};
      alter table audit_log enable trigger audit_log_no_update;`);
    expect((await verifyAuditChain(t.db)).firstBroken).toEqual({ id, reason: "记录内容与其哈希值不符" });
  });
});
