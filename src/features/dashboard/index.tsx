import { Hono } from "hono";
import { canAnywhere, isInUnitScope, ROLE_LABELS, unitScope } from "../../platform/auth/permissions";
import type { TAppEnv, TDeps } from "../../platform/http/context";
import { requireUser } from "../../platform/http/guards";
import { AdminLayout } from "../../platform/ui/layout";
import { pageCtx } from "../../platform/ui/page-context";
import { overdueQuestionsCard } from "../answers";
import { loadWorkCalendar, todayInChina } from "../calendar";
import { complaintsDashboardCard } from "../complaints";
import { participationCard } from "../consultations";
import { documentsAwaitingReview } from "../documents";
import { EngagementCard } from "../engagement";
import { ledgerTasksDue } from "../ledger";
import { opinionDashboardCards } from "../opinions";
import { currentLiaisons, listUnits } from "../org";
import { proposalsDashboardCard } from "../proposals";
import { annualReportStatus } from "../reports";
import { requestsWaiting } from "../requests";
import { signoffsDashboardCard } from "../signoffs";
import { WaitingWork } from "./waiting-work";

const REPORT_STATUS_TEXT = { new: "尚未编写", draft: "草稿，尚未发布", published: "已发布" } as const;

/** The back office's landing page: who you are, what you can do, what needs attention. */
export function dashboardRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  app.get("/admin", async (c) => {
    const p = requireUser(c);
    if (p.mustChangePassword) return c.redirect("/admin/account", 303);
    const units = await listUnits(deps.db);
    const unitName = (id: number | null) => (id ? (units.find((u) => u.id === id)?.name ?? "") : "全区");
    const scope = unitScope(p, "liaisons.read");
    const scopedUnits = units.filter((u) => u.isActive && isInUnitScope(scope, u.id));
    const liaisons = await currentLiaisons(
      deps.db,
      scopedUnits.map((u) => u.id),
    );
    const withoutLiaison = scopedUnits.filter((u) => !liaisons.some((l) => l.unitId === u.id));
    const today = todayInChina();
    const calendar = await loadWorkCalendar(deps.db);
    const soon = calendar.addWorkdays(today, 5).date;
    // Each list only for those whose role includes that work, and only within their units.
    const work = {
      requests: canAnywhere(p, "requests.handle") ? await requestsWaiting(deps.db, p, today, calendar) : null,
      documents: canAnywhere(p, "documents.review") ? await documentsAwaitingReview(deps.db, p, today) : null,
      tasks:
        canAnywhere(p, "ledger.manage") || canAnywhere(p, "ledger.report")
          ? await ledgerTasksDue(deps.db, p, today, soon)
          : null,
    };
    // The report about last year falls due this year: departments by 31 January, the government by 31 March.
    const reportYear = Number(today.slice(0, 4)) - 1;
    const reportScope = unitScope(p, "reports.edit");
    const reports = canAnywhere(p, "reports.edit")
      ? await Promise.all(
          (reportScope === "all" ? [null] : reportScope).map(async (u) => ({
            name: u === null ? "区政府本级" : unitName(u),
            status: await annualReportStatus(deps.db, reportYear, u),
          })),
        )
      : [];
    return c.html(
      <AdminLayout ctx={await pageCtx(c)} title="工作台">
        <h1>工作台</h1>
        <p>
          {p.displayName}，您好。您的角色：
          {p.roles.map((g) => `${unitName(g.unitId)}·${ROLE_LABELS[g.role]}`).join("；") ||
            "（尚未分配角色）"}
        </p>
        <WaitingWork work={work} today={today} calendar={calendar} />
        <div class="cards">
          <EngagementCard db={deps.db} principal={p} today={today} />
          {await opinionDashboardCards(deps.db, p)}
          {await overdueQuestionsCard(deps.db, p, today)}
          {await signoffsDashboardCard(deps.db, p)}
          {await proposalsDashboardCard(deps.db, p, today)}
          {await complaintsDashboardCard(deps.db, p, today)}
          {canAnywhere(p, "liaisons.read") && (
            <section class="card" aria-labelledby="dash-liaisons">
              <h2 id="dash-liaisons">联络员</h2>
              {withoutLiaison.length === 0 ? (
                <p>所有单位均已指定联络员。</p>
              ) : (
                <>
                  <p>以下 {withoutLiaison.length} 个单位尚未指定联络员：</p>
                  <ul>
                    {withoutLiaison.slice(0, 10).map((u) => (
                      <li>
                        <a href={`/admin/liaisons/${u.id}`}>{u.name}</a>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <p>
                <a href="/admin/liaisons">联络员名册</a>
              </p>
            </section>
          )}
          {canAnywhere(p, "reports.edit") && (
            <section class="card" aria-labelledby="dash-reports">
              <h2 id="dash-reports">年度报告</h2>
              <p>
                {reportYear} 年度政府信息公开工作年度报告：各部门应于 {reportYear + 1} 年 1 月 31
                日前公布，区人民政府应于 {reportYear + 1} 年 3 月 31 日前公布。
              </p>
              <ul>
                {reports.map((r) => (
                  <li>
                    {r.name}：{REPORT_STATUS_TEXT[r.status]}
                  </li>
                ))}
              </ul>
              <p>
                <a href={`/admin/reports?year=${reportYear}`}>编写年度报告</a>
              </p>
            </section>
          )}
          {canAnywhere(p, "guide.edit") && (
            <section class="card" aria-labelledby="dash-guide">
              <h2 id="dash-guide">公开指南</h2>
              <p>政府信息公开指南应随机构和联系方式的变化及时更新。</p>
              <p>
                <a href="/admin/guide">编辑公开指南</a>
              </p>
            </section>
          )}
          {await participationCard(deps.db, p, today)}
          <section class="card" aria-labelledby="dash-account">
            <h2 id="dash-account">账号安全</h2>
            <p>请定期修改密码，不要与他人共用账号。</p>
            <p>
              <a href="/admin/account">修改密码</a>
            </p>
          </section>
        </div>
      </AdminLayout>,
    );
  });
  return app;
}
