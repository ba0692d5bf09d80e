// The fee notice (收费通知书) as structured text, the one source that the print page and the DOCX
// file both lay out. It states what 国办函〔2020〕109号 asks a notice to state: the basis, the
// standard, the amount and how it was reached, how and by when to pay, and what follows if unpaid.

import { perRequestFee, perVolumeFee, type TFeeBasis } from "../fees";
import { formatChineseDate } from "../reply-letter/templates";

export const FEE_NOTICE_TITLE = "政府信息公开信息处理费收费通知书";

export type TFeeNoticeModel = {
  agencyName: string;
  receiptNo: string;
  applicantName: string;
  receivedAt: string;
  description: string;
  noticeDate: string;
  basis: TFeeBasis;
  /** 按件: this request's rank among the applicant's requests received in the same calendar month. */
  monthlyRank?: number;
  /** 按量: pages of the information to be provided. */
  pages?: number;
  amount: number;
  /** The day the applicant receives the notice (recorded with it; the issue date if not). */
  deliveredOn: string;
  /** Last day to pay: the 20th working day after the day the applicant receives it (STATUTES §5). */
  paymentDeadline: string;
  officeAddress?: string;
  officeHours?: string;
  contactPhone?: string;
};

export type TFeeNotice = {
  title: string;
  docNo: string;
  salutation: string;
  paragraphs: string[];
  /** How the amount was reached, one line per tier; shown as a list under the paragraph that introduces it. */
  computation: string[];
  signature: string;
  date: string;
};

const DIGITS = "零壹贰叁肆伍陆柒捌玖";
const SMALL_UNITS = ["", "拾", "佰", "仟"];
const BIG_UNITS = ["", "万", "亿"];

/** A whole amount of yuan in capital numerals, as money is written on official forms: 1700 → 壹仟柒佰元整. */
export function yuanInCapitals(amount: number): string {
  if (!Number.isInteger(amount) || amount < 0 || amount >= 1e12)
    throw new RangeError("amount must be a whole number of yuan below one trillion");
  if (amount === 0) return "零元整";
  const groups: number[] = [];
  for (let n = amount; n > 0; n = Math.floor(n / 10_000)) groups.push(n % 10_000);
  let out = "";
  // Zeros inside the number are read as one 零 (10010 → 壹万零壹拾); trailing zeros are not read.
  let hasGap = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g] as number;
    for (let i = 3; i >= 0; i--) {
      const digit = Math.floor(group / 10 ** i) % 10;
      if (digit === 0) {
        hasGap = out !== "";
        continue;
      }
      if (hasGap) out += "零";
      hasGap = false;
      out += DIGITS[digit] + (SMALL_UNITS[i] as string);
    }
    if (group !== 0) out += BIG_UNITS[g] as string;
  }
  return `${out}元整`;
}

/** 按件: the tier a request of this monthly rank falls in, as [first, last, price each]. */
function requestTier(rank: number): [number, number | null, number] {
  if (rank <= 10) return [1, 10, 0];
  if (rank <= 30) return [11, 30, 100];
  const first = 31 + 10 * Math.floor((rank - 31) / 10);
  return [first, first + 9, perRequestFee(rank)];
}

/** 按件: the standard, then where this request falls in it. */
export function perRequestComputation(rank: number): string[] {
  const [first, last, price] = requestTier(rank);
  return [
    "同一申请人一个自然月内的第 1—10 件申请：免费；",
    "第 11—30 件：每件 100 元；",
    "第 31 件起：每 10 件为一档，每档每件比上一档增加 100 元（第 31—40 件每件 200 元，第 41—50 件每件 300 元，依此类推）；",
    `本申请为您本自然月内提出的第 ${rank} 件申请，属于第 ${first}—${last} 件一档，每件 ${price} 元，本件应缴 ${perRequestFee(rank)} 元。`,
  ];
}

