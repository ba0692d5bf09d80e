import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";
import { AppError, sqlState } from "../errors";
import { MSG } from "../messages";
import { pageCtx } from "../ui/page-context";
import { ErrorPage } from "../ui/pages";
import { toFieldIssues } from "../validation";
import type { TAppEnv, TCtx, TDeps } from "./context";

const isApiRequest = (c: Context) => new URL(c.req.url).pathname.startsWith("/api/");

/** Maps what was thrown to an AppError the user may see; anything unknown stays null (a 500). */
function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return new AppError("payload_too_large", MSG.tooLarge);
    if (err.status === 400) return new AppError("bad_request", MSG.malformedJson);
    if (err.status === 415) return new AppError("unsupported_media_type", MSG.unsupportedMediaType);
    if (err.status === 401) return new AppError("unauthorized", MSG.unauthorized);
    if (err.status === 404) return new AppError("not_found", MSG.notFound);
    return null;
  }
  if (err instanceof SyntaxError) return new AppError("bad_request", MSG.malformedJson);
  // A schema parsed with .parse() rather than parseOrThrow: still the caller's input at fault.
  if (err instanceof ZodError)
    return new AppError("validation_failed", MSG.validation, { issues: toFieldIssues(err) });
  const state = sqlState(err);
  if (state === "23505") return new AppError("conflict", MSG.duplicate);
  // Foreign-key, check and not-null violations and bad text representations come from input that
  // slipped past validation: still the caller's mistake, still no half-written record.
  if (
    state === "23503" ||
    state === "23514" ||
    state === "23502" ||
    state === "22P02" ||
    state === "22007" ||
    state === "22008" ||
    // Out of range for its column, too long for it, or a character text cannot hold.
    state === "22003" ||
    state === "22001" ||
    state === "22021" ||
    state === "22P05"
  )
    return new AppError("unprocessable", MSG.validation);
  return null;
}

async function respond(c: TCtx, appErr: AppError) {
  if (appErr.retryAfterSeconds) c.header("Retry-After", String(appErr.retryAfterSeconds));
  // The rest of an oversized body was never read: the connection cannot carry another request.
  if (appErr.code === "payload_too_large") c.header("Connection", "close");
  const status = appErr.status as ContentfulStatusCode;
  if (isApiRequest(c)) {
    return c.json(
      {
        error: {
          code: appErr.code,
          message: appErr.message,
          ...(appErr.issues ? { issues: appErr.issues } : {}),
        },
      },
      status,
    );
  }
  if (appErr.code === "unauthorized" && c.req.method === "GET") {
    const url = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  }
  return c.html(<ErrorPage ctx={await pageCtx(c)} status={status} message={appErr.message} />, status);
}

/** The one error handler: 4xx with a Chinese message for known errors, a logged generic 500 otherwise. */
export function errorHandler(deps: TDeps): ErrorHandler<TAppEnv> {
  return async (err, c) => {
    const appErr = toAppError(err);
    if (appErr) return respond(c, appErr);
    deps.logger.error({ err, reqId: c.get("requestId") }, "unhandled error");
    if (isApiRequest(c)) return c.json({ error: { code: "internal", message: MSG.serverError } }, 500);
    try {
      return c.html(<ErrorPage ctx={await pageCtx(c)} status={500} message={MSG.serverError} />, 500);
    } catch {
      return c.text(MSG.serverError, 500);
    }
  };
}

export const notFoundHandler: NotFoundHandler<TAppEnv> = (c) =>
  respond(c, new AppError("not_found", MSG.notFound));
