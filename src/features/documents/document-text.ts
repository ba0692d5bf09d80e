import { docNumberKey, indexText } from "../../platform/text";
import { markdownToPlainText } from "../../platform/ui/markdown";
import type { TSearchText } from "./documents.repository";

type TIndexable = {
  title: string;
  docNumber: string;
  issuer: string;
  keywords: string[];
  topics: string[];
  summary: string;
  body: string;
};

/** The document's words by weight: title and 文号 first, then keywords and topics, then the text. */
export function searchTextOf(d: TIndexable, attachmentTexts: string[] = []): TSearchText {
  return {
    title: indexText(`${d.title} ${d.docNumber}`),
    keywords: indexText([...d.keywords, ...d.topics, d.issuer].join(" ")),
    body: indexText([d.summary, markdownToPlainText(d.body), ...attachmentTexts].join("\n")),
  };
}

/** The canonical 文号 for exact lookups, or null when the text is not a 文号 we can read. */
export function docNumberKeyOf(docNumber: string): string | null {
  return docNumber ? docNumberKey(docNumber) : null;
}
