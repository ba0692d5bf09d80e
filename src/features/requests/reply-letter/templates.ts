// The bodies of the written reply (政府信息公开申请答复告知书, 条例 Art. 36–39), one per outcome code.
// The remedies paragraph is deliberately not part of any template: the renderer appends it for every
// outcome so that an edited template can never drop the applicant's remedies.

import { OUTCOMES, type TOutcome } from "../outcomes";
import { REPLY_VARIANTS, type TReplyVariant } from "../reply-variants";

/** Everything a reply letter needs; dates are YYYY-MM-DD. */
export type TReplyLetterModel = {
  agencyName: string;
  receiptNo: string;
  applicantName: string;
  receivedAt: string;
  /** The information applied for, as the applicant described it. */
  description: string;
  outcome: TOutcome;
  reason?: string;
  legalBasis?: string;
  /** The agency responsible for the information (name, and contact if known) — Art. 36(五). */
  otherAgency?: string;
  /** How the information is provided: the form and the delivery chosen (Art. 36(二), Art. 40). */
  provisionNote?: string;
  /** Which case of Art. 36 the reply is, where one outcome has two (see reply-variants). */
  variant?: TReplyVariant;
  /** Where information already disclosed proactively can be had: a web address or a place (Art. 36(一)). */
  whereToObtain?: string;
  replyDate: string;
  reconsiderationBody: string;
  courtName: string;
  contactPhone?: string;
};

/**
 * One template per outcome, and one more for each second case of Art. 36 within an outcome. The
 * plain outcome key keeps the answer it always had (36(二) for disclosed, 36(五) for not_held), so
 * replies recorded before the variants existed print as they were sent.
 */
export const VARIANT_TEMPLATE_KEYS = {
  already_public: "disclosed.already_public",
  not_found: "unavailable.not_held.not_found",
  not_ours: "unavailable.not_held",
} as const satisfies Record<TReplyVariant, string>;

export type TReplyTemplateKey = TOutcome | (typeof VARIANT_TEMPLATE_KEYS)[TReplyVariant];
export type TReplyTemplates = Record<TReplyTemplateKey, string>;

/** The template a letter is written from: its variant's if it has one, else its outcome's. */
export const templateKeyOf = (model: Pick<TReplyLetterModel, "outcome" | "variant">): TReplyTemplateKey =>
  model.variant ? VARIANT_TEMPLATE_KEYS[model.variant] : model.outcome;

export const isTemplateKey = (key: string): key is TReplyTemplateKey =>
  Object.hasOwn(DEFAULT_REPLY_TEMPLATES, key);

/** What the office sees for each template: the outcome, and for a variant the case of Art. 36. */
export function templateLabel(key: TReplyTemplateKey): string {
  const variant = (Object.keys(VARIANT_TEMPLATE_KEYS) as TReplyVariant[]).find(
    (v) => VARIANT_TEMPLATE_KEYS[v] === key,
  );
  if (!variant) return OUTCOMES[key as TOutcome].label;
  return `${OUTCOMES[REPLY_VARIANTS[variant].outcome].label}——${REPLY_VARIANTS[variant].label}`;
}

/** The law's full title on first mention; each template then uses the short form 《条例》. */
const LAW = "《中华人民共和国政府信息公开条例》（以下简称《条例》）";

const OPENING = `本机关于{receivedDate}收到您提出的政府信息公开申请，您申请获取“{description}”。经审查，现答复如下：`;

/** The opening of the notices that close a request without a decision on the information itself. */
const NOTICE_OPENING = `本机关于{receivedDate}收到您提出的政府信息公开申请，您申请获取“{description}”。现将办理情况告知如下：`;

/** The staff's own reason and legal basis, which every refusal must state (Art. 36(三), Art. 37). */
const REASON_AND_BASIS = "具体理由：{reason}。法律依据：{legalBasis}。";

