import { createRoute, z } from "@hono/zod-openapi";
import { can } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { bearerSecurity, errorResponses, type TApi, ZIdParam } from "../../platform/http/api";
import { actorOf, type TCtx, type TDeps } from "../../platform/http/context";
import { requireUnitPermission, requireUser } from "../../platform/http/guards";
import { MSG } from "../../platform/messages";
import { areasFor } from "./catalogues.repository";
import {
  ZCoverageItemOut,
  ZCoverageQuery,
  ZCreateItemBody,
  ZItemOut,
  ZTagBody,
  ZTimeRule,
  ZUnitParam,
} from "./catalogues.schemas";
import { checkCoverage } from "./check-coverage";
import { importCatalogue, XLSX_MIME } from "./import-catalogue";
import { presentItem, publicCatalogue } from "./read-catalogue";
import { createItem, requireUnit } from "./save-item";
import { setDocumentItems } from "./tag-document";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** 404 unless the caller may read this unit's coverage: the office, or the unit's own staff. */
export function requireCoverageReader(c: TCtx, unitId: number) {
  const p = requireUser(c);
  if (!can(p, "unit.read", unitId)) throw new AppError("not_found", MSG.notFound);
  return p;
}

/** The standard catalogue endpoints of the stable API ("Grassroots and registries"). */
export function registerCataloguesApi(api: TApi, deps: TDeps) {
  const { db } = deps;

  api.openapi(
    createRoute({
      method: "get",
      path: "/catalogue-areas",
      tags: ["基层标准目录"],
      summary: "“26+1+n”领域清单：国务院26个领域、市级“+1”领域，以及（指定单位时）该单位的“+n”领域",
      request: {
        query: z.object({ unitId: z.coerce.number().int().positive().max(2_147_483_647).optional() }),
      },
      responses: {
        200: json(
          z.object({
            total: z.number(),
            items: z.array(
              z.object({
                id: z.number(),
                name: z.string(),
                tier: z.enum(["state", "city", "unit"]),
                unitId: z.number().nullable(),
                source: z.string(),
                isActive: z.boolean(),
              }),
            ),
          }),
          "领域清单",
        ),
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const { unitId } = c.req.valid("query");
      const rows = (await areasFor(db, unitId ?? null)).filter(
        (a) => unitId !== undefined || a.unitId === null,
      );
      const items = rows.map(({ id, name, tier, unitId, source, isActive }) => ({
        id,
        name,
        tier,
        unitId,
        source,
        isActive,
      }));
      return c.json({ total: items.length, items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/catalogues/{unitId}/items",
      tags: ["基层标准目录"],
      summary: "在单位的标准目录中新增一个事项；公开时限能解析为规则时返回 timeRule",
      security: bearerSecurity,
      request: {
        params: ZUnitParam,
        body: { content: { "application/json": { schema: ZCreateItemBody } }, required: true },
      },
      responses: {
        201: json(ZItemOut.extend({ timeRule: ZTimeRule }), "已新增"),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { unitId } = c.req.valid("param");
      requireUnitPermission(c, "documents.edit", unitId);
      const row = await createItem(db, actorOf(c), unitId, c.req.valid("json"));
      return c.json(presentItem(row), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/catalogues/{unitId}/import",
      tags: ["基层标准目录"],
      summary:
        "从 XLSX 导入单位的标准目录（常见版式：标题行、合并的两行表头，一级/二级事项可跨行合并）；可用 area 指定领域",
      security: bearerSecurity,
      request: {
        params: ZUnitParam,
        query: z.object({ area: z.string().trim().min(1).max(40).optional() }),
        body: { content: { [XLSX_MIME]: { schema: z.string().meta({ format: "binary" }) } }, required: true },
      },
      responses: {
        200: json(
          z.object({
            created: z.number(),
            failed: z.array(z.object({ row: z.number(), reason: z.string() })),
          }),
          "可导入的行已全部导入；不能导入的行逐条列出原因",
        ),
        ...errorResponses(400, 401, 404, 413),
      },
    }),
    async (c) => {
      const { unitId } = c.req.valid("param");
      requireUnitPermission(c, "documents.edit", unitId);
      if (!(c.req.header("content-type") ?? "").startsWith(XLSX_MIME))
        throw new AppError("unsupported_media_type", "请以 XLSX（Excel 工作簿）提交标准目录。");
      await requireUnit(db, unitId);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0) throw new AppError("bad_request", "上传的文件是空的。");
      return c.json(await importCatalogue(db, actorOf(c), unitId, bytes, c.req.valid("query").area), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/catalogues/{unitId}",
      tags: ["基层标准目录"],
      summary: "单位的基层政务公开标准目录（公开）",
      request: { params: ZUnitParam },
      responses: {
        200: json(
          z.object({ unitId: z.number(), unitName: z.string(), total: z.number(), items: z.array(ZItemOut) }),
          "按领域排列的事项",
        ),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const { unit, items } = await publicCatalogue(db, c.req.valid("param").unitId);
      return c.json(
        { unitId: unit.id, unitName: unit.name, total: items.length, items: items.map(presentItem) },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/documents/{id}/catalogue-items",
      tags: ["基层标准目录"],
      summary: "标注文件落实的标准目录事项（整体替换；事项须属于文件发布机构的目录）",
      security: bearerSecurity,
      request: {
        params: ZIdParam,
        body: { content: { "application/json": { schema: ZTagBody } }, required: true },
      },
      responses: {
        200: json(z.object({ documentId: z.number(), itemIds: z.array(z.number()) }), "已保存"),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const p = requireUser(c);
      const r = await setDocumentItems(
        db,
        actorOf(c),
        p,
        c.req.valid("param").id,
        c.req.valid("json").itemIds,
      );
      return c.json(r, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/catalogues/{unitId}/coverage",
      tags: ["基层标准目录"],
      summary:
        "标准目录落实情况“回头看”：期间内每个事项未公开、逾期公开（按工作日历）、渠道不符或已按要求公开；无明确时限或依申请公开的事项为 not_applicable",
      security: bearerSecurity,
      request: { params: ZUnitParam, query: ZCoverageQuery },
      responses: {
        200: json(
          z.object({ from: z.string(), to: z.string(), items: z.array(ZCoverageItemOut) }),
          "检查结果",
        ),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { unitId } = c.req.valid("param");
      requireCoverageReader(c, unitId);
      await requireUnit(db, unitId);
      const { from, to } = c.req.valid("query");
      const result = await checkCoverage(db, unitId, from, to);
      return c.json(
        {
          from,
          to,
          items: result.map((r) => ({
            itemId: r.itemId,
            unitId: r.unitId,
            area: r.area,
            level1: r.level1,
            level2: r.level2,
            state: r.state,
            problems: r.problems,
            documents: r.documents,
          })),
        },
        200,
      );
    },
  );
}
