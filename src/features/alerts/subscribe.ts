import { randomBytes } from "node:crypto";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { toTsQuery } from "../../platform/text";
import { queueConfirmation, upsertSubscription } from "./alerts.repository";
import type { TCreateSubscriptionBody, TSubscriptionFilter } from "./alerts.schemas";

/** A random token for the links of one subscription or profile (confirm, manage, unsubscribe). */
export const newToken = () => randomBytes(24).toString("base64url");

/** The search words of a filter as tsquery text; refused when nothing searchable is left. */
export function filterQuery(filter: TSubscriptionFilter): string | null {
  if (!filter.q) return null;
  const query = toTsQuery(filter.q);
  if (!query)
    throw new AppError("unprocessable", "检索词中没有可以检索的词语，请换一个词。", {
      issues: [{ path: "q", message: "检索词中没有可以检索的词语，请换一个词。" }],
    });
  return query;
}

/**
 * Subscribes an address to a filter (double opt-in): the subscription waits, and a confirmation mail
 * is queued, until its link is used. Subscribing again to the same filter queues the mail again (at
 * most every 10 minutes); an active subscription is not changed. The answer is the same whether the
 * address was known or not, so it tells nobody who subscribes to what.
 */
export async function createSubscription(db: Db, body: TCreateSubscriptionBody): Promise<{ status: string }> {
  const qTsquery = filterQuery(body.filter);
  return db.transaction(async (tx) => {
    const row = await upsertSubscription(tx, {
      email: body.email,
      filter: body.filter,
      qTsquery,
      frequency: body.frequency,
      token: newToken(),
    });
    if (row.status === "pending") await queueConfirmation(tx, { email: row.email, subscriptionId: row.id });
    return { status: "pending" };
  });
}
