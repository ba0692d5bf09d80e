/** Every error the application raises on purpose, with the HTTP status it maps to. */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  too_many_requests: 429,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;

export type TFieldIssue = { path: string; message: string };

/**
 * The one error type. `message` is shown to the user (Chinese); `issues` lists per-field problems.
 */
export class AppError extends Error {
  readonly code: TErrorCode;
  readonly issues: TFieldIssue[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: TErrorCode,
    message: string,
    opts: { issues?: TFieldIssue[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.issues = opts.issues;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  get status(): (typeof ERROR_STATUS)[TErrorCode] {
    return ERROR_STATUS[this.code];
  }
}

/** PostgreSQL's SQLSTATE of a database error, looking through driver and ORM wrappers. */
export function sqlState(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
