import { Hono } from "hono";
import { AppError } from "../../platform/errors";
import { publicOrigin, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { download } from "../../platform/http/download";
import { markPublic } from "../../platform/http/edge";
import { idParam } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { pageCtx } from "../../platform/ui/page-context";
import { parseOrThrow } from "../../platform/validation";
import { todayInChina } from "../calendar";
import { findUnit } from "../org";
import { openDocumentAttachment } from "./document-attachments";
import { qrSvg } from "./document-qr";
import { DocumentPage } from "./documents.public-document-page";
import { DocumentListPage, GazetteIssuePage, GazetteListPage } from "./documents.public-pages";
import { listTopics } from "./documents.repository";
import { ZDocumentListQuery } from "./documents.schemas";
import { atomFeed, catalogueCsv, rssFeed, sitemap } from "./feeds";
import { gazetteIssues, readGazetteIssue } from "./gazette";
import { findReadableDocument, readDocument } from "./read-document";
import { publicDocumentDates } from "./search.repository";
import { catalogueRows, searchDocuments } from "./search-documents";

const FEED_SIZE = 50;
const CSV_LIMIT = 20_000;
const SITEMAP_LIMIT = 45_000;
const SITEMAP_PAGES = ["/", "/guide", "/documents", "/normative", "/gazette", "/requests/new", "/units"];

/** The query of a list page: bad values are refused in Chinese, empty ones ignored. */
function listQuery(c: TCtx, fixed: Record<string, string> = {}) {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.req.queries())) if (v[0]) raw[k] = v[0];
  const query = parseOrThrow(ZDocumentListQuery, { ...raw, ...fixed });
  const base = new URLSearchParams();
  for (const k of ["q", "unit", "year", "topic", "kind", "validity", "sort"] as const) {
    const v = raw[k];
    if (v && !(k in fixed)) base.set(k, v);
  }
  return { query, base };
}

// How long caches may keep the public catalogue's pages, files and feeds.
const PUBLIC_SECONDS = 300;
// A document's address never changes, so its QR code may be kept for a day.
const QR_SECONDS = 86_400;

