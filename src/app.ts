import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import {
  alertsRoutes,
  eligibilityStaffPanel,
  queueForDocumentEvent,
  registerAlertsApi,
} from "./features/alerts";
import { answersRoutes, onDocumentChange, registerAnswersApi } from "./features/answers";
import { auditRoutes } from "./features/audit";
import { calendarRoutes, registerCalendarApi } from "./features/calendar";
import {
  cataloguesRoutes,
  registerCatalogueDocumentHooks,
  registerCataloguesApi,
} from "./features/catalogues";
import { complaintsRoutes, registerComplaintsApi } from "./features/complaints";
import {
  consultationEvidence,
  consultationsRoutes,
  decisionEvidence,
  registerConsultationsApi,
} from "./features/consultations";
import { dashboardRoutes } from "./features/dashboard";
import {
  documentsRoutes,
  documentsStaffRoutes,
  nextScheduledPublication,
  registerDocumentHooks,
  registerDocumentsApi,
} from "./features/documents";
import {
  engagementRoutes,
  meetingEvidence,
  openDayEvidence,
  registerEngagementApi,
  surveyEvidence,
} from "./features/engagement";
import {
  accountabilityRoutes,
  ledgerRoutes,
  registerEvidenceRecords,
  registerLedgerApi,
} from "./features/ledger";
import { opinionEvidence, opinionsRoutes, registerOpinionsApi } from "./features/opinions";
import { orgRoutes, registerOrgApi } from "./features/org";
import { getGuide, portalRoutes } from "./features/portal";
import { proposalEvidence, proposalsRoutes, registerProposalsApi } from "./features/proposals";
import { registriesRoutes } from "./features/registries";
import { registerReportsApi, reportsRoutes } from "./features/reports";
import { registerRequestsApi, requestsRoutes, spotCheckRoutes } from "./features/requests";
import { registerSignoffsApi, signoffDocumentHooks, signoffsRoutes } from "./features/signoffs";
import { registerStatisticsApi, statisticsRoutes } from "./features/statistics";
import { registerSubsidiesApi, subsidiesRoutes } from "./features/subsidies";
import { canAnywhere, type TPermission, type TPrincipal } from "./platform/auth/permissions";
import { AppError } from "./platform/errors";
import { createApi } from "./platform/http/api";
import type { TAppEnv, TCtx, TDeps } from "./platform/http/context";
import { cachePolicy, markPublic, refuseNul } from "./platform/http/edge";
import { errorHandler, notFoundHandler } from "./platform/http/error-handler";
import {
  authenticate,
  csrfProtection,
  publicPostLimit,
  requestContext,
  securityHeaders,
} from "./platform/http/middleware";
import { createPageCache, type TPageCache } from "./platform/http/page-cache";
import { MSG } from "./platform/messages";
import { PROJECT_ROOT } from "./platform/paths";
import type { TNavItem, TShell } from "./platform/ui/page-context";

const PUBLIC_DIR = path.join(PROJECT_ROOT, "public");

// Sections that gather several services have a page of their own (features/portal/sections.tsx).
export const PORTAL_NAV: TNavItem[] = [
  { href: "/", label: "首页" },
  { href: "/documents", label: "信息公开目录" },
  { href: "/normative", label: "规范性文件" },
  { href: "/gazette", label: "政府公报" },
  { href: "/requests/new", label: "依申请公开" },
  { href: "/requests/status", label: "申请进度查询" },
  { href: "/answers", label: "政策问答" },
  { href: "/eligibility", label: "政策找人" },
  { href: "/participation", label: "公众参与" },
  { href: "/responsiveness", label: "回应关切" },
  { href: "/grassroots", label: "基层公开" },
  { href: "/guide", label: "政府信息公开指南" },
  { href: "/statistics", label: "统计数据" },
  { href: "/units", label: "机构设置" },
];

