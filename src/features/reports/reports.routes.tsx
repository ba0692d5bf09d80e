import { Hono } from "hono";
import { z } from "zod";
import { unitScope } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { readForm, submitForm } from "../../platform/http/forms";
import { requirePermission } from "../../platform/http/guards";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { zIdText } from "../../platform/validation";
import { todayInChina } from "../calendar";
import { listUnits } from "../org";
import { publishReport, reportModel } from "./publish-report";
import { assertCanEditReport } from "./report-access";
import { narrativeForm, ReportPage, ReportsIndexPage, type TUnitReportStatus } from "./reports.pages";
import { reportsOfYear } from "./reports.repository";
import { ZNarrativeBody } from "./reports.schemas";
import { saveNarrative } from "./save-narrative";

const ZYear = z.coerce.number().int().min(2000).max(2100);
const ZUnitId = zIdText;

/** The year in the path and the unit in the query (none: the district's own report); 404 if malformed. */
function target(c: TCtx): { year: number; unitId: number | null } {
  const year = ZYear.safeParse(c.req.param("year"));
  const raw = c.req.query("unitId");
  const unitId = raw ? ZUnitId.safeParse(raw) : null;
  if (!year.success || (unitId && !unitId.success)) throw new AppError("not_found", "页面不存在。");
  return { year: year.data, unitId: unitId?.success ? unitId.data : null };
}

const reportPath = (year: number, unitId: number | null) =>
  `/admin/reports/${year}${unitId === null ? "" : `?unitId=${unitId}`}`;

/** A form's text as a number for zod; blank is zero, anything else is left for zod to refuse. */
const numberOf = (v: unknown) => {
  const s = String(v ?? "").trim();
  if (s === "") return 0;
  const n = Number(s);
  return Number.isFinite(n) ? n : s;
};

/** The back-office pages of the annual report. */
export function reportsRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  const unitName = async (unitId: number | null) =>
    unitId === null ? "区政府本级（全区）" : ((await listUnits(db)).find((u) => u.id === unitId)?.name ?? "");

  app.get("/admin/reports", async (c) => {
    const p = requirePermission(c, "reports.edit");
    const thisYear = Number(todayInChina().slice(0, 4));
    // Reports are written early in the year about the year before.
    const parsed = ZYear.safeParse(c.req.query("year") || thisYear - 1);
    const year = parsed.success ? parsed.data : thisYear - 1;
    const scope = unitScope(p, "reports.edit");
    const stored = await reportsOfYear(db, year);
    const statusOf = (unitId: number | null): Pick<TUnitReportStatus, "status" | "documentId"> => {
      const r = stored.find((s) => s.unitId === unitId);
      return {
        status: r?.status ?? "new",
        documentId: r?.documentId ?? null,
      };
    };
    const units = await listUnits(db, { isActiveOnly: true, scope });
    const rows: TUnitReportStatus[] = [
      ...(scope === "all" ? [{ unitId: null, name: "区政府本级（全区）", ...statusOf(null) }] : []),
      ...units.map((u) => ({ unitId: u.id, name: u.name, ...statusOf(u.id) })),
    ];
    const years = Array.from({ length: 7 }, (_, i) => thisYear - i);
    return c.html(<ReportsIndexPage ctx={await pageCtx(c)} year={year} years={years} rows={rows} />);
  });

  app.get("/admin/reports/:year", async (c) => {
    const p = requirePermission(c, "reports.edit");
    const { year, unitId } = target(c);
    await assertCanEditReport(db, p, unitId);
    const model = await reportModel(db, year, unitId);
    return c.html(
      <ReportPage
        ctx={await pageCtx(c)}
        model={model}
        unitName={await unitName(unitId)}
        form={narrativeForm(model.narrative)}
      />,
    );
  });

  app.post("/admin/reports/:year/narrative", async (c) => {
    const p = requirePermission(c, "reports.edit");
    const { year, unitId } = target(c);
    await assertCanEditReport(db, p, unitId);
    const values = await readForm(c);
    const ctx = await pageCtx(c);
    const model = await reportModel(db, year, unitId);
    const name = await unitName(unitId);
    return submitForm(c, {
      schema: ZNarrativeBody,
      values,
      input: {
        issuerName: values.issuerName ?? "",
        overview: values.overview ?? "",
        problems: values.problems ?? "",
        otherMatters: values.otherMatters ?? "",
        includePlanProgress: values.includePlanProgress === "1",
        licensingCount: numberOf(values.licensingCount),
        penaltyCount: numberOf(values.penaltyCount),
        enforcementCount: numberOf(values.enforcementCount),
        feeAmount: numberOf(values.feeAmount),
      },
      conflictField: "issuerName",
      render: (form) => <ReportPage ctx={ctx} model={model} unitName={name} form={form} />,
      run: async (body) => {
        await saveNarrative(db, actorOf(c), p, year, unitId, body);
        setFlash(c, "已保存年度报告。");
        return c.redirect(reportPath(year, unitId), 303);
      },
    });
  });

  app.post("/admin/reports/:year/publish", async (c) => {
    const p = requirePermission(c, "reports.edit");
    const { year, unitId } = target(c);
    try {
      await publishReport(db, deps.blobs, actorOf(c), p, year, unitId);
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== "unprocessable" && err.code !== "conflict")) throw err;
      const model = await reportModel(db, year, unitId);
      const issues = err.issues ?? [{ path: "", message: err.message }];
      return c.html(
        <ReportPage
          ctx={await pageCtx(c)}
          model={model}
          unitName={await unitName(unitId)}
          form={narrativeForm(model.narrative)}
          publishIssues={issues}
        />,
        422,
      );
    }
    setFlash(c, "年度报告已发布。");
    return c.redirect(reportPath(year, unitId), 303);
  });

  return app;
}
