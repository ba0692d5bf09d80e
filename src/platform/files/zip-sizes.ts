/**
 * Declared unpacked sizes of a ZIP's entries (XLSX and DOCX are ZIP archives), read from its central
 * directory without unpacking anything: a small upload that would inflate to gigabytes is refused
 * before any library touches it. Null when the archive has no readable directory.
 */
export function unzippedSizes(bytes: Uint8Array): { total: number; xml: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.byteLength - 22;
  const stop = Math.max(0, end - 0xffff);
  while (end >= stop && view.getUint32(end, true) !== 0x06054b50) end -= 1;
  if (end < stop) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const sizes = { total: 0, xml: 0 };
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) return null;
    // 0xFFFFFFFF means a ZIP64 size: far beyond any office document, so counted as infinite.
    const raw = view.getUint32(at + 24, true);
    const size = raw === 0xffffffff ? Number.POSITIVE_INFINITY : raw;
    const nameLength = view.getUint16(at + 28, true);
    const name = Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString("latin1");
    sizes.total += size;
    if (/\.(?:xml|rels)$/i.test(name)) sizes.xml += size;
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return sizes;
}