// An entry shows when the user holds any of its permissions somewhere. The occasional ones (settings,
// registers, less frequent work) fold under “更多” for roles that see many entries.
const ADMIN_NAV: (TNavItem & { permission?: TPermission | TPermission[] })[] = [
  { href: "/admin", label: "工作台" },
  { href: "/admin/documents", label: "主动公开", permission: ["documents.edit", "documents.review"] },
  { href: "/admin/requests", label: "依申请公开", permission: "requests.handle" },
  { href: "/admin/questions", label: "政策问答", permission: "answers.reply" },
  { href: "/admin/spot-checks", label: "办理质量抽查", isOccasional: true, permission: "requests.spotcheck" },
  { href: "/admin/opinions", label: "政务舆情", permission: "opinions.handle" },
  { href: "/admin/signoffs", label: "待会签文件", permission: "signoffs.sign" },
  { href: "/admin/proposals", label: "建议提案办理", permission: ["proposals.reply", "proposals.manage"] },
  { href: "/admin/complaints", label: "企事业单位投诉", isOccasional: true, permission: "complaints.handle" },
  { href: "/admin/reports", label: "年度报告", permission: "reports.edit" },
  { href: "/admin/decisions", label: "重大行政决策", isOccasional: true, permission: "documents.edit" },
  { href: "/admin/consultations", label: "意见征集", isOccasional: true, permission: "documents.edit" },
  {
    href: "/admin/alerts",
    label: "政策推送",
    isOccasional: true,
    permission: ["documents.edit", "documents.review"],
  },
  { href: "/admin/ledger", label: "工作台账", permission: ["ledger.manage", "ledger.report"] },
  { href: "/admin/engagement", label: "公众参与", isOccasional: true, permission: "engagement.manage" },
  { href: "/admin/liaisons", label: "联络员名册", isOccasional: true, permission: "liaisons.read" },
  { href: "/admin/subsidies", label: "村级补贴公示", isOccasional: true, permission: "subsidies.read" },
  { href: "/admin/registries", label: "登记册", isOccasional: true, permission: "unit.read" },
  {
    href: "/admin/catalogues",
    label: "基层标准目录",
    isOccasional: true,
    permission: ["documents.edit", "unit.read"],
  },
  { href: "/admin/catalogue", label: "目录与检索设置", isOccasional: true, permission: "catalogue.manage" },
  { href: "/admin/guide", label: "公开指南", isOccasional: true, permission: "guide.edit" },
  { href: "/admin/notices", label: "置顶公告", isOccasional: true, permission: "guide.edit" },
  { href: "/admin/reply-templates", label: "答复模板", isOccasional: true, permission: "guide.edit" },
  { href: "/admin/units", label: "机构管理", isOccasional: true, permission: "units.manage" },
  { href: "/admin/users", label: "用户管理", isOccasional: true, permission: "users.manage" },
  { href: "/admin/calendar", label: "工作日历", isOccasional: true, permission: "calendar.edit" },
  { href: "/admin/audit", label: "操作日志", isOccasional: true, permission: "audit.read" },
  { href: "/admin/account", label: "我的账号", isOccasional: true },
];

export type TAppOptions = {
  bodyLimitBytes?: number;
  /** The public page cache; by default one of this app's own (with Redis when configured). */
  pageCache?: TPageCache;
};

/** The public page cache for these dependencies: Redis when configured, and the next publication. */
export function pageCacheFor(deps: TDeps): TPageCache {
  return createPageCache({
    database: deps.database,
    logger: deps.logger,
    redisUrl: deps.config.redisUrl,
    nextScheduledChange: (now) => nextScheduledPublication(deps.db, now),
  });
}

