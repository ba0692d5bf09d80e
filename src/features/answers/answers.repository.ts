import { type SQL, sql } from "drizzle-orm";
import { type Db, selectRows } from "../../platform/db";
import { documentSearch as s, effectiveValiditySql, publicIn } from "../documents";
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
  const hitCols = (vector: SQL, rank: boolean) =>
    sql`array[${sql.join(
      opts.terms.map((t) => (rank ? sql`${vector} @@ document_rank_query(${tsq(t)})` : sql`${vector} @@ ${tsq(t)}`)),
      sql`, `,
    )}]::boolean[]`;
  const phraseCount =
    opts.phrases.length === 0
      ? sql`0`
      : sql.join(
          opts.phrases.map((p) => sql`(c.search_vector @@ ${tsq(p)})::int`),
          sql` + `,
        );
  const ids = sql.join(
    opts.documentIds.map((id) => sql`${id}`),
    sql`, `,
  );
  return selectRows<TClauseCandidate>(
    db,
    sql`select c.document_id as "documentId", c.seq, c.label, c.anchor, c.chapter, c.body,
          ${hitCols(sql`c.search_vector`, false)} as hits,
          ${hitCols(sql`${s.searchVector}`, true)} as "titleHits",
          ${phraseCount} as "phraseHits",
          ts_rank_cd(c.search_vector, ${tsq(any)}, 1) as density,
          ${s.title} as title, d.doc_number as "docNumber",
          ${effectiveValiditySql(opts.today, s)} as validity,
          to_char(${s.publishedAt}, 'YYYY-MM-DD') as "publishedAt", ${s.level} as level
        from answer_clauses c
        join ${s} on ${s.documentId} = c.document_id
        join documents d on d.id = c.document_id
        where c.document_id in (${ids}) and c.search_vector @@ ${tsq(any)}
          and ${publicIn(s)} and ${effectiveValiditySql(opts.today, s)} = 'valid'
        limit ${opts.limit}`,
  );
}
