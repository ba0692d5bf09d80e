import { createHash, randomInt } from "node:crypto";
import { recordAudit, type TActor } from "../../platform/audit";
import { can, type TPrincipal, unitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import type { TBlobStore } from "../../platform/files";
import { submitOnce } from "../../platform/http/form-token";
import { MSG } from "../../platform/messages";
import { hitRateLimit } from "../../platform/rate-limit";
import { loadWorkCalendar, todayInChina } from "../calendar";
import { findUnit } from "../org";
import { linkAttachments, storeUploads, type TUpload } from "./attachments";
import { computeClock } from "./compute-due-date";
import { insertRequest, nextReceiptNo, type TRequestRow } from "./requests.repository";
import type { TApplicant, TPublicRequestBody, TRegisterRequestBody } from "./requests.schemas";

/** Identifies one applicant across requests: by ID number or credit code, else by name and phone. */
export function applicantKey(a: TApplicant): string {
  if (a.kind === "natural_person" && a.idNumber) return `id:${a.idType ?? "resident_id"}:${a.idNumber}`;
  if (a.kind !== "natural_person" && a.orgCode) return `org:${a.orgCode}`;
  return `name:${a.name}|${a.phone ?? ""}`;
}

// No 0/O, 1/I/L: the applicant copies the code by hand.
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function newQueryCode(): string {
  return Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

export const hashQueryCode = (code: string) =>
  createHash("sha256").update(code.trim().toUpperCase()).digest("hex");

async function assertUnitExists(db: Db, unitId: number | undefined) {
  if (unitId !== undefined && !(await findUnit(db, unitId)))
    throw new AppError("validation_failed", MSG.validation, {
      issues: [{ path: "unitId", message: MSG.unknownUnit }],
    });
}

/**
 * Staff register a request that came by letter, in person, by fax or e-mail, with its received date
 * (STATUTES §2). A unit registers for itself; the office for any unit or none.
 */
export async function registerRequest(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  body: TRegisterRequestBody,
): Promise<TRequestRow> {
  const today = todayInChina();
  if (body.receivedAt > today)
    throw new AppError("unprocessable", "收到申请的日期不能晚于今天。", {
      issues: [{ path: "receivedAt", message: "收到申请的日期不能晚于今天。" }],
    });
  let unitId = body.unitId;
  if (unitId === undefined && !can(p, "requests.handle")) {
    const scope = unitScope(p, "requests.handle");
    if (scope !== "all" && scope.length === 1) unitId = scope[0];
  }
  if (!can(p, "requests.handle", unitId)) throw new AppError("forbidden", MSG.forbidden);
  await assertUnitExists(db, unitId);
  const calendar = await loadWorkCalendar(db);
  const clock = computeClock(body.receivedAt, [], calendar);
  return db.transaction(async (tx) => {
    const row = await insertRequest(tx, {
      receiptNo: await nextReceiptNo(tx, Number(body.receivedAt.slice(0, 4))),
      channel: body.channel,
      applicantKind: body.applicant.kind,
      applicant: body.applicant,
      applicantKey: applicantKey(body.applicant),
      description: body.description,
      form: body.form,
      delivery: body.delivery,
      receivedAt: body.receivedAt,
      unitId: unitId ?? null,
      status: clock.state,
      dueDate: clock.dueDate,
      dueDateProvisional: clock.isProvisional,
    });
    await recordAudit(tx, actor, {
      action: "request.register",
      entity: "request",
      entityId: row.id,
      unitId: row.unitId,
      after: {
        receiptNo: row.receiptNo,
        channel: row.channel,
        receivedAt: row.receivedAt,
        unitId: row.unitId,
      },
    });
    return row;
  });
}

// Beyond the general limit on public posts: ten applications per address and hour, however sent.
const SUBMISSIONS_PER_HOUR = 10;

export const CONSENT_REQUIRED = "请阅读并勾选声明。";

/** What a robot that filled the honeypot is told: an answer like any other, with nothing stored. */
const DISCARDED = { receiptNo: "—", queryCode: "—", submittedOn: "—" };

/** What the applicant is shown after sending: enough to look the request up, nothing personal. */
export type TPublicReceipt = { receiptNo: string; queryCode: string; submittedOn: string };

/** The purpose under which the public form's one-time tokens are kept. */
export const REQUEST_FORM_PURPOSE = "request";

/**
 * An application sent by the public, through the form or the API: the applicant must accept the
 * declaration; a filled honeypot (a field people never see) is answered as accepted and dropped;
 * each address may send ten an hour. Uploads are stored only once all that has passed, so a refused
 * application leaves nothing behind. The clock starts only when staff confirm receipt. With the
 * form's one-time token, a second post of the same form returns the first receipt and writes nothing.
 */
export async function submitPublicRequest(
  db: Db,
  blobs: TBlobStore,
  ip: string,
  body: TPublicRequestBody,
  uploads: TUpload[] = [],
  formToken?: string,
): Promise<TPublicReceipt> {
  if (body.consent !== true)
    throw new AppError("unprocessable", CONSENT_REQUIRED, {
      issues: [{ path: "consent", message: CONSENT_REQUIRED }],
    });
  if (body.website) return DISCARDED;
  const limit = await hitRateLimit(db, `request-submit:${ip}`, SUBMISSIONS_PER_HOUR, 3600);
  if (!limit.isAllowed)
    throw new AppError("too_many_requests", MSG.tooManyRequests, {
      retryAfterSeconds: limit.retryAfterSeconds,
    });
  await assertUnitExists(db, body.unitId);
  const stored = await storeUploads(db, blobs, uploads);
  const write = async (tx: Db): Promise<TPublicReceipt> => {
    const queryCode = newQueryCode();
    const submittedOn = todayInChina();
    const row = await insertRequest(tx, {
      receiptNo: await nextReceiptNo(tx, Number(submittedOn.slice(0, 4))),
      queryCodeHash: hashQueryCode(queryCode),
      channel: "online",
      applicantKind: body.applicant.kind,
      applicant: body.applicant,
      applicantKey: applicantKey(body.applicant),
      description: body.description,
      form: body.form,
      delivery: body.delivery,
      unitId: body.unitId ?? null,
      status: "awaiting_confirmation",
    });
    await linkAttachments(tx, row.id, stored);
    return { receiptNo: row.receiptNo, queryCode, submittedOn };
  };
  return formToken ? submitOnce(db, REQUEST_FORM_PURPOSE, formToken, write) : db.transaction(write);
}
