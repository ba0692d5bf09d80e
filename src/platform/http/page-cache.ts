import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { brotliCompress, gzip, constants as zlibConstants } from "node:zlib";
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { Redis } from "ioredis";
import { PUBLIC_CHANGE_CHANNEL, publicChangeScope } from "../audit";
import type { TDatabase } from "../db";
import type { TLogger } from "../logger";
import { FLASH_COOKIE } from "../ui/page-context";
import type { TAppEnv, TCtx } from "./context";
import { ELDER_COOKIE, requestIdFrom, SESSION_COOKIE } from "./middleware";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Larger answers (a whole-catalogue CSV) are rare and not worth a slot. */
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;
/** Below this, compression saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;
/** A last resort if a NOTIFY was ever lost: no entry is older than this. */
const MAX_AGE_MS = 60 * 60 * 1000;
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const COMPRESSIBLE = /^(text\/|application\/(json|xml|rss\+xml|atom\+xml|javascript))/;
// Under the key prefix (default "gongkai:"): one hash of pages and the shared generation.
const REDIS_HASH = "pages";
const REDIS_EPOCH = "pages:epoch";

type TEntry = {
  headers: Record<string, string>;
  maxAge: number;
  body: Buffer;
  gzip: Buffer | null;
  br: Buffer | null;
  /** Strong validator of the uncompressed body; each encoding gets its own suffix. */
  etag: string;
  createdAt: number;
  expiresAt: number;
  /** The shared (Redis) generation the page was rendered in; 0 without Redis. */
  epoch: number;
};

export type TPageCacheOptions = {
  database: TDatabase;
  logger: TLogger;
  redisUrl?: string;
  /** Keeps several sites (or test runs) on one Redis apart. */
  redisKeyPrefix?: string;
  maxBytes?: number;
  /** The next instant at which a public page changes without any write (a scheduled publication). */
  nextScheduledChange?: (now: Date) => Promise<Date | null>;
};

export type TPageCache = {
  /** Serves and fills the cache; placed before authentication, which a hit never needs. */
  middleware: MiddlewareHandler<TAppEnv>;
  /**
   * The outermost middleware: remembers the headers the rest of the app adds to a page answered
   * from the cache (security headers, cache policy), so that `serveNode` can send the same ones.
   */
  edgeRecorder: MiddlewareHandler<TAppEnv>;
  /**
   * Answers an anonymous GET from memory directly on the node server, before Hono turns the request
   * into a Request object and runs its middleware: the hit path is then nearly the cost of writing
   * the bytes. Returns false (having written nothing) when the page is not in memory or has not yet
   * been answered once through the app, whose headers it repeats.
   */
  serveNode(req: IncomingMessage, res: ServerResponse): boolean;
  /** Drops every page, here and (through Redis) in the other processes' shared store. */
  invalidate(): Promise<void>;
  /** Settles once it listens for changes and Redis, if any, is connected (pages never wait for it). */
  ready(): Promise<void>;
  close(): Promise<void>;
};

