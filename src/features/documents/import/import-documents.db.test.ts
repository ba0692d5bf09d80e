import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPostgresTestDatabase, describeDb, openTestDatabase } from "../../../../test/test-db";
import type { TActor } from "../../../platform/audit";
import { openDatabase, type TDatabase } from "../../../platform/db";
import { migrate } from "../../../platform/db/migrate";
import { createUnit } from "../../org";
import { importDocuments } from "./import-documents";

const ACTOR: TActor = { userId: null, name: "导入测试", ip: "", requestId: "" };
const UNIT = {
  aliases: [],
  address: "",
  phone: "",
  duties: "",
  sortOrder: 0,
  name: "区政府办公室",
  kind: "office" as const,
};

const REGULATION = `# 中华人民共和国政府信息公开条例

2007年4月5日 中华人民共和国国务院令第492号公布

2019年4月3日 中华人民共和国国务院令第711号修订

2019年5月15日 施行

<!-- INFO END -->

## 第一章 总则

第一条 为了保障公民、法人和其他组织依法获取政府信息，提高政府工作的透明度，制定本条例。
`;

const LOCAL = `# 济南市绿化条例

2021年10月28日 济南市第十七届人民代表大会常务委员会第二十三次会议通过

2021年12月3日 山东省第十三届人民代表大会常务委员会第三十二次会议批准

<!-- INFO END -->

第一条 为了促进城市绿化事业的发展，改善生态环境，根据有关法律、法规，结合本市实际，制定本条例。
`;

function writeTree(root: string, files: Record<string, string>) {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
}

const count = async (database: TDatabase, table: string) =>
  Number((await database.query<{ n: string }>(`select count(*)::text as n from ${table}`))[0]?.n);

describeDb("importing a folder of legal texts", () => {
  let database: TDatabase;
  let root: string;
  let unitId: number;
  beforeAll(async () => {
    database = await openTestDatabase();
    unitId = (await createUnit(database.db, ACTOR, UNIT)).id;
    root = mkdtempSync(path.join(tmpdir(), "gongkai-import-"));
    writeTree(root, {
      "行政法规/政府信息公开条例(2019-04-03).md": REGULATION,
      "DLC/山东地方法规/地方性法规/山东/济南市绿化条例(2021-12-03).md": LOCAL,
      "行政法规/空文件(2020-01-01).md": "",
      // No dates anywhere: its 发布日期 becomes the day of the import, and stays on re-import.
      "其他/没有日期的文件.md": "# 没有日期的文件\n\n<!-- INFO END -->\n\n第一条 本文件没有沿革。\n",
    });
  });
  afterAll(async () => {
    await database?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("derives the metadata, reports the broken file and goes on", async () => {
    const r = await importDocuments(database.db, ACTOR, { root, unitId });
    expect(r).toMatchObject({ files: 4, created: 3, updated: 0, unchanged: 0, failed: [] });
    expect(r.skipped.map((f) => f.relPath)).toEqual(["行政法规/空文件(2020-01-01).md"]);
    const [doc] = await database.query<Record<string, string>>(
      "select title, issuer, doc_number, doc_number_key, level, status, to_char(written_at, 'YYYY-MM-DD') as written, to_char(effective_at, 'YYYY-MM-DD') as effective from documents where title like '%政府信息公开条例'",
    );
    expect(doc).toMatchObject({
      title: "中华人民共和国政府信息公开条例",
      issuer: "国务院",
      doc_number: "国务院令第711号",
      doc_number_key: "国务院令第711号",
      level: "行政法规",
      status: "published",
      written: "2019-04-03",
      effective: "2019-05-15",
    });
    const [local] = await database.query<Record<string, string>>(
      "select issuer, level from documents where title = '济南市绿化条例'",
    );
    expect(local).toEqual({ issuer: "济南市人民代表大会常务委员会", level: "地方性法规" });
  });

  it("creates no duplicates when run again, and updates a file whose text changed", async () => {
    const again = await importDocuments(database.db, ACTOR, { root, unitId });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, failed: [] });
    expect(await count(database, "documents")).toBe(3);
    writeTree(root, {
      "DLC/山东地方法规/地方性法规/山东/济南市绿化条例(2021-12-03).md": `${LOCAL}\n第二条 本条例适用于本市行政区域内的绿化工作。\n`,
    });
    const changed = await importDocuments(database.db, ACTOR, { root, unitId });
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const [v] = await database.query<{ version: number }>(
      "select version from documents where title = '济南市绿化条例'",
    );
    expect(v?.version).toBe(2);
    expect(await count(database, "documents")).toBe(3);
  });
});

describeDb("an import killed midway", () => {
  const demoDir = path.resolve("demo/documents");
  const fileCount = () => {
    let n = 0;
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true }))
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name.endsWith(".md") && e.name !== "README.md") n++;
    };
    walk(demoDir);
    return n;
  };
  let dataDir = "";
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  const open = () => openDatabase(url ? { databaseUrl: url } : { dataDir });

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "gongkai-kill-"));
    if (process.env.TEST_DB === "postgres") ({ url, drop } = await createPostgresTestDatabase());
    const database = await open();
    await migrate(database);
    await createUnit(database.db, ACTOR, UNIT);
    await database.close();
  }, 60_000);
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await drop?.();
  });

  it("leaves every document whole, and a second run completes the set", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, GONGKAI_DATA_DIR: dataDir };
    if (url) env.DATABASE_URL = url;
    else delete env.DATABASE_URL;
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "import", demoDir], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const killed = new Promise<void>((resolve) => {
      const onData = (d: Buffer) => {
        output += d;
        // The first progress line comes after a tenth of the files: kill it then, mid-batch.
        if (/已处理 \d+\//.test(output) && child.exitCode === null) {
          child.kill("SIGKILL");
          resolve();
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.on("exit", () => resolve());
    });
    await killed;
    await new Promise((r) => (child.exitCode !== null || child.signalCode ? r(null) : child.on("exit", r)));
    expect(child.signalCode, output).toBe("SIGKILL");

    const database = await open();
    try {
      const partial = await count(database, "documents");
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(fileCount());
      // Whole: every document has its first version and its audit entry, nothing more or less.
      const orphans = await database.query(
        `select d.id from documents d
         where not exists (select 1 from document_versions v where v.document_id = d.id and v.version = 1)
            or not exists (select 1 from audit_log a where a.entity = 'document' and a.entity_id = d.id::text and a.action = 'document.import')`,
      );
      expect(orphans).toEqual([]);
      expect(await count(database, "document_versions")).toBe(partial);
      const [{ id: unitId } = { id: 0 }] = await database.query<{ id: number }>(
        "select id from units limit 1",
      );
      const r = await importDocuments(database.db, ACTOR, { root: demoDir, unitId });
      expect(r.failed).toEqual([]);
      expect(r.unchanged).toBe(partial);
      expect(r.created + r.unchanged).toBe(fileCount());
      expect(await count(database, "documents")).toBe(fileCount());
    } finally {
      await database.close();
    }
  }, 180_000);
});
