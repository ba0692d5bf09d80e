import { OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "../errors";
import { MSG } from "../messages";
import { toFieldIssues, zIdText } from "../validation";
import type { TAppEnv } from "./context";

export const ZErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** Error responses for a route's OpenAPI description. */
export function errorResponses(...statuses: number[]) {
  const text: Record<number, string> = {
    400: "请求格式或内容有误",
    401: "未登录或凭据无效",
    403: "无权限",
    404: "记录不存在",
    409: "与现有数据或当前状态冲突",
    422: "法律或业务规则不允许",
    429: "请求过于频繁",
  };
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: text[s] ?? "错误", content: { "application/json": { schema: ZErrorResponse } } },
    ]),
  );
}

export const bearerSecurity = [{ bearerAuth: [] }];

/** The JSON API under /api/v1: zod schemas validate the input and generate the OpenAPI document. */
export function createApi() {
  const api = new OpenAPIHono<TAppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      // A record id in the path that no record can have (out of range, "abc") names no record: 404.
      // Other path values (a year, a receipt number) keep their 400 with the field named.
      if (
        result.target === "param" &&
        result.error.issues.every((i) => /^(id|\w+Id)$/.test(String(i.path[0])))
      )
        throw new AppError("not_found", MSG.notFound);
      throw new AppError("validation_failed", MSG.validation, { issues: toFieldIssues(result.error) });
    },
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "POST /api/v1/auth/token 换取的访问令牌",
  });
  return api;
}

export type TApi = ReturnType<typeof createApi>;

/** `{id}` in a path: one record; out of range or not a number → 404 (see the default hook). */
export const ZIdParam = z.object({ id: zIdText });

/** Standard list envelope. */
export const zList = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int(), items: z.array(item) });

/** `page` from 1 and `pageSize` up to 100, as every list of the API takes them. */
export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(100),
});
