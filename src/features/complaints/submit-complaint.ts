import { createHash, randomInt } from "node:crypto";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { submitOnce } from "../../platform/http/form-token";
import { MSG } from "../../platform/messages";
import { hitRateLimit, peekRateLimit } from "../../platform/rate-limit";
import { todayInChina } from "../calendar";
import { findByReceipt, insertComplaint } from "./complaints.repository";
import type { TPublicComplaintBody } from "./complaints.schemas";

/** The purpose under which the complaint form's one-time tokens are kept. */
export const COMPLAINT_FORM_PURPOSE = "complaint";

/** What the complainant is shown after sending: enough to follow it, nothing personal. */
export type TComplaintReceipt = { receiptNo: string; queryCode: string; submittedOn: string };

// Beyond the general limit on public posts: ten complaints per address and hour, form and API together.
const PER_HOUR = 10;
const DISCARDED: TComplaintReceipt = { receiptNo: "—", queryCode: "—", submittedOn: "—" };
// No 0/O, 1/I/L: the code is copied by hand.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export const hashQueryCode = (code: string) =>
  createHash("sha256").update(`complaint:${code.trim().toUpperCase()}`).digest("hex");

/**
 * A complaint from the public, through the form or the API: a filled honeypot is answered as
 * accepted and dropped; ten per address and hour; with the form's one-time token a second post
 * of the same form returns the first receipt and writes nothing.
 */
export async function submitComplaint(
  db: Db,
  ip: string,
  body: TPublicComplaintBody,
  formToken?: string,
): Promise<TComplaintReceipt> {
  if (body.website) return DISCARDED;
  const limit = await hitRateLimit(db, `complaint-submit:${ip}`, PER_HOUR, 3600);
  if (!limit.isAllowed)
    throw new AppError("too_many_requests", MSG.tooManyRequests, {
      retryAfterSeconds: limit.retryAfterSeconds,
    });
  const write = async (tx: Db): Promise<TComplaintReceipt> => {
    const queryCode = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    const submittedOn = todayInChina();
    const row = await insertComplaint(tx, {
      queryCodeHash: hashQueryCode(queryCode),
      organisation: body.organisation,
      sector: body.sector,
      description: body.description,
      contact: body.contact ?? "",
      submittedOn,
    });
    return { receiptNo: row.receiptNo, queryCode, submittedOn };
  };
  return formToken ? submitOnce(db, COMPLAINT_FORM_PURPOSE, formToken, write) : db.transaction(write);
}

// Query codes are 8 characters from 31; 20 wrong tries per address and 10 minutes keeps guessing hopeless.
const MISS_WINDOW_S = 600;
const MAX_MISSES = 20;

/** The complainant's view by receipt number and query code; misses are counted per address. */
export async function readComplaintStatus(db: Db, ip: string, receiptNo: string, queryCode: string) {
  const key = `complaint-miss:${ip}`;
  const seen = await peekRateLimit(db, key, MISS_WINDOW_S);
  if (seen.count >= MAX_MISSES)
    throw new AppError("too_many_requests", MSG.tooManyRequests, {
      retryAfterSeconds: seen.retryAfterSeconds,
    });
  const row = await findByReceipt(db, receiptNo.trim().toUpperCase(), hashQueryCode(queryCode));
  if (!row) {
    await hitRateLimit(db, key, MAX_MISSES, MISS_WINDOW_S);
    throw new AppError("not_found", "未找到该投诉：请核对受理编号和查询码。");
  }
  return row;
}
