import { createHmac } from "node:crypto";
import type { Db } from "../../platform/db";
import type { TMail, TMailer } from "../../platform/mailer";
import {
  lockDigestRows,
  lockNextDue,
  mailDocuments,
  markOutbox,
  ownerState,
  postpone,
  type TMailDocument,
  type TOutboxRow,
  type TProfileRow,
  type TSubscriptionRow,
  unitName,
  webhookOf,
} from "./alerts.repository";
import { FREQUENCY_LABELS } from "./alerts.schemas";
import { describeFilter } from "./describe-filter";

/** After this many failed attempts a row is given up (status failed). */
export const MAX_ATTEMPTS = 8;

/** Minutes to wait before attempt n+1: 1, 2, 4, … up to 6 hours. */
export const backoffMinutes = (attempts: number) => Math.min(2 ** attempts, 360);

export type TSenderOptions = {
  /** The site's public address, for the links in mails (no trailing slash). */
  baseUrl: string;
  siteName?: string;
  /** Which rows to send: webhooks go out without SMTP. */
  kinds?: ("confirm" | "document" | "webhook")[];
  fetch?: typeof fetch;
};

export type TSendReport = {
  sent: number;
  bounced: number;
  retried: number;
  failed: number;
  cancelled: number;
};

/** The one-click unsubscribe address of a subscription or profile (RFC 8058). */
export function unsubscribeUrl(baseUrl: string, token: string, documentId?: number | null) {
  return `${baseUrl}/api/v1/public/subscriptions/${token}/unsubscribe${documentId ? `?document=${documentId}` : ""}`;
}

/** The HMAC-SHA256 signature of a webhook call: hex of HMAC(secret, "<timestamp>.<body>"). */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

const isSubscription = (o: TSubscriptionRow | TProfileRow): o is TSubscriptionRow => "frequency" in o;

async function ownerLines(db: Db, owner: TSubscriptionRow | TProfileRow, row: TOutboxRow): Promise<string[]> {
  if (isSubscription(owner)) {
    const unit = owner.unit_id ? await unitName(db, owner.unit_id) : null;
    return [`您订阅的条件：${describeFilter(owner, unit)}（${FREQUENCY_LABELS[owner.frequency]}）`];
  }
  return row.reasons.length > 0 ? [`与您登记的情况相符：${row.reasons.join("；")}`] : [];
}

function documentLines(baseUrl: string, d: TMailDocument): string[] {
  return [
    `《${d.title}》`,
    [d.docNumber, d.unitName, d.publishedAt ? `发布日期 ${d.publishedAt}` : ""].filter(Boolean).join("　"),
    `全文：${baseUrl}/documents/${d.id}`,
  ];
}

function footer(baseUrl: string, token: string, documentId: number | null): string[] {
  return [
    "",
    `管理订阅：${baseUrl}/alerts/manage/${token}`,
    `退订：${baseUrl}/alerts/manage/${token}${documentId ? `?document=${documentId}` : ""}`,
    "本邮件由系统自动发送，请勿直接回复。",
  ];
}