/** Builds the whole application: platform middleware first, then each feature's routes. */
export function createApp(deps: TDeps, opts: TAppOptions = {}) {
  const shell: TShell = {
    siteName: async () => (await getGuide(deps.db)).siteName,
    footer: async () => {
      const g = await getGuide(deps.db);
      return {
        officeName: g.officeName,
        address: g.address,
        phone: g.phone,
        siteCode: g.siteCode,
        icpRecord: g.icpRecord,
        policeRecord: g.policeRecord,
      };
    },
    portalNav: PORTAL_NAV,
    adminNav: (p: TPrincipal) =>
      ADMIN_NAV.filter((i) => !i.permission || [i.permission].flat().some((perm) => canAnywhere(p, perm))),
  };

  registerDocumentHooks("signoffs", signoffDocumentHooks);

  // Records a progress report in the ledger may cite by their links (tasks 27–34, 42).
  for (const [feature, source] of Object.entries({
    consultations: consultationEvidence,
    decisions: decisionEvidence,
    meetings: meetingEvidence,
    openDays: openDayEvidence,
    surveys: surveyEvidence,
    proposals: proposalEvidence,
    opinions: opinionEvidence,
  }))
    registerEvidenceRecords(feature, source);

  registerDocumentHooks("answers", { afterChange: onDocumentChange });

  // Alerts and webhooks are queued in the publishing transaction; eligibility is edited on the document page.
  registerDocumentHooks("alerts", { afterChange: queueForDocumentEvent, staffPanel: eligibilityStaffPanel });

  const pageCache = opts.pageCache ?? pageCacheFor(deps);
  const app = new Hono<TAppEnv>();
  app.use(pageCache.edgeRecorder);
  app.use(async (c, next) => {
    c.set("shell", shell);
    await next();
  });
  app.use(requestContext(deps));
  app.use(cachePolicy());
  app.use(securityHeaders());
  // Before everything a cached page does not need (body limits, authentication, CSRF).
  app.use(pageCache.middleware);
  // Forms and JSON up to 1 MB; file uploads (multipart) up to the largest attachment plus the form.
  const tooLarge = () => {
    throw new AppError("payload_too_large", MSG.tooLarge);
  };
  const smallBodies = bodyLimit({ maxSize: opts.bodyLimitBytes ?? 1024 * 1024, onError: tooLarge });
  const uploads = bodyLimit({ maxSize: 12 * 1024 * 1024, onError: tooLarge });
  // A year of 12345 work orders (CSV or XLSX) is larger than any attachment.
  const workOrders = bodyLimit({ maxSize: 64 * 1024 * 1024, onError: tooLarge });
  const WORK_ORDER_IMPORTS = new Set(["/api/v1/opinions/import", "/admin/opinions/import"]);
  app.use((c, next) =>
    (c.req.header("content-type") ?? "").startsWith("multipart/form-data")
      ? WORK_ORDER_IMPORTS.has(c.req.path)
        ? workOrders(c, next)
        : uploads(c, next)
      : smallBodies(c, next),
  );
  // Inside the size limits, so that reading the body to look for NUL counts against them.
  app.use(refuseNul());
  app.use(
    "/static/*",
    serveStatic({
      root: path.relative(process.cwd(), PUBLIC_DIR) || ".",
      onFound: (_path, c) => markPublic(c as TCtx, 3600),
    }),
  );

  app.get("/healthz", async (c) => {
    try {
      await deps.database.query("select 1");
      return c.json({ status: "ok", database: deps.database.kind });
    } catch (err) {
      deps.logger.error({ err }, "health check failed");
      return c.json({ status: "unavailable", database: deps.database.kind }, 503);
    }
  });

  app.use(authenticate(deps));
  app.use(publicPostLimit(deps));
  app.use(csrfProtection());

  const api = createApi();
  registerOrgApi(api, deps);
  registerCalendarApi(api, deps);
  registerRequestsApi(api, deps);
  registerDocumentsApi(api, deps);
  registerLedgerApi(api, deps);
  registerReportsApi(api, deps);
  registerStatisticsApi(api, deps);
  registerSubsidiesApi(api, deps);
  registerConsultationsApi(api, deps);
  registerAlertsApi(api, deps);
  registerEngagementApi(api, deps);
  registerCataloguesApi(api, deps);
  registerCatalogueDocumentHooks();
  registerOpinionsApi(api, deps);
  registerAnswersApi(api, deps);
  registerProposalsApi(api, deps);
  registerComplaintsApi(api, deps);
  registerSignoffsApi(api, deps);
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "gongkai 政务公开平台 API",
      version: "1.0.0",
      description:
        "稳定的 JSON 接口（v1）。日期为 YYYY-MM-DD（北京时间），错误为 { error: { code, message, issues? } }。",
    },
  });
  app.route("/api/v1", api);

  app.route("/", portalRoutes(deps));
  app.route("/", orgRoutes(deps));
  app.route("/", dashboardRoutes(deps));
  app.route("/", auditRoutes(deps));
  app.route("/", calendarRoutes(deps));
  app.route("/", requestsRoutes(deps));
  app.route("/", spotCheckRoutes(deps));
  app.route("/", documentsRoutes(deps));
  app.route("/", documentsStaffRoutes(deps));
  app.route("/", reportsRoutes(deps));
  app.route("/", statisticsRoutes(deps));
  app.route("/", ledgerRoutes(deps));
  app.route("/", subsidiesRoutes(deps));
  app.route("/", registriesRoutes(deps));
  app.route("/", consultationsRoutes(deps));
  app.route("/", alertsRoutes(deps));
  app.route("/", engagementRoutes(deps));
  app.route("/", accountabilityRoutes(deps));
  app.route("/", cataloguesRoutes(deps));
  app.route("/", opinionsRoutes(deps));
  app.route("/", answersRoutes(deps));
  app.route("/", proposalsRoutes(deps));
  app.route("/", complaintsRoutes(deps));
  app.route("/", signoffsRoutes(deps));

  app.onError(errorHandler(deps));
  app.notFound(notFoundHandler);
  return app;
}
