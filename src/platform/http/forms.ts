import type { z } from "zod";
import { AppError } from "../errors";
import type { TFormState } from "../ui/forms";
import { fieldErrors, toFieldIssues } from "../validation";
import type { TCtx } from "./context";

/** The posted form: repeated names become arrays; files are left to the routes that take them. */
export async function readForm(c: TCtx): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === "_csrf") continue;
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

/**
 * The one way a form POST is handled: validate, run the use case, and on a mistake show the same
 * form again with each message beside its field (422), keeping what the user typed.
 */
export async function submitForm<S extends z.ZodType>(
  c: TCtx,
  opts: {
    schema: S;
    values: Record<string, unknown>;
    input?: unknown;
    run: (data: z.infer<S>) => Promise<Response>;
    render: (form: TFormState) => unknown;
    /** Which field a conflict (duplicate name, wrong state) is shown beside. */
    conflictField?: string;
  },
): Promise<Response> {
  const fail = async (errors: Record<string, string>) =>
    c.html((await opts.render({ values: opts.values, errors })) as string, 422);
  const parsed = opts.schema.safeParse(opts.input ?? opts.values);
  if (!parsed.success) return fail(fieldErrors(toFieldIssues(parsed.error)));
  try {
    return await opts.run(parsed.data);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.issues) return fail(fieldErrors(err.issues));
    if (err.code === "conflict" || err.code === "unprocessable")
      return fail({ [opts.conflictField ?? "name"]: err.message });
    throw err;
  }
}

// Keys that would reach Object.prototype if used as a path segment.
const UNSAFE_KEYS = new Set(["__proto__", "prototype", "constructor"]);

/**
 * Form fields named with dots ("applicant.name") become nested objects ({ applicant: { name } }),
 * so one schema validates the JSON API and the form; empty fields are dropped (absent), and so are
 * the names in `omit` (honeypots, consent boxes that are checked elsewhere).
 */
export function nestForm(
  values: Record<string, string | string[]>,
  omit: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === "" || omit.includes(key)) continue;
    const path = key.split(".");
    if (path.some((p) => p === "" || UNSAFE_KEYS.has(p))) continue;
    let node = out;
    for (const part of path.slice(0, -1)) {
      // A field named both "a" and "a.b": the plain value loses, the nested one is what schemas expect.
      if (typeof node[part] !== "object" || node[part] === null || Array.isArray(node[part])) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[path[path.length - 1] as string] = value;
  }
  return out;
}

/**
 * A form field that holds a number, as a number: empty is absent; text that is not a plain decimal
 * number ("abc", "1e309", "0x10") is passed on unchanged, for the schema to refuse in Chinese.
 */
export function formNumber(v: unknown): unknown {
  if (v === undefined || (typeof v === "string" && v.trim() === "")) return undefined;
  return typeof v === "string" && /^\s*-?\d{1,20}(\.\d{1,20})?\s*$/.test(v) ? Number(v) : v;
}