/** The public catalogue, search, document pages, 公报, feeds, sitemap and CSV export. */
export function documentsRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;
  const origin = (c: TCtx) => publicOrigin(c, deps.config);
  const topicNames = async () => (await listTopics(db)).map((t) => t.name);

  const listPage = async (c: TCtx, heading: string, intro: string, fixed: Record<string, string> = {}) => {
    const { query, base } = listQuery(c, fixed);
    const result = await searchDocuments(db, query);
    markPublic(c, PUBLIC_SECONDS);
    return c.html(
      <DocumentListPage
        ctx={await pageCtx(c)}
        heading={heading}
        intro={intro}
        query={query}
        base={base}
        result={result}
        topics={await topicNames()}
        fixed={fixed}
      />,
    );
  };

  app.get("/documents", (c) =>
    listPage(
      c,
      "政府信息公开目录",
      "按发布机构、年份、主题、文件类型和有效性浏览本区主动公开的政府信息，或输入关键词、文号检索。",
    ),
  );
  app.get("/search", (c) => c.redirect(`/documents${new URL(c.req.url).search}`, 301));
  app.get("/normative", (c) =>
    listPage(
      c,
      "现行有效规范性文件",
      "本区现行有效的行政规范性文件。已废止或失效的文件可在目录中按有效性查看。",
      {
        kind: "normative",
        // 现行有效: amended documents stay in force, only 失效 and 废止 ones leave the list.
        validity: "in_force",
      },
    ),
  );
  app.get("/units/:id/documents", async (c) => {
    const unit = await findUnit(db, idParam(c));
    if (!unit) throw new AppError("not_found", MSG.notFound);
    return listPage(c, `${unit.name}信息公开目录`, `${unit.name}主动公开的政府信息。`, {
      unit: String(unit.id),
    });
  });

  app.get("/documents.csv", async (c) => {
    const { query } = listQuery(c);
    const rows = await catalogueRows(db, query, CSV_LIMIT);
    markPublic(c, PUBLIC_SECONDS);
    return download(catalogueCsv(origin(c), rows), {
      name: "政府信息公开目录.csv",
      type: "text/csv; charset=utf-8",
    });
  });

  app.get("/documents/:id", async (c) => {
    const view = await readDocument(db, idParam(c), c.get("principal") ?? null);
    const status = view.row.status === "withdrawn" && !view.isStaffView ? 410 : 200;
    if (!view.isStaffView) markPublic(c, PUBLIC_SECONDS);
    const pageUrl = `${origin(c)}/documents/${view.row.id}`;
    return c.html(
      <DocumentPage ctx={await pageCtx(c)} view={view} pageUrl={pageUrl} today={todayInChina()} />,
      status,
    );
  });

  // The page's address as a QR code, for reading a printout or a screen on a phone.
  app.get("/documents/:id/qr.svg", async (c) => {
    const id = idParam(c);
    const { isStaffView } = await findReadableDocument(db, id, c.get("principal") ?? null);
    if (!isStaffView) markPublic(c, QR_SECONDS);
    return c.body(qrSvg(`${origin(c)}/documents/${id}`), 200, {
      "content-type": "image/svg+xml; charset=utf-8",
    });
  });

  app.get("/documents/:id/attachments/:attachmentId", async (c) => {
    const file = await openDocumentAttachment(
      db,
      deps.blobs,
      c.get("principal") ?? null,
      idParam(c),
      idParam(c, "attachmentId"),
    );
    // A draft's files, seen by its staff, are never kept by a cache.
    if (file.isPublic) markPublic(c, PUBLIC_SECONDS);
    const isInline = file.mime.startsWith("image/") || file.mime === "application/pdf";
    return download(file.data, { name: file.name, type: file.mime, isInline });
  });

  app.get("/gazette", async (c) => {
    markPublic(c, PUBLIC_SECONDS);
    return c.html(<GazetteListPage ctx={await pageCtx(c)} issues={await gazetteIssues(db)} />);
  });
  app.get("/gazette/:id", async (c) => {
    const issue = await readGazetteIssue(db, idParam(c));
    markPublic(c, PUBLIC_SECONDS);
    return c.html(<GazetteIssuePage ctx={await pageCtx(c)} issue={issue} />);
  });

  const feedTitle = async (c: TCtx) => {
    const { query } = listQuery(c);
    const unit = query.unit ? await findUnit(db, query.unit) : undefined;
    if (query.unit && !unit) throw new AppError("not_found", MSG.notFound);
    const parts = [unit?.name, query.topic].filter(Boolean).join(" · ");
    return { query, title: parts ? `政府信息公开：${parts}` : "政府信息公开：最新信息" };
  };
  app.get("/feeds/documents.rss", async (c) => {
    const { query, title } = await feedTitle(c);
    const rows = await catalogueRows(db, { ...query, q: undefined }, FEED_SIZE);
    markPublic(c, PUBLIC_SECONDS);
    return c.body(rssFeed(origin(c), title, rows), 200, {
      "content-type": "application/rss+xml; charset=utf-8",
    });
  });
  app.get("/feeds/documents.atom", async (c) => {
    const { query, title } = await feedTitle(c);
    const rows = await catalogueRows(db, { ...query, q: undefined }, FEED_SIZE);
    markPublic(c, PUBLIC_SECONDS);
    const self = new URL(c.req.url);
    return c.body(atomFeed(origin(c), self.pathname + self.search, title, rows), 200, {
      "content-type": "application/atom+xml; charset=utf-8",
    });
  });
  app.get("/sitemap.xml", async (c) => {
    markPublic(c, PUBLIC_SECONDS);
    return c.body(sitemap(origin(c), SITEMAP_PAGES, await publicDocumentDates(db, SITEMAP_LIMIT)), 200, {
      "content-type": "application/xml; charset=utf-8",
    });
  });

  return app;
}
