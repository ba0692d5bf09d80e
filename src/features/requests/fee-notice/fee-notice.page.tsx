// The fee notice as a standalone printable page for staff: no site frame, so the printout is the
// notice and nothing else. No inline styles or scripts (the CSP forbids them); layout is print.css.

import { raw } from "hono/html";
import type { TFeeNotice } from "./fee-notice-text";

const DOCTYPE = raw("<!DOCTYPE html>");

/** The printable fee notice; it names the applicant, so only the back office serves it. */
export function FeeNoticePrintPage({ notice, docxHref }: { notice: TFeeNotice; docxHref: string }) {
  const [opening, basis, amount, ...rest] = notice.paragraphs;
  return (
    <>
      {DOCTYPE}
      <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{`${notice.title}（${notice.docNo}）`}</title>
          <link rel="stylesheet" href="/static/print.css" />
        </head>
        <body>
          <p class="print-hint">
            请使用浏览器的“打印”功能（Ctrl+P）打印本通知书，纸张选择 A4；也可
            <a href={docxHref}>下载 Word 文件</a>。
          </p>
          <main class="sheet">
            <h1 class="letter-title">{notice.title}</h1>
            <p class="letter-no">{notice.docNo}</p>
            <p class="letter-salutation">{notice.salutation}</p>
            <p class="letter-body">{opening}</p>
            <p class="letter-body">{basis}</p>
            <ol class="letter-body">
              {notice.computation.map((line) => (
                <li>{line}</li>
              ))}
            </ol>
            <p class="letter-body">
              <strong>{amount}</strong>
            </p>
            {rest.map((text) => (
              <p class="letter-body">{text}</p>
            ))}
            <div class="letter-sign">
              <p>{notice.signature}</p>
              <p>{notice.date}</p>
            </div>
          </main>
        </body>
      </html>
    </>
  );
}
