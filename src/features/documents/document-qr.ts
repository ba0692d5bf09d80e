import encodeQR from "@paulmillr/qr";

// The quiet zone the QR standard asks for around the code, in modules.
const QUIET_ZONE = 4;

/**
 * A QR code of `text` as SVG: one path of the dark modules on a white square, so that it scans on a
 * dark page and prints as it shows. Medium error correction survives a smudged printout.
 */
export function qrSvg(text: string): string {
  const rows = encodeQR(text, "raw", { ecc: "medium", border: 0 });
  const size = rows.length + 2 * QUIET_ZONE;
  let path = "";
  rows.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (row[x]) x += 1;
      path += `M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h-${x - start}z`;
    }
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}
