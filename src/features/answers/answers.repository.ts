import { type SQL, sql } from "drizzle-orm";
import { type Db, selectRows } from "../../platform/db";
import { effectiveValiditySql, publicIn, documentSearch as s } from "../documents";
import type { TClause } from "./split-clauses";

// The only place with SQL for policy answers: the clause index, the question queue and enquiries.

/** Documents whose clauses the index should hold: published, and valid by their own record. */
const INDEXED = sql`(d.status = 'published' and d.validity = 'valid')`;

export async function deleteClauses(db: Db, ids: number[]): Promise<void> {
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  await db.execute(sql`delete from answer_clauses where document_id in (${list})`);
  await db.execute(sql`delete from answer_indexed_documents where document_id in (${list})`);
}

export async function readDocumentsForIndex(db: Db, ids: number[]) {
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  return selectRows<{ id: number; body: string; updatedAt: string; isIndexed: boolean }>(
    db,
    sql`select d.id, d.body, d.updated_at::text as "updatedAt", ${INDEXED} as "isIndexed"
        from documents d where d.id in (${list})`,
  );
}

type TClauseWrite = {
  documentId: number;
  updatedAt: string;
  clauses: (TClause & { words: string })[] | null;
};

// Rows per insert statement: well under PostgreSQL's 65,535 parameters.
const INSERT_ROWS = 500;

export async function insertClauses(db: Db, docs: TClauseWrite[]): Promise<void> {
  const rows = docs.flatMap((d) =>
    (d.clauses ?? []).map(
      (c) =>
        sql`(${d.documentId}, ${c.seq}, ${c.label}, ${c.anchor}, ${c.chapter}, ${c.body}, to_tsvector('simple', ${c.words}))`,
    ),
  );
  for (let i = 0; i < rows.length; i += INSERT_ROWS)
    await db.execute(
      sql`insert into answer_clauses (document_id, seq, label, anchor, chapter, body, search_vector)
          values ${sql.join(rows.slice(i, i + INSERT_ROWS), sql`, `)}`,
    );
  const marks = docs.filter((d) => d.clauses).map((d) => sql`(${d.documentId}, ${d.updatedAt}::timestamptz)`);
  if (marks.length > 0)
    await db.execute(
      sql`insert into answer_indexed_documents (document_id, updated_at) values ${sql.join(marks, sql`, `)}
          on conflict (document_id) do update set updated_at = excluded.updated_at, indexed_at = now()`,
    );
}

