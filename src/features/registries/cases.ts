import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { requestCaseSource } from "../requests";
import { anonymise } from "./anonymise";
import { insertCase, type TCaseEntry } from "./registries.repository";
import type { TCaseForm } from "./registries.schemas";

/**
 * Adds a case to the staff library. With a source request (which the caller must be able to see),
 * its description and reply reasons are taken when no text is given, and its applicant fields are
 * taken out of every text; the personal-data finder runs over everything either way.
 */
export async function createCase(
  db: Db,
  p: TPrincipal,
  actor: TActor,
  input: TCaseForm,
): Promise<TCaseEntry> {
  const source = input.sourceRequestId ? await requestCaseSource(db, p, input.sourceRequestId) : null;
  const fields = source?.applicantTexts ?? [];
  const body = input.body || (source ? [source.description, source.reason].filter(Boolean).join("\n\n") : "");
  if (!body)
    throw new AppError("validation_failed", MSG.validation, {
      issues: [{ path: "body", message: "请填写案例内容，或填写来源申请的编号。" }],
    });
  const clean = {
    kind: input.kind,
    title: anonymise(input.title, fields),
    body: anonymise(body, fields),
    outcome: anonymise(input.outcome || source?.outcome || "", fields),
    lesson: anonymise(input.lesson, fields),
    sourceRequestId: input.sourceRequestId ?? null,
  };
  return db.transaction(async (tx) => {
    const row = await insertCase(tx, clean);
    await recordAudit(tx, actor, {
      action: "case.create",
      entity: "case_entry",
      entityId: row.id,
      after: { title: row.title },
    });
    return row;
  });
}
