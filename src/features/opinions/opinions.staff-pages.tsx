import type { Child } from "hono/jsx";
import { canAnywhere } from "../../platform/auth/permissions";
import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import { FileField, Form, SelectField, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import type { TUnitRow } from "../org";
import { BarChart, ColumnChart } from "../statistics";
import { clocksOf, type TBoardUnit, type TClockView } from "./board";
import { chinaDateTime, remainingText, toChinaIso } from "./compute-clocks";
import type { TImportResult } from "./import-work-orders";
import type { listAlerts } from "./opinions.repository";
import {
  EVENT_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  SOURCE_LABELS,
  SOURCES,
  type TSpikeRule,
} from "./opinions.schemas";
import type { TOpinionRow, TTopicRow } from "./opinions.tables";
import type { TMonthlyAnalysis } from "./trends";

type TAlert = Awaited<ReturnType<typeof listAlerts>>[number];

const CLOCK_LABELS: Record<TClockView["kind"], string> = {
  release: "权威信息发布（5 小时）",
  press_conference: "新闻发布会（24 小时）",
  response: "回应（48 小时）",
};
const STATE_LABELS: Record<TClockView["state"], string> = {
  met: "按时完成",
  late: "超时完成",
  overdue: "已超时",
  due_soon: "1 小时内到期",
  running: "进行中",
};

const Crumbs = ({ current }: { current: string }) => (
  <Breadcrumbs
    items={[
      { href: "/admin", label: "工作台" },
      { href: "/admin/opinions", label: "政务舆情" },
    ]}
    current={current}
  />
);

/** A clock with its time left, computed on the server; the optional script ticks it every minute. */
function Countdown({ clock, now }: { clock: TClockView; now: Date }) {
  if (clock.doneAt)
    return (
      <span class={clock.state === "late" ? "clock clock-late" : "clock clock-met"}>
        {STATE_LABELS[clock.state]}（{chinaDateTime(clock.doneAt)}）
      </span>
    );
  return (
    <span class={`clock clock-${clock.state.replace("_", "-")}`} data-due={toChinaIso(clock.dueAt)}>
      <span class="clock-state">{STATE_LABELS[clock.state]}</span>：
      <time datetime={toChinaIso(clock.dueAt)}>{chinaDateTime(clock.dueAt)}</time> 前，
      <span class="clock-left">{remainingText(clock.dueAt, now)}</span>
    </span>
  );
}

function SubNav({ ctx }: { ctx: TPageCtx }) {
  const p = ctx.principal;
  return (
    <nav class="subnav" aria-label="政务舆情">
      <ul>
        <li>
          <a href="/admin/opinions">时限看板</a>
        </li>
        <li>
          <a href="/admin/opinions/new">登记舆情</a>
        </li>
        <li>
          <a href="/admin/opinions/import">导入 12345 工单</a>
        </li>
        <li>
          <a href="/admin/opinions/list">全部舆情</a>
        </li>
        <li>
          <a href="/admin/opinions/trends">趋势分析</a>
        </li>
        {p && canAnywhere(p, "opinions.manage") && (
          <li>
            <a href="/admin/opinions/topics">主题与预警设置</a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** The board: counts by unit, spike alerts, and the running items with live countdowns. */
export function BoardPage({
  ctx,
  now,
  units,
  items,
  unitNames,
  topics,
  alerts,
}: {
  ctx: TPageCtx;
  now: Date;
  units: TBoardUnit[];
  items: TOpinionRow[];
  unitNames: Map<number, string>;
  topics: TTopicRow[];
  alerts: TAlert[];
}) {
  const total = units.reduce(
    (a, u) => ({ open: a.open + u.open, soon: a.soon + u.dueWithinHour, over: a.over + u.overdue }),
    {
      open: 0,
      soon: 0,
      over: 0,
    },
  );
  return (
    <AdminLayout ctx={ctx} title="政务舆情时限看板">
      <h1>政务舆情时限看板</h1>
      <SubNav ctx={ctx} />
      <p>
        截至 <time datetime={toChinaIso(now)}>{chinaDateTime(now)}</time>（北京时间）：在办{" "}
        <strong>{total.open}</strong> 条，1 小时内到期 <strong>{total.soon}</strong> 条，已超时{" "}
        <strong class={total.over > 0 ? "overdue" : undefined}>{total.over}</strong> 条。
        特别重大、重大突发事件舆情须在发现后 5 小时内发布权威信息、24 小时内举行新闻发布会；其他舆情 48
        小时内回应。
      </p>
      {alerts.length > 0 && (
        <section class="notice opinion-alerts" aria-labelledby="op-alerts">
          <h2 id="op-alerts">集中舆情预警（{alerts.length}）</h2>
          <ul>
            {alerts.map((a) => (
              <li>
                “{a.topicName}”主题 24 小时内 {a.itemCount} 条（阈值 {a.threshold}），截至{" "}
                {chinaDateTime(a.windowEnd)}
                <form method="post" action={`/admin/opinions/alerts/${a.id}/ack`} class="inline-form">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <button type="submit" class="button small">
                    已知悉
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2>各单位</h2>
      {units.length === 0 ? (
        <p>没有在办的舆情。</p>
      ) : (
        <DataTable caption="各单位在办舆情" columns={["承办单位", "在办", "1 小时内到期", "已超时"]}>
          {units.map((u) => (
            <tr>
              <th scope="row">
                {u.unitId ? <a href={`/admin/opinions?unitId=${u.unitId}`}>{u.unitName}</a> : u.unitName}
              </th>
              <td>{u.open}</td>
              <td>{u.dueWithinHour}</td>
              <td class={u.overdue > 0 ? "overdue" : undefined}>{u.overdue}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>在办舆情（最紧急的在前）</h2>
      {items.length === 0 ? (
        <p>没有在办的舆情。</p>
      ) : (
        <DataTable
          caption="在办舆情及时限"
          columns={["舆情", "来源", "主题", "承办单位", "时限"]}
          className="opinion-board"
        >
          {items.map((o) => (
            <tr class={o.nextDueAt && o.nextDueAt < now ? "row-overdue" : undefined}>
              <td>
                <a href={`/admin/opinions/${o.id}`}>{o.title}</a>
                {o.severity === "major_emergency" && <span class="tag tag-danger">重大突发</span>}
              </td>
              <td>{SOURCE_LABELS[o.source]}</td>
              <td>
                {topics.find((t) => t.id === o.topicId)?.name ?? "未归类"}
                {!o.isTopicConfirmed && "（待确认）"}
              </td>
              <td>{o.unitId ? unitNames.get(o.unitId) : "（未指定）"}</td>
              <td>
                <ul class="clocks">
                  {clocksOf(o, now)
                    .filter((c) => !c.doneAt)
                    .map((c) => (
                      <li>
                        {CLOCK_LABELS[c.kind]}：<Countdown clock={c} now={now} />
                      </li>
                    ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <script src="/static/opinion-clock.js" defer />
    </AdminLayout>
  );
}

/** The staff intake form. */
export function NewOpinionPage({
  ctx,
  form,
  units,
  topics,
}: {
  ctx: TPageCtx;
  form: TFormState;
  units: TUnitRow[];
  topics: TTopicRow[];
}) {
  return (
    <AdminLayout ctx={ctx} title="登记舆情">
      <Crumbs current="登记舆情" />
      <h1>登记舆情</h1>
      <Form action="/admin/opinions/new" csrfToken={ctx.csrfToken} form={form} submitLabel="登记">
        <TextField form={form} name="title" label="标题" isRequired maxLength={200} />
        <TextArea form={form} name="body" label="内容摘要" rows={5} />
        <SelectField
          form={form}
          name="source"
          label="来源渠道"
          isRequired
          options={SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))}
        />
        <SelectField
          form={form}
          name="topic"
          label="主题"
          isRequired
          hint="选“按关键词自动建议”时由系统按主题关键词建议，稍后在舆情页面确认。"
          options={[
            { value: "auto", label: "按关键词自动建议" },
            ...topics.map((t) => ({ value: t.code, label: t.name })),
          ]}
        />
        <SelectField
          form={form}
          name="unitId"
          label="承办单位"
          isRequired
          placeholder="（请选择）"
          options={units.map((u) => ({ value: String(u.id), label: u.name }))}
        />
        <SelectField
          form={form}
          name="severity"
          label="级别"
          isRequired
          options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))}
        />
        <TextField
          form={form}
          name="discoveredAt"
          label="发现时间（北京时间）"
          type="datetime-local"
          isRequired
          hint="时限从发现时起按小时计算，节假日和夜间照计。"
        />
      </Form>
    </AdminLayout>
  );
}

/** One item: its clocks, what was done, and the forms to record, confirm and publish. */
export function OpinionPage({
  ctx,
  now,
  row,
  events,
  topics,
  unitName,
  forms,
}: {
  ctx: TPageCtx;
  now: Date;
  row: TOpinionRow;
  events: {
    type: keyof typeof EVENT_LABELS;
    at: Date;
    documentId: number | null;
    note: string;
    actorName: string;
  }[];
  topics: TTopicRow[];
  unitName: string;
  forms: { event: TFormState; topic: TFormState; publish: TFormState };
}) {
  const topic = topics.find((t) => t.id === row.topicId);
  const suggested = topics.find((t) => t.id === row.suggestedTopicId);
  const openKinds = clocksOf(row, now)
    .filter((c) => !c.doneAt)
    .map((c) => c.kind);
  return (
    <AdminLayout ctx={ctx} title={row.title}>
      <Crumbs current={row.title} />
      <h1>{row.title}</h1>
      <dl class="facts">
        <dt>来源</dt>
        <dd>
          {SOURCE_LABELS[row.source]}
          {row.workOrderNo && `（工单编号 ${row.workOrderNo}）`}
          {row.receiptNo && `（来信编号 ${row.receiptNo}）`}
        </dd>
        <dt>级别</dt>
        <dd>{SEVERITY_LABELS[row.severity]}</dd>
        <dt>承办单位</dt>
        <dd>{unitName}</dd>
        <dt>主题</dt>
        <dd>
          {topic?.name ?? "未归类"}
          {row.isTopicConfirmed
            ? "（已确认）"
            : `（待确认${suggested ? `，关键词建议：${suggested.name}` : ""}）`}
        </dd>
        <dt>发现时间</dt>
        <dd>{chinaDateTime(row.discoveredAt)}</dd>
        {row.handledAt && (
          <>
            <dt>12345 办结时间</dt>
            <dd>{chinaDateTime(row.handledAt)}</dd>
          </>
        )}
        {row.satisfaction && (
          <>
            <dt>满意度</dt>
            <dd>{row.satisfaction}</dd>
          </>
        )}
        {row.source === "mailbox" && (
          <>
            <dt>来信人（不公开）</dt>
            <dd>
              {row.writerName}，{row.writerContact}
            </dd>
          </>
        )}
      </dl>
      {row.body && (
        <section aria-labelledby="op-body">
          <h2 id="op-body">内容</h2>
          <p class="prewrap">{row.body}</p>
        </section>
      )}
      <section aria-labelledby="op-clocks">
        <h2 id="op-clocks">时限</h2>
        <ul class="clocks">
          {clocksOf(row, now).map((c) => (
            <li>
              {CLOCK_LABELS[c.kind]}：<Countdown clock={c} now={now} />
            </li>
          ))}
        </ul>
        {events.length > 0 && (
          <DataTable caption="已记录的处置" columns={["处置", "时间", "关联文件", "说明", "记录人"]}>
            {events.map((e) => (
              <tr>
                <td>{EVENT_LABELS[e.type]}</td>
                <td>{chinaDateTime(e.at)}</td>
                <td>
                  {e.documentId ? <a href={`/admin/documents/${e.documentId}`}>文件 {e.documentId}</a> : "—"}
                </td>
                <td>{e.note || "—"}</td>
                <td>{e.actorName}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      {openKinds.length > 0 && (
        <section aria-labelledby="op-event">
          <h2 id="op-event">记录处置</h2>
          <Form
            action={`/admin/opinions/${row.id}/events`}
            csrfToken={ctx.csrfToken}
            form={forms.event}
            submitLabel="记录"
          >
            <SelectField
              form={forms.event}
              name="type"
              label="处置"
              isRequired
              options={openKinds.map((k) => ({ value: k, label: EVENT_LABELS[k] }))}
            />
            <TextField
              form={forms.event}
              name="at"
              label="时间（北京时间）"
              type="datetime-local"
              isRequired
            />
            <TextField
              form={forms.event}
              name="documentId"
              label="发布的文件编号（可选）"
              inputmode="numeric"
              hint="已在本网站发布的文件的编号，公开回应时一并列出。"
            />
            <TextArea form={forms.event} name="note" label="说明（可选）" rows={3} />
          </Form>
        </section>
      )}
      <section aria-labelledby="op-topic">
        <h2 id="op-topic">{row.isTopicConfirmed ? "更改主题" : "确认主题"}</h2>
        <Form
          action={`/admin/opinions/${row.id}/topic`}
          csrfToken={ctx.csrfToken}
          form={forms.topic}
          submitLabel="确认主题"
        >
          <SelectField
            form={forms.topic}
            name="topic"
            label="主题"
            isRequired
            options={topics.filter((t) => t.isActive).map((t) => ({ value: t.code, label: t.name }))}
          />
        </Form>
      </section>
      <section aria-labelledby="op-publish">
        <h2 id="op-publish">在“回应关切”栏目公开</h2>
        {row.publishedAt && (
          <p>
            已于 {chinaDateTime(row.publishedAt)} 公开。<a href="/responses">查看栏目</a>
          </p>
        )}
        <p>
          只公开问题和答复，不公开来信人、联系方式和工单编号。问题中的身份证号、手机号、银行卡号和来信人姓名会被拦下。
        </p>
        <Form
          action={`/admin/opinions/${row.id}/publish`}
          csrfToken={ctx.csrfToken}
          form={forms.publish}
          submitLabel={row.publishedAt ? "更新公开内容" : "公开回应"}
        >
          <TextArea form={forms.publish} name="question" label="问题（公开）" isRequired rows={4} />
          <TextArea form={forms.publish} name="answer" label="答复（公开）" isRequired rows={6} />
        </Form>
        {row.publishedAt && (
          <form method="post" action={`/admin/opinions/${row.id}/unpublish`} class="inline-form">
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <button type="submit" class="button danger">
              撤下公开的回应
            </button>
          </form>
        )}
      </section>
    </AdminLayout>
  );
}

/** All items in the caller's units, newest first. */
export function OpinionListPage({
  ctx,
  now,
  items,
  topics,
  unitNames,
  pagination,
}: {
  ctx: TPageCtx;
  now: Date;
  items: TOpinionRow[];
  topics: TTopicRow[];
  unitNames: Map<number, string>;
  pagination: Child;
}) {
  return (
    <AdminLayout ctx={ctx} title="全部舆情">
      <Crumbs current="全部舆情" />
      <h1>全部舆情</h1>
      <SubNav ctx={ctx} />
      {items.length === 0 ? (
        <p>还没有舆情。</p>
      ) : (
        <DataTable caption="全部舆情" columns={["舆情", "发现时间", "来源", "主题", "承办单位", "状态"]}>
          {items.map((o) => {
            const clocks = clocksOf(o, now);
            const worst = clocks.find((c) => c.state === "overdue") ?? clocks.find((c) => c.state === "late");
            return (
              <tr>
                <td>
                  <a href={`/admin/opinions/${o.id}`}>{o.title}</a>
                </td>
                <td>{chinaDateTime(o.discoveredAt)}</td>
                <td>{SOURCE_LABELS[o.source]}</td>
                <td>{topics.find((t) => t.id === o.topicId)?.name ?? "未归类"}</td>
                <td>{o.unitId ? unitNames.get(o.unitId) : "（未指定）"}</td>
                <td class={worst?.state === "overdue" ? "overdue" : undefined}>
                  {o.nextDueAt
                    ? worst?.state === "overdue"
                      ? "已超时"
                      : "在办"
                    : worst
                      ? "超时办结"
                      : "按时办结"}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      {pagination}
    </AdminLayout>
  );
}

/** The import form and, after an import, its result with each refused row. */
export function ImportPage({
  ctx,
  form,
  result,
}: {
  ctx: TPageCtx;
  form: TFormState;
  result: TImportResult | null;
}) {
  return (
    <AdminLayout ctx={ctx} title="导入 12345 工单">
      <Crumbs current="导入 12345 工单" />
      <h1>导入 12345 工单</h1>
      <p>
        上传 12345 热线导出的 CSV（UTF-8）或 XLSX
        文件。第一行为列名：工单编号、受理时间、诉求内容、承办单位（须与机构名称或别名一致）、办结时间、满意度。
        受理时间即发现时间，按北京时间读取；办结时间视为回应时间。按工单编号去重：再次导入同一文件不会重复登记，内容有变化的工单会被更新。
      </p>
      {result && (
        <section class="notice" role="status" aria-labelledby="import-result">
          <h2 id="import-result">导入结果</h2>
          <p>
            新增 {result.created} 条，更新 {result.updated} 条，未变化 {result.unchanged} 条，未导入{" "}
            {result.failed.length} 行{result.alerts > 0 && `，产生集中舆情预警 ${result.alerts} 条`}。
          </p>
          {result.unknownColumns.length > 0 && (
            <p>以下列未识别，已忽略：{result.unknownColumns.join("、")}。</p>
          )}
          {result.failed.length > 0 && (
            <DataTable caption="未导入的行" columns={["行号", "原因"]}>
              {result.failed.slice(0, 500).map((f) => (
                <tr>
                  <td>{f.row}</td>
                  <td>{f.reason}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      )}
      <Form action="/admin/opinions/import" csrfToken={ctx.csrfToken} form={form} submitLabel="导入" hasFiles>
        <FileField form={form} name="file" label="工单文件" isRequired accept=".csv,.xlsx,text/csv" />
      </Form>
    </AdminLayout>
  );
}

function Figure({ label, children, table }: { label: string; children: unknown; table: unknown }) {
  return (
    <div class="stats-figure">
      <div class="stats-chart">{children}</div>
      <section class="stats-table" aria-label={label} tabindex={0}>
        {table}
      </section>
    </div>
  );
}

/** The monthly analysis: charts drawn on the server, each with its table beside it. */
export function TrendsPage({ ctx, a }: { ctx: TPageCtx; a: TMonthlyAnalysis }) {
  const topicsWithItems = a.byTopic.filter((t) => t.total > 0);
  return (
    <AdminLayout ctx={ctx} title={`舆情月度分析 ${a.month}`}>
      <Crumbs current="趋势分析" />
      <h1>舆情月度分析（{a.month}）</h1>
      <SubNav ctx={ctx} />
      <form method="get" action="/admin/opinions/trends" class="filters" aria-label="选择月份">
        <div class="field">
          <label for="trend-month">月份</label>
          <input id="trend-month" name="month" type="month" value={a.month} />
        </div>
        <button type="submit" class="button">
          查看
        </button>
        <a class="button secondary" href={`/admin/opinions/trends.xlsx?month=${a.month}`}>
          导出 Excel
        </a>
      </form>
      <p class="stats-key">
        本月共 <strong>{a.total}</strong> 条舆情。
      </p>
      <section aria-labelledby="trend-days">
        <h2 id="trend-days">每日件数</h2>
        <Figure
          label="每日件数数据表"
          table={
            <DataTable caption="每日件数" columns={["日期", "件数"]}>
              {a.days.map((d, i) => (
                <tr>
                  <th scope="row">{d.slice(5)}</th>
                  <td>{a.perDay[i]}</td>
                </tr>
              ))}
            </DataTable>
          }
        >
          <ColumnChart
            id="chart-opinion-days"
            title={`${a.month} 每日舆情件数`}
            desc={a.days.map((d, i) => `${Number(d.slice(8))}日 ${a.perDay[i]} 条`).join("，")}
            data={a.days.map((d, i) => ({ label: String(Number(d.slice(8))), value: a.perDay[i] ?? 0 }))}
          />
        </Figure>
      </section>
      <section aria-labelledby="trend-topics">
        <h2 id="trend-topics">按主题</h2>
        <Figure
          label="按主题数据表"
          table={
            <DataTable caption="按主题件数" columns={["主题", "件数"]}>
              {a.byTopic.map((t) => (
                <tr>
                  <th scope="row">{t.name}</th>
                  <td>{t.total}</td>
                </tr>
              ))}
            </DataTable>
          }
        >
          <BarChart
            id="chart-opinion-topics"
            title={`${a.month} 各主题舆情件数`}
            desc={a.byTopic.map((t) => `${t.name} ${t.total} 条`).join("，")}
            data={a.byTopic.map((t) => ({ label: t.name, value: t.total }))}
          />
        </Figure>
        {topicsWithItems.length > 0 && (
          <section class="stats-table wide" aria-label="各主题每日件数" tabindex={0}>
            <DataTable
              caption="各主题每日件数"
              columns={["主题", ...a.days.map((d) => d.slice(8)), "合计"]}
              className="compact"
            >
              {topicsWithItems.map((t) => (
                <tr>
                  <th scope="row">{t.name}</th>
                  {t.perDay.map((n) => (
                    <td>{n}</td>
                  ))}
                  <td>{t.total}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        )}
      </section>
      <section aria-labelledby="trend-sources">
        <h2 id="trend-sources">按来源</h2>
        <Figure
          label="按来源数据表"
          table={
            <DataTable caption="按来源件数" columns={["来源", "件数"]}>
              {a.bySource.map((s) => (
                <tr>
                  <th scope="row">{s.label}</th>
                  <td>{s.count}</td>
                </tr>
              ))}
            </DataTable>
          }
        >
          <BarChart
            id="chart-opinion-sources"
            title={`${a.month} 各来源舆情件数`}
            desc={a.bySource.map((s) => `${s.label} ${s.count} 条`).join("，") || "无"}
            data={a.bySource.map((s) => ({ label: s.label, value: s.count }))}
          />
        </Figure>
      </section>
      <section aria-labelledby="trend-units">
        <h2 id="trend-units">按承办单位</h2>
        {a.byUnit.length === 0 ? (
          <p>本月没有舆情。</p>
        ) : (
          <DataTable
            caption="按承办单位"
            columns={["承办单位", "件数", "按时办结", "超时办结", "超时未办结"]}
          >
            {a.byUnit.map((u) => (
              <tr>
                <th scope="row">{u.unitName}</th>
                <td>{u.count}</td>
                <td>{u.onTime}</td>
                <td>{u.late}</td>
                <td class={u.openOverdue > 0 ? "overdue" : undefined}>{u.openOverdue}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section aria-labelledby="trend-alerts">
        <h2 id="trend-alerts">集中舆情预警</h2>
        {a.alerts.length === 0 ? (
          <p>本月没有预警。</p>
        ) : (
          <DataTable caption="集中舆情预警" columns={["主题", "24 小时窗口截至", "件数", "阈值"]}>
            {a.alerts.map((al) => (
              <tr>
                <td>{al.topicName}</td>
                <td>{chinaDateTime(al.windowEnd)}</td>
                <td>{al.itemCount}</td>
                <td>{al.threshold}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </AdminLayout>
  );
}

/** Topics with their keyword rules, a new topic, and the spike threshold. */
export function TopicsPage({
  ctx,
  topics,
  rule,
  form,
}: {
  ctx: TPageCtx;
  topics: TTopicRow[];
  rule: TSpikeRule;
  form: TFormState;
}) {
  return (
    <AdminLayout ctx={ctx} title="舆情主题与预警设置">
      <Crumbs current="主题与预警设置" />
      <h1>舆情主题与预警设置</h1>
      <p>
        前十二项为工作要点第 28
        项列明的主题。关键词用于为新登记和导入的舆情建议主题，以逗号或顿号分隔；建议须由工作人员确认。
      </p>
      <section aria-labelledby="spike">
        <h2 id="spike">集中舆情预警</h2>
        <Form
          action="/admin/opinions/spike-rule"
          csrfToken={ctx.csrfToken}
          form={form}
          submitLabel="保存阈值"
        >
          <TextField
            form={{ values: { threshold: String(rule.threshold), ...form.values }, errors: form.errors }}
            name="threshold"
            label="同一主题 24 小时内达到多少条时预警"
            inputmode="numeric"
            isRequired
          />
        </Form>
      </section>
      <h2>主题与关键词</h2>
      <DataTable caption="舆情主题" columns={["主题", "关键词", "修改"]}>
        {topics.map((t) => (
          <tr>
            <th scope="row">
              {t.name}
              {t.isBuiltin && "（工作要点）"}
            </th>
            <td>{t.keywords.join("、")}</td>
            <td>
              <form method="post" action={`/admin/opinions/topics/${t.id}`} class="inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <label for={`kw-${t.id}`} class="visually-hidden">
                  {t.name}的关键词
                </label>
                <input id={`kw-${t.id}`} name="keywords" type="text" value={t.keywords.join("、")} />
                <button type="submit" class="button small">
                  保存
                </button>
              </form>
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>新增主题</h2>
      <Form action="/admin/opinions/topics" csrfToken={ctx.csrfToken} form={form} submitLabel="新增主题">
        <TextField form={form} name="name" label="主题名称" isRequired maxLength={20} />
        <TextField form={form} name="keywords" label="关键词" hint="以逗号或顿号分隔。" />
      </Form>
    </AdminLayout>
  );
}
