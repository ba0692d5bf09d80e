import { AppError } from "../errors";
import { MSG } from "../messages";
import { zIdText } from "../validation";
import type { TCtx } from "./context";

/**
 * A record id from the path. Anything that cannot be a record (not a number, 0, beyond the id
 * column's range) is simply a record that does not exist: 404, never a database error.
 */
export function idParam(c: TCtx, name = "id"): number {
  const r = zIdText.safeParse(c.req.param(name));
  if (!r.success) throw new AppError("not_found", MSG.notFound);
  return r.data;
}

/** An optional id from the query string (a filter or a preselected item): a bad one is ignored. */
export function idQuery(c: TCtx, name: string): number | undefined {
  const r = zIdText.safeParse(c.req.query(name));
  return r.success ? r.data : undefined;
}
