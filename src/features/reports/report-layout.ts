// The labels and the order of rows and columns of the annual report's tables, exactly as
// 国办公开办函〔2021〕30号 prints them (STATUTES §7). The page, the Markdown body and the Word file
// all draw from here, so the three never disagree.

import { APPLICANT_KIND_CODES, APPLICANT_KINDS, OUTCOME_CODES, OUTCOMES, type TOutcome } from "../requests";

export const REPORT_SECTIONS = {
  overview: "一、总体情况",
  proactive: "二、主动公开政府信息情况",
  requests: "三、收到和处理政府信息公开申请情况",
  appeals: "四、政府信息公开行政复议、行政诉讼情况",
  problems: "五、存在的主要问题及改进情况",
  other: "六、其他需要报告的事项",
} as const;

/** The columns of table 三, in order; the last five sit under 法人或其他组织. */
export const APPLICANT_COLUMNS = APPLICANT_KIND_CODES;
export const APPLICANT_COLUMN_LABELS = APPLICANT_KINDS;
export const APPLICANT_GROUP_LABEL = "申请人情况";
export const NATURAL_PERSON_LABEL = "自然人";
export const ORGANISATIONS_LABEL = "法人或其他组织";
export const TOTAL_LABEL = "总计";
export const BALANCE_NOTE = "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和";

export const REQUEST_ROW_LABELS = {
  newThisYear: "一、本年新收政府信息公开申请数量",
  carriedOver: "二、上年结转政府信息公开申请数量",
  results: "三、本年度办理结果",
  total: "（七）总计",
  carriedForward: "四、结转下年度继续办理",
} as const;

export type TOutcomeRow = { code: TOutcome; group: string; item: string };

/**
 * The rows of 三、本年度办理结果: each outcome code's row split into its block (（三）不予公开) and
 * its item (1.属于国家秘密); （一） and （二） have no items.
 */
export function outcomeRows(): TOutcomeRow[] {
  return OUTCOME_CODES.map((code) => {
    const label: string = OUTCOMES[code].row;
    const space = label.indexOf(" ");
    return space < 0
      ? { code, group: label, item: "" }
      : { code, group: label.slice(0, space), item: label.slice(space + 1) };
  });
}

/** Consecutive outcome rows of the same block, for merged cells. */
export function outcomeGroups(): { group: string; rows: TOutcomeRow[] }[] {
  const out: { group: string; rows: TOutcomeRow[] }[] = [];
  for (const row of outcomeRows()) {
    const last = out[out.length - 1];
    if (last && last.group === row.group) last.rows.push(row);
    else out.push({ group: row.group, rows: [row] });
  }
  return out;
}

export const PROACTIVE_BLOCKS = {
  item1: "第二十条第（一）项",
  item5: "第二十条第（五）项",
  item6: "第二十条第（六）项",
  item8: "第二十条第（八）项",
} as const;
export const PROACTIVE_LABELS = {
  content: "信息内容",
  made: "本年制发件数",
  repealed: "本年废止件数",
  valid: "现行有效件数",
  decisions: "本年处理决定数量",
  feeAmount: "本年收费金额（单位：万元）",
  regulations: "规章",
  normative: "行政规范性文件",
  licensing: "行政许可",
  penalties: "行政处罚",
  enforcement: "行政强制",
  fees: "行政事业性收费",
} as const;

export const APPEAL_KIND_LABELS = {
  reconsideration: "行政复议",
  litigation: "行政诉讼",
  litigation_direct: "未经复议直接起诉",
  litigation_after_reconsideration: "复议后起诉",
} as const;
export const APPEAL_RESULT_KEYS = ["upheld", "corrected", "other", "pending", "total"] as const;
export const APPEAL_RESULT_LABELS = {
  upheld: "结果维持",
  corrected: "结果纠正",
  other: "其他结果",
  pending: "尚未审结",
  total: "总计",
} as const;

/** The report's title: the issuing authority, the year, and the fixed name of the report. */
export const reportTitle = (issuer: string, year: number) => `${issuer}${year}年政府信息公开工作年度报告`;

/** A 万元 amount as a report prints it: up to four decimals, no trailing zeros. */
export function formatWanYuan(amount: number): string {
  return String(Math.round(amount * 10000) / 10000);
}
