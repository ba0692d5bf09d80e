// Portal pages of the plan's public accountability: the list of public plans and one plan's tasks.
import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import { PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import type { publicPlans, publicProgress, TPublicReport } from "./accountability";
import { STATUS_LABELS } from "./task-status";

const HOME = { href: "/participation", label: "公众参与" };

export function AccountabilityListPage({
  ctx,
  plans,
}: {
  ctx: TPageCtx;
  plans: Awaited<ReturnType<typeof publicPlans>>;
}) {
  return (
    <PortalLayout ctx={ctx} title="重点工作进展">
      <Breadcrumbs items={[HOME]} current="重点工作进展" />
      <h1>重点工作进展</h1>
      <p class="lead">年度重点工作和民生实事逐项公开责任单位、进度和经审核的进展情况。</p>
      {plans.length === 0 ? (
        <p>暂无公开的工作进展。</p>
      ) : (
        <ul>
          {plans.map((p) => (
            <li>
              <a href={`/accountability/${p.id}`}>{p.title}</a>（{p.year} 年度
              {p.sections.includes(null) ? "" : `：${p.sections.join("、")}`}）
            </li>
          ))}
        </ul>
      )}
    </PortalLayout>
  );
}

function Report({ r }: { r: TPublicReport }) {
  return (
    <>
      <p>
        {r.reportedOn} · {r.unit}
        {r.isComplete ? " · 报告完成" : ""}
      </p>
      <p>{r.body}</p>
      {r.evidence.length > 0 && (
        <ul class="evidence">
          {r.evidence.map((e) => (
            <li>
              {e.href ? <a href={e.href}>{e.title}</a> : e.title}
              {e.kind === "file" ? "（附件，存档备查）" : ""}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function AccountabilityPage({
  ctx,
  view,
}: {
  ctx: TPageCtx;
  view: Awaited<ReturnType<typeof publicProgress>>;
}) {
  const done = view.tasks.filter((t) => t.status === "done").length;
  return (
    <PortalLayout ctx={ctx} title={view.plan.title}>
      <Breadcrumbs
        items={[HOME, { href: "/accountability", label: "重点工作进展" }]}
        current={view.plan.title}
      />
      <h1>{view.plan.title}</h1>
      <p class="lead">
        共 {view.tasks.length} 项，已完成 {done}{" "}
        项。进展均经区政务公开办公室审核后公开；完成比例为牵头单位中已完成并经审核的比例。
      </p>
      {view.tasks.map((t) => (
        <section class="accountability-task" aria-labelledby={`task-${t.no}`}>
          <h2 id={`task-${t.no}`}>
            {t.no}. {t.requirement.length > 60 ? `${t.requirement.slice(0, 60)}…` : t.requirement}
          </h2>
          <dl class="engagement-facts">
            <dt>板块</dt>
            <dd>
              {t.section}
              {t.group ? ` · ${t.group}` : ""}
            </dd>
            <dt>任务要求</dt>
            <dd>{t.requirement}</dd>
            <dt>责任单位</dt>
            <dd>
              {t.units.length
                ? t.units.map((u) => `${u.name}${u.role === "lead" ? "（牵头）" : ""}`).join("、")
                : "—"}
            </dd>
            <dt>完成时限</dt>
            <dd>{t.deadlineText}</dd>
            <dt>状态</dt>
            <dd>{STATUS_LABELS[t.status]}</dd>
            <dt>完成比例</dt>
            <dd>
              <progress max={100} value={t.percentDone} aria-label={`第 ${t.no} 项完成比例`}>
                {t.percentDone}%
              </progress>{" "}
              {t.percentDone}%
            </dd>
          </dl>
          <h3>最新进展</h3>
          {t.latest ? <Report r={t.latest} /> : <p>暂无经审核的进展。</p>}
          {t.history.length > 1 && (
            <details>
              <summary>历次进展（{t.history.length} 次）</summary>
              {t.history.slice(1).map((r) => (
                <Report r={r} />
              ))}
            </details>
          )}
        </section>
      ))}
    </PortalLayout>
  );
}
