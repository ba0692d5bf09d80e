import { z } from "zod";
import { recordAudit, type TActor } from "../../platform/audit";
import { can, type TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { createDocument } from "../documents";
import { updateRequestRow } from "./requests.repository";
import { assertLead, loadVisibleRequest } from "./visible-request";

/** Outcomes after which information was actually given, and so can be published for everyone. */
const DISCLOSING_OUTCOMES = new Set(["disclosed", "partially_disclosed"]);

export const ZDiscloseReplyBody = z
  .object({
    title: z.string().trim().min(1).max(500),
    body: z.string().trim().min(1).max(200_000),
  })
  .strict();
export type TDiscloseReplyBody = z.infer<typeof ZDiscloseReplyBody>;

const ART_44 =
  "本信息曾依申请公开，因涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策，转为主动公开（《中华人民共和国政府信息公开条例》第四十四条）。";

/** Whether a concluded request gave information that could be published for everyone (Art. 44). */
export function canDisclose(r: {
  status: string;
  outcome: string | null;
  disclosedDocumentId: number | null;
}) {
  return (
    r.status === "concluded" && DISCLOSING_OUTCOMES.has(r.outcome ?? "") && r.disclosedDocumentId === null
  );
}

/**
 * Art. 44: the information given to an applicant, when of general interest, becomes a draft of the
 * unit's proactive disclosure; the normal review (and its privacy check) then publishes it. Staff
 * write the text themselves: the reply letter names the applicant and must not be published.
 */
export async function discloseReply(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  requestId: number,
  body: TDiscloseReplyBody,
): Promise<{ documentId: number }> {
  return db.transaction(async (tx) => {
    const { r } = await loadVisibleRequest(tx, p, requestId, { lock: true });
    // Publishing the reply answers for the request: the lead unit's or the office's, not a co-handler's.
    assertLead(p, r, "只有承办单位或政务公开办公室可以将答复转为主动公开。");
    if (r.disclosedDocumentId !== null) throw new AppError("conflict", "这件申请的答复已经转为主动公开。");
    if (!canDisclose(r) || r.unitId === null)
      throw new AppError("conflict", "只有已办结、予以公开或部分公开的申请可以转为主动公开。");
    if (!can(p, "documents.edit", r.unitId))
      throw new AppError("forbidden", "转为主动公开需要本单位的信息编辑权限。");
    const doc = await createDocument(tx, actor, p, {
      title: body.title,
      body: body.body,
      unitId: r.unitId,
      kind: "other",
      disclosure: "proactive",
      summary: ART_44,
    });
    await updateRequestRow(tx, r.id, { disclosedDocumentId: doc.id });
    await recordAudit(tx, actor, {
      action: "request.disclose",
      entity: "request",
      entityId: r.id,
      unitId: r.unitId,
      after: { documentId: doc.id, indexNo: doc.indexNo, title: doc.title },
    });
    return { documentId: doc.id };
  });
}
