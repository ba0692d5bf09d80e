import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { Y2025, Y2026 } from "../../../../test/calendar-fixture";
import { WorkCalendar } from "../../calendar";
import { computeClock } from "../compute-due-date";
import { FeeNoticePrintPage } from "./fee-notice.page";
import {
  buildFeeNotice,
  FEE_NOTICE_TITLE,
  perVolumeComputation,
  type TFeeNoticeModel,
  yuanInCapitals,
} from "./fee-notice-text";
import { renderFeeNoticeDocx } from "./render-fee-notice-docx";

const calendar = new WorkCalendar([Y2025, Y2026]);
const deadlineAfter = (noticeDate: string) =>
  computeClock("2026-09-01", [{ type: "fee_notice", date: noticeDate }], calendar).feePaymentDeadline;

function model(extra: Partial<TFeeNoticeModel>): TFeeNoticeModel {
  return {
    agencyName: "某区住房和城乡建设局",
    receiptNo: "YSQ2026000031",
    applicantName: "张三",
    receivedAt: "2026-09-01",
    description: "2025年度全区老旧小区改造项目的立项批复文件。",
    noticeDate: "2026-09-21",
    basis: "按量计收",
    pages: 150,
    amount: 1700,
    deliveredOn: "2026-09-21",
    paymentDeadline: "2026-10-26",
    officeAddress: "某区行政中心 3 号楼 201 室",
    officeHours: "法定工作日 9:00—17:00",
    contactPhone: "0531-12345678",
    ...extra,
  };
}
const wholeText = (m: TFeeNoticeModel) => {
  const n = buildFeeNotice(m);
  return [...n.paragraphs, ...n.computation].join("\n");
};

describe("fee notice: the amount and how it was reached (国办函〔2020〕109号)", () => {
  // Worked by hand from STATUTES §5: 按件 the rank's block price; 按量 each band's pages times its price.
  it.each([
    [11, "第 11—30 件一档，每件 100 元，本件应缴 100 元"],
    [30, "第 11—30 件一档，每件 100 元，本件应缴 100 元"],
    [31, "第 31—40 件一档，每件 200 元，本件应缴 200 元"],
    [41, "第 41—50 件一档，每件 300 元，本件应缴 300 元"],
    [57, "第 51—60 件一档，每件 400 元，本件应缴 400 元"],
  ])("按件: the %i-th request of the month", (rank, expected) => {
    const amount = { 11: 100, 30: 100, 31: 200, 41: 300, 57: 400 }[rank] as number;
    const text = wholeText(model({ basis: "按件计收", monthlyRank: rank, pages: undefined, amount }));
    expect(text).toContain(`本申请为您本自然月内提出的第 ${rank} 件申请，属于${expected}`);
    expect(text).toContain(`应缴信息处理费：人民币 ${amount} 元`);
    expect(text).toContain("第 1—10 件申请：免费");
  });

  it("按量: 150 pages are 70 × 10 + 50 × 20 = 1700 元", () => {
    expect(perVolumeComputation(150)).toEqual([
      "30 页以内（含 30 页）：免费；",
      "第 31—100 页：每页 10 元，70 页 × 10 元 = 700 元；",
      "第 101—200 页：每页 20 元，50 页 × 20 元 = 1000 元；",
      "第 201 页起：每页 40 元，本申请不涉及；",
      "所需信息共 150 页，合计应缴 1700 元。",
    ]);
    expect(wholeText(model({}))).toContain("应缴信息处理费：人民币 1700 元（大写：壹仟柒佰元整）。");
  });

  it("按量: 45 pages are 150 元 and 250 pages are 700 + 2000 + 2000 = 4700 元", () => {
    expect(perVolumeComputation(45).at(-1)).toBe("所需信息共 45 页，合计应缴 150 元。");
    expect(perVolumeComputation(45)[1]).toBe("第 31—100 页：每页 10 元，15 页 × 10 元 = 150 元；");
    expect(perVolumeComputation(250).slice(1)).toEqual([
      "第 31—100 页：每页 10 元，70 页 × 10 元 = 700 元；",
      "第 101—200 页：每页 20 元，100 页 × 20 元 = 2000 元；",
      "第 201 页起：每页 40 元，50 页 × 40 元 = 2000 元；",
      "所需信息共 250 页，合计应缴 4700 元。",
    ]);
  });

  it("refuses to print an amount the standard does not give", () => {
    expect(() => buildFeeNotice(model({ amount: 1500 }))).toThrow("与按量计收标准不符");
    expect(() => buildFeeNotice(model({ basis: "按件计收", monthlyRank: 12, amount: 200 }))).toThrow(
      "与按件计收标准不符",
    );
    expect(() => buildFeeNotice(model({ applicantName: " " }))).toThrow("收费通知书缺少：申请人");
  });

  it("writes money in capitals the way official forms do", () => {
    expect(yuanInCapitals(0)).toBe("零元整");
    expect(yuanInCapitals(100)).toBe("壹佰元整");
    expect(yuanInCapitals(150)).toBe("壹佰伍拾元整");
    expect(yuanInCapitals(1005)).toBe("壹仟零伍元整");
    expect(yuanInCapitals(4700)).toBe("肆仟柒佰元整");
    expect(yuanInCapitals(10010)).toBe("壹万零壹拾元整");
    expect(yuanInCapitals(100000)).toBe("壹拾万元整");
    expect(yuanInCapitals(2300400)).toBe("贰佰叁拾万零肆佰元整");
  });
});

