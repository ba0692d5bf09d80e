import { KIND_LABELS, type TDocumentKind, type TValidity, VALIDITY_LABELS } from "./documents.schemas";
import type { TSearchHit } from "./search.repository";

// Feeds, the sitemap and the CSV catalogue are built as text: each is a few lines of a fixed format.

const XML_ENTITIES: Record<string, string> = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
  "'": "&apos;",
  '"': "&quot;",
};

/** Text safe inside XML: markup characters escaped, and the control characters XML 1.0 forbids dropped. */
function xml(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 && ch !== "\t" && ch !== "\n" && ch !== "\r") continue;
    out += XML_ENTITIES[ch] ?? ch;
  }
  return out;
}

type TFeedItem = Pick<TSearchHit, "id" | "title" | "docNumber" | "unitName" | "publishedAt" | "summary">;

/** Noon in Beijing on the publication date: a feed needs a time, and the catalogue only has a day. */
function feedTime(day: string | null): Date {
  return new Date(`${day ?? "1970-01-01"}T12:00:00+08:00`);
}

/** RSS 2.0 of the newest documents. */
export function rssFeed(origin: string, title: string, items: TFeedItem[]): string {
  const entries = items
    .map(
      (d) =>
        `<item><title>${xml(d.title)}</title><link>${origin}/documents/${d.id}</link><guid isPermaLink="true">${origin}/documents/${d.id}</guid><pubDate>${feedTime(d.publishedAt).toUTCString()}</pubDate><description>${xml([d.unitName, d.docNumber, d.summary].filter(Boolean).join(" "))}</description></item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${xml(title)}</title><link>${origin}/documents</link><description>${xml(title)}</description><language>zh-CN</language>
${entries}
</channel></rss>
`;
}

/** Atom 1.0 of the newest documents. */
export function atomFeed(origin: string, selfPath: string, title: string, items: TFeedItem[]): string {
  const updated = items[0] ? feedTime(items[0].publishedAt) : new Date(0);
  const entries = items
    .map(
      (d) =>
        `<entry><title>${xml(d.title)}</title><link href="${origin}/documents/${d.id}"/><id>${origin}/documents/${d.id}</id><updated>${feedTime(d.publishedAt).toISOString()}</updated><author><name>${xml(d.unitName)}</name></author><summary>${xml([d.docNumber, d.summary].filter(Boolean).join(" "))}</summary></entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${xml(title)}</title><id>${origin}${xml(selfPath)}</id><link rel="self" href="${origin}${xml(selfPath)}"/><link href="${origin}/documents"/><updated>${updated.toISOString()}</updated>
${entries}
</feed>
`;
}

/** sitemap.xml: the portal's fixed pages and every public document. */
export function sitemap(
  origin: string,
  fixedPaths: string[],
  docs: { id: number; publishedAt: string | null }[],
): string {
  const urls = [
    ...fixedPaths.map((p) => `<url><loc>${origin}${p}</loc></url>`),
    ...docs.map(
      (d) =>
        `<url><loc>${origin}/documents/${d.id}</loc>${d.publishedAt ? `<lastmod>${d.publishedAt}</lastmod>` : ""}</url>`,
    ),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join("\n")}
</urlset>
`;
}

const csvCell = (v: string) => {
  // A leading = + - @ would run as a formula when the file is opened in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The catalogue as CSV (UTF-8 with BOM, so that spreadsheet programs read the Chinese right). */
export function catalogueCsv(origin: string, items: (TSearchHit & { topics?: string[] })[]): string {
  const header = [
    "索引号",
    "标题",
    "文号",
    "发文机关",
    "发布机构",
    "成文日期",
    "发布日期",
    "文件类型",
    "有效性",
    "废止日期",
    "修改日期",
    "链接",
  ];
  const rows = items.map((d) =>
    [
      d.indexNo,
      d.title,
      d.docNumber,
      d.issuer,
      d.unitName,
      d.writtenAt ?? "",
      d.publishedAt ?? "",
      KIND_LABELS[d.kind as TDocumentKind] ?? d.kind,
      VALIDITY_LABELS[d.validity as TValidity] ?? d.validity,
      d.repealedAt ?? "",
      d.amendedAt ?? "",
      `${origin}/documents/${d.id}`,
    ]
      .map(csvCell)
      .join(","),
  );
  return `\uFEFF${[header.join(","), ...rows].join("\r\n")}\r\n`;
}
