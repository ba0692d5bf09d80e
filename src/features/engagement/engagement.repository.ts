// The only place with SQL for public participation.
import { and, asc, count, desc, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import type { TUnitScope } from "../../platform/auth/permissions";
import { type Db, selectRows } from "../../platform/db";
import { inUnitScope } from "../../platform/db/unit-scope";
import {
  meetingOpinions,
  meetingRegistrations,
  meetings,
  openDayRegistrations,
  openDays,
  surveyResponses,
  surveys,
  surveyTallies,
  type TAnswer,
} from "./engagement.tables";
import type { TTallyRow } from "./survey-results";

export type TMeetingRow = typeof meetings.$inferSelect;
export type TOpenDayRow = typeof openDays.$inferSelect;
export type TSurveyRow = typeof surveys.$inferSelect;
export type TMeetingRegistrationRow = typeof meetingRegistrations.$inferSelect;
export type TOpenDayRegistrationRow = typeof openDayRegistrations.$inferSelect;

// ---- meetings

export async function findMeeting(db: Db, id: number, opts: { lock?: boolean } = {}) {
  const q = db.select().from(meetings).where(eq(meetings.id, id));
  const [row] = await (opts.lock ? q.for("update") : q);
  return row;
}

export async function listMeetings(db: Db, scope: TUnitScope = "all") {
  return db
    .select()
    .from(meetings)
    .where(inUnitScope(meetings.unitId, scope))
    .orderBy(desc(meetings.heldAt), desc(meetings.id));
}

export async function insertMeeting(db: Db, values: typeof meetings.$inferInsert) {
  const [row] = await db.insert(meetings).values(values).returning();
  return row as TMeetingRow;
}

export async function updateMeeting(db: Db, id: number, values: Partial<typeof meetings.$inferInsert>) {
  const [row] = await db.update(meetings).set(values).where(eq(meetings.id, id)).returning();
  return row as TMeetingRow;
}

/** The meeting's registrations in order of registration (ascending id). */
export async function meetingRegistrationsOf(db: Db, meetingId: number) {
  return db
    .select()
    .from(meetingRegistrations)
    .where(eq(meetingRegistrations.meetingId, meetingId))
    .orderBy(asc(meetingRegistrations.id));
}

export async function insertMeetingRegistration(db: Db, values: typeof meetingRegistrations.$inferInsert) {
  const [row] = await db
    .insert(meetingRegistrations)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: meetingRegistrations.id });
  return row;
}

export async function opinionsOf(db: Db, meetingId: number) {
  return db
    .select()
    .from(meetingOpinions)
    .where(eq(meetingOpinions.meetingId, meetingId))
    .orderBy(asc(meetingOpinions.id));
}

export async function insertOpinion(db: Db, values: typeof meetingOpinions.$inferInsert) {
  const [row] = await db.insert(meetingOpinions).values(values).returning();
  return row as typeof meetingOpinions.$inferSelect;
}

/** How many registrations each meeting has. */
export async function registrationCounts(db: Db, meetingIds: number[]): Promise<Map<number, number>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db
    .select({ id: meetingRegistrations.meetingId, n: count() })
    .from(meetingRegistrations)
    .where(inArray(meetingRegistrations.meetingId, meetingIds))
    .groupBy(meetingRegistrations.meetingId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Meetings whose registration has closed and whose draw is not yet published (the dashboard card). */
export async function meetingsAwaitingDraw(db: Db, scope: TUnitScope, today: string) {
  return db
    .select()
    .from(meetings)
    .where(
      and(
        inUnitScope(meetings.unitId, scope),
        sql`${meetings.drawPublishedAt} is null`,
        sql`${meetings.registrationClosesAt} < ${today}`,
      ),
    )
    .orderBy(asc(meetings.heldAt));
}

// ---- open days

export async function findOpenDay(db: Db, id: number, opts: { lock?: boolean } = {}) {
  const q = db.select().from(openDays).where(eq(openDays.id, id));
  const [row] = await (opts.lock ? q.for("update") : q);
  return row;
}

export async function listOpenDays(db: Db, scope: TUnitScope = "all") {
  return db
    .select()
    .from(openDays)
    .where(inUnitScope(openDays.unitId, scope))
    .orderBy(desc(openDays.heldAt), desc(openDays.id));
}

export async function insertOpenDay(db: Db, values: typeof openDays.$inferInsert) {
  const [row] = await db.insert(openDays).values(values).returning();
  return row as TOpenDayRow;
}

export async function updateOpenDay(db: Db, id: number, values: Partial<typeof openDays.$inferInsert>) {
  const [row] = await db.update(openDays).set(values).where(eq(openDays.id, id)).returning();
  return row as TOpenDayRow;
}

export async function openDayRegistrationsOf(db: Db, openDayId: number) {
  return db
    .select()
    .from(openDayRegistrations)
    .where(eq(openDayRegistrations.openDayId, openDayId))
    .orderBy(asc(openDayRegistrations.id));
}

/** Confirmed and waiting registrations per open day. */
export async function openDayCounts(db: Db, ids: number[]) {
  const out = new Map<number, { confirmed: number; waiting: number }>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ id: openDayRegistrations.openDayId, status: openDayRegistrations.status, n: count() })
    .from(openDayRegistrations)
    .where(and(inArray(openDayRegistrations.openDayId, ids), ne(openDayRegistrations.status, "cancelled")))
    .groupBy(openDayRegistrations.openDayId, openDayRegistrations.status);
  for (const r of rows) {
    const c = out.get(r.id) ?? { confirmed: 0, waiting: 0 };
    if (r.status === "confirmed") c.confirmed = r.n;
    if (r.status === "waiting") c.waiting = r.n;
    out.set(r.id, c);
  }
  return out;
}

