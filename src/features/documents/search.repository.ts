import { type SQL, sql } from "drizzle-orm";
import { type Db, selectRows } from "../../platform/db";
import { effectiveValiditySql, isPublic } from "./documents.repository";
import { documents } from "./documents.tables";

/** What a catalogue or search asks for; `tsQuery` and `docNumberKey` are the query already analysed. */
export type TSearchFilter = {
  text?: string;
  tsQuery?: string | null;
  docNumberKey?: string | null;
  unitId?: number;
  year?: number;
  topic?: string;
  kind?: string;
  validity?: string;
  /** Public catalogue, or the back office limited to some units. */
  scope: "public" | { units: "all" | number[] };
};

export type TSearchHit = {
  id: number;
  title: string;
  docNumber: string;
  indexNo: string;
  kind: string;
  unitId: number;
  unitName: string;
  issuer: string;
  writtenAt: string | null;
  publishedAt: string | null;
  validity: string;
  status: string;
  summary: string;
  bodyStart: string;
};

export type TFacetCount = { value: string; label: string; count: number };
export type TFacets = {
  unit: TFacetCount[];
  year: TFacetCount[];
  topic: TFacetCount[];
  kind: TFacetCount[];
  validity: TFacetCount[];
};

// Snippets come from the start of the body; reading whole laws for twenty hits would be wasteful.
const SNIPPET_SOURCE_CHARS = 20_000;

function conditions(f: TSearchFilter, today: string): SQL {
  const parts: SQL[] = [];
  if (f.scope === "public") parts.push(isPublic);
  else if (f.scope.units !== "all")
    parts.push(f.scope.units.length > 0 ? sql`${documents.unitId} in ${f.scope.units}` : sql`false`);
  if (f.tsQuery || f.docNumberKey) {
    const alternatives: SQL[] = [];
    if (f.tsQuery) alternatives.push(sql`${documents.searchVector} @@ to_tsquery('simple', ${f.tsQuery})`);
    if (f.docNumberKey) alternatives.push(sql`${documents.docNumberKey} = ${f.docNumberKey}`);
    parts.push(sql`(${sql.join(alternatives, sql` or `)})`);
  }
  if (f.unitId) parts.push(sql`${documents.unitId} = ${f.unitId}`);
  if (f.year)
    parts.push(
      sql`${documents.publishedAt} >= ${`${f.year}-01-01`}::date and ${documents.publishedAt} < ${`${f.year + 1}-01-01`}::date`,
    );
  if (f.topic) parts.push(sql`${documents.topics} @> array[${f.topic}]::text[]`);
  if (f.kind) parts.push(sql`${documents.kind} = ${f.kind}`);
  if (f.validity) parts.push(sql`${effectiveValiditySql(today)} = ${f.validity}`);
  return parts.length > 0 ? sql.join(parts, sql` and `) : sql`true`;
}

/**
 * Relevance, from features that are cheap to test on every match: the query found in the title, 文号,
 * keywords or topics (the small rank vector), the exact query text in the title, the 文号 itself
 * typed, and a valid document before a repealed one; among equals the newest first. Ranking by how
 * often the words occur in the text would read each match's full vector from TOAST: seconds when a
 * word is in most documents (docs/PERFORMANCE.md).
 */
function rank(f: TSearchFilter, today: string): SQL {
  const parts: SQL[] = [];
  if (f.tsQuery)
    parts.push(
      sql`(case when ${documents.rankVector} @@ to_tsquery('simple', ${f.tsQuery}) then 2 else 0 end)`,
    );
  if (f.text) parts.push(sql`(case when strpos(${documents.title}, ${f.text}) > 0 then 1 else 0 end)`);
  if (f.docNumberKey)
    parts.push(sql`(case when ${documents.docNumberKey} = ${f.docNumberKey} then 100 else 0 end)`);
  const score = parts.length > 0 ? sql.join(parts, sql` + `) : sql`0`;
  return sql`((${score}) * (case when ${effectiveValiditySql(today)} = 'valid' then 1.5 else 1 end))`;
}

/**
 * Runs text searches with sequential scans off. When a word is in most documents the planner prefers
 * reading the table to using the GIN index, not knowing that testing each row means decompressing its
 * whole text vector from TOAST: ten times slower than the bitmap from the index (measured at 100,000
 * documents, docs/PERFORMANCE.md).
 */
export function withIndexScans<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    return fn(tx);
  });
}

/** One page of documents, newest first, or by relevance when there is a query. */
export async function searchPage(
  db: Db,
  f: TSearchFilter,
  today: string,
  page: number,
  pageSize: number,
  snippetSourceChars = SNIPPET_SOURCE_CHARS,
): Promise<TSearchHit[]> {
  const hasQuery = Boolean(f.tsQuery || f.docNumberKey);
  const order = hasQuery
    ? sql`score desc, published_at desc nulls last, id desc`
    : sql`published_at desc nulls last, id desc`;
  // Rank and cut to one page first, reading only the small columns; the wide ones (the body for the
  // snippet) are fetched for that page alone, not for every match.
  return selectRows<TSearchHit>(
    db,
    sql`select d.id, d.title, d.doc_number as "docNumber", d.index_no as "indexNo", d.kind,
          d.unit_id as "unitId", u.name as "unitName", d.issuer,
          to_char(d.written_at, 'YYYY-MM-DD') as "writtenAt",
          to_char(d.published_at, 'YYYY-MM-DD') as "publishedAt",
          ranked.validity, d.status, d.summary,
          left(d.body, ${snippetSourceChars}) as "bodyStart"
        from (
          select ${documents.id} as id, ${documents.publishedAt} as published_at,
            ${rank(f, today)} as score, ${effectiveValiditySql(today)} as validity
          from ${documents}
          where ${conditions(f, today)}
          order by ${order}
          limit ${pageSize} offset ${(page - 1) * pageSize}
        ) ranked
        join documents d on d.id = ranked.id
        join units u on u.id = d.unit_id
        order by ${hasQuery ? sql`ranked.score desc, ` : sql``}ranked.published_at desc nulls last, ranked.id desc`,
  );
}