function listHeaders(baseUrl: string, token: string, documentId: number | null): Record<string, string> {
  return {
    "List-Unsubscribe": `<${unsubscribeUrl(baseUrl, token, documentId)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

/** The mail for a row (and the digest rows sent with it); null when there is nothing left to send. */
async function composeMail(
  tx: Db,
  row: TOutboxRow,
  owner: TSubscriptionRow | TProfileRow,
  docs: TMailDocument[],
  o: TSenderOptions,
): Promise<TMail> {
  const site = o.siteName ?? "政务公开";
  const domain = new URL(o.baseUrl).hostname || "localhost";
  if (row.kind === "confirm") {
    const what = isSubscription(owner)
      ? `订阅“${describeFilter(owner, owner.unit_id ? await unitName(tx, owner.unit_id) : null)}”的新文件提醒`
      : "在有符合您情况的新政策时收到推送（政策找人）";
    return {
      to: [owner.email],
      subject: `【${site}】请确认您的订阅`,
      text: [
        `您好！有人（应是您本人）用这个邮箱申请${what}。`,
        `请打开下面的链接，按“确认订阅”完成：`,
        `${o.baseUrl}/alerts/confirm/${owner.token}`,
        "如果不是您本人申请，请忽略本邮件，您不会再收到我们的邮件。",
      ].join("\n"),
      messageId: `<gk-outbox-${row.id}@${domain}>`,
    };
  }
  const lines = await ownerLines(tx, owner, row);
  const single = docs.length === 1 ? docs[0] : undefined;
  const subject =
    row.frequency === "immediate" && single
      ? `【${site}】新文件：${single.title}`
      : `【${site}】${row.frequency === "weekly" ? "每周" : "每日"}新文件汇总（${docs.length} 件）`;
  const body = docs.flatMap((d) => [...documentLines(o.baseUrl, d), ""]);
  const documentId = single && row.frequency === "immediate" ? single.id : null;
  return {
    to: [owner.email],
    subject,
    text: [...lines, "", ...body, ...footer(o.baseUrl, owner.token, documentId)].join("\n"),
    headers: listHeaders(o.baseUrl, owner.token, documentId),
    messageId: `<gk-outbox-${row.id}@${domain}>`,
  };
}

type TSmtpError = { responseCode?: number; code?: string };

/** Sends one due row (or one digest) in a transaction that holds its lock; false when nothing is due. */
async function sendNext(db: Db, mailer: TMailer, o: TSenderOptions, report: TSendReport): Promise<boolean> {
  const kinds = o.kinds ?? ["confirm", "document", "webhook"];
  return db.transaction(async (tx) => {
    const row = await lockNextDue(tx, kinds);
    if (!row) return false;
    if (row.kind === "webhook") {
      await callWebhook(tx, row, o, report);
      return true;
    }
    const owner = await ownerState(tx, row);
    if (!owner || owner.status === "ended" || (row.kind === "document" && owner.status !== "active")) {
      await markOutbox(tx, [row.id], { status: "cancelled" });
      report.cancelled++;
      return true;
    }
    const rows =
      row.kind === "document" && row.frequency !== "immediate"
        ? [row, ...(await lockDigestRows(tx, row))]
        : [row];
    const docs = await mailDocuments(
      tx,
      rows.flatMap((r) => (r.document_id ? [r.document_id] : [])),
    );
    const byId = new Map(docs.map((d) => [d.id, d]));
    const live: TOutboxRow[] = [];
    for (const r of rows) {
      if (r.kind !== "document") {
        live.push(r);
        continue;
      }
      const d = r.document_id ? byId.get(r.document_id) : undefined;
      if (d?.isVisible) live.push(r);
      else if (d?.isLater && d.publishAt) await postpone(tx, r.id, d.publishAt);
      else {
        await markOutbox(tx, [r.id], { status: "cancelled" });
        report.cancelled++;
      }
    }
    const first = live[0];
    if (!first) return true;
    const liveDocs = live.flatMap((r) =>
      r.document_id && byId.get(r.document_id) ? [byId.get(r.document_id) as TMailDocument] : [],
    );
    const mail = await composeMail(tx, first, owner, liveDocs, o);
    const ids = live.map((r) => r.id);
    try {
      await mailer.send(mail);
      await markOutbox(tx, ids, { status: "sent" });
      report.sent += ids.length;
    } catch (err) {
      const code = (err as TSmtpError).responseCode;
      // Only the reply code is kept: the server's text may quote the address.
      const error = code ? `SMTP ${code}` : ((err as TSmtpError).code ?? "send failed");
      if (code && code >= 500) {
        await markOutbox(tx, ids, { status: "bounced", error });
        report.bounced += ids.length;
      } else if (first.attempts + 1 >= MAX_ATTEMPTS) {
        await markOutbox(tx, ids, { status: "failed", error });
        report.failed += ids.length;
      } else {
        const retryAt = new Date(Date.now() + backoffMinutes(first.attempts) * 60_000);
        await markOutbox(tx, ids, { status: "queued", error, retryAt });
        report.retried += ids.length;
      }
    }
    return true;
  });
}

async function callWebhook(tx: Db, row: TOutboxRow, o: TSenderOptions, report: TSendReport) {
  const hook = await webhookOf(tx, row.recipient);
  if (!hook?.is_active) {
    await markOutbox(tx, [row.id], { status: "cancelled" });
    report.cancelled++;
    return;
  }
  const body = JSON.stringify(row.payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  let error: string | null = null;
  try {
    const res = await (o.fetch ?? fetch)(hook.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-gongkai-event": row.event,
        "x-gongkai-delivery": String(row.id),
        "x-gongkai-timestamp": timestamp,
        "x-gongkai-signature": `sha256=${signWebhook(hook.secret, timestamp, body)}`,
      },
      body,
      signal: AbortSignal.timeout(10_000),
      redirect: "manual",
    });
    if (!res.ok) error = `HTTP ${res.status}`;
  } catch (err) {
    error = (err as Error).name || "fetch failed";
  }
  if (!error) {
    await markOutbox(tx, [row.id], { status: "sent" });
    report.sent++;
  } else if (row.attempts + 1 >= MAX_ATTEMPTS) {
    await markOutbox(tx, [row.id], { status: "failed", error });
    report.failed++;
  } else {
    await markOutbox(tx, [row.id], {
      status: "queued",
      error,
      retryAt: new Date(Date.now() + backoffMinutes(row.attempts) * 60_000),
    });
    report.retried++;
  }
}

/**
 * Sends what is due from the outbox, one row (or digest) per transaction, until nothing is due or
 * `limit` rows were handled. Several senders (processes) share the work: each row is locked with
 * FOR UPDATE SKIP LOCKED while it is sent, and a sender killed mid-send leaves it to the next one.
 */
export async function sendOutbox(
  db: Db,
  mailer: TMailer,
  o: TSenderOptions,
  limit = 10_000,
): Promise<TSendReport> {
  const report: TSendReport = { sent: 0, bounced: 0, retried: 0, failed: 0, cancelled: 0 };
  const opts = mailer.isConfigured
    ? o
    : { ...o, kinds: (o.kinds ?? ["webhook"]).filter((k) => k === "webhook") };
  for (let i = 0; i < limit; i++) if (!(await sendNext(db, mailer, opts, report))) break;
  return report;
}
