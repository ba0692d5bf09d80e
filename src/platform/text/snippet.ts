import { foldWidth } from "./normalize";

/** A piece of a snippet; `hit` pieces are occurrences of a query term (render them as <mark>). */
export type SnippetPart = { text: string; hit: boolean };

type Occurrence = { start: number; end: number; term: string };

const ELLIPSIS = "…";
/** Scanning stops after this many occurrences: enough to find a good window in any document. */
const MAX_OCCURRENCES = 2000;
/** Share of the spare room put before the first hit, so the reader sees what leads to it. */
const LEAD_SHARE = 0.25;

/**
 * A window of plain text (at most maxLength UTF-16 units, plus … where cut) around the cluster of
 * term occurrences with the most distinct terms, split into plain and hit parts. Matching ignores
 * case and full-width forms; overlapping terms are resolved longest first.
 */
export function snippetParts(text: string, terms: string[], maxLength = 120): SnippetPart[] {
  const occurrences = findOccurrences(text, terms);
  const [start, end] = chooseWindow(text, occurrences, maxLength);
  return buildParts(text, occurrences, start, end);
}

function findOccurrences(text: string, terms: string[]): Occurrence[] {
  const haystack = foldWidth(text);
  const needles = [...new Set(terms.map((term) => foldWidth(term.trim())).filter((term) => term.length > 0))];
  const all: Occurrence[] = [];
  for (const term of needles) {
    for (let at = haystack.indexOf(term); at >= 0 && all.length < MAX_OCCURRENCES * 4; ) {
      all.push({ start: at, end: at + term.length, term });
      at = haystack.indexOf(term, at + 1);
    }
  }
  // Leftmost, then longest, where occurrences overlap: "医疗保险" wins over its "保险".
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Occurrence[] = [];
  for (const occurrence of all) {
    const last = kept[kept.length - 1];
    if (last && occurrence.start < last.end) continue;
    kept.push(occurrence);
    if (kept.length >= MAX_OCCURRENCES) break;
  }
  return kept;
}

/** [start, end) of the window: the most distinct terms, then the most hits, then the earliest. */
function chooseWindow(text: string, occurrences: Occurrence[], maxLength: number): [number, number] {
  if (text.length <= maxLength) return [0, text.length];
  if (occurrences.length === 0) return [0, safeEnd(text, maxLength)];
  let best = { distinct: 0, hits: 0, from: 0, to: 0 };
  const counts = new Map<string, number>();
  let to = 0;
  for (let from = 0; from < occurrences.length; from++) {
    if (to <= from) {
      counts.clear();
      to = from;
    }
    const first = occurrences[from] as Occurrence;
    while (to < occurrences.length && (occurrences[to] as Occurrence).end - first.start <= maxLength) {
      const term = (occurrences[to] as Occurrence).term;
      counts.set(term, (counts.get(term) ?? 0) + 1);
      to++;
    }
    const hits = to - from;
    if (counts.size > best.distinct || (counts.size === best.distinct && hits > best.hits)) {
      best = { distinct: counts.size, hits, from, to };
    }
    if (to > from) {
      const left = (counts.get(first.term) ?? 1) - 1;
      if (left === 0) counts.delete(first.term);
      else counts.set(first.term, left);
    }
  }
  const clusterStart = (occurrences[best.from] as Occurrence).start;
  const clusterEnd = Math.max(clusterStart, (occurrences[best.to - 1] as Occurrence | undefined)?.end ?? 0);
  const spare = maxLength - (clusterEnd - clusterStart);
  let start = Math.max(0, clusterStart - Math.floor(spare * LEAD_SHARE));
  const end = Math.min(text.length, start + maxLength);
  start = Math.max(0, end - maxLength);
  return [safeStart(text, start), safeEnd(text, end)];
}

function buildParts(text: string, occurrences: Occurrence[], start: number, end: number): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (piece: string, hit: boolean) => {
    if (piece.length === 0) return;
    const last = parts[parts.length - 1];
    if (last && !last.hit && !hit) last.text += piece;
    else parts.push({ text: piece, hit });
  };
  if (start > 0) push(ELLIPSIS, false);
  let at = start;
  for (const occurrence of occurrences) {
    if (occurrence.start < at || occurrence.end > end) continue;
    push(flatten(text.slice(at, occurrence.start)), false);
    push(text.slice(occurrence.start, occurrence.end), true);
    at = occurrence.end;
  }
  push(flatten(text.slice(at, end)), false);
  if (end < text.length) push(ELLIPSIS, false);
  return trimEdges(parts);
}

/** No blank space just inside the snippet's ends (after a leading … or before a trailing one). */
function trimEdges(parts: SnippetPart[]): SnippetPart[] {
  const first = parts[0];
  if (first && !first.hit) first.text = first.text.replace(/^(…?)\s+/u, "$1");
  const last = parts[parts.length - 1];
  if (last && !last.hit) last.text = last.text.replace(/\s+(…?)$/u, "$1");
  return parts.filter((part) => part.text.length > 0);
}

/** Line breaks and runs of spaces read as one space in a one-line snippet. */
function flatten(piece: string): string {
  return piece.replace(/\s+/gu, " ");
}

/** Moves a start offset past the second half of a surrogate pair (the window never grows). */
function safeStart(text: string, at: number): number {
  return isLowSurrogate(text.charCodeAt(at)) ? at + 1 : at;
}

/** Moves an end offset so that it does not cut a surrogate pair in two. */
function safeEnd(text: string, at: number): number {
  return at < text.length && isLowSurrogate(text.charCodeAt(at)) ? at - 1 : at;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
