// The reproducible draw for public seats at a meeting (列席代表公开遴选). Anyone holding the published
// seed, the meeting id and the published list of registration ids can recompute the result with
// any HMAC-SHA256 tool; docs/ENGAGEMENT.md gives the algorithm and an openssl command line.
//
//   key     = the seed exactly as published (UTF-8), e.g. the 中国福利彩票 number of the day
//   score_r = HMAC-SHA256(key, "meeting:<meetingId>:registration:<r>") as lower-case hex,
//             for every registration id r of the meeting at the time of the draw
//   order   = the ids sorted by score ascending (ties, which SHA-256 makes practically impossible,
//             by the smaller id, i.e. the earlier registration)
//   result  = the first min(seats, number of registrations) ids of that order
import { createHmac } from "node:crypto";

/** The score of one registration in the draw (lower-case hex of an HMAC-SHA256). */
export function drawScore(seed: string, meetingId: number, registrationId: number): string {
  return createHmac("sha256", Buffer.from(seed, "utf8"))
    .update(`meeting:${meetingId}:registration:${registrationId}`, "utf8")
    .digest("hex");
}

/** The selected registration ids in draw order: a pure function of the seed, the meeting and the ids. */
export function drawSeats(
  seed: string,
  meetingId: number,
  registrationIds: number[],
  seats: number,
): number[] {
  const scored = [...new Set(registrationIds)].map((id) => ({ id, score: drawScore(seed, meetingId, id) }));
  scored.sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : a.id - b.id));
  return scored.slice(0, Math.max(0, Math.min(seats, scored.length))).map((s) => s.id);
}

/** A name as shown publicly: its first character, then one * per further character (王小明 → 王**). */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return "*";
  return `${chars[0]}${"*".repeat(Math.max(1, chars.length - 1))}`;
}
