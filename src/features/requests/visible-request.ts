import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { loadWorkCalendar, type WorkCalendar } from "../calendar";
import { assertCanSee } from "./access";
import { clockOf } from "./compute-due-date";
import { actionsOf, cohandlersOf, findRequest, lockRequest, type TRequestRow } from "./requests.repository";
import { isLead } from "./workflow";

/**
 * A request with what every staff view of it needs, loaded once: its actions, its clock and the units
 * helping with it. The one visibility check of every staff entry point (pages, API, reply letter, fee
 * notice, appeals, contacts, files, actions): a request the caller may not see answers 404, so its
 * existence is not revealed. With `lock`, the row stays locked for the rest of the caller's
 * transaction, so two writes to one request run one after the other.
 */
export async function loadVisibleRequest(
  db: Db,
  p: TPrincipal,
  id: number,
  opts: { lock?: boolean; calendar?: WorkCalendar; asOf?: string } = {},
) {
  const r = await (opts.lock ? lockRequest : findRequest)(db, id);
  if (!r) throw new AppError("not_found", MSG.notFound);
  const cohandlers = await cohandlersOf(db, r.id);
  assertCanSee(p, r.unitId, cohandlers);
  const actions = await actionsOf(db, r.id);
  const calendar = opts.calendar ?? (await loadWorkCalendar(db));
  return { r, actions, cohandlers, clock: clockOf(r, actions, calendar, opts.asOf) };
}

/**
 * What only the lead unit or the office may do, beyond seeing the request: a co-handling unit (协查)
 * helps with facts, contacts and files, but does not answer for the request (appeals, Art. 44).
 */
export function assertLead(p: TPrincipal, r: TRequestRow, refusal: string): void {
  if (!isLead(p, r.unitId)) throw new AppError("forbidden", refusal);
}
