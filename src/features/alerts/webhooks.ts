import { randomBytes } from "node:crypto";
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { deactivateWebhook, insertWebhook } from "./alerts.repository";

/**
 * Registers an integrator's endpoint; the secret is returned once, for the integrator to check the
 * `X-Gongkai-Signature` of each call (HMAC-SHA256 of "<timestamp>.<body>").
 */
export async function createWebhook(
  db: Db,
  actor: TActor,
  url: string,
): Promise<{ id: number; secret: string }> {
  const secret = randomBytes(32).toString("hex");
  return db.transaction(async (tx) => {
    const id = await insertWebhook(tx, { url, secret, createdBy: actor.name });
    await recordAudit(tx, actor, {
      action: "webhook.create",
      entity: "webhook",
      entityId: id,
      after: { url },
    });
    return { id, secret };
  });
}

/** Stops calls to an endpoint; the calls still queued for it are cancelled. */
export async function removeWebhook(db: Db, actor: TActor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await deactivateWebhook(tx, id))) throw new AppError("not_found", MSG.notFound);
    await recordAudit(tx, actor, { action: "webhook.remove", entity: "webhook", entityId: id });
  });
}