/** The count of every facet value over the filtered set, and the total. */
export async function searchFacets(
  db: Db,
  f: TSearchFilter,
  today: string,
): Promise<{ total: number; facets: TFacets }> {
  const where = conditions(f, today);
  const grouped = await selectRows<{
    unit_id: number | null;
    unit_name: string | null;
    year: number | null;
    kind: string | null;
    validity: string | null;
    g: number;
    n: string;
  }>(
    db,
    sql`select d.unit_id, min(u.name) as unit_name, d.year, d.kind, d.validity,
          grouping(d.unit_id, d.year, d.kind, d.validity) as g, count(*) as n
        from (
          select ${documents.unitId} as unit_id, extract(year from ${documents.publishedAt})::int as year,
            ${documents.kind} as kind, ${effectiveValiditySql(today)} as validity
          from ${documents} where ${where}
        ) d join units u on u.id = d.unit_id
        group by grouping sets ((d.unit_id), (d.year), (d.kind), (d.validity), ())`,
  );
  const topics = await selectRows<{ topic: string; n: string }>(
    db,
    sql`select t.topic, count(*) as n from ${documents}, unnest(${documents.topics}) as t(topic)
        where ${where} group by t.topic order by count(*) desc, t.topic limit 100`,
  );
  const facets: TFacets = { unit: [], year: [], topic: [], kind: [], validity: [] };
  let total = 0;
  for (const r of grouped) {
    const count = Number(r.n);
    // grouping() has one bit per column, the first column highest: 0b0111 is the row grouped by unit.
    if (r.g === 0b1111) total = count;
    else if (r.g === 0b0111 && r.unit_id !== null)
      facets.unit.push({ value: String(r.unit_id), label: r.unit_name ?? "", count });
    else if (r.g === 0b1011 && r.year !== null)
      facets.year.push({ value: String(r.year), label: `${r.year}年`, count });
    else if (r.g === 0b1101 && r.kind !== null) facets.kind.push({ value: r.kind, label: r.kind, count });
    else if (r.g === 0b1110 && r.validity !== null)
      facets.validity.push({ value: r.validity, label: r.validity, count });
  }
  facets.unit.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "zh"));
  facets.year.sort((a, b) => Number(b.value) - Number(a.value));
  facets.kind.sort((a, b) => b.count - a.count);
  facets.validity.sort((a, b) => b.count - a.count);
  facets.topic = topics.map((t) => ({ value: t.topic, label: t.topic, count: Number(t.n) }));
  return { total, facets };
}

/** Titles that contain what is being typed, for suggestions while typing. */
export async function suggestTitles(
  db: Db,
  prefix: string,
  limit = 8,
): Promise<{ id: number; title: string }[]> {
  return selectRows<{ id: number; title: string }>(
    db,
    sql`select ${documents.id} as id, ${documents.title} as title from ${documents}
        where ${isPublic} and ${documents.title} ilike ${`%${prefix.replace(/[\\%_]/g, "\\$&")}%`}
        order by (strpos(${documents.title}, ${prefix}) = 1) desc, length(${documents.title}), ${documents.id} desc
        limit ${limit}`,
  );
}

/** Published items that came out more than 20 working days after they were made (Art. 26). */
export async function latePublications(db: Db, units: "all" | number[], limit = 500) {
  return selectRows<{
    id: number;
    title: string;
    unitName: string;
    writtenAt: string;
    publishDue: string;
    publishedAt: string;
  }>(
    db,
    sql`select d.id, d.title, u.name as "unitName", to_char(d.written_at, 'YYYY-MM-DD') as "writtenAt",
          to_char(d.publish_due, 'YYYY-MM-DD') as "publishDue", to_char(d.published_at, 'YYYY-MM-DD') as "publishedAt"
        from documents d join units u on u.id = d.unit_id
        where d.status = 'published' and d.published_at > d.publish_due
          and ${units === "all" ? sql`true` : units.length > 0 ? sql`d.unit_id in ${units}` : sql`false`}
        order by d.published_at desc, d.id desc limit ${limit}`,
  );
}

/** Every public document's id and date, newest first, for the sitemap. */
export async function publicDocumentDates(db: Db, limit: number) {
  return selectRows<{ id: number; publishedAt: string | null }>(
    db,
    sql`select ${documents.id} as id, to_char(${documents.publishedAt}, 'YYYY-MM-DD') as "publishedAt"
        from ${documents} where ${isPublic} order by ${documents.publishedAt} desc nulls last, ${documents.id} desc limit ${limit}`,
  );
}
