import {
  CheckboxGroup,
  FileField,
  Form,
  SelectField,
  TextArea,
  TextField,
  type TFormState,
} from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import type { TUnitRow } from "../org";
import type { TEvidenceRow, TReportRow, TTaskWithUnits } from "./ledger.repository";
import type { ledgerPlans } from "./ledger.tables";
import { StatusBadge, TaskCards } from "./ledger.task-cards";
import type { TBoardTask, TPlanBoard } from "./plan-board";
import { INDICATOR_LABELS, PENDING_INDICATORS, RECORD_INDICATORS } from "./record-indicators";
import { STATUS_LABELS, STATUS_ORDER, type TTaskStatus } from "./task-status";
import { YEAR_END_LABELS } from "./year-end-review";

type TPlanRow = typeof ledgerPlans.$inferSelect;

/** Tasks about the basic-level standard catalogues (tasks 35–36 of the 2022 plan) link to the coverage check. */
const CATALOGUE_TASK = /基层政务公开标准化|26\+1\+n/;

export const REPORT_STATUS_LABELS: Record<string, string> = {
  submitted: "待审核",
  accepted: "已通过",
  returned: "已退回",
};
const ROLE_LABELS: Record<string, string> = { lead: "牵头", support: "配合" };

const unitName = (units: TUnitRow[], id: number) => units.find((u) => u.id === id)?.name ?? `单位 ${id}`;

