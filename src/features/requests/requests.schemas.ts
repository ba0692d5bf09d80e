import { z } from "zod";
import { zId } from "../../platform/validation";
import { FEE_BASES } from "./fees";
import { APPLICANT_KIND_CODES, OUTCOME_CODES } from "./outcomes";
import { REPLY_VARIANT_CODES, replyVariantIssues } from "./reply-variants";

export const CHANNELS = ["online", "in_person", "mail", "fax", "email"] as const;
export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = {
  online: "网上申请",
  in_person: "当面提交",
  mail: "信函",
  fax: "传真",
  email: "电子邮件",
};
export const FORMS = ["paper", "email", "disc", "online"] as const;
export const FORM_LABELS: Record<(typeof FORMS)[number], string> = {
  paper: "纸质文本",
  email: "电子邮件",
  disc: "光盘",
  online: "网上查看",
};
export const DELIVERIES = ["post", "pickup", "email", "online"] as const;
export const DELIVERY_LABELS: Record<(typeof DELIVERIES)[number], string> = {
  post: "邮寄",
  pickup: "自行领取",
  email: "电子邮件",
  online: "网上获取",
};
export const ID_TYPES = ["resident_id", "passport", "hk_macau_permit", "taiwan_permit", "other"] as const;
export const ID_TYPE_LABELS: Record<(typeof ID_TYPES)[number], string> = {
  resident_id: "居民身份证",
  passport: "护照",
  hk_macau_permit: "港澳居民来往内地通行证",
  taiwan_permit: "台湾居民来往大陆通行证",
  other: "其他有效证件",
};

/** GB 11643 check digit of an 18-digit resident ID number. */
export function isValidResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return "10X98765432"[sum % 11] === id[17];
}

/** 统一社会信用代码 (GB 32100): 18 characters with a check character. */
export function isValidCreditCode(code: string): boolean {
  const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = weights.reduce((acc, w, i) => acc + w * chars.indexOf(code[i] as string), 0);
  return chars[(31 - (sum % 31)) % 31] === code[17];
}

const optText = (max: number) => z.string().trim().max(max).optional().default("");

/** The applicant as staff register it (API): only kind and name are required. */
export const ZApplicant = z.object({
  kind: z.enum(APPLICANT_KIND_CODES),
  name: z.string().trim().min(1).max(100),
  idType: z.enum(ID_TYPES).optional(),
  idNumber: z.string().trim().toUpperCase().max(40).optional(),
  orgCode: z.string().trim().toUpperCase().max(40).optional(),
  contactPerson: optText(40),
  phone: optText(40),
  email: z
    .union([z.literal(""), z.email()])
    .optional()
    .default(""),
  address: optText(200),
  postcode: optText(10),
});
export type TApplicant = z.infer<typeof ZApplicant>;

// Cross-field checks run even when other fields have errors, so the form shows every mistake at
// once; they therefore guard against missing or mistyped values themselves.
const always = {
  when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null,
};

/** Checks that apply wherever an applicant is entered: a valid ID number, a valid credit code. */
function checkApplicant(a: TApplicant | undefined, ctx: z.RefinementCtx, path: string[]) {
  if (!a || typeof a !== "object") return;
  // The raw input when other fields failed, so normalise here as the field schemas would.
  const id = typeof a.idNumber === "string" ? a.idNumber.trim().toUpperCase() : "";
  const org = typeof a.orgCode === "string" ? a.orgCode.trim().toUpperCase() : "";
  if (id && (a.idType ?? "resident_id") === "resident_id" && !isValidResidentId(id))
    ctx.addIssue({
      code: "custom",
      path: [...path, "idNumber"],
      message: "居民身份证号码不正确（应为 18 位，且校验位正确）。",
    });
  if (org && !isValidCreditCode(org))
    ctx.addIssue({
      code: "custom",
      path: [...path, "orgCode"],
      message: "统一社会信用代码不正确（应为 18 位，且校验位正确）。",
    });
}

/** The public form asks for what an official application form asks for. */
function checkPublicApplicant(a: TApplicant | undefined, ctx: z.RefinementCtx) {
  if (!a || typeof a !== "object") return;
  const path = ["applicant"];
  if (a.kind === "natural_person") {
    if (!a.idNumber)
      ctx.addIssue({ code: "custom", path: [...path, "idNumber"], message: "请填写证件号码。" });
  } else {
    if (!a.orgCode)
      ctx.addIssue({ code: "custom", path: [...path, "orgCode"], message: "请填写统一社会信用代码。" });
    if (!a.contactPerson)
      ctx.addIssue({ code: "custom", path: [...path, "contactPerson"], message: "请填写联系人。" });
  }
  if (!a.phone && !a.email && !a.address)
    ctx.addIssue({
      code: "custom",
      path: [...path, "phone"],
      message: "请至少填写联系电话、电子邮箱或通信地址之一。",
    });
}

export const ZRegisterRequestBody = z
  .object({
    applicant: ZApplicant,
    channel: z.enum(CHANNELS),
    receivedAt: z.iso.date(),
    description: z.string().trim().min(5).max(5000),
    form: z.enum(FORMS).default("paper"),
    delivery: z.enum(DELIVERIES).default("post"),
    unitId: zId.optional(),
  })
  .superRefine((v, ctx) => checkApplicant(v.applicant, ctx, ["applicant"]), always);
export type TRegisterRequestBody = z.infer<typeof ZRegisterRequestBody>;

