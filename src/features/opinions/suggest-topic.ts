// Topic suggestion from the office's keyword rules: staff confirm or change it.

export type TTopicRule = { id: number; name: string; keywords: string[]; isActive: boolean };

/**
 * The topic whose keywords occur most often in the text (each keyword counted once); a tie goes to
 * the longer matched keywords, then to the earlier topic in the list. Null when none matches.
 */
export function suggestTopic(text: string, topics: TTopicRule[]): number | null {
  let best: { id: number; hits: number; chars: number } | null = null;
  for (const t of topics) {
    if (!t.isActive) continue;
    const matched = t.keywords.filter((k) => k && text.includes(k));
    if (matched.length === 0) continue;
    const score = { id: t.id, hits: matched.length, chars: matched.reduce((n, k) => n + k.length, 0) };
    if (!best || score.hits > best.hits || (score.hits === best.hits && score.chars > best.chars))
      best = score;
  }
  return best?.id ?? null;
}
