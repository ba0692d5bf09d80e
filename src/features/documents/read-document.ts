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
  type TRelation,
} from "./documents.repository";
import type { TValidity } from "./documents.schemas";
import { latestOnTopics } from "./search.repository";

// How many same-topic documents a page lists beside its text.
const SAME_TOPIC_LIMIT = 5;

/**
 * Validity as a reader sees it on `today` (the same rule as the SQL in documents.repository): from
 * its 废止日期 on, what it ends as (失效 or 废止); a valid document reads 已修改 from its 修改日期,
 * and stays in force.
 */
export function effectiveValidity(
  row: Pick<TDocumentRow, "validity" | "repealedAt" | "endsAs" | "amendedAt">,
  today: string,
): TValidity {
  if (row.repealedAt && row.repealedAt <= today) return row.endsAs as TValidity;
  if (row.validity === "valid" && row.amendedAt && row.amendedAt <= today) return "amended";
  return row.validity as TValidity;
}

/**
 * Whether a relation is shown as a link: a correction always; a repeal or amendment while it is in
 * effect (or, to the unit's staff, still pending, proposed or declined, with its state).
 */
function isShown(r: TRelation, isStaffView: boolean): boolean {
  if (r.kind === "corrects" || r.state === "applied") return true;
  return isStaffView && r.state !== "revoked";
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
  /** `state`: pending (source not yet published), applied, proposed, declined (see document-relations). */
  relations: (TLinkedDocument & {
    relationId: number;
    kind: string;
    direction: "from" | "to";
    state: string;
  })[];
  /** `hasNoText`: a PDF, Word or Excel file whose text could not be read (scanned, broken, too slow). */
  attachments: { id: number; name: string; mime: string; size: number; hasNoText: boolean }[];
  qa: { question: string; answer: string }[];
  gazette: { id: number; year: number; number: number }[];
  /** The latest public documents sharing a topic with this one. */
  sameTopic: { id: number; title: string; publishedAt: string | null }[];
};

/** Whether a signed-in user works on this document's unit (and so sees drafts and history). */
export function isStaffOf(viewer: TPrincipal | null, row: Pick<TDocumentRow, "unitId">): boolean {
  return Boolean(
    viewer && (can(viewer, "documents.edit", row.unitId) || can(viewer, "documents.review", row.unitId)),
  );
}

/**
 * A document the viewer may open: the public sees published and withdrawn documents (the latter as
 * their notice), the unit's staff every state; anything else is not found.
 */
export async function findReadableDocument(
  db: Db,
  id: number,
  viewer: TPrincipal | null,
): Promise<{ row: TDocumentRow; isStaffView: boolean }> {
  const row = await findDocument(db, id);
  if (!row) throw new AppError("not_found", MSG.notFound);
  const isStaffView = isStaffOf(viewer, row);
  if (!isStaffView && !isPublicNow(row) && row.status !== "withdrawn")
    throw new AppError("not_found", MSG.notFound);
  return { row, isStaffView };
}

/** A document with everything its page shows; the public sees only public links. */
export async function readDocument(db: Db, id: number, viewer: TPrincipal | null): Promise<TDocumentView> {
  const { row, isStaffView } = await findReadableDocument(db, id, viewer);
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
      if (!other || !visible(other) || !isShown(r, isStaffView)) return [];
      const direction = r.fromId === id ? ("from" as const) : ("to" as const);
      return [{ ...link(other), relationId: r.id, kind: r.kind, direction, state: r.state }];
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
    sameTopic: await latestOnTopics(db, row.topics, id, SAME_TOPIC_LIMIT),
  };
}
