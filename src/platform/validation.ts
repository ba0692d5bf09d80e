import { z } from "zod";
import { AppError, type TFieldIssue } from "./errors";
import { MSG } from "./messages";

const zhCN = z.locales.zhCN();

/** Plain Chinese messages for the common cases; zod's own zh-CN locale for the rest. */
function explain(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null || issue.input === "") return MSG.required;
      return issue.expected === "number" || issue.expected === "int" ? "请输入数字。" : "格式不正确。";
    case "too_small":
      if (issue.origin === "string")
        return Number(issue.minimum) <= 1 ? MSG.required : `至少 ${issue.minimum} 个字符。`;
      if (issue.origin === "array" || issue.origin === "set") return `至少选择 ${issue.minimum} 项。`;
      return `不能小于 ${issue.minimum}。`;
    case "too_big":
      if (issue.origin === "string") return `最多 ${issue.maximum} 个字符。`;
      if (issue.origin === "array" || issue.origin === "set") return `最多 ${issue.maximum} 项。`;
      return `不能大于 ${issue.maximum}。`;
    case "invalid_value":
      return "请从给定的选项中选择。";
    case "invalid_format":
      if (issue.format === "email") return "电子邮箱格式不正确。";
      if (issue.format === "date") return "日期格式应为 YYYY-MM-DD。";
      if (issue.format === "regex") return "格式不正确。";
      return undefined;
    case "unrecognized_keys":
      return `不认识的字段：${issue.keys.join("、")}。`;
    default:
      return undefined;
  }
}

z.config({
  ...zhCN,
  customError: (issue) => explain(issue) ?? zhCN.localeError(issue),
});

/** All of zod's issues as `{ path, message }`, paths dotted ("applicant.name"). */
export function toFieldIssues(error: z.ZodError): TFieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

/** Parses input or throws the one validation AppError (all issues, not only the first). */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw new AppError("validation_failed", MSG.validation, { issues: toFieldIssues(r.error) });
  return r.data;
}

/** Field → first message, for showing each error beside its form field. */
export function fieldErrors(issues: TFieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) if (!(i.path in out)) out[i.path] = i.message;
  return out;
}

/** A trimmed text field from an HTML form; empty means absent. */
export const zFormText = (max = 200) => z.string().trim().max(max);
export const zRequiredText = (max = 200) => z.string().trim().min(1).max(max);
export const zIsoDate = z.iso.date();

/** The largest PostgreSQL `integer`: a larger id would only fail in the database. */
export const MAX_ID = 2_147_483_647;
/** A record id in a JSON body: a whole number the id columns can hold. */
export const zId = z.number().int().positive().max(MAX_ID);
/** The same id written as text (path, query string, form field). */
export const zIdText = z.coerce.number().int().positive().max(MAX_ID);
