import type { Context } from "hono";
import type { TActor } from "../audit";
import type { TPrincipal } from "../auth/permissions";
import type { TSession } from "../auth/sessions";
import type { TConfig } from "../config";
import type { Db, TDatabase } from "../db";
import type { TBlobStore } from "../files";
import type { TLogger } from "../logger";

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
    isElder: boolean;
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
