// 领导信箱: the public writes to the district's leaders; each letter becomes an item with the 48-hour
// response clock, assigned to the government office to route. The writer's name and contact are kept
// for the reply and never shown publicly.

import type { TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { submitOnce } from "../../platform/http/form-token";
import { MSG } from "../../platform/messages";
import { hitRateLimit } from "../../platform/rate-limit";
import { listUnits } from "../org";
import { chinaDay } from "./compute-clocks";
import { intakeOpinion, TOPIC_AUTO } from "./create-opinion";
import { nextMailboxNo } from "./opinions.repository";
import type { TMailboxBody } from "./opinions.schemas";

export const MAILBOX_FORM_PURPOSE = "mailbox";

/** Beyond the general limit on public posts: five letters per address and hour. */
const LETTERS_PER_HOUR = 5;

export type TMailboxReceipt = { receiptNo: string; submittedOn: string };

const DISCARDED: TMailboxReceipt = { receiptNo: "—", submittedOn: "—" };

const PUBLIC_ACTOR = (ip: string): TActor => ({ userId: null, name: "领导信箱来信", ip, requestId: "" });

/**
 * A letter from the public form: a filled honeypot is answered as accepted and dropped; each
 * address may send five an hour; with the form's one-time token a second post returns the first receipt.
 */
export async function submitMailboxLetter(
  db: Db,
  ip: string,
  body: TMailboxBody,
  formToken?: string,
): Promise<TMailboxReceipt> {
  if (body.website) return DISCARDED;
  const limit = await hitRateLimit(db, `mailbox-submit:${ip}`, LETTERS_PER_HOUR, 3600);
  if (!limit.isAllowed)
    throw new AppError("too_many_requests", MSG.tooManyRequests, {
      retryAfterSeconds: limit.retryAfterSeconds,
    });
  const office = (await listUnits(db, { isActiveOnly: true })).find((u) => u.kind === "office");
  const write = async (tx: Db): Promise<TMailboxReceipt> => {
    const now = new Date();
    const receiptNo = await nextMailboxNo(tx, Number(chinaDay(now).slice(0, 4)));
    await intakeOpinion(tx, PUBLIC_ACTOR(ip), {
      title: body.title,
      body: body.body,
      source: "mailbox",
      topic: TOPIC_AUTO,
      unitId: office?.id ?? null,
      severity: "ordinary",
      discoveredAt: now,
      writerName: body.name,
      writerContact: body.contact,
      receiptNo,
    });
    return { receiptNo, submittedOn: chinaDay(now) };
  };
  return formToken ? submitOnce(db, MAILBOX_FORM_PURPOSE, formToken, write) : db.transaction(write);
}
