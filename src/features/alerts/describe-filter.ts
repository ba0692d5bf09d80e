import { DOCUMENT_KIND_LABELS } from "../documents";

/** A subscription's filter in words: "区财政局 · 规范性文件 · 主题“财政” · 含“补贴”". */
export function describeFilter(
  f: { topic: string | null; kind: string | null; q: string | null },
  unitName: string | null,
): string {
  const parts: string[] = [];
  if (unitName) parts.push(unitName);
  if (f.kind) parts.push((DOCUMENT_KIND_LABELS as Record<string, string>)[f.kind] ?? f.kind);
  if (f.topic) parts.push(`主题“${f.topic}”`);
  if (f.q) parts.push(`含“${f.q}”`);
  return parts.length > 0 ? parts.join(" · ") : "全部新发布的文件";
}
