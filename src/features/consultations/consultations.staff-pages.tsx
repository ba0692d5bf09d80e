import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import { Form, Pagination, SelectField, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import type {
  TCommentCounts,
  TCommentRow,
  TConsultationListRow,
  TConsultationRow,
} from "./consultations.repository";
import {
  DISPOSITION_LABELS,
  DISPOSITIONS,
  STAGE_LABELS,
  STAGES,
  type TDisposition,
} from "./consultations.schemas";
import { adoptionRate, consultationStatus, percent, STATUS_LABELS } from "./feedback-statistics";
import type { TDecisionView } from "./read-decisions";

type TUnitOption = { id: number; name: string };
const unitOptions = (units: TUnitOption[]) => units.map((u) => ({ value: String(u.id), label: u.name }));

/** /admin/decisions: the catalogue of the units one keeps, and a form to add a decision. */
export function AdminDecisionsPage(props: {
  ctx: TPageCtx;
  decisions: TDecisionView[];
  units: TUnitOption[];
  form: TFormState;
}) {
  const { ctx, form } = props;
  return (
    <AdminLayout ctx={ctx} title="重大行政决策">
      <h1>重大行政决策事项目录</h1>
      <p>
        <a href="/decisions">查看门户上的目录</a> · <a href="/admin/consultations">意见征集</a>
      </p>
      {props.decisions.length === 0 ? (
        <p>尚无决策事项。</p>
      ) : (
        <DataTable caption="决策事项" columns={["年度", "决策事项", "承办单位", "已记录阶段", "程序提示"]}>
          {props.decisions.map((d) => (
            <tr>
              <td>{d.year}</td>
              <td>
                <a href={`/admin/decisions/${d.id}`}>{d.title}</a>
              </td>
              <td>{d.unitName}</td>
              <td>{d.stages.map((s) => STAGE_LABELS[s.stage]).join("、") || "—"}</td>
              <td class={d.stages.some((s) => s.warnings.length) ? "alert" : undefined}>
                {d.stages.reduce((n, s) => n + s.warnings.length, 0) || "—"}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>新增决策事项</h2>
      <Form action="/admin/decisions" csrfToken={ctx.csrfToken} form={form} submitLabel="新增">
        <SelectField
          form={form}
          name="unitId"
          label="承办单位"
          isRequired
          options={unitOptions(props.units)}
        />
        <TextField form={form} name="year" label="年度" isRequired inputmode="numeric" maxLength={4} />
        <TextField form={form} name="title" label="决策事项名称" isRequired maxLength={200} />
        <TextArea form={form} name="summary" label="决策背景和简要说明" maxLength={2000} rows={3} />
      </Form>
    </AdminLayout>
  );
}

/** /admin/decisions/{id}: the stages with their warnings, and the form that records a stage. */
export function AdminDecisionPage(props: {
  ctx: TPageCtx;
  decision: TDecisionView;
  form: TFormState;
  /** Warnings the posted stage would give: shown, and recorded only once confirmed. */
  pendingWarnings: string[];
}) {
  const { ctx, decision: d, form } = props;
  return (
    <AdminLayout ctx={ctx} title={d.title}>
      <Breadcrumbs items={[{ href: "/admin/decisions", label: "重大行政决策" }]} current={d.title} />
      <h1>{d.title}</h1>
      <p>
        {d.year}年 · {d.unitName} · <a href={`/decisions/${d.id}`}>门户页面</a>
      </p>
      <DataTable caption="决策各阶段" columns={["阶段", "日期", "文件", "说明", "程序提示"]}>
        {STAGES.map((stage) => {
          const s = d.stages.find((x) => x.stage === stage);
          return (
            <tr>
              <td>{STAGE_LABELS[stage]}</td>
              <td>{s?.date ?? "—"}</td>
              <td>
                {s?.documentId ? <a href={`/admin/documents/${s.documentId}`}>文件 {s.documentId}</a> : "—"}
              </td>
              <td>{s?.note ?? ""}</td>
              <td class={s?.warnings.length ? "alert" : undefined}>{s?.warnings.join(" ") ?? ""}</td>
            </tr>
          );
        })}
      </DataTable>
      <h2>记录阶段</h2>
      <p class="hint">
        同一阶段再次记录即更正原记录。缺少条例要求的前置阶段或日期顺序不符时，须确认后才记录，提示会保留在目录中。
      </p>
      {props.pendingWarnings.length > 0 && (
        <div class="notice" role="alert">
          <p>
            <strong>程序提示：</strong>
          </p>
          <ul>
            {props.pendingWarnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <Form
        action={`/admin/decisions/${d.id}/stages`}
        csrfToken={ctx.csrfToken}
        form={form}
        submitLabel="记录"
      >
        <SelectField
          form={form}
          name="stage"
          label="阶段"
          isRequired
          options={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
        />
        <TextField form={form} name="date" label="日期" type="date" isRequired />
        <TextField
          form={form}
          name="documentId"
          label="文件编号（主动公开目录中的文件 ID，选填）"
          inputmode="numeric"
        />
        <TextField form={form} name="note" label="说明（选填）" maxLength={1000} />
        {props.pendingWarnings.length > 0 && (
          <div class="check">
            <input type="checkbox" id="f-confirm" name="confirm" value="1" />
            <label for="f-confirm">我已知悉上述程序提示，仍要记录</label>
          </div>
        )}
      </Form>
    </AdminLayout>
  );
}

/** /admin/consultations: the consultations of one's units, and the form that opens one. */
export function AdminConsultationsPage(props: {
  ctx: TPageCtx;
  rows: TConsultationListRow[];
  today: string;
  units: TUnitOption[];
  decisions: { id: number; title: string; year: number }[];
  form: TFormState;
}) {
  const { ctx, form } = props;
  return (
    <AdminLayout ctx={ctx} title="意见征集">
      <h1>意见征集</h1>
      <p>
        <a href="/consultations">查看门户上的意见征集</a> · <a href="/admin/decisions">重大行政决策</a>
      </p>
      {props.rows.length === 0 ? (
        <p>尚无征求意见。</p>
      ) : (
        <DataTable
          caption="征求意见"
          columns={["征求意见稿", "承办单位", "期间", "状态", "意见数", "待处理"]}
        >
          {props.rows.map((c) => (
            <tr>
              <td>
                <a href={`/admin/consultations/${c.id}`}>{c.title}</a>
              </td>
              <td>{c.unitName}</td>
              <td>
                {c.opensAt} 至 {c.closesAt}
              </td>
              <td>
                {STATUS_LABELS[consultationStatus(c, props.today)]}
                {c.feedbackPublishedAt && "，反馈已公布"}
              </td>
              <td>{c.commentCount}</td>
              <td class={c.pending ? "alert" : undefined}>{c.pending}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>发布征求意见稿</h2>
      <Form action="/admin/consultations" csrfToken={ctx.csrfToken} form={form} submitLabel="发布">
        <SelectField
          form={form}
          name="unitId"
          label="承办单位"
          isRequired
          options={unitOptions(props.units)}
        />
        <TextField form={form} name="title" label="标题" isRequired maxLength={200} />
        <SelectField
          form={form}
          name="decisionId"
          label="所属决策事项（选填）"
          placeholder="不属于目录中的决策事项"
          options={props.decisions.map((d) => ({ value: String(d.id), label: `${d.year}年 ${d.title}` }))}
        />
        <TextField form={form} name="opensAt" label="开始日期" type="date" isRequired />
        <TextField form={form} name="closesAt" label="截止日期" type="date" isRequired />
        <TextArea
          form={form}
          name="shortPeriodReason"
          label="期限少于 30 日的理由"
          hint="《重大行政决策程序暂行条例》第十五条：征求意见期限一般不少于 30 日；缩短期限的须说明理由，理由将一并公布。"
          rows={2}
          maxLength={1000}
        />
        <TextArea form={form} name="explanation" label="起草说明" rows={4} maxLength={50000} />
        <TextArea
          form={form}
          name="draft"
          label="征求意见稿全文"
          hint="每条以“第X条”开头另起一段，公众意见可据此引用并链接到该条。"
          isRequired
          rows={12}
          maxLength={200000}
        />
      </Form>
    </AdminLayout>
  );
}

function CommentRow({
  c,
  m,
  isFixed,
  csrf,
}: {
  c: TConsultationRow;
  m: TCommentRow;
  isFixed: boolean;
  csrf: string;
}) {
  const base = `/admin/consultations/${c.id}/comments/${m.id}`;
  return (
    <li class="comment staff-comment" id={`comment-${m.id}`}>
      <p class="comment-meta">
        意见 {m.id} · {m.clause ?? "总体意见"} · {m.createdAt.toISOString().slice(0, 10)}
        {(m.name || m.contact) && ` · 提出人：${[m.name, m.contact].filter(Boolean).join("，")}（不公开）`}
      </p>
      <p class="comment-body">{m.body}</p>
      {m.hiddenAt && <p class="alert">已隐藏：{m.hiddenReason}</p>}
      <p>
        处理结果：
        <strong>{m.disposition ? DISPOSITION_LABELS[m.disposition as TDisposition] : "待处理"}</strong>
        {m.reason && `。理由：${m.reason}`}
      </p>
      {!isFixed && (
        <form method="post" action={`${base}/disposition`} class="inline-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <label for={`d-${m.id}`}>处理结果</label>
          <select id={`d-${m.id}`} name="disposition">
            {DISPOSITIONS.map((d) => (
              <option value={d} selected={m.disposition === d}>
                {DISPOSITION_LABELS[d]}
              </option>
            ))}
          </select>
          <label for={`r-${m.id}`}>理由（不予采纳、部分采纳必填，将公开）</label>
          <input id={`r-${m.id}`} name="reason" type="text" maxlength={2000} value={m.reason ?? ""} />
          <button type="submit" class="button">
            保存
          </button>
        </form>
      )}
      {!m.hiddenAt && (
        <form method="post" action={`${base}/hide`} class="inline-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <label for={`h-${m.id}`}>隐藏理由</label>
          <input id={`h-${m.id}`} name="reason" type="text" maxlength={500} />
          <button type="submit" class="button danger">
            隐藏此意见
          </button>
        </form>
      )}
    </li>
  );
}

/** /admin/consultations/{id}: counts, every comment with its contact, disposition and hide forms, publishing. */
export function AdminConsultationPage(props: {
  ctx: TPageCtx;
  c: TConsultationRow;
  unitName: string;
  counts: TCommentCounts;
  comments: { total: number; items: TCommentRow[] };
  page: number;
  pageSize: number;
  pendingOnly: boolean;
  today: string;
  canPublish: boolean;
  error: string | null;
}) {
  const { ctx, c, counts } = props;
  const isFixed = c.feedbackPublishedAt !== null;
  const status = consultationStatus(c, props.today);
  const q = new URLSearchParams(props.pendingOnly ? { pending: "1" } : {});
  const csrf = ctx.csrfToken;
  const rows = props.comments.items.map((m) => <CommentRow c={c} m={m} isFixed={isFixed} csrf={csrf} />);
  return (
    <AdminLayout ctx={ctx} title={c.title}>
      <Breadcrumbs items={[{ href: "/admin/consultations", label: "意见征集" }]} current={c.title} />
      <h1>{c.title}</h1>
      {props.error && (
        <div class="error-summary" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      <dl class="facts">
        <dt>承办单位</dt>
        <dd>{props.unitName}</dd>
        <dt>期间</dt>
        <dd>
          {c.opensAt} 至 {c.closesAt}（{STATUS_LABELS[status]}）
        </dd>
        <dt>意见</dt>
        <dd>
          共 {counts.total} 条：采纳 {counts.adopted}，部分采纳 {counts.partlyAdopted}，不予采纳{" "}
          {counts.notAdopted}， 无关 {counts.notRelevant}，待处理 {counts.pending}，已隐藏 {counts.hidden}
        </dd>
        <dt>采纳率</dt>
        <dd>{percent(adoptionRate(counts))}</dd>
        <dt>反馈</dt>
        <dd>{isFixed ? "已公布" : "未公布"}</dd>
      </dl>
      <p>
        <a href={`/consultations/${c.id}`}>门户页面</a>
      </p>
      {!isFixed && props.canPublish && (
        <form method="post" action={`/admin/consultations/${c.id}/publish`} class="form">
          <input type="hidden" name="_csrf" value={csrf} />
          <p class="hint">
            征求意见结束且每条意见都有处理结果后，才能公布采纳情况反馈。公布后处理结果不能再修改。
          </p>
          <button type="submit" class="button">
            公布采纳情况反馈
          </button>
        </form>
      )}
      <h2>意见</h2>
      <p>
        {props.pendingOnly ? (
          <a href={`/admin/consultations/${c.id}`}>显示全部意见</a>
        ) : (
          <a href={`/admin/consultations/${c.id}?pending=1`}>只看待处理的意见</a>
        )}
      </p>
      {props.comments.total === 0 ? (
        <p>没有意见。</p>
      ) : (
        <ol class="comment-list" start={(props.page - 1) * props.pageSize + 1}>
          {rows.map((r) => (
            <>{r}</>
          ))}
        </ol>
      )}
      <Pagination total={props.comments.total} page={props.page} pageSize={props.pageSize} baseQuery={q} />
    </AdminLayout>
  );
}
