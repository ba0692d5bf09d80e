// Suggesting catalogue items for a document: the items of its unit whose words (area, 一级/二级事项,
// keywords) share the most two-character runs with the document's title, topics and keywords.
// Staff confirm; nothing is tagged without them.

const bigrams = (text: string) => {
  const t = text.replace(/[\s\p{P}\p{S}]/gu, "");
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
};

export type TSuggestable = {
  id: number;
  areaName: string;
  level1: string;
  level2: string;
  keywords: string[];
};

/** The best items for a document (at most `limit`), each sharing at least two runs of words with it. */
export function suggestItems(
  doc: { title: string; topics: string[]; keywords: string[] },
  items: TSuggestable[],
  limit = 5,
): number[] {
  const words = bigrams([doc.title, ...doc.topics, ...doc.keywords].join(" "));
  const scored = items.map((item) => {
    let score = 0;
    for (const b of bigrams([item.level2, ...item.keywords].join(" "))) if (words.has(b)) score += 2;
    for (const b of bigrams([item.areaName, item.level1].join(" "))) if (words.has(b)) score += 1;
    return { id: item.id, score };
  });
  return scored
    .filter((s) => s.score >= 2)
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, limit)
    .map((s) => s.id);
}