/** The list of plans, and for the office the import form. */
export function LedgerHomePage(props: {
  ctx: TPageCtx;
  plans: { plan: TPlanRow; taskCount: number }[];
  canManage: boolean;
  awaitingReview: number;
  form: TFormState;
}) {
  const { ctx, form } = props;
  return (
    <AdminLayout ctx={ctx} title="工作台账">
      <h1>工作台账</h1>
      <p>按年度工作要点分解任务，责任单位报告进展，公开办审核、回头看和考核。</p>
      {props.canManage && (
        <p>
          <a href="/admin/ledger/review">待审核的进展报告（{props.awaitingReview}）</a>
        </p>
      )}
      <h2>工作要点</h2>
      {props.plans.length === 0 ? (
        <p>尚未导入工作要点。</p>
      ) : (
        <DataTable caption="工作要点" columns={["标题", "年度", "印发日期", "任务数"]}>
          {props.plans.map(({ plan, taskCount }) => (
            <tr>
              <td>
                <a href={`/admin/ledger/plans/${plan.id}`}>{plan.title}</a>
              </td>
              <td>{plan.year}</td>
              <td>{plan.issuedAt}</td>
              <td>{taskCount}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {props.canManage && (
        <>
          <h2>导入任务分解表</h2>
          <p>
            CSV 或
            Excel（.xlsx，第一个工作表）文件，第一行为表头：no,section,group,requirement,units,deadline。
          </p>
          <Form
            action="/admin/ledger/import"
            csrfToken={ctx.csrfToken}
            form={form}
            submitLabel="导入"
            hasFiles
          >
            <TextField form={form} name="title" label="工作要点标题" isRequired maxLength={200} />
            <TextField form={form} name="issuedAt" label="印发日期" type="date" isRequired />
            <TextField form={form} name="year" label="年度" inputmode="numeric" isRequired />
            <FileField
              form={form}
              name="file"
              label="任务分解表（CSV 或 XLSX）"
              accept=".csv,.xlsx"
              isRequired
            />
          </Form>
        </>
      )}
    </AdminLayout>
  );
}

const OPEN_OVERDUE_CARDS = 3;

/** A plan's boards by section and by unit, its overdue reminders and its task list. */
export function PlanBoardPage(props: {
  ctx: TPageCtx;
  plan: TPlanRow;
  board: TPlanBoard;
  overdue: { unit: TUnitRow; tasks: TBoardTask[]; liaison: { name: string; phone: string } | null }[];
  today: string;
  filter: { unit?: number; status?: string };
  canManage: boolean;
  importNote?: string;
  /** Sections made public on the portal (null: the whole plan). */
  publicParts?: (string | null)[];
}) {
  const { ctx, plan, board, filter } = props;
  const shown = board.tasks.filter(
    (t) =>
      (!filter.unit || t.responsible.has(filter.unit)) && (!filter.status || t.shownStatus === filter.status),
  );
  return (
    <AdminLayout ctx={ctx} title={plan.title}>
      <h1>{plan.title}</h1>
      <p>
        {plan.year} 年度，{plan.issuedAt} 印发，共 {board.tasks.length} 项任务。
        {props.canManage && (
          <>
            {" "}
            <a href={`/admin/ledger/plans/${plan.id}/year-end`}>回头看</a> ·{" "}
            <a href={`/admin/ledger/plans/${plan.id}/assessment`}>考核评分</a>
          </>
        )}
      </p>
      {props.canManage && props.publicParts && (
        <PublicPartsForm
          ctx={ctx}
          planId={plan.id}
          parts={props.publicParts}
          sections={[...new Set(board.tasks.map((t) => t.section))]}
        />
      )}
      <h2>按板块统计</h2>
      <DataTable
        caption="按板块统计的任务状态"
        columns={["板块", "任务数", ...STATUS_ORDER.map((s) => STATUS_LABELS[s])]}
      >
        {board.bySection.map((s) => (
          <tr>
            <td>{s.section}</td>
            <td>{s.total}</td>
            {STATUS_ORDER.map((st) => (
              <td class={st === "overdue" && s[st] ? "alert" : undefined}>{s[st]}</td>
            ))}
          </tr>
        ))}
      </DataTable>
      <h2>按单位统计</h2>
      <DataTable
        caption="按单位统计的任务进展"
        columns={["单位", "负责任务", "已完成", "已逾期", "待审核"]}
        className="ledger-units"
      >
        {board.byUnit.map((r) => (
          <tr data-unit={r.unit.name}>
            <td>
              <a href={`/admin/ledger/plans/${plan.id}?unit=${r.unit.id}`}>{r.unit.name}</a>
            </td>
            <td>{r.tasks}</td>
            <td>{r.done}</td>
            <td class={r.overdue ? "alert" : undefined}>
              {r.overdue ? <a href={`#overdue-${r.unit.id}`}>{r.overdue}</a> : r.overdue}
            </td>
            <td>{r.awaitingReview}</td>
          </tr>
        ))}
      </DataTable>
      {props.overdue.length > 0 && (
        <>
          <h2>逾期提醒</h2>
          <p>以下单位有任务超过时限尚未完成，请联络员尽快报告进展。</p>
          {props.overdue.map((o) => (
            <section
              class="overdue-unit"
              id={`overdue-${o.unit.id}`}
              aria-labelledby={`overdue-${o.unit.id}-h`}
            >
              <h3 id={`overdue-${o.unit.id}-h`}>
                {o.unit.name}：{o.tasks.length} 项逾期
              </h3>
              <p>
                联络员：
                {o.liaison ? `${o.liaison.name}${o.liaison.phone ? `（${o.liaison.phone}）` : ""}` : "未登记"}
              </p>
              {/* Folded when long, so that every unit's line stays in view above the task list. */}
              <details open={o.tasks.length <= OPEN_OVERDUE_CARDS}>
                <summary>查看 {o.tasks.length} 项逾期任务</summary>
                <TaskCards
                  label={`${o.unit.name}的逾期任务`}
                  tasks={o.tasks}
                  units={board.units}
                  today={props.today}
                  overdue
                />
              </details>
            </section>
          ))}
        </>
      )}
      <h2>任务清单</h2>
      <form method="get" action={`/admin/ledger/plans/${plan.id}`} class="filters">
        <div class="field">
          <label for="q-unit">单位</label>
          <select id="q-unit" name="unit">
            <option value="">全部</option>
            {board.byUnit.map((r) => (
              <option value={String(r.unit.id)} selected={filter.unit === r.unit.id}>
                {r.unit.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="q-status">状态</label>
          <select id="q-status" name="status">
            <option value="">全部</option>
            {STATUS_ORDER.map((s) => (
              <option value={s} selected={filter.status === s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          筛选
        </button>
      </form>
      <p>共 {shown.length} 项。</p>
      <TaskCards label="任务清单" tasks={shown} units={board.units} today={props.today} />
    </AdminLayout>
  );
}

const excerpt = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max)}…` : text);

type TReportWithEvidence = TReportRow & { evidence: (TEvidenceRow & { documentTitle: string | null })[] };

function Evidence({ e }: { e: TReportWithEvidence["evidence"][number] }) {
  if (e.kind === "document")
    return (
      <a href={`/documents/${e.documentId}`}>
        {e.documentTitle ?? e.name}（文件 {e.documentId}）
      </a>
    );
  if (e.kind === "url")
    return (
      <a href={e.url ?? "#"} rel="noopener noreferrer">
        {e.url}
      </a>
    );
  if (e.kind === "record") return <a href={e.url ?? "#"}>{e.name}</a>;
  return <a href={`/admin/ledger/evidence/${e.id}`}>{e.name}</a>;
}

/** The office's decision on one submitted report; ids carry the report's id so several fit on a page. */
function ReviewForm(props: { ctx: TPageCtx; reportId: number; error?: string; comment?: string }) {
  const id = props.reportId;
  return (
    <form method="post" action={`/admin/ledger/reports/${id}/review`} class="form">
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
      <div class={props.error ? "field has-error" : "field"}>
        <label for={`review-${id}-comment`}>审核意见（退回时必填）</label>
        {props.error && (
          <p class="field-error" id={`review-${id}-error`} role="alert">
            <span class="visually-hidden">错误：</span>
            {props.error}
          </p>
        )}
        <textarea
          id={`review-${id}-comment`}
          name="comment"
          rows={2}
          maxlength={2000}
          aria-describedby={props.error ? `review-${id}-error` : undefined}
        >
          {props.comment ?? ""}
        </textarea>
      </div>
      <button type="submit" name="decision" value="accept" class="button">
        通过
      </button>{" "}
      <button type="submit" name="decision" value="return" class="button danger">
        退回
      </button>
    </form>
  );
}

/** One task: its facts, responsible units, reports with evidence, the report form and the review forms. */
export function TaskPage(props: {
  ctx: TPageCtx;
  task: TTaskWithUnits & { shownStatus: TTaskStatus };
  planTitle: string;
  responsible: Map<number, "lead" | "support">;
  reports: TReportWithEvidence[];
  units: TUnitRow[];
  own: number[];
  canManage: boolean;
  form: TFormState;
  reviewError?: { reportId: number; message: string; comment: string };
  /** The year-end form, for the office while the task is not yet checked. */
  yearEnd?: { plans: { id: number; title: string }[]; form: TFormState };
}) {
  const { ctx, task, units, form } = props;
  return (
    <AdminLayout ctx={ctx} title={`任务 ${task.no}`}>
      <p>
        <a href={`/admin/ledger/plans/${task.planId}`}>{props.planTitle}</a>
      </p>
      <h1>任务 {task.no}</h1>
      <dl class="facts">
        <dt>状态</dt>
        <dd>
          <StatusBadge status={task.shownStatus} />
        </dd>
        <dt>板块</dt>
        <dd>
          {task.section}
          {task.group && ` / ${task.group}`}
        </dd>
        <dt>任务要求</dt>
        <dd>{task.requirement}</dd>
        {CATALOGUE_TASK.test(task.requirement) && (
          <>
            <dt>落实情况</dt>
            <dd>
              <a href="/admin/catalogues/coverage">标准目录落实情况“回头看”</a>（
              <a href="/admin/catalogues/rectifications">整改清单</a>）
            </dd>
          </>
        )}
        <dt>责任单位（原文）</dt>
        <dd>{task.unitsText}</dd>
        <dt>完成时限</dt>
        <dd>
          {task.deadlineText}
          {task.dueDate && `（${task.dueDate}）`}
          {task.ongoing && "，长期坚持"}
          {task.deadlineProblem && `；期限无法识别：${task.deadlineProblem}`}
        </dd>
        {task.reviewOutcome && (
          <>
            <dt>回头看</dt>
            <dd>
              {YEAR_END_LABELS[task.reviewOutcome as keyof typeof YEAR_END_LABELS]}
              {task.reviewReason && `：${task.reviewReason}`}
            </dd>
          </>
        )}
      </dl>
      <h2>责任单位</h2>
      <ul>
        {[...props.responsible].map(([id, role]) => (
          <li>
            {unitName(units, id)}（{ROLE_LABELS[role]}）
          </li>
        ))}
      </ul>
      <h2>进展报告</h2>
      {props.reports.length === 0 ? (
        <p>尚无进展报告。</p>
      ) : (
        props.reports.map((r) => (
          <article class="card ledger-report" id={`report-${r.id}`}>
            <h3>
              {unitName(units, r.unitId)} · {r.reportedOn} · {REPORT_STATUS_LABELS[r.status]}
              {r.isComplete && " · 报告已完成"}
            </h3>
            <p>{r.body}</p>
            {r.evidence.length > 0 && (
              <ul aria-label="佐证材料">
                {r.evidence.map((e) => (
                  <li>
                    <Evidence e={e} />
                  </li>
                ))}
              </ul>
            )}
            <p class="hint">报告人：{r.createdBy}</p>
            {r.status !== "submitted" && (
              <p>
                审核：{REPORT_STATUS_LABELS[r.status]}（{r.reviewedBy}）
                {r.reviewComment && `，意见：${r.reviewComment}`}
              </p>
            )}
            {props.canManage && r.status === "submitted" && (
              <ReviewForm
                ctx={ctx}
                reportId={r.id}
                error={props.reviewError?.reportId === r.id ? props.reviewError.message : undefined}
                comment={props.reviewError?.reportId === r.id ? props.reviewError.comment : undefined}
              />
            )}
          </article>
        ))
      )}
      {props.own.length > 0 && (
        <>
          <h2>报告进展</h2>
          <Form
            action={`/admin/ledger/tasks/${task.id}/reports`}
            csrfToken={ctx.csrfToken}
            form={form}
            submitLabel="提交报告"
            hasFiles
          >
            {props.own.length > 1 && (
              <SelectField
                form={form}
                name="unitId"
                label="报告单位"
                options={props.own.map((id) => ({ value: String(id), label: unitName(units, id) }))}
                isRequired
              />
            )}
            <TextArea form={form} name="body" label="工作进展" rows={5} maxLength={5000} isRequired />
            <TextField form={form} name="reportedOn" label="报告日期" type="date" isRequired />
            <CheckboxGroup
              form={form}
              name="isComplete"
              label="完成情况"
              options={[{ value: "1", label: "本单位已完成该任务（报公开办审核）" }]}
            />
            <TextField
              form={form}
              name="documentIds"
              label="佐证：已发布文件的编号"
              hint="多个编号用逗号分隔。"
            />
            <TextArea
              form={form}
              name="urls"
              label="佐证：网址或本平台记录的链接"
              hint="每行一个：网址以 http:// 或 https:// 开头；本平台的记录（如意见征集、舆情回应）填它的链接，如 /consultations/3。"
              rows={2}
            />
            <FileField
              form={form}
              name="files"
              label="佐证：附件"
              hint="PDF、Word、Excel 或图片，不超过 10 MB。"
              accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
            />
          </Form>
        </>
      )}
      {props.yearEnd && !task.reviewOutcome && (
        <YearEndForm ctx={ctx} taskId={task.id} plans={props.yearEnd.plans} form={props.yearEnd.form} />
      )}
    </AdminLayout>
  );
}

/** The office's queue of reports waiting for review, oldest first. */
export function ReviewQueuePage(props: {
  ctx: TPageCtx;
  items: { report: TReportRow; task: { id: number; no: number; requirement: string }; planTitle: string }[];
  units: TUnitRow[];
}) {
  return (
    <AdminLayout ctx={props.ctx} title="待审核的进展报告">
      <h1>待审核的进展报告</h1>
      {props.items.length === 0 ? (
        <p>没有待审核的报告。</p>
      ) : (
        <DataTable caption="待审核的进展报告" columns={["工作要点", "任务", "单位", "报告日期", "完成"]}>
          {props.items.map(({ report, task, planTitle }) => (
            <tr>
              <td>{planTitle}</td>
              <td>
                <a href={`/admin/ledger/tasks/${task.id}#report-${report.id}`}>
                  {task.no}. {excerpt(task.requirement, 40)}
                </a>
              </td>
              <td>{unitName(props.units, report.unitId)}</td>
              <td>{report.reportedOn}</td>
              <td>{report.isComplete ? "报告已完成" : "进展"}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </AdminLayout>
  );
}

/** The office's year-end check of one task (回头看): close it or carry it over into another plan. */
export function YearEndForm(props: {
  ctx: TPageCtx;
  taskId: number;
  plans: { id: number; title: string }[];
  form: TFormState;
}) {
  const { form } = props;
  return (
    <>
      <h2>回头看</h2>
      <Form
        action={`/admin/ledger/tasks/${props.taskId}/year-end`}
        csrfToken={props.ctx.csrfToken}
        form={form}
        submitLabel="确认回头看结果"
      >
        <SelectField
          form={form}
          name="outcome"
          label="结果"
          options={[
            { value: "closed", label: "销号（已完成或不再开展）" },
            { value: "carried_over", label: "结转到下一年度" },
          ]}
          isRequired
        />
        <TextArea form={form} name="reason" label="原因" hint="结转时必填。" rows={2} maxLength={2000} />
        <SelectField
          form={form}
          name="targetPlanId"
          label="结转到的工作要点"
          options={props.plans.map((p) => ({ value: String(p.id), label: p.title }))}
          placeholder="（销号时不选）"
        />
      </Form>
    </>
  );
}

/** 回头看: which tasks of the plan are checked, closed or carried over, and which are not yet. */
export function YearEndPage(props: { ctx: TPageCtx; plan: TPlanRow; board: TPlanBoard }) {
  const { plan, board } = props;
  const unchecked = board.tasks.filter((t) => !t.reviewOutcome);
  const checked = board.tasks.filter((t) => t.reviewOutcome);
  return (
    <AdminLayout ctx={props.ctx} title={`回头看：${plan.title}`}>
      <p>
        <a href={`/admin/ledger/plans/${plan.id}`}>{plan.title}</a>
      </p>
      <h1>回头看</h1>
      <p>
        共 {board.tasks.length} 项任务，已回头看 {checked.length} 项，尚未回头看 {unchecked.length} 项。
        逐项打开任务，确认销号或结转（写明原因）。
      </p>
      <h2>尚未回头看</h2>
      {unchecked.length === 0 ? (
        <p>全部任务已回头看。</p>
      ) : (
        <DataTable caption="尚未回头看的任务" columns={["序号", "任务", "状态"]}>
          {unchecked.map((t) => (
            <tr>
              <td>{t.no}</td>
              <td>
                <a href={`/admin/ledger/tasks/${t.id}`}>{excerpt(t.requirement)}</a>
              </td>
              <td>
                <StatusBadge status={t.shownStatus} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>已回头看</h2>
      <DataTable caption="已回头看的任务" columns={["序号", "任务", "结果", "原因", "经办"]}>
        {checked.map((t) => (
          <tr>
            <td>{t.no}</td>
            <td>
              <a href={`/admin/ledger/tasks/${t.id}`}>{excerpt(t.requirement)}</a>
            </td>
            <td>{YEAR_END_LABELS[t.reviewOutcome as keyof typeof YEAR_END_LABELS]}</td>
            <td>{t.reviewReason}</td>
            <td>{t.reviewedBy}</td>
          </tr>
        ))}
      </DataTable>
    </AdminLayout>
  );
}

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Assessment: the weights form and each unit's score, explained indicator by indicator, with the Excel export. */
export function AssessmentPage(props: {
  ctx: TPageCtx;
  plan: TPlanRow;
  form: TFormState;
  items: {
    unitId: number;
    unitName: string;
    score: number;
    indicators: { key: string; label: string; value: number | null; detail: string; weight: number }[];
  }[];
}) {
  const { ctx, plan, form } = props;
  const labels = props.items[0]?.indicators ?? [];
  return (
    <AdminLayout ctx={ctx} title={`考核评分：${plan.title}`}>
      <p>
        <a href={`/admin/ledger/plans/${plan.id}`}>{plan.title}</a>
      </p>
      <h1>考核评分</h1>
      <p>
        得分 = 各项指标 × 权重之和 ÷ 有数据指标的权重之和 ×
        100。按时完成指公开办通过的完成报告日期不晚于时限，统计截至今天已到期的任务；
        其余指标按本年度（截至今天）平台中的记录计算：主动公开按时率（成文后 20
        个工作日内发布，条例第二十六条）、依申请公开按时答复率、
        复议诉讼未被纠错率、办理质量抽查平均分、标准目录落实率（
        <a href="/admin/catalogues/coverage">回头看</a>
        ）。某单位没有某项记录的，该项不计分，其权重按比例分给其余各项。
      </p>
      <p class="muted">{PENDING_INDICATORS.map((p) => `${INDICATOR_LABELS[p.key]}：${p.note}`).join(" ")}</p>
      <p>
        <a href={`/admin/ledger/plans/${plan.id}/assessment.xlsx`}>导出 Excel</a>
      </p>
      <div class="stats-table">
        <DataTable
          caption="各单位考核得分"
          columns={["排名", "单位", ...labels.map((l) => `${l.label}（权重 ${l.weight}）`), "得分"]}
        >
          {props.items.map((i, n) => (
            <tr>
              <td>{n + 1}</td>
              <td>{i.unitName}</td>
              {i.indicators.map((m) => (
                <td>
                  {m.value === null ? "暂无数据" : percent(m.value)}
                  <span class="muted">（{m.detail}）</span>
                </td>
              ))}
              <td>{i.score}</td>
            </tr>
          ))}
        </DataTable>
      </div>
      <h2>考核权重</h2>
      <Form
        action={`/admin/ledger/plans/${plan.id}/assessment`}
        csrfToken={ctx.csrfToken}
        form={form}
        submitLabel="保存权重"
      >
        <TextField form={form} name="onTime" label="按时完成率权重" inputmode="numeric" isRequired />
        <TextField form={form} name="returned" label="未被退回率权重" inputmode="numeric" isRequired />
        <TextField form={form} name="review" label="回头看销号率权重" inputmode="numeric" isRequired />
        {RECORD_INDICATORS.map((k) => (
          <TextField form={form} name={k} label={`${INDICATOR_LABELS[k]}权重`} inputmode="numeric" />
        ))}
      </Form>
    </AdminLayout>
  );
}

/** The office makes the whole plan or one section public on the portal (/accountability), or stops. */
function PublicPartsForm(props: {
  ctx: TPageCtx;
  planId: number;
  parts: (string | null)[];
  sections: string[];
}) {
  const rows: { section: string | null; label: string }[] = [
    { section: null, label: "整个计划" },
    ...props.sections.map((s) => ({ section: s, label: s })),
  ];
  return (
    <section aria-labelledby="public-parts">
      <h2 id="public-parts">向社会公开进展</h2>
      <p>
        公开后，门户网站“重点工作进展”逐项显示责任单位、状态、完成比例和经审核通过的进展；未审核的报告不公开。
        {props.parts.length > 0 && (
          <>
            {" "}
            <a href={`/accountability/${props.planId}`}>查看公开页面</a>
          </>
        )}
      </p>
      <DataTable caption="公开范围" columns={["范围", "状态", "操作"]}>
        {rows.map((r) => {
          const isPublic = props.parts.includes(r.section);
          return (
            <tr>
              <td>{r.label}</td>
              <td>{isPublic ? "已公开" : "未公开"}</td>
              <td>
                <form method="post" action={`/admin/ledger/plans/${props.planId}/public`} class="inline-form">
                  <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
                  <input type="hidden" name="section" value={r.section ?? ""} />
                  <input type="hidden" name="isPublic" value={isPublic ? "0" : "1"} />
                  <button type="submit" class="button">
                    {isPublic ? `停止公开：${r.label}` : `公开：${r.label}`}
                  </button>
                </form>
              </td>
            </tr>
          );
        })}
      </DataTable>
    </section>
  );
}
