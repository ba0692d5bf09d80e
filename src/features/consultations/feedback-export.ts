import { bodyParagraph, headingParagraph, renderOfficialDocx } from "../../platform/official-document";
import type { TPublicComment } from "./consultations.repository";
import { DISPOSITION_LABELS, type TDisposition } from "./consultations.schemas";
import { percent } from "./feedback-statistics";
import type { TFeedback } from "./read-consultation";

// The published feedback report as files. Built only from the public columns (publicComments):
// no name, no contact, and a hidden comment's text is not there to leak.

const label = (d: string | null) => (d ? (DISPOSITION_LABELS[d as TDisposition] ?? d) : "待处理");
const HIDDEN = "（该意见含有不当内容，未显示原文）";

// A cell a spreadsheet would run as a formula (=, +, -, @) is quoted with a leading apostrophe.
const cell = (v: string | number | null) => {
  const s = v === null ? "" : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Every comment with its disposition, as CSV (UTF-8 with BOM for spreadsheet programs). */
export function feedbackCsv(comments: TPublicComment[]): string {
  const header = ["序号", "意见编号", "提交日期", "针对条款", "意见内容", "处理结果", "理由"];
  const rows = comments.map((m, i) =>
    [i + 1, m.id, m.createdAt, m.clause ?? "", m.body ?? HIDDEN, label(m.disposition), m.reason ?? ""]
      .map(cell)
      .join(","),
  );
  return `\uFEFF${[header.join(","), ...rows].join("\r\n")}\r\n`;
}

/** The feedback report (意见采纳情况反馈) as a Word file on the official page. */
export function feedbackDocx(opts: {
  title: string;
  unitName: string;
  opensAt: string;
  closesAt: string;
  publishedOn: string;
  feedback: TFeedback;
  comments: TPublicComment[];
}): Promise<Buffer> {
  const f = opts.feedback;
  const notAdopted = opts.comments.filter((m) => m.disposition === "not_adopted");
  return renderOfficialDocx({
    title: `关于《${opts.title}》公开征求意见采纳情况的反馈`,
    signature: opts.unitName,
    date: opts.publishedOn,
    body: [
      bodyParagraph(
        `${opts.unitName}于${opts.opensAt}至${opts.closesAt}就《${opts.title}》向社会公开征求意见，共收到意见${f.total}条。经逐条研究，采纳${f.adopted}条，部分采纳${f.partlyAdopted}条，不予采纳${f.notAdopted}条，与征求意见内容无关${f.notRelevant}条，采纳率为${percent(f.adoptionRate)}。现将有关情况反馈如下。`,
      ),
      headingParagraph("一、不予采纳的意见及理由"),
      ...(notAdopted.length
        ? notAdopted.map((m, i) =>
            bodyParagraph(
              `${i + 1}.${m.clause ? `（${m.clause}）` : ""}${m.body ?? HIDDEN} 理由：${m.reason ?? ""}`,
            ),
          )
        : [bodyParagraph("无。")]),
      headingParagraph("二、逐条处理情况"),
      ...opts.comments.map((m, i) =>
        bodyParagraph(
          `${i + 1}.${m.clause ? `（${m.clause}）` : ""}${m.body ?? HIDDEN} 处理结果：${label(m.disposition)}${m.reason ? `。理由：${m.reason}` : ""}`,
        ),
      ),
    ],
  });
}

const xml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[ch] ?? ch,
  );

/** RSS 2.0 of a section (decisions or consultations): title, link, date and a one-line description. */
export function sectionRss(
  origin: string,
  channel: { title: string; path: string },
  items: { title: string; path: string; date: string; description: string }[],
): string {
  const entries = items
    .map(
      (i) =>
        `<item><title>${xml(i.title)}</title><link>${origin}${i.path}</link><guid isPermaLink="true">${origin}${i.path}</guid><pubDate>${new Date(`${i.date}T00:00:00+08:00`).toUTCString()}</pubDate><description>${xml(i.description)}</description></item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${xml(channel.title)}</title><link>${origin}${channel.path}</link><description>${xml(channel.title)}</description><language>zh-CN</language>
${entries}
</channel></rss>
`;
}
