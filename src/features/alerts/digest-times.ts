const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Beijing time is UTC+8 all year (no daylight saving). */
const BEIJING = 8 * HOUR;
/** Digests go out at 08:00 Beijing time: daily ones every day, weekly ones on Monday. */
const DIGEST_HOUR = 8;

/** The first daily digest time (08:00 Beijing) strictly after `at`. */
export function nextDailyDigest(at: Date): Date {
  const local = at.getTime() + BEIJING;
  const todayAt8 = Math.floor(local / DAY) * DAY + DIGEST_HOUR * HOUR;
  const next = todayAt8 > local ? todayAt8 : todayAt8 + DAY;
  return new Date(next - BEIJING);
}

/** The first weekly digest time (Monday 08:00 Beijing) strictly after `at`. */
export function nextWeeklyDigest(at: Date): Date {
  let next = nextDailyDigest(at);
  // getUTCDay of the Beijing wall-clock time: 1 is Monday.
  while (new Date(next.getTime() + BEIJING).getUTCDay() !== 1) next = new Date(next.getTime() + DAY);
  return next;
}

/** When each kind of alert about a document published (or scheduled) at `publishAt` may go out. */
export function sendTimes(publishAt: Date, now: Date) {
  const visibleAt = publishAt > now ? publishAt : now;
  return { immediate: visibleAt, daily: nextDailyDigest(visibleAt), weekly: nextWeeklyDigest(visibleAt) };
}
