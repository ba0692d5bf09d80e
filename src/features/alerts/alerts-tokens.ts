import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { confirmToken, endToken } from "./alerts.repository";

const LINK_INVALID = "链接无效或已失效，请重新订阅。";

/** Uses a confirmation link: the subscription or profile becomes active (again: still 200). */
export async function confirmByToken(db: Db, token: string): Promise<void> {
  if (!(await confirmToken(db, token))) throw new AppError("not_found", LINK_INVALID);
}

/**
 * One-click unsubscribe: ends the subscription or profile, idempotently; `documentId` is the
 * document whose mail carried the link, counted in its reach.
 */
export async function unsubscribeByToken(db: Db, token: string, documentId: number | null): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await endToken(tx, token, documentId))) throw new AppError("not_found", LINK_INVALID);
  });
}
