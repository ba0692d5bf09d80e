import { Pagination } from "../../platform/ui/forms";
import { PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import {
  KIND_LABELS,
  type TDocumentKind,
  type TDocumentListQuery,
  type TValidity,
  VALIDITY_LABELS,
} from "./documents.schemas";
import type { TSearchResult, TSnippetPart } from "./search-documents";
import type { TFacetCount } from "./search-facets";

const FACET_NAMES = {
  unit: "发布机构",
  year: "发布年份",
  topic: "主题分类",
  kind: "文件类型",
  validity: "有效性",
} as const;
type TFacetName = keyof typeof FACET_NAMES;

/** Validity in words, first thing a reader sees; colour only repeats what the words say. */
export function ValidityBadge({ validity }: { validity: TValidity }) {
  return <span class={`badge validity-${validity}`}>{VALIDITY_LABELS[validity]}</span>;
}

function Snippet({ parts }: { parts: TSnippetPart[] }) {
  return <p class="snippet">{parts.map((p) => (p.hit ? <mark>{p.text}</mark> : p.text))}</p>;
}

function facetLabel(name: TFacetName, f: TFacetCount): string {
  if (name === "kind") return KIND_LABELS[f.value as TDocumentKind] ?? f.value;
  if (name === "validity") return VALIDITY_LABELS[f.value as TValidity] ?? f.value;
  return f.label;
}

/** A link to the same list with one filter set or cleared; the page starts again from 1. */
function withFilter(base: URLSearchParams, key: string, value: string | null): string {
  const q = new URLSearchParams(base);
  q.delete("page");
  if (value === null) q.delete(key);
  else q.set(key, value);
  const s = q.toString();
  return s ? `?${s}` : "?";
}

/** The filters in force, each a link that removes it; fixed filters of the page are not in `base`. */
function activeFilters(result: TSearchResult, base: URLSearchParams) {
  const chips: { key: string; label: string; value: string }[] = [];
  const q = base.get("q");
  if (q) chips.push({ key: "q", label: "关键词", value: q });
  for (const name of Object.keys(FACET_NAMES) as TFacetName[]) {
    const value = base.get(name);
    if (!value) continue;
    const f = result.facets[name].find((x) => x.value === value) ?? { value, label: value, count: 0 };
    chips.push({ key: name, label: FACET_NAMES[name], value: facetLabel(name, f) });
  }
  return chips;
}

function FilterChips({ result, base }: { result: TSearchResult; base: URLSearchParams }) {
  const chips = activeFilters(result, base);
  if (chips.length === 0) return null;
  const cleared = new URLSearchParams();
  const sort = base.get("sort");
  if (sort) cleared.set("sort", sort);
  return (
    <div class="chips">
      <h2 class="visually-hidden">已选条件</h2>
      <ul>
        {chips.map((chip) => (
          <li>
            <a class="chip" href={withFilter(base, chip.key, null)}>
              <span class="visually-hidden">移除条件 </span>
              {chip.label}：{chip.value}
              <span class="chip-x" aria-hidden="true">
                ×
              </span>
            </a>
          </li>
        ))}
      </ul>
      {chips.length > 1 && <a href={`?${cleared.toString()}`}>清除全部条件</a>}
    </div>
  );
}

/**
 * Relevance or date, for a search; a list without a query is newest first already. The search use
 * case reads `sort` from the query; links keep every other parameter and start again from page 1.
 */
function SortControl({ base }: { base: URLSearchParams }) {
  if (!base.get("q")) return null;
  const current = base.get("sort") === "date" ? "date" : "relevance";
  const options = [
    { value: "relevance", label: "相关度" },
    { value: "date", label: "发布日期" },
  ];
  return (
    <p class="sort">
      <span id="sort-label">排序：</span>
      {options.map((o) =>
        o.value === current ? (
          <strong aria-current="true">按{o.label}</strong>
        ) : (
          <a href={withFilter(base, "sort", o.value)}>按{o.label}</a>
        ),
      )}
    </p>
  );
}

/** Facet lists: a side column on wide screens, a collapsed 筛选 section on phones (see site.css). */
function Facets({ result, base }: { result: TSearchResult; base: URLSearchParams }) {
  const names = Object.keys(FACET_NAMES) as TFacetName[];
  return (
    <details class="filters-panel">
      <summary>筛选</summary>
      <nav class="facets" aria-label="筛选">
        {names.map((name) => {
          const values = result.facets[name];
          const current = base.get(name);
          if (values.length === 0 && !current) return null;
          return (
            <section aria-labelledby={`facet-${name}`}>
              <h2 id={`facet-${name}`}>{FACET_NAMES[name]}</h2>
              <ul>
                {current && (
                  <li>
                    <a href={withFilter(base, name, null)}>不限{FACET_NAMES[name]}</a>
                  </li>
                )}
                {values.slice(0, 30).map((f) => (
                  <li>
                    {current === f.value ? (
                      <strong aria-current="true">
                        {facetLabel(name, f)}（{f.count}）
                      </strong>
                    ) : (
                      <a href={withFilter(base, name, f.value)}>
                        {facetLabel(name, f)}（{f.count}）
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </nav>
    </details>
  );
}

/** The search box; suggestions arrive with JavaScript, the form works without it. */
export function SearchForm({ q, hidden }: { q: string; hidden?: Record<string, string> }) {
  return (
    <search>
      <form method="get" action="/documents" class="search-form">
        <label for="q" class="visually-hidden">
          检索政府信息
        </label>
        <input
          id="q"
          name="q"
          type="search"
          value={q}
          maxlength={200}
          autocomplete="off"
          list="q-suggestions"
          data-suggest="/api/v1/documents/suggest"
          placeholder="标题、正文或文号，如 国办函〔2020〕109号"
        />
        <datalist id="q-suggestions" />
        {Object.entries(hidden ?? {}).map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
        <button type="submit" class="search-button">
          检索
        </button>
      </form>
    </search>
  );
}

function NoResults({ q, topics }: { q: string; topics: string[] }) {
  return (
    <section class="no-results" aria-labelledby="no-results">
      <h2 id="no-results">没有找到与“{q}”相关的公开信息</h2>
      <ul>
        <li>换一个说法，或少用几个词再试一次；文号可以只输入“机关代字 年份 序号”。</li>
        <li>按主题浏览：</li>
      </ul>
      <ul class="topic-links">
        {topics.map((t) => (
          <li>
            <a href={`/documents?topic=${encodeURIComponent(t)}`}>{t}</a>
          </li>
        ))}
      </ul>
      <p>
        仍然找不到？您可以<a href="/requests/new">申请获取政府信息</a>，我们将在法定期限内答复。
      </p>
    </section>
  );
}

/**
 * The catalogue, the 规范性文件 library and search results share this page. The heading carries the
 * count and the query; the first result sits inside the first screen on a desktop and on a phone.
 */
export function DocumentListPage(props: {
  ctx: TPageCtx;
  heading: string;
  intro?: string;
  query: TDocumentListQuery;
  base: URLSearchParams;
  result: TSearchResult;
  topics: string[];
  fixed?: Record<string, string>;
}) {
  const { result, query } = props;
  return (
    <PortalLayout ctx={props.ctx} title={query.q ? `“${query.q}”的检索结果` : props.heading}>
      <h1 id="results-heading" class="results-count">
        {query.q ? (
          `找到 ${result.total} 条与“${query.q}”相关的信息`
        ) : (
          <>
            {props.heading}
            <span class="heading-count">（共 {result.total} 条）</span>
          </>
        )}
      </h1>
      <SearchForm q={query.q ?? ""} hidden={props.fixed} />
      <div class="catalogue">
        <Facets result={result} base={props.base} />
        <section class="results" aria-label="检索结果">
          <div class="results-bar">
            <FilterChips result={result} base={props.base} />
            <SortControl base={props.base} />
          </div>
          {result.total === 0 && query.q ? (
            <NoResults q={query.q} topics={props.topics} />
          ) : (
            <ol class="doc-list">
              {result.items.map((d) => (
                <li>
                  <h2>
                    <a href={`/documents/${d.id}`}>{d.title}</a>
                  </h2>
                  <p class="doc-meta">
                    <ValidityBadge validity={d.validity as TValidity} />
                    {d.docNumber && <span>{d.docNumber}</span>}
                    <span>{d.unitName}</span>
                    {d.publishedAt && <span>发布日期 {d.publishedAt}</span>}
                  </p>
                  {d.snippet.length > 0 && <Snippet parts={d.snippet} />}
                </li>
              ))}
            </ol>
          )}
          <Pagination
            total={result.total}
            page={query.page}
            pageSize={query.pageSize}
            baseQuery={props.base}
          />
          {props.intro && <p class="muted list-intro">{props.intro}</p>}
          <p class="feeds">
            <a href={`/alerts/subscribe${subscribeQuery(props.base, props.fixed)}`}>
              订阅（邮件提醒本条件下的新文件）
            </a>{" "}
            ·{" "}
            <a href={`/feeds/documents.rss${props.base.toString() ? `?${feedQuery(props.base)}` : ""}`}>
              RSS 订阅
            </a>{" "}
            ·{" "}
            <a href={`/documents.csv${props.base.size > 0 ? `?${props.base.toString()}` : ""}`}>
              下载目录（CSV）
            </a>
          </p>
        </section>
      </div>
    </PortalLayout>
  );
}

/** The current filter (and search words) for the alerts' subscribe page. */
function subscribeQuery(base: URLSearchParams, fixed: Record<string, string> = {}): string {
  const q = new URLSearchParams(fixed);
  for (const k of ["unit", "topic", "kind", "q"]) {
    const v = base.get(k);
    if (v) q.set(k, v);
  }
  return q.size > 0 ? `?${q.toString()}` : "";
}

function feedQuery(base: URLSearchParams): string {
  const q = new URLSearchParams();
  for (const k of ["unit", "topic", "kind"]) {
    const v = base.get(k);
    if (v) q.set(k, v);
  }
  return q.toString();
}

/** 公报: issues by year. */
export function GazetteListPage(props: {
  ctx: TPageCtx;
  issues: { id: number; year: number; number: number; publishedOn: string; title: string }[];
}) {
  const years = [...new Set(props.issues.map((i) => i.year))];
  return (
    <PortalLayout ctx={props.ctx} title="政府公报">
      <h1>政府公报</h1>
      {years.length === 0 && <p>暂无公报。</p>}
      {years.map((y) => (
        <section aria-labelledby={`y${y}`}>
          <h2 id={`y${y}`}>{y}年</h2>
          <ul>
            {props.issues
              .filter((i) => i.year === y)
              .map((i) => (
                <li>
                  <a href={`/gazette/${i.id}`}>{i.title}</a>（{i.publishedOn}）
                </li>
              ))}
          </ul>
        </section>
      ))}
    </PortalLayout>
  );
}

/** One 公报 issue with its table of contents. */
export function GazetteIssuePage(props: {
  ctx: TPageCtx;
  issue: {
    title: string;
    publishedOn: string;
    items: { documentId: number; title: string; docNumber: string; section: string }[];
  };
}) {
  const sections = [...new Set(props.issue.items.map((i) => i.section))];
  return (
    <PortalLayout ctx={props.ctx} title={`政府公报 ${props.issue.title}`}>
      <h1>政府公报 {props.issue.title}</h1>
      <p>出版日期：{props.issue.publishedOn}</p>
      <h2>目录</h2>
      {sections.map((s) => (
        <section>
          {s && <h3>{s}</h3>}
          <ol>
            {props.issue.items
              .filter((i) => i.section === s)
              .map((i) => (
                <li>
                  <a href={`/documents/${i.documentId}`}>{i.title}</a>
                  {i.docNumber && <span>（{i.docNumber}）</span>}
                </li>
              ))}
          </ol>
        </section>
      ))}
    </PortalLayout>
  );
}
