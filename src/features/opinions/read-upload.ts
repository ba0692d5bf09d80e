import { AppError } from "../../platform/errors";
import type { TCtx } from "../../platform/http/context";
import { readWorkOrdersCsv, readWorkOrdersXlsx, type TWorkOrderSheet } from "./read-work-orders";

/** The uploaded work-order file (field "file"), read as CSV or XLSX by its name or leading bytes. */
export async function readWorkOrderUpload(c: TCtx): Promise<{ sheet: TWorkOrderSheet; name: string }> {
  let file: unknown;
  try {
    file = (await c.req.parseBody()).file;
  } catch {
    throw new AppError("bad_request", "请以 multipart/form-data 上传文件（字段名 file）。");
  }
  if (!(file instanceof File) || file.size === 0)
    throw new AppError("unprocessable", "请选择要导入的 12345 工单文件（CSV 或 XLSX）。", {
      issues: [{ path: "file", message: "请选择要导入的文件。" }],
    });
  const bytes = new Uint8Array(await file.arrayBuffer());
  // An XLSX is a ZIP: "PK\x03\x04".
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const name = file.name.slice(0, 200);
  if (isZip) return { sheet: await readWorkOrdersXlsx(bytes), name };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError(
      "bad_request",
      "CSV 文件应为 UTF-8 编码。请在导出时选择 UTF-8，或另存为 XLSX 后导入。",
    );
  }
  return { sheet: readWorkOrdersCsv(text), name };
}