/** A default body per outcome; a line break starts a new paragraph. */
export const DEFAULT_REPLY_TEMPLATES: TReplyTemplates = {
  disclosed: [
    OPENING,
    `您申请获取的政府信息属于可以公开的政府信息。根据${LAW}第三十六条第（二）项的规定，本机关决定予以公开。`,
    "根据《条例》第四十条的规定，本机关结合您申请时提出的形式要求和本机关保存该信息的实际情况，确定提供方式如下：{provisionNote}。",
  ].join("\n"),

  "disclosed.already_public": [
    OPENING,
    `您申请获取的政府信息本机关已经主动公开。根据${LAW}第三十六条第（一）项的规定，现告知您获取该政府信息的方式、途径：{whereToObtain}。`,
  ].join("\n"),

  partially_disclosed: [
    OPENING,
    `您申请获取的信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。根据${LAW}第三十七条的规定，本机关决定部分公开：对可以公开的内容予以提供，对其余内容不予公开。`,
    "可以公开内容的提供方式：{provisionNote}。",
    `对不予公开的内容，${REASON_AND_BASIS}`,
  ].join("\n"),

  "withheld.state_secret": [
    OPENING,
    `您申请获取的政府信息属于依法确定的国家秘密。根据${LAW}第十四条、第三十六条第（三）项的规定，本机关决定不予公开。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "withheld.prohibited_by_law": [
    OPENING,
    `您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。根据${LAW}第十四条、第三十六条第（三）项的规定，本机关决定不予公开。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "withheld.security_stability": [
    OPENING,
    `您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。根据${LAW}第十四条、第三十六条第（三）项的规定，本机关决定不予公开。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "withheld.third_party": [
    OPENING,
    `您申请获取的政府信息涉及商业秘密、个人隐私等内容，公开会对第三方合法权益造成损害。根据${LAW}第十五条、第三十六条第（三）项的规定，本机关决定不予公开。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "withheld.internal_affairs": [
    OPENING,
    `您申请获取的政府信息属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）。根据${LAW}第十六条第一款、第三十六条第（三）项的规定，本机关决定不予公开。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "withheld.process_info": [
    OPENING,
    `您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。根据${LAW}第十六条第二款、第三十六条第（三）项的规定，本机关决定不予公开。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "withheld.enforcement_file": [
    OPENING,
    `您申请获取的政府信息属于行政执法案卷信息。根据${LAW}第十六条第二款、第三十六条第（三）项的规定，本机关决定不予公开。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "withheld.administrative_inquiry": [
    OPENING,
    `您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对该类信息的获取有特别规定。根据${LAW}第三十六条第（七）项的规定，本机关不作为政府信息公开申请提供，请您依照有关法律、行政法规的规定办理。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "unavailable.not_held": [
    OPENING,
    `您申请获取的政府信息不属于本机关负责公开的政府信息。根据${LAW}第三十六条第（五）项的规定，本机关无法向您提供。`,
    REASON_AND_BASIS,
    "{otherAgencyNotice}",
  ].join("\n"),

  "unavailable.not_held.not_found": [
    OPENING,
    `经检索，本机关没有您所申请公开的政府信息。根据${LAW}第三十六条第（四）项的规定，现告知您该政府信息不存在。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "unavailable.needs_creation": [
    OPENING,
    `本机关没有与您申请内容相对应的现成政府信息，提供该信息需要本机关对现有政府信息进行加工、分析。根据${LAW}第三十八条的规定，本机关不予提供。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "unavailable.unclear_after_correction": [
    OPENING,
    `本机关已告知您对申请内容作出补正。经审查，您补正后的申请内容仍不明确，本机关无法据此确定您所申请获取的政府信息。根据${LAW}第二十九条第二款第（二）项、第三十条的规定，本机关无法向您提供。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "not_processed.petition_complaint": [
    OPENING,
    `您以政府信息公开申请的形式提出的事项属于信访、投诉、举报等活动。根据${LAW}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，您可以通过信访、投诉、举报等相应渠道提出。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "not_processed.duplicate": [
    OPENING,
    `本机关已就您此前提出的政府信息公开申请作出答复，您本次申请公开的政府信息与已答复的政府信息相同。根据${LAW}第三十六条第（六）项的规定，本机关不予重复处理。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "not_processed.publication": [
    OPENING,
    `您申请获取的内容属于政府公报、报刊、书籍等公开出版物。根据${LAW}第三十九条第二款的规定，本机关不作为政府信息公开申请处理，您可以通过公开发行渠道、公共图书馆或者政府信息查阅场所等途径获取。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "not_processed.excessive": [
    OPENING,
    `您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，本机关认为申请理由不合理。根据${LAW}第三十五条的规定，本机关不予处理。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "not_processed.confirm_or_reissue": [
    OPENING,
    `您的申请实为要求本机关对您已获取的政府信息予以确认或者重新出具，不属于${LAW}第二条所称获取政府信息的情形，本机关不作为政府信息公开申请处理。`,
    REASON_AND_BASIS,
  ].join("\n"),

  "other.no_correction": [
    NOTICE_OPENING,
    `因您的申请内容不明确，本机关已一次性告知您需要补正的事项和补正期限。您无正当理由逾期未作出补正。根据${LAW}第三十条的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。`,
  ].join("\n"),

  "other.no_fee": [
    NOTICE_OPENING,
    `本机关已就该申请向您发出收取信息处理费的通知。您逾期未按收费通知要求缴纳费用。根据${LAW}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。`,
  ].join("\n"),

  "other.other": [NOTICE_OPENING, "{reason}。本机关对该政府信息公开申请不再继续办理。"].join("\n"),
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 2025-09-01 → 2025年9月1日 (Arabic numerals, as GB/T 9704 asks for the date of a document). */
export function formatChineseDate(iso: string): string {
  const m = DATE.exec(iso);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  // Round-tripping through Date rejects 2025-02-30 and the like, which would print a day that never was.
  if (!m || probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d)
    throw new Error(`日期格式不正确（应为 YYYY-MM-DD）：${iso}`);
  return `${y}年${mo}月${d}日`;
}

/**
 * Staff type free text that may already end in a full stop; the templates supply their own
 * punctuation, so a trailing one is dropped rather than printed twice.
 */
function clean(value: string | undefined): string {
  return (value ?? "").trim().replace(/[。．.；;，,、\s]+$/u, "");
}

const FIELD_LABELS = {
  reason: "理由",
  legalBasis: "法律依据",
  provisionNote: "提供方式",
  otherAgency: "负责公开的行政机关",
  whereToObtain: "获取方式、途径",
  contactPhone: "联系电话",
  description: "申请内容",
  applicantName: "申请人",
} as const;

/** Values the letter cannot do without, whatever the template says. */
function requiredFields(model: TReplyLetterModel): (keyof typeof FIELD_LABELS)[] {
  const fields: (keyof typeof FIELD_LABELS)[] = ["applicantName", "description"];
  if (OUTCOMES[model.outcome].isRefusal) fields.push("reason", "legalBasis");
  // Information already public is not provided but pointed to: where to get it (Art. 36(一)).
  if (model.variant === "already_public") fields.push("whereToObtain");
  // A disclosure must say how the information reaches the applicant (Art. 36(二), Art. 37, Art. 40).
  else if (model.outcome === "disclosed" || model.outcome === "partially_disclosed")
    fields.push("provisionNote");
  return fields;
}

/** The placeholder values of a model; undefined marks a value the model lacks. */
function placeholderValues(model: TReplyLetterModel): Record<string, string | undefined> {
  const opt = (v: string | undefined) => clean(v) || undefined;
  const otherAgency = opt(model.otherAgency);
  return {
    agencyName: opt(model.agencyName),
    receiptNo: opt(model.receiptNo),
    applicantName: opt(model.applicantName),
    receivedDate: formatChineseDate(model.receivedAt),
    replyDate: formatChineseDate(model.replyDate),
    description: opt(model.description),
    reason: opt(model.reason),
    legalBasis: opt(model.legalBasis),
    otherAgency,
    // Art. 36(五) asks for the responsible agency only when it can be determined, so this sentence
    // has a fallback where {otherAgency} alone would have to fail.
    otherAgencyNotice: otherAgency
      ? `经确定，负责公开该政府信息的行政机关为${otherAgency}，您可以向该机关提出申请。`
      : "本机关目前无法确定负责公开该政府信息的行政机关。",
    provisionNote: opt(model.provisionNote),
    whereToObtain: opt(model.whereToObtain),
    contactPhone: opt(model.contactPhone),
  };
}

/**
 * Fills a body template from a model. An unknown placeholder stays visible so a typo in an edited
 * template shows up in review instead of vanishing; a known one without a value throws, as do a
 * refusal without reason or legal basis and a disclosure without the way it is provided. The
 * workflow validates all of this first: these throws are the last guard against an unlawful letter.
 */
export function fillTemplate(template: string, model: TReplyLetterModel): string {
  const values = placeholderValues(model);
  const missing = requiredFields(model).filter((f) => !values[f]);
  if (missing.length)
    throw new Error(
      `答复“${templateLabel(templateKeyOf(model))}”缺少：${missing.map((f) => FIELD_LABELS[f]).join("、")}`,
    );
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(values, name)) return whole;
    const value = values[name];
    if (value === undefined) {
      const label = name in FIELD_LABELS ? FIELD_LABELS[name as keyof typeof FIELD_LABELS] : name;
      throw new Error(`答复模板用到了“${label}”（{${name}}），但未填写该项`);
    }
    return value;
  });
}
