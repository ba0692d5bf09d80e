import ExcelJS from "exceljs";
import type { TItemRow } from "./catalogues.repository";

const TICK = "√";

/**
 * A unit's catalogue as XLSX in the common district layout: a title row, two merged header rows
 * (公开事项 over 一级/二级事项; 公开对象, 公开方式 and 公开层级 over their tick columns), one row per
 * item with 一级事项 merged down the rows it spans. The import reads this layout back.
 */
export async function catalogueXlsx(unitName: string, items: TItemRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("标准目录");
  const areas = [...new Set(items.map((i) => i.areaName))];
  sheet.addRow([`${unitName}基层政务公开标准目录${areas.length === 1 ? `（${areas[0]}领域）` : ""}`]);
  sheet.mergeCells(1, 1, 1, 16);
  sheet.addRow([
    "序号",
    "领域",
    "公开事项",
    "",
    "公开内容（要素）",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道和载体",
    "公开对象",
    "",
    "公开方式",
    "",
    "公开层级",
    "",
    "解析的时限规则",
  ]);
  sheet.addRow([
    "",
    "",
    "一级事项",
    "二级事项",
    "",
    "",
    "",
    "",
    "",
    "全社会",
    "特定群众",
    "主动",
    "依申请",
    "县级",
    "乡级",
    "",
  ]);
  for (const c of [1, 2, 5, 6, 7, 8, 9, 16]) sheet.mergeCells(2, c, 3, c);
  for (const c of [3, 10, 12, 14]) sheet.mergeCells(2, c, 2, c + 1);
  items.forEach((i, n) => {
    sheet.addRow([
      n + 1,
      i.areaName,
      i.level1,
      i.level2,
      i.content,
      i.basis,
      i.timeLimit,
      i.subject,
      i.channels.join("、"),
      i.audience === "public" ? TICK : "",
      i.audience === "specific" ? TICK : "",
      i.mode === "proactive" ? TICK : "",
      i.mode === "on_request" ? TICK : "",
      i.levels.includes("county") ? TICK : "",
      i.levels.includes("township") ? TICK : "",
      i.timeRuleDays ? `形成或变更后${i.timeRuleDays}个工作日` : "",
    ]);
  });
  // 一级事项 (and its area) merged over consecutive rows that share it, as district catalogues do.
  let start = 0;
  for (let n = 1; n <= items.length; n++) {
    const a = items[start];
    const b = items[n];
    if (b && a && b.level1 === a.level1 && b.areaName === a.areaName) continue;
    if (n - start > 1) sheet.mergeCells(4 + start, 3, 3 + n, 3);
    start = n;
  }
  for (const r of [2, 3]) sheet.getRow(r).font = { bold: true };
  sheet.getRow(1).font = { bold: true, size: 14 };
  const widths = [6, 12, 16, 22, 30, 30, 24, 16, 22, 7, 9, 6, 7, 6, 6, 18];
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
