// The reply letter as a standalone printable page: no site frame, so the printout is the letter and
// nothing else. No inline styles or scripts, which the site's CSP forbids; all layout is print.css.

import { raw } from "hono/html";
import type { TReplyLetter } from "./render-text";

const DOCTYPE = raw("<!DOCTYPE html>");

export function ReplyLetterPrintPage({ letter }: { letter: TReplyLetter }) {
  return (
    <>
      {DOCTYPE}
      <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{`${letter.title}（${letter.docNo}）`}</title>
          <link rel="stylesheet" href="/static/print.css" />
        </head>
        <body>
          {/* Printing needs a script-free hint: a print button would need JavaScript. */}
          <p class="print-hint">请使用浏览器的“打印”功能（Ctrl+P）打印本告知书，纸张选择 A4。</p>
          <main class="sheet">
            <h1 class="letter-title">{letter.title}</h1>
            <p class="letter-no">{letter.docNo}</p>
            <p class="letter-salutation">{letter.salutation}</p>
            {letter.paragraphs.map((text) => (
              <p class="letter-body">{text}</p>
            ))}
            <div class="letter-sign">
              <p>{letter.signature}</p>
              <p>{letter.date}</p>
            </div>
          </main>
        </body>
      </html>
    </>
  );
}
