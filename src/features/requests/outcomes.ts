// The outcome codes of STATUTES §6: every concluded request has exactly one, and each maps to a
// row of the annual report's table 三（本年度办理结果）.

export const OUTCOMES = {
  disclosed: { label: "予以公开", row: "（一）予以公开", isRefusal: false },
  partially_disclosed: {
    label: "部分公开",
    row: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    isRefusal: true,
  },
  "withheld.state_secret": {
    label: "不予公开：属于国家秘密",
    row: "（三）不予公开 1.属于国家秘密",
    isRefusal: true,
  },
  "withheld.prohibited_by_law": {
    label: "不予公开：其他法律行政法规禁止公开",
    row: "（三）不予公开 2.其他法律行政法规禁止公开",
    isRefusal: true,
  },
  "withheld.security_stability": {
    label: "不予公开：危及“三安全一稳定”",
    row: "（三）不予公开 3.危及“三安全一稳定”",
    isRefusal: true,
  },
  "withheld.third_party": {
    label: "不予公开：保护第三方合法权益",
    row: "（三）不予公开 4.保护第三方合法权益",
    isRefusal: true,
  },
  "withheld.internal_affairs": {
    label: "不予公开：属于三类内部事务信息",
    row: "（三）不予公开 5.属于三类内部事务信息",
    isRefusal: true,
  },
  "withheld.process_info": {
    label: "不予公开：属于四类过程性信息",
    row: "（三）不予公开 6.属于四类过程性信息",
    isRefusal: true,
  },
  "withheld.enforcement_file": {
    label: "不予公开：属于行政执法案卷",
    row: "（三）不予公开 7.属于行政执法案卷",
    isRefusal: true,
  },
  "withheld.administrative_inquiry": {
    label: "不予公开：属于行政查询事项",
    row: "（三）不予公开 8.属于行政查询事项",
    isRefusal: true,
  },
  "unavailable.not_held": {
    label: "无法提供：本机关不掌握相关政府信息",
    row: "（四）无法提供 1.本机关不掌握相关政府信息",
    isRefusal: true,
  },
  "unavailable.needs_creation": {
    label: "无法提供：没有现成信息需要另行制作",
    row: "（四）无法提供 2.没有现成信息需要另行制作",
    isRefusal: true,
  },
  "unavailable.unclear_after_correction": {
    label: "无法提供：补正后申请内容仍不明确",
    row: "（四）无法提供 3.补正后申请内容仍不明确",
    isRefusal: true,
  },
  "not_processed.petition_complaint": {
    label: "不予处理：信访举报投诉类申请",
    row: "（五）不予处理 1.信访举报投诉类申请",
    isRefusal: true,
  },
  "not_processed.duplicate": {
    label: "不予处理：重复申请",
    row: "（五）不予处理 2.重复申请",
    isRefusal: true,
  },
  "not_processed.publication": {
    label: "不予处理：要求提供公开出版物",
    row: "（五）不予处理 3.要求提供公开出版物",
    isRefusal: true,
  },
  "not_processed.excessive": {
    label: "不予处理：无正当理由大量反复申请",
    row: "（五）不予处理 4.无正当理由大量反复申请",
    isRefusal: true,
  },
  "not_processed.confirm_or_reissue": {
    label: "不予处理：要求行政机关确认或重新出具已获取信息",
    row: "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
    isRefusal: true,
  },
  "other.no_correction": {
    label: "其他处理：申请人逾期不补正",
    row: "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    isRefusal: false,
  },
  "other.no_fee": {
    label: "其他处理：申请人逾期未缴纳信息处理费",
    row: "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    isRefusal: false,
  },
  "other.other": { label: "其他处理：其他", row: "（六）其他处理 3.其他", isRefusal: false },
} as const;

export type TOutcome = keyof typeof OUTCOMES;
export const OUTCOME_CODES = Object.keys(OUTCOMES) as [TOutcome, ...TOutcome[]];

/** Outcomes that only the workflow itself may set (abandonment, withdrawal), never a reply. */
export const WORKFLOW_OUTCOMES: readonly TOutcome[] = ["other.no_correction", "other.no_fee"];

export const APPLICANT_KINDS = {
  natural_person: "自然人",
  commercial_enterprise: "商业企业",
  research_institution: "科研机构",
  public_interest_org: "社会公益组织",
  legal_service_org: "法律服务机构",
  other_org: "其他",
} as const;

export type TApplicantKind = keyof typeof APPLICANT_KINDS;
export const APPLICANT_KIND_CODES = Object.keys(APPLICANT_KINDS) as [TApplicantKind, ...TApplicantKind[]];
