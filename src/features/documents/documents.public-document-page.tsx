import { raw } from "hono/html";
import { PortalLayout } from "../../platform/ui/layout";
import { renderMarkdown } from "../../platform/ui/markdown";
import type { TPageCtx } from "../../platform/ui/page-context";
import { ValidityBadge } from "./documents.public-pages";
import {
  DISCLOSURE_LABELS,
  INTERPRETATION_FORM_LABELS,
  KIND_LABELS,
  RELATION_LABELS,
  STATUS_LABELS,
  type TDocumentKind,
  type TDocumentStatus,
  type TRelationKind,
  VALIDITY_LABELS,
} from "./documents.schemas";
import type { TDocumentView } from "./read-document";

function Meta({ label, children }: { label: string; children: unknown }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children || "—"}</dd>
    </>
  );
}

/** One document: validity and metadata first, then the text, interpretations, links and files. */
export function DocumentPage({ ctx, view }: { ctx: TPageCtx; view: TDocumentView }) {
  const d = view.row;
  if (d.status === "withdrawn" && !view.isStaffView)
    return (
      <PortalLayout ctx={ctx} title={`已撤回：${d.title}`}>
        <h1>{d.title}</h1>
        <div class="notice" role="note">
          <h2>本信息已撤回</h2>
          <p>{d.withdrawalNotice}</p>
          <p>撤回时间：{d.withdrawnAt?.toISOString().slice(0, 10)}</p>
        </div>
      </PortalLayout>
    );
  // Only repeals and amendments in effect speak about this document (a proposal does not, yet).
  const repealedBy = view.relations.filter(
    (r) => r.direction === "to" && (r.state === "applied" || r.kind === "corrects"),
  );
  // The date the validity shown took effect: 废止日期 for 失效/废止, 修改日期 for 已修改.
  const since = view.validity === "amended" ? d.amendedAt : view.validity !== "valid" ? d.repealedAt : null;
  return (
    <PortalLayout ctx={ctx} title={d.title}>
      <article class="document">
        <header>
          <p class="doc-status">
            <ValidityBadge validity={view.validity} />
            {since && <span> 自 {since} 起</span>}
            {repealedBy.map((r) => (
              <span>
                {" "}
                {RELATION_LABELS[r.kind as TRelationKind].to}
                <a href={`/documents/${r.id}`}>《{r.title}》</a>
              </span>
            ))}
          </p>
          <h1>{d.title}</h1>
          {view.isStaffView && d.status !== "published" && (
            <p class="notice">
              此文件尚未公开（{STATUS_LABELS[d.status as TDocumentStatus]}），仅本单位工作人员可见。
            </p>
          )}
          <dl class="doc-facts">
            <Meta label="索引号">{d.indexNo}</Meta>
            <Meta label="主题分类">{d.topics.join("、")}</Meta>
            <Meta label="发文机关">{d.issuer}</Meta>
            <Meta label="发布机构">{view.unitName}</Meta>
            <Meta label="成文日期">{d.writtenAt}</Meta>
            <Meta label="发布日期">{d.publishedAt}</Meta>
            <Meta label="文号">{d.docNumber}</Meta>
            {d.effectiveAt && <Meta label="实施日期">{d.effectiveAt}</Meta>}
            <Meta label="有效性">{VALIDITY_LABELS[view.validity]}</Meta>
            {d.repealedAt && <Meta label="废止日期">{d.repealedAt}</Meta>}
            {d.amendedAt && <Meta label="修改日期">{d.amendedAt}</Meta>}
            <Meta label="文件类型">
              {KIND_LABELS[d.kind as TDocumentKind]}
              {d.level ? `（${d.level}）` : ""}
            </Meta>
            <Meta label="公开方式">{DISCLOSURE_LABELS[d.disclosure as keyof typeof DISCLOSURE_LABELS]}</Meta>
            {d.keywords.length > 0 && <Meta label="主题词">{d.keywords.join("、")}</Meta>}
          </dl>
        </header>
        {view.interprets && (
          <p class="doc-link">
            本文是对<a href={`/documents/${view.interprets.id}`}>《{view.interprets.title}》</a>的解读。
          </p>
        )}
        {view.interpretations.length > 0 && (
          <section class="doc-link" aria-labelledby="interpretations">
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
        {d.summary && <p class="lead">{d.summary}</p>}
        {d.videoUrl && (
          <p>
            <a href={d.videoUrl} rel="noopener noreferrer nofollow">
              观看视频解读
            </a>
          </p>
        )}
        {/* bodyHtml is written only by server code from JSX that escapes every text (the annual
            report's tables need merged headers, which Markdown cannot draw); authors' Markdown goes
            through renderMarkdown, which never passes raw HTML. */}
        <div class="doc-body">{raw(d.bodyHtml ?? renderMarkdown(d.body))}</div>
        {view.qa.length > 0 && (
          <section aria-labelledby="qa">
            <h2 id="qa">问答</h2>
            <dl class="qa">
              {view.qa.map((q) => (
                <>
                  <dt>问：{q.question}</dt>
                  <dd>答：{q.answer}</dd>
                </>
              ))}
            </dl>
          </section>
        )}
        {view.attachments.length > 0 && (
          <section aria-labelledby="attachments">
            <h2 id="attachments">附件</h2>
            <ul>
              {view.attachments.map((a) => (
                <li>
                  {a.mime.startsWith("image/") ? (
                    <figure>
                      <img src={`/documents/${d.id}/attachments/${a.id}`} alt={a.name} />
                      <figcaption>{a.name}</figcaption>
                    </figure>
                  ) : (
                    <a href={`/documents/${d.id}/attachments/${a.id}`}>
                      {a.name}（{Math.max(1, Math.round(a.size / 1024))} KB）
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
        {view.relations.filter((r) => r.direction === "from").length > 0 && (
          <section aria-labelledby="relations">
            <h2 id="relations">相关文件</h2>
            <ul>
              {view.relations
                .filter((r) => r.direction === "from")
                .map((r) => (
                  <li>
                    {RELATION_LABELS[r.kind as TRelationKind].from}
                    <a href={`/documents/${r.id}`}>《{r.title}》</a>
                  </li>
                ))}
            </ul>
          </section>
        )}
        {view.gazette.length > 0 && (
          <p class="doc-link">
            刊登于
            {view.gazette.map((g) => (
              <a href={`/gazette/${g.id}`}>
                《政府公报》{g.year}年第{g.number}期
              </a>
            ))}
          </p>
        )}
      </article>
    </PortalLayout>
  );
}