/** Documents the index holds in another version than the current one, or should hold and does not. */
export async function outOfStepDocuments(db: Db, limit: number): Promise<number[]> {
  const rows = await selectRows<{ id: number }>(
    db,
    sql`select d.id from documents d
        left join answer_indexed_documents a on a.document_id = d.id
        where (${INDEXED} and (a.document_id is null or a.updated_at <> d.updated_at))
           or (a.document_id is not null and not ${INDEXED})
        order by d.id limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

export type TClauseCandidate = {
  documentId: number;
  seq: number;
  label: string;
  anchor: string;
  chapter: string;
  body: string;
  /** Which of the query's required terms the clause holds, by position. */
  hits: boolean[];
  /** Which of them are in the document's title, 文号 or keywords. */
  titleHits: boolean[];
  phraseHits: number;
  density: number;
  title: string;
  docNumber: string;
  validity: string;
  publishedAt: string | null;
  level: string;
};

const tsq = (q: string) => sql`to_tsquery('simple', ${q})`;

/**
 * The clauses of these documents that hold any of the terms, with what each holds; only of documents
 * public and valid today. `density` is ts_rank_cd (cover density: the terms close together), over
 * the clause's length.
 */
export async function clauseCandidates(
  db: Db,
  opts: { documentIds: number[]; terms: string[]; phrases: string[]; today: string; limit: number },
): Promise<TClauseCandidate[]> {
  if (opts.documentIds.length === 0 || opts.terms.length === 0) return [];
  const any = opts.terms.map((t) => (t.includes(" ") && !t.startsWith("(") ? `(${t})` : t)).join(" | ");
  // The queries are parsed once, in `q`: to_tsquery in a select list runs again for every row.
  const termQueries = sql.join(
    opts.terms.map((t) => tsq(t)),
    sql`, `,
  );
  const phraseQueries =
    opts.phrases.length === 0
      ? sql`array[]::tsquery[]`
      : sql`array[${sql.join(
          opts.phrases.map((p) => tsq(p)),
          sql`, `,
        )}]`;
  const hitCols = (vector: SQL, rank: boolean) =>
    sql`array[${sql.join(
      opts.terms.map((_t, i) =>
        rank ? sql`${vector} @@ document_rank_query(q.terms[${i + 1}])` : sql`${vector} @@ q.terms[${i + 1}]`,
      ),
      sql`, `,
    )}]::boolean[]`;
  const phraseCount =
    opts.phrases.length === 0
      ? sql`0`
      : sql.join(
          opts.phrases.map((_p, i) => sql`(c.search_vector @@ q.phrases[${i + 1}])::int`),
          sql` + `,
        );
  const ids = sql.join(
    opts.documentIds.map((id) => sql`${id}`),
    sql`, `,
  );
  // Each document's title hits are tested once, in `docs`: its text vector is large and stored out of
  // line, and testing it for every clause row read it again each time (100 ms a question at 3,400 laws).
  return selectRows<TClauseCandidate>(
    db,
    sql`with q as materialized (
          select array[${termQueries}] as terms, ${phraseQueries} as phrases,
            ${tsq(any)} as any
        ), docs as materialized (
          select ${s.documentId} as id, ${hitCols(sql`${s.searchVector}`, true)} as title_hits,
            ${s.title} as title, d.doc_number, ${effectiveValiditySql(opts.today, s)} as validity,
            to_char(${s.publishedAt}, 'YYYY-MM-DD') as published_at, ${s.level} as level
          from q, ${s} join documents d on d.id = ${s.documentId}
          where ${s.documentId} in (${ids}) and ${publicIn(s)}
            and ${effectiveValiditySql(opts.today, s)} = 'valid'
        )
        select c.document_id as "documentId", c.seq, c.label, c.anchor, c.chapter, c.body,
          ${hitCols(sql`c.search_vector`, false)} as hits,
          docs.title_hits as "titleHits",
          ${phraseCount} as "phraseHits",
          ts_rank_cd(c.search_vector, q.any, 1) as density,
          docs.title, docs.doc_number as "docNumber", docs.validity,
          docs.published_at as "publishedAt", docs.level
        from q, docs join answer_clauses c on c.document_id = docs.id
        where c.document_id in (${ids}) and c.search_vector @@ q.any
        limit ${opts.limit}`,
  );
}

// ---- the question queue and the 问答库

export type TQuestionRow = {
  id: number;
  question: string;
  contact: string;
  status: string;
  unitId: number | null;
  unitName: string | null;
  dueOn: string | null;
  answer: string;
  citations: TStoredCitation[];
  answeredBy: string | null;
  answeredAt: string | null;
  publishedAt: string | null;
  createdOn: string;
};

export type TStoredCitation = {
  documentId: number;
  title: string;
  docNumber: string;
  clause: string;
  url: string;
};

const QUESTION_COLUMNS = sql`q.id, q.question, q.contact, q.status, q.unit_id as "unitId", u.name as "unitName",
  to_char(q.due_on, 'YYYY-MM-DD') as "dueOn", q.answer, q.citations, q.answered_by as "answeredBy",
  to_char(q.answered_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "answeredAt",
  to_char(q.published_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "publishedAt",
  to_char(q.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "createdOn"`;

export async function insertQuestion(
  db: Db,
  question: string,
  contact: string,
  words: string,
): Promise<number> {
  const [row] = await selectRows<{ id: number }>(
    db,
    sql`insert into policy_questions (question, contact, search_vector)
        values (${question}, ${contact}, to_tsvector('simple', ${words})) returning id`,
  );
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

export async function findQuestion(db: Db, id: number, forUpdate = false): Promise<TQuestionRow | null> {
  const [row] = await selectRows<TQuestionRow>(
    db,
    sql`select ${QUESTION_COLUMNS} from policy_questions q left join units u on u.id = q.unit_id
        where q.id = ${id} ${forUpdate ? sql`for update of q` : sql``}`,
  );
  return row ?? null;
}

/** The queue for staff: everything for district roles, else only questions routed to their units. */
export async function listQuestions(
  db: Db,
  opts: { units: "all" | number[]; status?: string; limit: number },
): Promise<TQuestionRow[]> {
  const scope =
    opts.units === "all"
      ? sql`true`
      : opts.units.length === 0
        ? sql`false`
        : sql`q.unit_id in (${sql.join(
            opts.units.map((u) => sql`${u}`),
            sql`, `,
          )})`;
  const status = opts.status ? sql`q.status = ${opts.status}` : sql`true`;
  return selectRows<TQuestionRow>(
    db,
    sql`select ${QUESTION_COLUMNS} from policy_questions q left join units u on u.id = q.unit_id
        where ${scope} and ${status}
        order by (q.status in ('new', 'routed')) desc, q.due_on nulls last, q.id desc limit ${opts.limit}`,
  );
}

export async function updateQuestion(
  db: Db,
  id: number,
  set: {
    status: string;
    unitId?: number;
    dueOn?: string;
    answer?: string;
    citations?: TStoredCitation[];
    answeredBy?: string;
  },
): Promise<void> {
  await db.execute(sql`update policy_questions set status = ${set.status},
      unit_id = coalesce(${set.unitId ?? null}::int, unit_id),
      due_on = coalesce(${set.dueOn ?? null}::date, due_on),
      answer = coalesce(${set.answer ?? null}, answer),
      citations = coalesce(${set.citations ? JSON.stringify(set.citations) : null}::jsonb, citations),
      answered_by = coalesce(${set.answeredBy ?? null}, answered_by),
      answered_at = case when ${set.status} = 'answered' then now() else answered_at end,
      published_at = case when ${set.status} = 'published' then now() when ${set.status} = 'closed' then null else published_at end,
      updated_at = now()
    where id = ${id}`);
}

/** Questions routed and not answered whose due date has passed, per unit (the dashboard). */
export async function overdueQuestions(db: Db, units: "all" | number[], today: string) {
  const scope =
    units === "all"
      ? sql`true`
      : units.length === 0
        ? sql`false`
        : sql`q.unit_id in (${sql.join(
            units.map((u) => sql`${u}`),
            sql`, `,
          )})`;
  return selectRows<{ id: number; question: string; unitName: string | null; dueOn: string }>(
    db,
    sql`select q.id, left(q.question, 60) as question, u.name as "unitName", to_char(q.due_on, 'YYYY-MM-DD') as "dueOn"
        from policy_questions q left join units u on u.id = q.unit_id
        where q.status = 'routed' and q.due_on < ${today}::date and ${scope}
        order by q.due_on, q.id limit 50`,
  );
}

/** Published answers, best match first when there is a query; never the contact. */
export async function searchFaq(
  db: Db,
  opts: { match: string | null; page: number; pageSize: number },
): Promise<{ total: number; items: Omit<TQuestionRow, "contact">[] }> {
  const where = sql`q.status = 'published' ${opts.match ? sql`and q.search_vector @@ ${tsq(opts.match)}` : sql``}`;
  const order = opts.match
    ? sql`ts_rank_cd(q.search_vector, ${tsq(opts.match)}) desc, q.published_at desc`
    : sql`q.published_at desc, q.id desc`;
  const [count] = await selectRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from policy_questions q where ${where}`,
  );
  const items = await selectRows<TQuestionRow>(
    db,
    sql`select ${QUESTION_COLUMNS} from policy_questions q left join units u on u.id = q.unit_id
        where ${where} order by ${order} limit ${opts.pageSize} offset ${(opts.page - 1) * opts.pageSize}`,
  );
  return { total: count?.n ?? 0, items: items.map(({ contact: _c, ...rest }) => rest) };
}

/** The clause a staff answer cites, if that document is public and valid today and has it. */
export async function findCitableClause(db: Db, documentId: number, label: string, today: string) {
  const [row] = await selectRows<{ title: string; docNumber: string; anchor: string; label: string }>(
    db,
    sql`select ${s.title} as title, d.doc_number as "docNumber", c.anchor, c.label
        from answer_clauses c join ${s} on ${s.documentId} = c.document_id join documents d on d.id = c.document_id
        where c.document_id = ${documentId} and c.label = ${label}
          and ${publicIn(s)} and ${effectiveValiditySql(today, s)} = 'valid'
        limit 1`,
  );
  return row ?? null;
}

// ---- enquiries

export async function insertEnquiry(
  db: Db,
  v: {
    channel: string;
    unitId: number;
    occurredOn: string;
    topic: string;
    answer: string;
    createdBy: string;
  },
): Promise<number> {
  const [row] = await selectRows<{ id: number }>(
    db,
    sql`insert into policy_enquiries (channel, unit_id, occurred_on, topic, answer, created_by)
        values (${v.channel}, ${v.unitId}, ${v.occurredOn}, ${v.topic}, ${v.answer}, ${v.createdBy}) returning id`,
  );
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

/** Enquiries of one year counted by unit, month and channel, within the caller's units. */
export async function enquiryCounts(db: Db, units: "all" | number[], year: number) {
  const scope =
    units === "all"
      ? sql`true`
      : units.length === 0
        ? sql`false`
        : sql`e.unit_id in (${sql.join(
            units.map((u) => sql`${u}`),
            sql`, `,
          )})`;
  return selectRows<{ unitId: number; unitName: string; month: number; channel: string; count: number }>(
    db,
    sql`select e.unit_id as "unitId", u.name as "unitName", extract(month from e.occurred_on)::int as month,
          e.channel, count(*)::int as count
        from policy_enquiries e join units u on u.id = e.unit_id
        where ${scope} and e.occurred_on >= ${`${year}-01-01`}::date and e.occurred_on < ${`${year + 1}-01-01`}::date
        group by 1, 2, 3, 4 order by 2, 3, 4`,
  );
}

export async function recentEnquiries(db: Db, units: "all" | number[], limit: number) {
  const scope =
    units === "all"
      ? sql`true`
      : units.length === 0
        ? sql`false`
        : sql`e.unit_id in (${sql.join(
            units.map((u) => sql`${u}`),
            sql`, `,
          )})`;
  return selectRows<{
    id: number;
    channel: string;
    unitName: string;
    occurredOn: string;
    topic: string;
    answer: string;
  }>(
    db,
    sql`select e.id, e.channel, u.name as "unitName", to_char(e.occurred_on, 'YYYY-MM-DD') as "occurredOn", e.topic, e.answer
        from policy_enquiries e join units u on u.id = e.unit_id where ${scope}
        order by e.occurred_on desc, e.id desc limit ${limit}`,
  );
}