export const ZPublicRequestBody = z
  .object({
    applicant: ZApplicant,
    description: z.string().trim().min(5).max(5000),
    form: z.enum(FORMS),
    delivery: z.enum(DELIVERIES),
    unitId: zId.optional(),
    // Checked by the use case, not here: a missing consent is a refusal (422) on every door.
    consent: z
      .boolean()
      .optional()
      .describe("申请人已阅读并同意申请须知中的声明，须为 true；缺少或为 false 时返回 422，不登记申请"),
    /** The form's honeypot, a field people never see; whatever fills it is a robot. */
    website: z.string().max(500).optional().describe("留空"),
  })
  .superRefine((v, ctx) => {
    checkApplicant(v.applicant, ctx, ["applicant"]);
    checkPublicApplicant(v.applicant, ctx);
    if (v.delivery === "email" && !v.applicant?.email)
      ctx.addIssue({
        code: "custom",
        path: ["applicant", "email"],
        message: "选择电子邮件送达时请填写电子邮箱。",
      });
    if (v.delivery === "post" && !v.applicant?.address)
      ctx.addIssue({ code: "custom", path: ["applicant", "address"], message: "选择邮寄时请填写通信地址。" });
  }, always);
export type TPublicRequestBody = z.infer<typeof ZPublicRequestBody>;

const zDate = z.iso.date();
const zReason = z.string().trim().max(2000).optional().default("");

export const ZAction = z.discriminatedUnion("type", [
  z.object({ type: z.literal("confirm_receipt"), date: zDate }),
  z.object({
    type: z.literal("request_correction"),
    date: zDate,
    /** Art. 30: the notice sets a reasonable period; without one the request could never be closed. */
    correctBy: zDate,
    note: zReason,
  }),
  z.object({ type: z.literal("correction_received"), date: zDate }),
  z.object({
    type: z.literal("consultation_started"),
    date: zDate,
    party: z.string().trim().max(100).optional(),
    /** The day the consulted party receives the request for its opinion; defaults to the start date. */
    deliveredOn: zDate.optional(),
  }),
  z.object({
    type: z.literal("consultation_ended"),
    date: zDate,
    party: z.string().trim().max(100).optional(),
  }),
  z.object({
    type: z.literal("extend"),
    date: zDate,
    workdays: z.number().int().min(1).max(20),
    reason: z.string().trim().min(2).max(2000),
  }),
  z.object({
    type: z.literal("fee_notice"),
    date: zDate,
    amount: z.number().nonnegative().max(10_000_000),
    basis: z.enum(FEE_BASES),
    pages: z.number().int().min(1).max(1_000_000).optional(),
    /** The day the applicant receives the notice; defaults by the way it is delivered. */
    deliveredOn: zDate.optional(),
  }),
  z.object({ type: z.literal("fee_paid"), date: zDate }),
  z.object({ type: z.literal("withdraw"), date: zDate, note: zReason }),
  z.object({ type: z.literal("abandon_no_correction"), date: zDate }),
  z.object({ type: z.literal("abandon_no_fee"), date: zDate }),
  z
    .object({
      type: z.literal("reply"),
      date: zDate,
      outcome: z.enum(OUTCOME_CODES),
      reason: zReason,
      legalBasis: zReason,
      otherAgency: z.string().trim().max(200).optional().default(""),
      /** How the information is provided (for 公开/部分公开); defaults to the form and delivery asked for. */
      provisionNote: z.string().trim().max(500).optional().default(""),
      variant: z
        .enum(REPLY_VARIANT_CODES)
        .optional()
        .describe(
          "答复情形（条例第三十六条）：unavailable.not_held 必选 not_found（经检索没有，第（四）项）或 not_ours（不属于本机关负责公开，第（五）项）；disclosed 可选 already_public（已经主动公开，第（一）项）",
        ),
      /** For information already disclosed: where the applicant gets it (a web address or a place). */
      whereToObtain: z
        .string()
        .trim()
        .max(500)
        .optional()
        .default("")
        .describe("已经主动公开的信息的获取方式、途径（网址或查阅场所）；variant 为 already_public 时必填"),
    })
    // Both doors (form and API) validate through this schema, so the check lives with it.
    .superRefine((reply, ctx) => {
      for (const issue of replyVariantIssues(reply))
        ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
    }),
  z.object({ type: z.literal("assign"), date: zDate, unitId: zId }),
  z.object({
    type: z.literal("cohandle"),
    date: zDate,
    unitIds: z.array(zId).min(1).max(20),
  }),
  /** A co-handling unit's (or the lead unit's) findings, recorded on the request; moves no clock. */
  z.object({ type: z.literal("opinion"), date: zDate, text: z.string().trim().min(2).max(4000) }),
]);
export type TAction = z.infer<typeof ZAction>;
export type TActionType = TAction["type"];

export const ACTION_LABELS: Record<TActionType, string> = {
  confirm_receipt: "确认受理",
  request_correction: "告知补正",
  correction_received: "收到补正",
  consultation_started: "开始征求意见",
  consultation_ended: "征求意见结束",
  extend: "延长答复期限",
  fee_notice: "发出收费通知",
  fee_paid: "收到缴费",
  withdraw: "申请人撤回",
  abandon_no_correction: "逾期未补正，视为放弃",
  abandon_no_fee: "逾期未缴费，视为放弃",
  reply: "作出答复",
  assign: "交办",
  cohandle: "协查",
  opinion: "协查意见",
};
