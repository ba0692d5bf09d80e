import { can, type TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { findFile } from "../../platform/files";
import { MSG } from "../../platform/messages";
import { todayInChina } from "../calendar";
import { findUnit } from "../org";
import {
  attachmentsOf,
  documentsByIds,
  findDocument,
  gazetteIssuesOfDocument,
  interpretationsOf,
  qaOf,
  relationsOf,
  type TDocumentRow,
} from "./documents.repository";
import type { TValidity } from "./documents.schemas";

/** Validity as a reader sees it on `today` (the same rule as the SQL in documents.repository). */
export function effectiveValidity(
  row: Pick<TDocumentRow, "validity" | "repealedAt" | "endsAs">,
  today: string,
) {
  return (row.repealedAt && row.repealedAt <= today ? row.endsAs : row.validity) as TValidity;
}

/** Whether the public may read the document now. */
export function isPublicNow(row: Pick<TDocumentRow, "status" | "publishAt">, now = new Date()): boolean {
  return row.status === "published" && row.publishAt !== null && row.publishAt <= now;
}

export type TLinkedDocument = { id: number; title: string; docNumber: string };
export type TDocumentView = {
  row: TDocumentRow;
  unitName: string;
  validity: TValidity;
  isStaffView: boolean;
  interprets: TLinkedDocument | null;
  interpretations: (TLinkedDocument & { form: string })[];
  relations: (TLinkedDocument & { kind: string; direction: "from" | "to" })[];
  /** `hasNoText`: a PDF, Word or Excel file whose text could not be read (scanned, broken, too slow). */
  attachments: { id: number; name: string; mime: string; size: number; hasNoText: boolean }[];
  qa: { question: string; answer: string }[];
  gazette: { id: number; year: number; number: number }[];
};

/** Whether a signed-in user works on this document's unit (and so sees drafts and history). */
export function isStaffOf(viewer: TPrincipal | null, row: Pick<TDocumentRow, "unitId">): boolean {
  return Boolean(
    viewer && (can(viewer, "documents.edit", row.unitId) || can(viewer, "documents.review", row.unitId)),
  );
}

/**
 * A document with everything its page shows. The public sees published and withdrawn documents
 * (the latter as their notice) and only public links; the unit's staff see every state.
 */
export async function readDocument(db: Db, id: number, viewer: TPrincipal | null): Promise<TDocumentView> {
  const row = await findDocument(db, id);
  if (!row) throw new AppError("not_found", MSG.notFound);
  const isStaffView = isStaffOf(viewer, row);
  if (!isStaffView && !isPublicNow(row) && row.status !== "withdrawn")
    throw new AppError("not_found", MSG.notFound);
  const visible = (d: TDocumentRow) => isStaffView || isPublicNow(d);
  const link = (d: TDocumentRow): TLinkedDocument => ({ id: d.id, title: d.title, docNumber: d.docNumber });

  const rels = await relationsOf(db, id);
  const relatedIds = [
    ...rels.map((r) => (r.fromId === id ? r.toId : r.fromId)),
    ...(row.interpretsId ? [row.interpretsId] : []),
  ];
  const related = new Map((await documentsByIds(db, relatedIds)).map((d) => [d.id, d]));
  const interprets = row.interpretsId ? related.get(row.interpretsId) : undefined;
  const interpretations = (await interpretationsOf(db, id)).filter((i) => isStaffView || i.isPublic);
  const files = await attachmentsOf(db, id);

  return {
    row,
    unitName: (await findUnit(db, row.unitId))?.name ?? "",
    validity: effectiveValidity(row, todayInChina()),
    isStaffView,
    interprets: interprets && visible(interprets) ? link(interprets) : null,
    interpretations: interpretations.map((i) => ({
      id: i.id,
      title: i.title,
      docNumber: "",
      form: i.interpretationForm,
    })),
    relations: rels.flatMap((r) => {
      const other = related.get(r.fromId === id ? r.toId : r.fromId);
      if (!other || !visible(other)) return [];
      return [
        { ...link(other), kind: r.kind, direction: r.fromId === id ? ("from" as const) : ("to" as const) },
      ];
    }),
    attachments: await Promise.all(
      files.map(async (a) => {
        const file = await findFile(db, a.fileId);
        const mime = file?.mime ?? "application/octet-stream";
        return {
          id: a.id,
          name: a.name,
          mime,
          size: file?.size ?? 0,
          hasNoText: !mime.startsWith("image/") && !a.extractedText,
        };
      }),
    ),
    qa: await qaOf(db, id),
    gazette: await gazetteIssuesOfDocument(db, id),
  };
}
