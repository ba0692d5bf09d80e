// The reply letter as structured text, the one source that the DOCX file and the print page both
// lay out, so the two can never say different things.

import type { TOutcome } from "../outcomes";
import {
  DEFAULT_REPLY_TEMPLATES,
  fillTemplate,
  formatChineseDate,
  type TReplyLetterModel,
  type TReplyTemplates,
  templateKeyOf,
} from "./templates";

export const REPLY_LETTER_TITLE = "政府信息公开申请答复告知书";

export type TReplyLetter = {
  title: string;
  docNo: string;
  salutation: string;
  /** The body, then the contact line if any, and always the remedies paragraph last. */
  paragraphs: string[];
  signature: string;
  date: string;
};

/**
 * Outcomes that are, wholly or in part, a decision not to disclose. Since 2024-01-01 such a decision
 * must first go to administrative reconsideration (行政复议法 (2023) Art. 23(1)(四)); telling the
 * applicant they may sue directly within 6 months would send them to a court that must turn them
 * away while the 60 days for reconsideration run out. Partial disclosure withholds a part, and
 * 行政查询事项 is reported as 不予公开, so both take the cautious wording.
 */
export const RECONSIDERATION_FIRST: ReadonlySet<TOutcome> = new Set<TOutcome>([
  "partially_disclosed",
  "withheld.state_secret",
  "withheld.prohibited_by_law",
  "withheld.security_stability",
  "withheld.third_party",
  "withheld.internal_affairs",
  "withheld.process_info",
  "withheld.enforcement_file",
  "withheld.administrative_inquiry",
]);

function required(value: string, label: string): string {
  const v = value.trim();
  if (!v) throw new Error(`答复告知书缺少：${label}`);
  return v;
}

/** The applicant's remedies (条例 Art. 51, 行政复议法 Art. 20 and 23, 行政诉讼法 Art. 45 and 46). */
export function remediesParagraph(model: TReplyLetterModel): string {
  const body = required(model.reconsiderationBody, "行政复议机关");
  const court = required(model.courtName, "管辖人民法院");
  const reconsider = `如对本答复不服，您可以依照《中华人民共和国行政复议法》第二十条的规定，自知道该行政行为之日起60日内向${body}申请行政复议`;
  if (RECONSIDERATION_FIRST.has(model.outcome))
    return `${reconsider}。根据《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，对不予公开政府信息的决定不服的，应当先申请行政复议；对行政复议决定不服或者行政复议机关逾期不作决定的，可以依照《中华人民共和国行政诉讼法》第四十五条的规定，自收到行政复议决定书之日或者行政复议期满之日起15日内向${court}提起行政诉讼。`;
  return `${reconsider}；也可以依照《中华人民共和国行政诉讼法》第四十六条的规定，自知道该行政行为之日起6个月内向${court}提起行政诉讼。`;
}

/** The document number: year of the reply in 六角括号 (GB/T 9704), then the receipt number. */
function docNo(model: TReplyLetterModel): string {
  formatChineseDate(model.replyDate);
  return `〔${model.replyDate.slice(0, 4)}〕第${required(model.receiptNo, "受理编号")}号`;
}

/** Builds the whole letter; throws where the law's required content is missing (see fillTemplate). */
export function buildReplyLetter(
  model: TReplyLetterModel,
  templates: TReplyTemplates = DEFAULT_REPLY_TEMPLATES,
): TReplyLetter {
  const body = fillTemplate(templates[templateKeyOf(model)], model)
    .split("\n")
    .map((p) => p.trim())
    .filter(Boolean);
  const phone = model.contactPhone?.trim();
  const contact = phone ? [`如有疑问，请与本机关政府信息公开工作机构联系，联系电话：${phone}。`] : [];
  return {
    title: REPLY_LETTER_TITLE,
    docNo: docNo(model),
    salutation: `${required(model.applicantName, "申请人")}：`,
    paragraphs: [...body, ...contact, remediesParagraph(model)],
    signature: required(model.agencyName, "答复机关"),
    date: formatChineseDate(model.replyDate),
  };
}
