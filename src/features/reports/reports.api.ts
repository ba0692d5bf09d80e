import { createRoute, z } from "@hono/zod-openapi";
import { unitScope } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { bearerSecurity, errorResponses, type TApi } from "../../platform/http/api";
import { actorOf, type TCtx, type TDeps } from "../../platform/http/context";
import { download } from "../../platform/http/download";
import { requirePermission } from "../../platform/http/guards";
import { MSG } from "../../platform/messages";
import { publishReport, reportModel } from "./publish-report";
import { renderReportDocx } from "./render-docx";
import { assertCanEditReport } from "./report-access";
import { ZAnnualReport, ZNarrativeBody, ZNarrativeOut, ZPlanProgress } from "./reports.schemas";
import { saveNarrative } from "./save-narrative";

const ZYearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const ZUnitQuery = z.object({
  unitId: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .optional()
    .openapi({ description: "单位；不填时为区政府本级（全区），只属于一个单位的用户为其本单位" }),
});
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/**
 * Whose report is meant: the unit asked for; without one, the district's own report for district
 * roles, and the user's only unit for a unit head.
 */
export function reportUnitOf(c: TCtx, unitId: number | undefined): number | null {
  const p = requirePermission(c, "reports.edit");
  if (unitId !== undefined) return unitId;
  const scope = unitScope(p, "reports.edit");
  if (scope === "all") return null;
  if (scope.length === 1 && scope[0] !== undefined) return scope[0];
  throw new AppError("validation_failed", MSG.validation, {
    issues: [{ path: "unitId", message: "请选择单位。" }],
  });
}

const docxName = (year: number, unitId: number | null) =>
  `annual-report-${year}-${unitId ?? "district"}.docx`;

/** The year's report as a Word file, for download. */
export async function docxResponse(deps: TDeps, year: number, unitId: number | null): Promise<Response> {
  const buffer = await renderReportDocx(await reportModel(deps.db, year, unitId));
  return download(buffer, {
    name: docxName(year, unitId),
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  });
}

/** The annual report endpoints: statistics, the staff's sections, publication, the Word file. */
export function registerReportsApi(api: TApi, deps: TDeps) {
  const { db } = deps;

  // Registered before GET /reports/annual/{year}, which would otherwise take "2025.docx" as a year.
  api.openAPIRegistry.registerPath({
    method: "get",
    path: "/reports/annual/{year}.docx",
    tags: ["年度报告"],
    summary: "年度报告 Word 文件（标题、一至六部分、带合并表头的统计表）",
    security: bearerSecurity,
    request: { params: ZYearParam, query: ZUnitQuery },
    responses: {
      200: {
        description: "Word 文件",
        content: {
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
            schema: z.string().openapi({ format: "binary" }),
          },
        },
      },
      ...errorResponses(400, 401, 403, 404),
    },
  });
  api.get("/reports/annual/:file{[0-9]{4}\\.docx}", async (c) => {
    const year = ZYearParam.safeParse({ year: c.req.param("file").slice(0, 4) }).data?.year;
    if (!year) throw new AppError("not_found", MSG.notFound);
    const query = ZUnitQuery.safeParse(c.req.query());
    if (!query.success) throw new AppError("validation_failed", MSG.validation);
    const unitId = reportUnitOf(c, query.data.unitId);
    await assertCanEditReport(db, requirePermission(c, "reports.edit"), unitId);
    return docxResponse(deps, year, unitId);
  });

  api.openapi(
    createRoute({
      method: "get",
      path: "/reports/annual/{year}",
      tags: ["年度报告"],
      summary: "政府信息公开工作年度报告的统计数据、校验结果和工作人员撰写的部分",
      security: bearerSecurity,
      request: { params: ZYearParam, query: ZUnitQuery },
      responses: {
        200: json(
          ZAnnualReport.extend({ narrative: ZNarrativeOut, planProgress: ZPlanProgress.nullable() }),
          "年度报告",
        ),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { year } = c.req.valid("param");
      const unitId = reportUnitOf(c, c.req.valid("query").unitId);
      await assertCanEditReport(db, requirePermission(c, "reports.edit"), unitId);
      const m = await reportModel(db, year, unitId);
      return c.json({ ...m.report, narrative: m.narrative, planProgress: m.plan }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/reports/annual/{year}/narrative",
      tags: ["年度报告"],
      summary: "保存年度报告的一、五、六部分和须录入的数字（行政许可、处罚、强制，收费金额）",
      security: bearerSecurity,
      request: {
        params: ZYearParam,
        query: ZUnitQuery,
        body: { content: { "application/json": { schema: ZNarrativeBody } }, required: true },
      },
      responses: { 200: json(ZNarrativeOut, "已保存"), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { year } = c.req.valid("param");
      const unitId = reportUnitOf(c, c.req.valid("query").unitId);
      const p = requirePermission(c, "reports.edit");
      return c.json(await saveNarrative(db, actorOf(c), p, year, unitId, c.req.valid("json")), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/reports/annual/{year}/publish",
      tags: ["年度报告"],
      summary: "发布年度报告：校验未通过时 422 并列出每一处问题；通过后在信息公开目录中发布",
      security: bearerSecurity,
      request: { params: ZYearParam, query: ZUnitQuery },
      responses: {
        200: json(z.object({ status: z.literal("published"), documentId: z.number().int() }), "已发布"),
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { year } = c.req.valid("param");
      const unitId = reportUnitOf(c, c.req.valid("query").unitId);
      const p = requirePermission(c, "reports.edit");
      const { documentId } = await publishReport(db, deps.blobs, actorOf(c), p, year, unitId);
      return c.json({ status: "published" as const, documentId }, 200);
    },
  );
}
