import { crc32, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";

/** A ZIP of the given entries, deflated by zlib: fast enough for a test to build an entry of 100 MB. */
export function zipOf(entries: { name: string; data: Uint8Array }[]): Uint8Array<ArrayBuffer> {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const packed = deflateRawSync(entry.data, { level: 1 });
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(8, 10); // deflate
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    directory.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, dir, end]));
}

/**
 * A ZIP-bomb-like XLSX: a real workbook whose first sheet repeats one row until the sheet's XML is
 * `sheetXmlBytes` long. Repetition compresses about 170 to 1 even at zlib's fastest level: 100 MB of XML ships in 600 KB.
 */
export async function xlsxBomb(sheetXmlBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("任务").addRow(["no", "section", "group", "requirement", "units", "deadline"]);
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  const tail = Buffer.from("</sheetData></worksheet>");
  const row = Buffer.from('<row><c t="inlineStr"><is><t>政务公开</t></is></c></row>');
  const rows = Buffer.allocUnsafe(Math.ceil(sheetXmlBytes / row.length) * row.length).fill(row);
  const entries: { name: string; data: Uint8Array }[] = [];
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const data =
      entry.name === "xl/worksheets/sheet1.xml"
        ? Buffer.concat([head, rows, tail])
        : await entry.async("uint8array");
    entries.push({ name: entry.name, data });
  }
  return zipOf(entries);
}