/** The first midnight in China (UTC+8, no daylight saving) after `now`: when validity dates turn. */
export function nextChinaMidnight(now: number): number {
  return Math.floor((now + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - CHINA_OFFSET_MS;
}

/** The best encoding the client accepts among those the entry has (q=0 refuses one). */
export function pickEncoding(accept: string | undefined, has: { br: boolean; gzip: boolean }) {
  const accepted = new Set<string>();
  for (const part of (accept ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  if (has.br && accepted.has("br")) return "br";
  if (has.gzip && (accepted.has("gzip") || accepted.has("*"))) return "gzip";
  return "identity";
}

/**
 * Whole public pages for anonymous visitors, keyed by (host, path and query, elder mode), kept in
 * memory (least recently used out, bounded by bytes) and, with `redisUrl`, shared through Redis.
 *
 * Only answers the route marked public (`markPublic`), with status 200 and no cookie, rendered for
 * a visitor without a session, are kept. A visitor with a session cookie, a bearer token or a
 * pending notice never reads from it nor writes to it.
 *
 * Invalidation: every audited public change sends a NOTIFY on commit (`recordAudit`); each process
 * listens and empties its memory and bumps the Redis generation. The process that made the change
 * does so before it answers. Entries also end at the next midnight in China (validity dates) or the
 * next scheduled publication, whichever comes first. A page rendered while a change landed is not
 * kept, since it may show the old state.
 */
export function createPageCache(opts: TPageCacheOptions): TPageCache {
  const { logger } = opts;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  // `edge`: the headers the whole app sent with this page, once it has been answered through it.
  const memory = new Map<string, TEntry & { size: number; edge?: Record<string, string> }>();
  let bytes = 0;
  let generation = 0;
  let scheduled: { generation: number; at: number } | null = null;

  const redis = opts.redisUrl ? connectRedis(opts.redisUrl, opts.redisKeyPrefix ?? "gongkai:", logger) : null;

  async function invalidate(): Promise<void> {
    // The shared generation moves first: a page read from Redis after this point is from after it.
    if (redis) {
      await redis
        .multi()
        .incr(REDIS_EPOCH)
        .unlink(REDIS_HASH)
        .exec()
        .catch((err) => logger.warn({ err }, "page cache: redis invalidation failed"));
    }
    generation += 1;
    memory.clear();
    bytes = 0;
    scheduled = null;
  }

  // Listening (re)starts with an invalidation: whatever changed while it was not listening is gone.
  const listening = new Promise<void>((resolve) => {
    opts.database
      .listen(
        PUBLIC_CHANGE_CHANNEL,
        () => void invalidate(),
        () => void invalidate().then(resolve),
      )
      .catch((err) => {
        logger.error({ err }, "page cache: cannot listen for public changes");
        resolve();
      });
  });

  function remember(key: string, entry: TEntry): void {
    const size = entry.body.length + (entry.gzip?.length ?? 0) + (entry.br?.length ?? 0) + key.length;
    if (size > maxBytes) return;
    const old = memory.get(key);
    if (old) bytes -= old.size;
    memory.delete(key);
    memory.set(key, { ...entry, size });
    bytes += size;
    for (const [k, v] of memory) {
      if (bytes <= maxBytes) break;
      memory.delete(k);
      bytes -= v.size;
    }
  }

  function recall(key: string, now: number): TEntry | null {
    const hit = memory.get(key);
    if (!hit) return null;
    memory.delete(key);
    if (hit.expiresAt <= now) {
      bytes -= hit.size;
      return null;
    }
    memory.set(key, hit);
    return hit;
  }

  async function recallShared(key: string, now: number): Promise<{ entry: TEntry | null; epoch: number }> {
    if (!redis) return { entry: null, epoch: 0 };
    try {
      const [epochReply, entryReply] =
        (await redis.pipeline().get(REDIS_EPOCH).hgetBuffer(REDIS_HASH, key).exec()) ?? [];
      const epoch = Number(epochReply?.[1] ?? 0);
      const raw = entryReply?.[1];
      const entry = Buffer.isBuffer(raw) ? decodeEntry(raw) : null;
      return { entry: entry && entry.epoch === epoch && entry.expiresAt > now ? entry : null, epoch };
    } catch (err) {
      logger.warn({ err }, "page cache: redis read failed");
      return { entry: null, epoch: -1 };
    }
  }

  function share(key: string, entry: TEntry): void {
    if (!redis || entry.epoch < 0) return;
    redis
      .multi()
      .hset(REDIS_HASH, key, encodeEntry(entry))
      .pexpireat(REDIS_HASH, nextChinaMidnight(Date.now()))
      .exec()
      .catch((err) => logger.warn({ err }, "page cache: redis write failed"));
  }

  /** When a page rendered now stops being right without any write. */
  async function expiryFor(now: number): Promise<number> {
    let next = Math.min(nextChinaMidnight(now), now + MAX_AGE_MS);
    if (opts.nextScheduledChange) {
      if (!scheduled || scheduled.generation !== generation || scheduled.at <= now) {
        const startedIn = generation;
        const at = (await opts.nextScheduledChange(new Date(now)))?.getTime() ?? Number.POSITIVE_INFINITY;
        if (startedIn === generation) scheduled = { generation, at };
      }
      next = Math.min(next, scheduled?.at ?? now);
    }
    return next;
  }

  const middleware: MiddlewareHandler<TAppEnv> = async (c, next) => {
    if (c.req.method !== "GET") {
      const scope = { isChanged: false };
      await publicChangeScope.run(scope, next);
      if (scope.isChanged) await invalidate();
      return;
    }
    if (!isAnonymous(c)) return next();
    const url = new URL(c.req.url);
    const key = `${c.get("isElder") ? "elder" : "plain"} ${url.host}${url.pathname}${url.search}`;
    const startedIn = generation;
    const now = Date.now();
    let entry = recall(key, now);
    let epoch = entry?.epoch ?? 0;
    if (!entry) {
      const shared = await recallShared(key, now);
      epoch = shared.epoch;
      entry = shared.entry;
      if (entry && startedIn === generation) remember(key, entry);
    }
    if (entry) {
      c.set("pageCacheKey", key);
      return respond(c, entry);
    }

    await next();
    const fresh = await capture(c, now, epoch, expiryFor);
    if (!fresh) return;
    // A change that landed while the page was rendered may not be in it.
    if (startedIn === generation) {
      remember(key, fresh);
      share(key, fresh);
      c.set("pageCacheKey", key);
    }
    c.res = respond(c, fresh);
  };

  const edgeRecorder: MiddlewareHandler<TAppEnv> = async (c, next) => {
    await next();
    const key = c.get("pageCacheKey");
    const hit = key ? memory.get(key) : undefined;
    if (!hit || hit.edge || c.res.status !== 200 || c.res.headers.has("set-cookie")) return;
    const edge: Record<string, string> = {};
    c.res.headers.forEach((value, name) => {
      if (!PER_RESPONSE_HEADERS.has(name)) edge[name] = value;
    });
    hit.edge = edge;
  };

  function serveNode(req: IncomingMessage, res: ServerResponse): boolean {
    const started = performance.now();
    const h = req.headers;
    if (req.method !== "GET" || h.authorization || !req.url || req.url.includes("%00")) return false;
    const cookies = parseCookies(h.cookie);
    if (cookies.has(SESSION_COOKIE) || cookies.has(FLASH_COOKIE)) return false;
    let url: URL;
    try {
      url = new URL(req.url, `http://${h.host ?? "localhost"}`);
    } catch {
      return false;
    }
    const key = `${cookies.get(ELDER_COOKIE) === "1" ? "elder" : "plain"} ${url.host}${url.pathname}${url.search}`;
    const entry = memory.get(key);
    if (!entry?.edge || entry.expiresAt <= Date.now()) return false;
    // Least recently used: a hit moves the entry to the end.
    memory.delete(key);
    memory.set(key, entry);
    const requestId = requestIdFrom(h["x-request-id"]);
    const answer = answerFor(entry, {
      acceptEncoding: h["accept-encoding"],
      ifNoneMatch: h["if-none-match"],
      ifModifiedSince: h["if-modified-since"],
    });
    // The app's own headers last: its Vary names Cookie as well as Accept-Encoding.
    res.writeHead(answer.status, { ...answer.headers, ...entry.edge, "x-request-id": requestId });
    if (answer.body) res.end(answer.body);
    else res.end();
    logger.info(
      {
        reqId: requestId,
        method: "GET",
        path: url.pathname,
        status: answer.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        cache: "node",
      },
      "request",
    );
    return true;
  }

  return {
    middleware,
    edgeRecorder,
    serveNode,
    invalidate,
    ready: async () => {
      if (redis && redis.status !== "ready") await new Promise((resolve) => redis.once("ready", resolve));
      await listening;
    },
    close: async () => {
      await redis?.quit().catch(() => {});
    },
  };
}

// Headers that belong to one answer, not to the page: the fast path writes its own.
const PER_RESPONSE_HEADERS = new Set([
  "x-request-id",
  "etag",
  "last-modified",
  "content-length",
  "content-encoding",
  "content-type",
  "content-disposition",
]);

/** The cookies of a Cookie header by name (the first of a repeated name, as getCookie reads it). */
function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

function isAnonymous(c: TCtx): boolean {
  return !c.req.header("authorization") && !getCookie(c, SESSION_COOKIE) && !getCookie(c, FLASH_COOKIE);
}

function connectRedis(url: string, keyPrefix: string, logger: TLogger): Redis {
  // Without the offline queue a request never waits for a Redis that is away: it renders the page.
  const redis = new Redis(url, {
    keyPrefix,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
  });
  let isDown = false;
  redis.on("error", (err) => {
    if (!isDown) logger.warn({ err }, "page cache: redis unavailable; pages are rendered meanwhile");
    isDown = true;
  });
  redis.on("ready", () => {
    isDown = false;
  });
  return redis;
}

/** The answer the route gave, as an entry, if it may be kept. */
async function capture(
  c: TCtx,
  now: number,
  epoch: number,
  expiryFor: (now: number) => Promise<number>,
): Promise<TEntry | null> {
  const res = c.res;
  const maxAge = c.get("publicMaxAge");
  const type = res.headers.get("content-type") ?? "";
  if (
    maxAge === undefined ||
    res.status !== 200 ||
    c.get("principal") ||
    res.headers.has("set-cookie") ||
    res.headers.has("content-encoding") ||
    !COMPRESSIBLE.test(type)
  )
    return null;
  const body = Buffer.from(await res.arrayBuffer());
  if (body.length > MAX_ENTRY_BYTES) {
    c.res = new Response(body, res);
    return null;
  }
  const isWorthIt = body.length >= MIN_COMPRESS_BYTES;
  const [gz, br] = isWorthIt
    ? await Promise.all([
        gzipAsync(body),
        // Quality 5 is a fraction of the time of 11 for nearly the same size on HTML.
        brotliAsync(body, {
          params: {
            [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
            [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        }),
      ])
    : [null, null];
  const headers: Record<string, string> = { "content-type": type };
  const disposition = res.headers.get("content-disposition");
  if (disposition) headers["content-disposition"] = disposition;
  return {
    headers,
    maxAge,
    body,
    gzip: gz,
    br,
    etag: createHash("sha256").update(body).digest("base64url").slice(0, 27),
    createdAt: now,
    expiresAt: await expiryFor(now),
    epoch,
  };
}

function respond(c: TCtx, entry: TEntry): Response {
  c.set("publicMaxAge", entry.maxAge);
  const answer = answerFor(entry, {
    acceptEncoding: c.req.header("accept-encoding"),
    ifNoneMatch: c.req.header("if-none-match"),
    ifModifiedSince: c.req.header("if-modified-since"),
  });
  return answer.status === 304
    ? c.body(null, 304, answer.headers)
    : c.body(answer.body as Uint8Array<ArrayBuffer>, 200, answer.headers);
}

/**
 * The answer an entry gives to one request, through the app or on the node server: 304 when the
 * client's copy is current, else the best encoding the client accepts, with its own ETag.
 */
function answerFor(
  entry: TEntry,
  request: { acceptEncoding?: string; ifNoneMatch?: string; ifModifiedSince?: string },
): { status: 200 | 304; headers: Record<string, string>; body: Buffer | null } {
  const encoding = pickEncoding(request.acceptEncoding, { br: entry.br !== null, gzip: entry.gzip !== null });
  const headers: Record<string, string> = {
    ...entry.headers,
    etag: `"${entry.etag}${encoding === "identity" ? "" : `-${encoding}`}"`,
    "last-modified": new Date(entry.createdAt).toUTCString(),
  };
  if (entry.gzip || entry.br) headers.vary = "Accept-Encoding";
  if (isNotModified(request.ifNoneMatch, request.ifModifiedSince, entry)) {
    const { "content-type": _type, "content-disposition": _disposition, ...rest } = headers;
    return { status: 304, headers: rest, body: null };
  }
  const body = encoding === "br" ? entry.br : encoding === "gzip" ? entry.gzip : entry.body;
  if (encoding !== "identity") headers["content-encoding"] = encoding;
  headers["content-length"] = String(body?.length ?? 0);
  return { status: 200, headers, body };
}

/** If-None-Match (any encoding's tag of the same content), else If-Modified-Since. */
function isNotModified(tags: string | undefined, modifiedSince: string | undefined, entry: TEntry): boolean {
  if (tags !== undefined) {
    if (tags.trim() === "*") return true;
    return tags.split(",").some((t) => {
      const tag = t.trim().replace(/^W\//, "");
      return tag === `"${entry.etag}"` || tag === `"${entry.etag}-gzip"` || tag === `"${entry.etag}-br"`;
    });
  }
  const since = Date.parse(modifiedSince ?? "");
  return !Number.isNaN(since) && Math.floor(entry.createdAt / 1000) * 1000 <= since;
}

// Redis value: 4-byte length of a JSON head, the head, then the body and its compressed forms.
function encodeEntry(entry: TEntry): Buffer {
  const { body, gzip: gz, br, ...meta } = entry;
  const head = Buffer.from(
    JSON.stringify({ ...meta, sizes: [body.length, gz?.length ?? -1, br?.length ?? -1] }),
  );
  const len = Buffer.alloc(4);
  len.writeUInt32BE(head.length);
  return Buffer.concat([len, head, body, gz ?? Buffer.alloc(0), br ?? Buffer.alloc(0)]);
}

function decodeEntry(raw: Buffer): TEntry | null {
  try {
    const headLength = raw.readUInt32BE(0);
    const { sizes, ...meta } = JSON.parse(raw.subarray(4, 4 + headLength).toString()) as Omit<
      TEntry,
      "body" | "gzip" | "br"
    > & { sizes: [number, number, number] };
    let at = 4 + headLength;
    const take = (n: number) => {
      if (n < 0) return null;
      const part = raw.subarray(at, at + n);
      at += n;
      return part;
    };
    const body = take(sizes[0]) as Buffer;
    return { ...meta, body, gzip: take(sizes[1]), br: take(sizes[2]) };
  } catch {
    return null;
  }
}
