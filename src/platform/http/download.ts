/**
 * A file download. The name is sent twice (RFC 6266): `filename*` in UTF-8 (RFC 5987) for the
 * Chinese names of real documents, and a plain ASCII `filename` for the few clients that ignore it.
 * Control characters and quotes never reach the header. Caching is left to the app's policy:
 * private unless the route marks the response public.
 */
export function download(
  data: Uint8Array | string,
  opts: { name: string; type: string; isInline?: boolean },
): Response {
  return new Response(typeof data === "string" ? data : new Uint8Array(data), {
    headers: {
      "content-type": opts.type,
      "content-disposition": contentDisposition(opts.name, opts.isInline),
    },
  });
}

export function contentDisposition(name: string, isInline = false): string {
  const clean =
    name
      .replace(/\p{Cc}/gu, "")
      // A lone surrogate would make encodeURIComponent throw.
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "_")
      .trim() || "download";
  const ascii = clean.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  // encodeURIComponent leaves ' ( ) * as they are; RFC 5987's attr-char does not allow them.
  const encoded = encodeURIComponent(clean).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${isInline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
