import { z } from "zod";
import { ROLES } from "../../platform/auth/permissions";
import { zId, zIdText } from "../../platform/validation";

export const UNIT_KINDS = [
  "government",
  "office",
  "department",
  "subdistrict",
  "village",
  "community",
  "other",
] as const;
export type TUnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<TUnitKind, string> = {
  government: "区人民政府",
  office: "区政府办公室",
  department: "区政府部门",
  subdistrict: "街道办事处",
  village: "村",
  community: "社区",
  other: "其他机构",
};

/** Kinds that sit below a 街道办事处 and must name it as their parent. */
export const GRASSROOTS_KINDS: readonly TUnitKind[] = ["village", "community"];
export const isGrassrootsKind = (kind: string): boolean =>
  (GRASSROOTS_KINDS as readonly string[]).includes(kind);

/** A parent unit id from JSON (number or null) or a form (text; empty means none). */
const zParentId = z.preprocess((v) => (v === "" ? null : v), zIdText.nullable()).optional();

const zName = z.string().trim().min(2).max(60);

/** Aliases arrive as an array (API) or as one text with commas, 、 or new lines (form). */
const zAliases = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(/[,，、;；\n\r]+/)))
  .transform((list) => [...new Set(list.map((s) => s.trim()).filter(Boolean))])
  .pipe(z.array(z.string().min(2).max(60)).max(20));

export const ZCreateUnitBody = z
  .object({
    name: zName,
    kind: z.enum(UNIT_KINDS),
    aliases: zAliases.optional().default([]),
    address: z.string().trim().max(200).optional().default(""),
    phone: z.string().trim().max(60).optional().default(""),
    duties: z.string().trim().max(4000).optional().default(""),
    sortOrder: z.coerce.number().int().min(0).max(9999).optional().default(0),
    // Left out: the column's default (3 days) on create, unchanged on update.
    postedMailDays: z.coerce.number().int().min(0).max(30).optional(),
    /** The 街道办事处 a village or community belongs to; other kinds have none. */
    parentId: zParentId,
  })
  .strict();
export type TCreateUnitBody = z.infer<typeof ZCreateUnitBody>;

export const ZUpdateUnitBody = ZCreateUnitBody.extend({ isActive: z.boolean().optional().default(true) });
export type TUpdateUnitBody = z.infer<typeof ZUpdateUnitBody>;

export const ZUnit = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  aliases: z.array(z.string()),
  address: z.string(),
  phone: z.string(),
  isActive: z.boolean(),
  /** For a village or community: its 街道办事处; otherwise null. */
  parentId: z.number().int().nullable(),
});

const zPassword = z.string().min(10).max(200);

export const ZRoleGrant = z.object({ role: z.enum(ROLES), unitId: zId.nullable() });

export const ZCreateUserBody = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9][a-z0-9._-]{1,39}$/,
      "用户名为 2–40 位小写字母、数字、点、下划线或连字符，以字母或数字开头。",
    ),
  displayName: z.string().trim().min(1).max(40),
  /** Where deadline reminders are sent. */
  email: z
    .union([z.literal(""), z.email()])
    .optional()
    .default(""),
  password: zPassword,
  roles: z.array(ZRoleGrant).max(20).default([]),
});
export type TCreateUserBody = z.infer<typeof ZCreateUserBody>;

export const ZLoginBody = z.object({
  username: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(200),
});

export const ZChangePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: zPassword,
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "两次输入的新密码不一致。",
  });

const zPhone = z.string().trim().max(40);

export const ZHandoverBody = z.object({
  name: z.string().trim().min(2).max(40),
  position: z.string().trim().max(60).default(""),
  phone: zPhone.default(""),
  mobile: z
    .string()
    .trim()
    .regex(/^(1\d{10})?$/, "手机号码应为 11 位数字。")
    .default(""),
  email: z.union([z.literal(""), z.email()]).default(""),
  userId: zIdText.optional(),
  startedOn: z.iso.date(),
  handoverNote: z.string().trim().max(2000).default(""),
});
export type THandoverBody = z.infer<typeof ZHandoverBody>;
