import type { Context } from "hono";
import type { TActor } from "../audit";
import type { TPrincipal } from "../auth/permissions";
import type { TSession } from "../auth/sessions";
import type { TConfig } from "../config";
import type { Db, TDatabase } from "../db";
import type { TBlobStore } from "../files";
import type { TLogger } from "../logger";
import type { TShell } from "../ui/page-context";

/** What every feature receives when its routes are built. */
export type TDeps = { database: TDatabase; db: Db; config: TConfig; logger: TLogger; blobs: TBlobStore };

export type TAppEnv = {
  Variables: {
    requestId: string;
    clientIp: string;
    principal: TPrincipal | null;
    session: TSession | null;
    /** How the principal was authenticated: bearer calls need no CSRF token. */
    authVia: "session" | "bearer" | null;
    csrfToken: string;
    /** Sets the anonymous visitor's new CSRF cookie; called only by pages that carry the token. */
    issueCsrfCookie: (() => void) | null;
    isElder: boolean;
    /** The site name and navigation, for the page frame (set once per app, read per request). */
    shell: TShell;
    /** Seconds a shared cache may keep this response; unset means private (see cachePolicy). */
    publicMaxAge: number | undefined;
    /** Set by the page cache when this answer is a cached page (see its edgeRecorder). */
    pageCacheKey: string | undefined;
  };
};

export type TCtx = Context<TAppEnv>;

/** The audit actor for the current request's signed-in user. */
export function actorOf(c: TCtx): TActor {
  const p = c.get("principal");
  return {
    userId: p?.userId ?? null,
    name: p ? `${p.displayName}（${p.username}）` : "匿名",
    ip: c.get("clientIp"),
    requestId: c.get("requestId"),
  };
}

/**
 * The site's own address for absolute links (sitemap, feeds, CSV): the configured public URL. Only
 * when none is configured (local development) is it taken from the request's Host header.
 */
export function publicOrigin(c: TCtx, config: TConfig): string {
  return config.publicUrl ?? new URL(c.req.url).origin;
}
