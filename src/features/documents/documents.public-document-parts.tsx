import { ValidityBadge } from "./documents.public-pages";
import {
  DISCLOSURE_LABELS,
  INTERPRETATION_FORM_LABELS,
  KIND_LABELS,
  RELATION_LABELS,
  type TDocumentKind,
  type TRelationKind,
  type TValidity,
  VALIDITY_LABELS,
} from "./documents.schemas";
import type { TDocumentView } from "./read-document";

type TRelated = TDocumentView["relations"][number];

/** Repeals and amendments in effect, and corrections: the documents that speak about this one. */
export function endingRelations(view: TDocumentView): TRelated[] {
  return view.relations.filter(
    (r) => r.direction === "to" && (r.state === "applied" || r.kind === "corrects"),
  );
}

function RelatedLink({ r }: { r: Pick<TRelated, "id" | "title" | "docNumber"> }) {
  return (
    <>
      <a href={`/documents/${r.id}`}>《{r.title}》</a>
      {r.docNumber && `（${r.docNumber}）`}
    </>
  );
}

const ENDED_HEADINGS: Partial<Record<TValidity, string>> = {
  repealed: "本文件已废止",
  invalid: "本文件已失效",
  amended: "本文件已被修改",
};

/**
 * The notice at the top of a document that is no longer valid as published: since when, and the
 * documents that repealed or amended it. A reader who arrives from a search engine must not take
 * it for the rule in force. A valid document with a 废止日期 still to come says when it will end.
 */
export function ValidityNotice({ view }: { view: TDocumentView }) {
  const d = view.row;
  const heading = ENDED_HEADINGS[view.validity];
  if (!heading) {
    if (!d.repealedAt) return null;
    return (
      <p class="notice validity-upcoming">
        本文件将自 {d.repealedAt} 起{VALIDITY_LABELS[d.endsAs as TValidity] ?? "失效"}。
      </p>
    );
  }
  const since = view.validity === "amended" ? d.amendedAt : d.repealedAt;
  const by = endingRelations(view);
  return (
    <section class={`validity-banner validity-banner-${view.validity}`} aria-labelledby="validity-banner">
      <h2 id="validity-banner">{heading}</h2>
      {since && (
        <p>
          自 <strong>{since}</strong> 起{view.validity === "amended" ? "按修改后的规定执行" : "不再执行"}。
        </p>
      )}
      {by.length > 0 && (
        <ul>
          {by.map((r) => (
            <li>
              {RELATION_LABELS[r.kind as TRelationKind].to}
              <RelatedLink r={r} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Fact({ label, wide, children }: { label: string; wide?: boolean; children: unknown }) {
  return (
    <div class={wide ? "fact wide" : "fact"}>
      <dt>{label}</dt>
      <dd>{children || "—"}</dd>
    </div>
  );
}

/**
 * The metadata of 政策文件库 in its order, two pairs to a row on wide screens (see site.css);
 * what that library does not show comes after.
 */
export function DocumentFacts({ view }: { view: TDocumentView }) {
  const d = view.row;
  return (
    <dl class="doc-facts">
      <Fact label="索引号">{d.indexNo}</Fact>
      <Fact label="主题分类">{d.topics.join("、")}</Fact>
      <Fact label="发文机关">{d.issuer}</Fact>
      <Fact label="成文日期">{d.writtenAt}</Fact>
      <Fact label="标题" wide>
        {d.title}
      </Fact>
      <Fact label="发文字号">{d.docNumber}</Fact>
      <Fact label="发布日期">{d.publishedAt}</Fact>
      <Fact label="有效性">
        <ValidityBadge validity={view.validity} />
      </Fact>
      <Fact label="实施日期">{d.effectiveAt}</Fact>
      {d.repealedAt && <Fact label="废止日期">{d.repealedAt}</Fact>}
      {d.amendedAt && <Fact label="修改日期">{d.amendedAt}</Fact>}
      <Fact label="发布机构">{view.unitName}</Fact>
      <Fact label="文件类型">
        {KIND_LABELS[d.kind as TDocumentKind]}
        {d.level ? `（${d.level}）` : ""}
      </Fact>
      <Fact label="公开方式">{DISCLOSURE_LABELS[d.disclosure as keyof typeof DISCLOSURE_LABELS]}</Fact>
      {d.keywords.length > 0 && <Fact label="主题词">{d.keywords.join("、")}</Fact>}
    </dl>
  );
}

/**
 * Print and share. The address is always shown, so it can be copied by hand; the print and copy
 * buttons need JavaScript (document.js), so they are hidden until it runs.
 */
export function DocumentTools({ pageUrl }: { pageUrl: string }) {
  return (
    <div class="doc-tools">
      <button type="button" class="button" data-print hidden>
        打印本页
      </button>
      <div class="share">
        <label for="share-url">本页链接</label>
        <input id="share-url" type="url" value={pageUrl} readonly />
        <button type="button" class="button" data-copy="share-url" hidden>
          复制链接
        </button>
        <span class="copy-status" role="status" />
      </div>
    </div>
  );
}

/** Beside the text: interpretations, related documents, the same topic's latest, and the QR code. */
export function DocumentAside({ view }: { view: TDocumentView }) {
  const d = view.row;
  // What this document does to others, and what others did to it (in effect, as the banner says).
  const related = [...view.relations.filter((r) => r.direction === "from"), ...endingRelations(view)];
  // Each document once: what is listed above is not repeated as the same topic's.
  const listed = new Set([
    ...view.relations.map((r) => r.id),
    ...view.interpretations.map((i) => i.id),
    ...(view.interprets ? [view.interprets.id] : []),
  ]);
  const sameTopic = view.sameTopic.filter((s) => !listed.has(s.id));
  return (
    <aside class="doc-aside" aria-label="相关信息">
      {view.interpretations.length > 0 && (
        <section aria-labelledby="interpretations">
          <h2 id="interpretations">政策解读</h2>
          <ul>
            {view.interpretations.map((i) => (
              <li>
                <a href={`/documents/${i.id}`}>{i.title}</a>（
                {INTERPRETATION_FORM_LABELS[i.form as keyof typeof INTERPRETATION_FORM_LABELS]}）
              </li>
            ))}
          </ul>
        </section>
      )}
      {related.length > 0 && (
        <section aria-labelledby="relations">
          <h2 id="relations">相关文件</h2>
          <ul>
            {related.map((r) => (
              <li>
                {RELATION_LABELS[r.kind as TRelationKind][r.direction]}
                <RelatedLink r={r} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {sameTopic.length > 0 && (
        <section aria-labelledby="same-topic">
          <h2 id="same-topic">同主题最新文件</h2>
          <ul>
            {sameTopic.map((s) => (
              <li>
                <a href={`/documents/${s.id}`}>{s.title}</a>
                {s.publishedAt && <span class="date">{s.publishedAt}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="doc-qr" aria-labelledby="doc-qr">
        <h2 id="doc-qr">手机扫码阅读</h2>
        <img src={`/documents/${d.id}/qr.svg`} alt="本页网址的二维码" width="144" height="144" />
      </section>
    </aside>
  );
}
