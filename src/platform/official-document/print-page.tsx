// An official document as a standalone printable page: no site frame, so the printout is the document
// and nothing else. No inline styles or scripts, which the site's CSP forbids; the GB/T 9704 layout
// (A4, margins, 仿宋 body, 小标宋 title) is all in /static/print.css.

import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { TOfficialHead } from "./official-document";

const DOCTYPE = raw("<!DOCTYPE html>");

/**
 * The page around a document's body: title, 文号, salutation, then the body given as children, then
 * the signature and date. `what` names the document in the printing hint ("本告知书").
 */
export function OfficialPrintPage(props: {
  doc: TOfficialHead;
  what: string;
  docxHref?: string;
  children?: Child;
}) {
  const { doc, what, docxHref } = props;
  return (
    <>
      {DOCTYPE}
      <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{doc.docNo ? `${doc.title}（${doc.docNo}）` : doc.title}</title>
          <link rel="stylesheet" href="/static/print.css" />
        </head>
        <body>
          {/* Printing needs a script-free hint: a print button would need JavaScript. */}
          <p class="print-hint">
            请使用浏览器的“打印”功能（Ctrl+P）打印{what}，纸张选择 A4
            {docxHref ? (
              <>
                ；也可<a href={docxHref}>下载 Word 文件</a>。
              </>
            ) : (
              "。"
            )}
          </p>
          <main class="sheet">
            <h1 class="letter-title">{doc.title}</h1>
            {doc.docNo && <p class="letter-no">{doc.docNo}</p>}
            {doc.salutation && <p class="letter-salutation">{doc.salutation}</p>}
            {props.children}
            {(doc.signature || doc.date) && (
              <div class="letter-sign">
                {doc.signature && <p>{doc.signature}</p>}
                {doc.date && <p>{doc.date}</p>}
              </div>
            )}
          </main>
        </body>
      </html>
    </>
  );
}
