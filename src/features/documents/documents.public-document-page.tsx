import { raw } from "hono/html";
import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import { PortalLayout } from "../../platform/ui/layout";
import { renderMarkdown } from "../../platform/ui/markdown";
import type { TPageCtx } from "../../platform/ui/page-context";
import {
  DocumentAside,
  DocumentFacts,
  DocumentTools,
  ValidityNotice,
} from "./documents.public-document-parts";
import { KIND_LABELS, STATUS_LABELS, type TDocumentKind, type TDocumentStatus } from "./documents.schemas";
import type { TDocumentView } from "./read-document";

/** The breadcrumb trail: the catalogue, then the catalogue filtered to this document's kind. */
function Trail({ kind, title }: { kind: string; title: string }) {
  return (
    <Breadcrumbs
      items={[
        { href: "/", label: "首页" },
        { href: "/documents", label: "政府信息公开" },
        { href: `/documents?kind=${kind}`, label: KIND_LABELS[kind as TDocumentKind] ?? "其他" },
      ]}
      current={title}
    />
  );
}

/**
 * One document: its validity (a banner when it no longer applies as published), the metadata table,
 * print and share, the text with an anchor per article, and beside it the related documents.
 * `pageUrl` is the canonical address, printed on paper and drawn as the QR code.
 */
export function DocumentPage({
  ctx,
  view,
  pageUrl,
  today,
}: {
  ctx: TPageCtx;
  view: TDocumentView;
  pageUrl: string;
  today: string;
}) {
  const d = view.row;
  if (d.status === "withdrawn" && !view.isStaffView)
    return (
      <PortalLayout ctx={ctx} title={`已撤回：${d.title}`}>
        <Trail kind={d.kind} title={d.title} />
        <h1>{d.title}</h1>
        <div class="notice" role="note">
          <h2>本信息已撤回</h2>
          <p>{d.withdrawalNotice}</p>
          <p>撤回时间：{d.withdrawnAt?.toISOString().slice(0, 10)}</p>
        </div>
      </PortalLayout>
    );
  return (
    <PortalLayout ctx={ctx} title={d.title}>
      <Trail kind={d.kind} title={d.title} />
      <article class="document" aria-labelledby="doc-title">
        <ValidityNotice view={view} />
        <header class="doc-header">
          <h1 id="doc-title">{d.title}</h1>
          {view.isStaffView && d.status !== "published" && (
            <p class="notice">
              此文件尚未公开（{STATUS_LABELS[d.status as TDocumentStatus]}），仅本单位工作人员可见。
            </p>
          )}
          <DocumentFacts view={view} />
          {/* Only on paper: where the printout came from and when (document.js puts in the day of
              printing, as a cached page may be older). */}
          <p class="print-source">
            本页网址：{pageUrl}　打印日期：<span data-print-date>{today}</span>
          </p>
        </header>
        <DocumentTools pageUrl={pageUrl} />
        <div class="doc-layout">
          <div class="doc-main">
            {view.interprets && (
              <p class="doc-link">
                本文是对<a href={`/documents/${view.interprets.id}`}>《{view.interprets.title}》</a>的解读。
              </p>
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
          </div>
          <DocumentAside view={view} />
        </div>
      </article>
      {/* The layout's head is shared by every page; these two only this page needs. */}
      <link rel="stylesheet" href="/static/print.css" media="print" />
      <script src="/static/document.js" defer />
    </PortalLayout>
  );
}
