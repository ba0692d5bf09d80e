import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors";
import { MSG } from "../messages";
import type { TAppEnv, TCtx } from "./context";

const hasNul = (s: string) => s.includes("\u0000");

/** Whether any string in a parsed JSON value holds U+0000. */
function jsonHasNul(value: unknown): boolean {
  if (typeof value === "string") return hasNul(value);
  if (Array.isArray(value)) return value.some(jsonHasNul);
  if (value && typeof value === "object")
    return Object.entries(value).some(([k, v]) => hasNul(k) || jsonHasNul(v));
  return false;
}

/**
 * U+0000 cannot be stored in PostgreSQL text, and no form or API field has a use for it: a request
 * that carries one in its path, query string, form fields or JSON is refused here, before any
 * route runs (400). Uploaded files may hold NUL bytes: only a multipart form's text fields are
 * checked. The form is parsed once; Hono keeps it for the route and the CSRF check.
 */
export function refuseNul(): MiddlewareHandler<TAppEnv> {
  const refuse = () => {
    throw new AppError("bad_request", MSG.nulCharacter);
  };
  return async (c, next) => {
    // The URL parser percent-encodes a raw NUL, so "%00" is the only way one arrives in the URL.
    if (/%00/.test(c.req.url)) refuse();
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      if (type === "multipart/form-data" || type === "application/x-www-form-urlencoded") {
        for (const [k, v] of Object.entries(await formFields(c)))
          if (hasNul(k) || [v].flat().some((x) => typeof x === "string" && hasNul(x))) refuse();
      } else if (/[/+]json$/.test(type)) {
        const text = await c.req.text();
        // "\u0000" written as an escape: look inside, leaving malformed JSON to the route's 400.
        if (hasNul(text) || (/\\u0000/i.test(text) && jsonHasNul(tryJson(text)))) refuse();
      }
    }
    return next();
  };
}

async function formFields(c: TCtx) {
  try {
    return await c.req.parseBody({ all: true });
  } catch (err) {
    // A body too large is the size limit's to answer (413); anything else is not a readable form.
    if (err instanceof AppError) throw err;
    throw new AppError("bad_request", MSG.malformedForm);
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Lets shared caches and browsers keep this response for `seconds` (published, non-personal content). */
export function markPublic(c: TCtx, seconds: number): void {
  c.set("publicMaxAge", seconds);
}

/**
 * Every response is `private, no-store` unless its route marked it public. Even then it stays private
 * when it went to a signed-in user, sets a cookie, is not a 200 (or 304), or is a back-office page:
 * nothing personal is ever kept by a shared cache. A public page differs with the session and elder
 * mode cookies, so it varies by cookie and is revalidated on every use.
 */
export function cachePolicy(): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    await next();
    const maxAge = c.get("publicMaxAge");
    const isPublic =
      maxAge !== undefined &&
      (c.res.status === 200 || c.res.status === 304) &&
      !c.get("principal") &&
      !c.res.headers.has("set-cookie") &&
      !new URL(c.req.url).pathname.startsWith("/admin");
    const isPage = (c.res.headers.get("content-type") ?? "").startsWith("text/html");
    // A page differs with the session and elder-mode cookies, and browsers do not reliably key their
    // cache on Cookie (a page kept in elder mode came back after it was switched off): browsers keep
    // no copy of a page; the server's page cache answers it, and its ETag still gives a proxy a 304.
    c.header(
      "Cache-Control",
      !isPublic ? "private, no-store" : isPage ? "public, no-store" : `public, max-age=${maxAge}`,
    );
    if (isPublic && isPage) c.header("Vary", "Cookie", { append: true });
  };
}
