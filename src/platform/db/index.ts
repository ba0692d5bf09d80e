import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type SQL, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";

/** The Drizzle handle every repository receives; a transaction has the same shape. */
export { inBatches } from "./batches";

export type Db = PgDatabase<PgQueryResultHKT>;

export type TDatabase = {
  kind: "pglite" | "postgres";
  db: Db;
  /** Runs a script of one or more SQL statements without parameters (migrations, fixtures). */
  exec(script: string): Promise<void>;
  /** Runs one parameterised query and returns its rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` on one dedicated connection (session-level locks, multi-statement scripts). */
  withConnection<T>(fn: (conn: TConnection) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` for each NOTIFY on `channel` (delivered after the sending transaction commits)
   * and `onListen` each time listening (re)starts: notifications sent while a dropped connection
   * was away are lost, so a listener treats a restart as "anything may have changed".
   */
  listen(channel: string, onNotify: () => void, onListen?: () => void): Promise<void>;
  close(): Promise<void>;
};

export type TConnection = Pick<TDatabase, "exec" | "query">;

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite under `dataDir`. */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir?: string;
  pgliteDump?: Blob;
}): Promise<TDatabase> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir, opts.pgliteDump);
}

function openPostgres(url: string): TDatabase {
  // JIT off for every session: the app's statements are short, and compiling them costs far more than
  // it saves (230 ms on a 30-row read after a search had priced plans high, docs/PERFORMANCE.md).
  const client = postgres(url, {
    max: 10,
    onnotice: () => {},
    connect_timeout: 10,
    connection: { jit: "off" },
  });
  return {
    kind: "postgres",
    db: drizzlePostgres(client) as unknown as Db,
    exec: async (script) => {
      await client.unsafe(script);
    },
    query: async <T>(text: string, params: unknown[] = []) =>
      (await client.unsafe(text, params as never[])) as unknown as T[],
    withConnection: async (fn) => {
      const reserved = await client.reserve();
      try {
        return await fn({
          exec: async (script) => {
            await reserved.unsafe(script);
          },
          query: async <T>(text: string, params: unknown[] = []) =>
            (await reserved.unsafe(text, params as never[])) as unknown as T[],
        });
      } finally {
        reserved.release();
      }
    },
    listen: async (channel, onNotify, onListen) => {
      await client.listen(channel, onNotify, onListen);
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string | undefined, dump: Blob | undefined): Promise<TDatabase> {
  let dir: string | undefined;
  if (dataDir) {
    dir = path.resolve(dataDir, "pgdata");
    mkdirSync(path.dirname(dir), { recursive: true });
  }
  const client = await PGlite.create(dir, { extensions: { pg_trgm }, loadDataDir: dump });
  const conn: TConnection = {
    exec: async (script) => {
      await client.exec(script);
    },
    query: async <T>(text: string, params: unknown[] = []) => (await client.query<T>(text, params)).rows,
  };
  return {
    kind: "pglite",
    db: drizzlePglite(client) as unknown as Db,
    ...conn,
    // PGlite is a single connection already.
    withConnection: (fn) => fn(conn),
    listen: async (channel, onNotify, onListen) => {
      await client.listen(channel, onNotify);
      onListen?.();
    },
    close: () => client.close(),
  };
}

/** Dumps an embedded database so that tests can start many copies of it quickly. */
export async function dumpPglite(database: TDatabase): Promise<Blob> {
  if (database.kind !== "pglite") throw new Error("only PGlite can be dumped");
  // The PGlite client is the session's underlying client; reach it through drizzle's $client.
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir("none");
}

/** Rows of a raw SQL query, whichever driver runs it (PGlite answers `{ rows }`, postgres.js an array). */
export async function selectRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
}

/** The `title` of one row of `table` by id, or null: how a record is named where another feature cites it. */
export async function titleOfRow(db: Db, table: string, id: number): Promise<string | null> {
  const [row] = await selectRows<{ title: string }>(
    db,
    sql`select title from ${sql.identifier(table)} where id = ${id}`,
  );
  return row?.title ?? null;
}
