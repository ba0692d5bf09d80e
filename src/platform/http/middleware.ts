import { randomUUID, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { secureHeaders } from "hono/secure-headers";
import type { TPrincipal } from "../auth/permissions";
import { loadPrincipal, randomToken, resolveApiToken, resolveSession } from "../auth/sessions";
import { AppError } from "../errors";
import { MSG } from "../messages";
import { hitRateLimit } from "../rate-limit";
import type { TAppEnv, TCtx, TDeps } from "./context";

export const SESSION_COOKIE = "gk_session";
const CSRF_COOKIE = "gk_csrf";
export const ELDER_COOKIE = "gk_elder";

/** Whether the request reached us over TLS (directly, or through a trusted proxy). */
export function isSecure(c: TCtx, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  return trustProxy && c.req.header("x-forwarded-proto") === "https";
}

function clientIp(c: TCtx, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (fwd) return fwd;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "local";
}

/** The caller's X-Request-Id when it is a plain token, else a new one: it goes into every log line. */
export function requestIdFrom(given: string | string[] | undefined): string {
  return typeof given === "string" && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

/** Request id, client address, and one log line per request with its status and duration. */
export function requestContext(deps: TDeps): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = requestIdFrom(c.req.header("x-request-id"));
    c.set("requestId", requestId);
    c.set("clientIp", clientIp(c, deps.config.trustProxy));
    c.set("principal", null);
    c.set("session", null);
    c.set("authVia", null);
    c.set("isElder", getCookie(c, ELDER_COOKIE) === "1");
    c.set("issueCsrfCookie", null);
    c.set("publicMaxAge", undefined);
    await next();
    c.header("X-Request-Id", requestId);
    deps.logger.info(
      {
        reqId: requestId,
        method: c.req.method,
        path: new URL(c.req.url).pathname,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        user: c.get("principal")?.userId,
      },
      "request",
    );
  };
}

/** CSP without inline scripts or styles, no framing, no sniffing, a strict referrer policy. */
export const securityHeaders = (): MiddlewareHandler<TAppEnv> =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    xContentTypeOptions: "nosniff",
    referrerPolicy: "strict-origin-when-cross-origin",
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: "max-age=31536000",
  });

/** Resolves who is calling: a bearer token first, otherwise the session cookie. */
export function authenticate(deps: TDeps): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    const auth = c.req.header("authorization");
    let principal: TPrincipal | null = null;
    if (auth?.startsWith("Bearer ")) {
      const userId = await resolveApiToken(deps.db, auth.slice(7).trim());
      principal = userId ? await loadPrincipal(deps.db, userId) : null;
      if (!principal) throw new AppError("unauthorized", "访问令牌无效或已过期。");
      c.set("authVia", "bearer");
    } else {
      const token = getCookie(c, SESSION_COOKIE);
      const session = token ? await resolveSession(deps.db, token) : null;
      principal = session ? await loadPrincipal(deps.db, session.userId) : null;
      if (session && principal) {
        c.set("session", session);
        c.set("authVia", "session");
      }
    }
    c.set("principal", principal);
    c.set("csrfToken", c.get("session")?.csrfToken ?? anonymousCsrfToken(c, deps));
    await next();
  };
}

/**
 * The visitor's token from their cookie, or a new one. A new one's cookie is set only by a page
 * that shows it (pageCtx): a feed, an attachment or an API answer sets no cookie, so it can be
 * kept by a shared cache.
 */
function anonymousCsrfToken(c: TCtx, deps: TDeps): string {
  c.set("issueCsrfCookie", null);
  const existing = getCookie(c, CSRF_COOKIE);
  if (existing && /^[\w-]{43}$/.test(existing)) return existing;
  const token = randomToken();
  c.set("issueCsrfCookie", () => {
    c.set("issueCsrfCookie", null);
    setCookie(c, CSRF_COOKIE, token, {
      path: "/",
      httpOnly: true,
      sameSite: "Lax",
      secure: isSecure(c, deps.config.trustProxy),
    });
  });
  return token;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Posts that only set a display preference cookie and change nothing on the server. Their form is
 * on every public page, which must be the same for every anonymous visitor to be cached whole, so
 * it carries no per-visitor token; a cross-site post is still refused by its Fetch Metadata or
 * Origin header (every current browser sends one on a form post).
 */
const PREFERENCE_PATHS = new Set(["/preferences/elder"]);

function isCrossSite(c: TCtx): boolean {
  const site = c.req.header("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = c.req.header("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host !== (c.req.header("host") ?? new URL(c.req.url).host);
  } catch {
    return true;
  }
}

/**
 * CSRF: every state-changing request that rides on cookies must carry the token, as the `_csrf`
 * form field or the `X-CSRF-Token` header. Bearer calls and cookie-less API calls carry no ambient
 * authority, so they need none. A preference post needs a same-origin request instead.
 */
export function csrfProtection(): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.get("authVia") === "bearer") return next();
    if (PREFERENCE_PATHS.has(new URL(c.req.url).pathname)) {
      if (isCrossSite(c)) throw new AppError("forbidden", MSG.csrf);
      return next();
    }
    const isApi = new URL(c.req.url).pathname.startsWith("/api/");
    if (isApi && c.get("authVia") !== "session") return next();
    let sent = c.req.header("x-csrf-token");
    if (!sent) {
      const type = c.req.header("content-type") ?? "";
      if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
        const body = await c.req.parseBody();
        sent = typeof body._csrf === "string" ? body._csrf : undefined;
      }
    }
    if (!sent || !sameToken(sent, c.get("csrfToken"))) throw new AppError("forbidden", MSG.csrf);
    return next();
  };
}

/**
 * Limits every POST from a visitor who is not signed in (public forms, login, API calls without a
 * token) per client address, so no public form can be used to flood the system.
 */
export function publicPostLimit(deps: TDeps, perMinute = 60): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.get("principal")) return next();
    const r = await hitRateLimit(deps.db, `post:${c.get("clientIp")}`, perMinute, 60);
    if (!r.isAllowed)
      throw new AppError("too_many_requests", MSG.tooManyRequests, {
        retryAfterSeconds: r.retryAfterSeconds,
      });
    return next();
  };
}