export async function insertOpenDayRegistration(db: Db, values: typeof openDayRegistrations.$inferInsert) {
  const [row] = await db.insert(openDayRegistrations).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findOpenDayRegistrationByToken(db: Db, openDayId: number, tokenHash: string) {
  const [row] = await db
    .select()
    .from(openDayRegistrations)
    .where(and(eq(openDayRegistrations.openDayId, openDayId), eq(openDayRegistrations.tokenHash, tokenHash)));
  return row;
}

export async function setOpenDayRegistration(
  db: Db,
  id: number,
  values: Partial<typeof openDayRegistrations.$inferInsert>,
) {
  await db.update(openDayRegistrations).set(values).where(eq(openDayRegistrations.id, id));
}

/** The first on the waiting list (earliest registration), if any. */
export async function firstWaiting(db: Db, openDayId: number) {
  const [row] = await db
    .select()
    .from(openDayRegistrations)
    .where(and(eq(openDayRegistrations.openDayId, openDayId), eq(openDayRegistrations.status, "waiting")))
    .orderBy(asc(openDayRegistrations.id))
    .limit(1);
  return row;
}

// ---- surveys

export async function findSurvey(db: Db, id: number) {
  const [row] = await db.select().from(surveys).where(eq(surveys.id, id));
  return row;
}

export async function listSurveys(db: Db, scope: TUnitScope = "all") {
  return db
    .select()
    .from(surveys)
    .where(inUnitScope(surveys.unitId, scope))
    .orderBy(desc(surveys.opensAt), desc(surveys.id));
}

export async function insertSurvey(db: Db, values: typeof surveys.$inferInsert) {
  const [row] = await db.insert(surveys).values(values).returning();
  return row as TSurveyRow;
}

export async function updateSurvey(db: Db, id: number, values: Partial<typeof surveys.$inferInsert>) {
  const [row] = await db.update(surveys).set(values).where(eq(surveys.id, id)).returning();
  return row as TSurveyRow;
}

/** Stores a response; undefined when this respondent has answered this survey already. */
export async function insertSurveyResponse(db: Db, values: typeof surveyResponses.$inferInsert) {
  const [row] = await db
    .insert(surveyResponses)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: surveyResponses.id });
  return row;
}

export async function responseCount(db: Db, surveyId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId));
  return row?.n ?? 0;
}

/** Adds one response's answers to the running counts (inside the transaction that stores it). */
export async function addToTally(db: Db, surveyId: number, answers: TAnswer[]) {
  const rows = [{ surveyId, question: -1, value: 0, n: 1 }];
  answers.forEach((a, question) => {
    for (const value of typeof a === "number" ? [a] : Array.isArray(a) ? a : [])
      rows.push({ surveyId, question, value, n: 1 });
  });
  await db
    .insert(surveyTallies)
    .values(rows)
    .onConflictDoUpdate({
      target: [surveyTallies.surveyId, surveyTallies.question, surveyTallies.value],
      set: { n: sql`${surveyTallies.n} + 1` },
    });
}

/** The running counts: the number of responses and the rows per question and value. */
export async function readTally(db: Db, surveyId: number): Promise<{ responses: number; rows: TTallyRow[] }> {
  const rows = await db
    .select({ question: surveyTallies.question, value: surveyTallies.value, n: surveyTallies.n })
    .from(surveyTallies)
    .where(eq(surveyTallies.surveyId, surveyId));
  return {
    responses: rows.find((r) => r.question === -1)?.n ?? 0,
    rows: rows.filter((r) => r.question >= 0),
  };
}

/**
 * Counts per question and chosen value, recounted from the responses (the check of the running
 * counts, and how migrations/0036 built them): a number answer is one value,
 * an array (multiple choice) one value per element; text answers are left out.
 */
export async function surveyTally(db: Db, surveyId: number): Promise<TTallyRow[]> {
  const query: SQL = sql`
    select (e.ord - 1)::int as question, x.v::int as value, count(*)::int as n
    from ${surveyResponses} r
    cross join lateral jsonb_array_elements(r.answers) with ordinality as e(val, ord)
    cross join lateral jsonb_array_elements_text(
      case jsonb_typeof(e.val)
        when 'array' then e.val
        when 'number' then jsonb_build_array(e.val)
        else '[]'::jsonb
      end
    ) as x(v)
    where r.survey_id = ${surveyId}
    group by 1, 2`;
  return selectRows<TTallyRow>(db, query);
}

/** The free-text answers of one question, newest first (back office only). */
export async function textAnswers(db: Db, surveyId: number, question: number, limit = 200) {
  const rows = await selectRows<{ text: string; at: Date | string }>(
    db,
    sql`select r.answers ->> ${question}::int as text, r.created_at as at
        from ${surveyResponses} r
        where r.survey_id = ${surveyId} and jsonb_typeof(r.answers -> ${question}::int) = 'string'
          and length(r.answers ->> ${question}::int) > 0
        order by r.id desc limit ${limit}`,
  );
  return rows;
}
