import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { hitRateLimit, peekRateLimit } from "../../platform/rate-limit";

// Query codes are 8 characters from 31 (about 40 bits); 20 wrong tries per address and 10 minutes
// keeps guessing hopeless.
const WINDOW_S = 600;
const MAX_MISSES = 20;

/** Runs a receipt-number lookup, counting misses per address and refusing once there are too many. */
export async function rateLimitedLookup<T>(db: Db, ip: string, lookup: () => Promise<T | null>): Promise<T> {
  const key = `lookup-miss:${ip}`;
  const seen = await peekRateLimit(db, key, WINDOW_S);
  if (seen.count >= MAX_MISSES)
    throw new AppError("too_many_requests", MSG.tooManyRequests, {
      retryAfterSeconds: seen.retryAfterSeconds,
    });
  const found = await lookup();
  if (found === null) {
    await hitRateLimit(db, key, MAX_MISSES, WINDOW_S);
    throw new AppError("not_found", "未找到该申请：请核对受理编号和查询码。");
  }
  return found;
}