/** 按量: the standard, then each tier's pages times its price, then the total. */
export function perVolumeComputation(pages: number): string[] {
  const tiers: [number, number, number][] = [
    [31, 100, 10],
    [101, 200, 20],
    [201, Number.POSITIVE_INFINITY, 40],
  ];
  const lines = ["30 页以内（含 30 页）：免费；"];
  for (const [from, to, price] of tiers) {
    const count = Math.max(0, Math.min(pages, to) - (from - 1));
    const range = to === Number.POSITIVE_INFINITY ? `第 ${from} 页起` : `第 ${from}—${to} 页`;
    lines.push(
      count > 0
        ? `${range}：每页 ${price} 元，${count} 页 × ${price} 元 = ${count * price} 元；`
        : `${range}：每页 ${price} 元，本申请不涉及；`,
    );
  }
  lines.push(`所需信息共 ${pages} 页，合计应缴 ${perVolumeFee(pages)} 元。`);
  return lines;
}

function required(value: string | undefined, label: string): string {
  const v = (value ?? "").trim();
  if (!v) throw new Error(`收费通知书缺少：${label}`);
  return v;
}

/** The computation for the notice's basis; the amount must be what the standard gives, or the notice is wrong. */
function computationOf(model: TFeeNoticeModel): string[] {
  if (model.basis === "按件计收") {
    const rank = model.monthlyRank;
    if (!rank || perRequestFee(rank) !== model.amount)
      throw new Error(`收费通知书的金额（${model.amount} 元）与按件计收标准不符。`);
    return perRequestComputation(rank);
  }
  const pages = model.pages;
  if (!pages || perVolumeFee(pages) !== model.amount)
    throw new Error(`收费通知书的金额（${model.amount} 元）与按量计收标准不符。`);
  return perVolumeComputation(pages);
}

/** Builds the whole notice; throws when a required fact is missing or the amount is not the standard's. */
export function buildFeeNotice(model: TFeeNoticeModel): TFeeNotice {
  const computation = computationOf(model);
  const deadline = formatChineseDate(model.paymentDeadline);
  const phone = model.contactPhone?.trim();
  const where = model.officeAddress?.trim();
  const hours = model.officeHours?.trim();
  const description = model.description.trim().replace(/[。.]$/, "");
  const payAt = where
    ? `请凭本通知书${hours ? `于办公时间（${hours}）` : ""}到${where}办理缴费手续${phone ? `，或致电 ${phone} 咨询其他缴费方式` : ""}。`
    : `请凭本通知书到本机关政府信息公开工作机构办理缴费手续${phone ? `，或致电 ${phone} 咨询缴费方式` : ""}。`;
  return {
    title: FEE_NOTICE_TITLE,
    docNo: `〔${model.noticeDate.slice(0, 4)}〕第${required(model.receiptNo, "受理编号")}号`,
    salutation: `${required(model.applicantName, "申请人")}：`,
    paragraphs: [
      `本机关于${formatChineseDate(model.receivedAt)}收到您提出的政府信息公开申请（受理编号：${model.receiptNo}），申请公开：${required(description, "申请内容")}。`,
      "根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，" +
        `您的申请超出了免费范围，本机关决定按${model.basis === "按件计收" ? "件" : "量"}（${model.basis}）收取信息处理费，计算方法如下：`,
      `应缴信息处理费：人民币 ${model.amount} 元（大写：${yuanInCapitals(model.amount)}）。`,
      // 109号 counts from the day after receipt, so the notice says when that is taken to be.
      `请您自收到本通知书次日起 20 个工作日内缴纳：本通知书于${formatChineseDate(model.deliveredOn)}送达，` +
        `最迟于${deadline}（含当日）缴清。${payAt}`,
      "自本通知书发出之日起至您缴纳费用之日止，答复期限暂停计算；本机关收到费用后继续办理并依法答复。",
      `逾期未缴纳的，根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为您放弃本次政府信息公开申请，本机关不再处理该申请。`,
      ...(phone ? [`如有疑问，请与本机关政府信息公开工作机构联系，联系电话：${phone}。`] : []),
    ],
    computation,
    signature: required(model.agencyName, "收费机关"),
    date: formatChineseDate(model.noticeDate),
  };
}
