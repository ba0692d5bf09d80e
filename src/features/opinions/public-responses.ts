// 回应关切: the public column of published answers. Only the question as staff published it (after the
// privacy check) and the answer show; never the writer, the work-order number or the contact.

import type { Db } from "../../platform/db";
import { documentTitles } from "../documents";
import { listUnits } from "../org";
import { chinaDay } from "./compute-clocks";
import { eventDocuments, listPublished, listTopics } from "./opinions.repository";
import { SOURCE_LABELS } from "./opinions.schemas";

export type TPublicResponse = {
  id: number;
  title: string;
  source: string;
  topic: string | null;
  unit: string | null;
  question: string;
  answer: string;
  publishedOn: string;
  documents: { id: number; title: string }[];
};

/** A page of published answers, newest first, each with the published documents its events name. */
export async function publicResponses(db: Db, page: number, pageSize: number) {
  const { total, items } = await listPublished(db, page, pageSize);
  const [topics, units, links] = await Promise.all([
    listTopics(db),
    listUnits(db),
    eventDocuments(
      db,
      items.map((i) => i.id),
    ),
  ]);
  const docs = await documentTitles(db, [...new Set(links.map((l) => l.documentId as number))]);
  const published = new Map(docs.filter((d) => d.status === "published").map((d) => [d.id, d.title]));
  return {
    total,
    items: items.map(
      (i): TPublicResponse => ({
        id: i.id,
        // The item's own title may come from a letter or a work order as written: the published
        // (privacy-checked) question stands for it.
        title: i.publicQuestion.length > 40 ? `${i.publicQuestion.slice(0, 40)}…` : i.publicQuestion,
        source: SOURCE_LABELS[i.source],
        topic: topics.find((t) => t.id === i.topicId)?.name ?? null,
        unit: units.find((u) => u.id === i.unitId)?.name ?? null,
        question: i.publicQuestion,
        answer: i.responseText,
        publishedOn: chinaDay(i.publishedAt as Date),
        documents: links
          .filter((l) => l.opinionId === i.id && published.has(l.documentId as number))
          .map((l) => ({
            id: l.documentId as number,
            title: published.get(l.documentId as number) as string,
          })),
      }),
    ),
  };
}