describe("fee notice: the payment deadline, the basis and the consequence", () => {
  // Counted by hand on the 2026 schedule: after 9月21日, 9月25日 and 10月1–7日 are off, 10月10日 (Sat) is worked.
  it("gives 20 working days from the day after the notice, across 中秋 and 国庆", () => {
    expect(deadlineAfter("2026-09-21")).toBe("2026-10-26");
    const text = wholeText(model({ paymentDeadline: deadlineAfter("2026-09-21") as string }));
    expect(text).toContain(
      "请您自收到本通知书次日起 20 个工作日内缴纳：本通知书于2026年9月21日送达，最迟于2026年10月26日（含当日）缴清。",
    );
  });

  it("states the day the notice is received and counts from it", () => {
    // Sent by post on Mon 2026-09-21, received Thu 09-24: 9月25日 off, 28–30 (3), 10月1–7日 off, 8–9 (5),
    // Sat 10 worked (6), 12–16 (11), 19–23 (16), 26–29 (20) → 2026-10-29.
    const c = computeClock(
      "2026-09-01",
      [{ type: "fee_notice", date: "2026-09-21", deliveredOn: "2026-09-24" }],
      calendar,
    );
    expect(c.feePaymentDeadline).toBe("2026-10-29");
    const text = wholeText(model({ deliveredOn: "2026-09-24", paymentDeadline: "2026-10-29" }));
    expect(text).toContain("本通知书于2026年9月24日送达，最迟于2026年10月29日（含当日）缴清。");
  });

  it("counts the 春节 holidays out and the two worked Saturdays in", () => {
    // 2月11–13日, 14日 (Sat, worked), 24–27日, 28日 (Sat, worked), then 3月2–16日 to the 20th.
    expect(deadlineAfter("2026-02-10")).toBe("2026-03-16");
  });

  it("states the legal basis, the pause, what happens if unpaid, the unit and the date", () => {
    const n = buildFeeNotice(model({}));
    const text = n.paragraphs.join("\n");
    expect(n.title).toBe(FEE_NOTICE_TITLE);
    expect(n.salutation).toBe("张三：");
    expect(text).toContain("《中华人民共和国政府信息公开条例》第四十二条");
    expect(text).toContain("（国办函〔2020〕109号）");
    expect(text).toContain("答复期限暂停计算");
    expect(text).toContain("逾期未缴纳的");
    expect(text).toContain("视为您放弃本次政府信息公开申请");
    expect(text).toContain("申请公开：2025年度全区老旧小区改造项目的立项批复文件。");
    expect(text).toContain("到某区行政中心 3 号楼 201 室办理缴费手续");
    expect(n.signature).toBe("某区住房和城乡建设局");
    expect(n.date).toBe("2026年9月21日");
    expect(n.docNo).toBe("〔2026〕第YSQ2026000031号");
  });

  it("says the same on the print page and in the Word file", async () => {
    const n = buildFeeNotice(model({}));
    const html = String(await FeeNoticePrintPage({ notice: n, docxHref: "/x.docx" }));
    const zip = await JSZip.loadAsync(await renderFeeNoticeDocx(n));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    for (const piece of [
      "张三：",
      "人民币 1700 元（大写：壹仟柒佰元整）",
      "最迟于2026年10月26日（含当日）缴清",
      "70 页 × 10 元 = 700 元",
      "某区住房和城乡建设局",
      "2026年9月21日",
    ]) {
      expect(html).toContain(piece);
      expect(xml).toContain(piece);
    }
    expect(html).not.toContain("<script");
    expect(html).not.toContain("style=");
  });
});
