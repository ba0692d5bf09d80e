import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import {
  CheckboxGroup,
  Form,
  Pagination,
  SelectField,
  TextArea,
  TextField,
  type TFormState,
} from "../../platform/ui/forms";
import { AdminLayout, PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import { PROVISIONAL_LABEL } from "../calendar";
import type { TUnitRow } from "../org";
import type { presentPublic, publicStatistics } from "./present-public";
import type { TStaffListRow } from "./proposals.repository";
import {
  CATEGORY_LABELS,
  KIND_LABELS,
  PROPOSAL_KINDS,
  SATISFACTION_LABELS,
  STATUS_LABELS,
  SUBMITTER_LABELS,
  type TCategory,
  type TSatisfaction,
} from "./proposals.schemas";
import type { presentStaff } from "./read-proposal";

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

type TStats = Awaited<ReturnType<typeof publicStatistics>>;

/** The year's figures by lead unit: a table (the same figures as the API's statistics). */
export function StatsTable({ stats, caption }: { stats: TStats; caption: string }) {
  return (
    <div class="table-scroll">
      <DataTable
        caption={caption}
        columns={["主办单位", "件数", "A类", "B类", "C类", "未答复", "满意", "基本满意", "不满意"]}
      >
        {[...stats.items, { unitId: 0, unitName: "合计", ...stats.total }].map((r) => (
          <tr>
            <th scope="row">{r.unitName}</th>
            <td>{r.total}</td>
            <td>{r.A}</td>
            <td>{r.B}</td>
            <td>{r.C}</td>
            <td>{r.pending}</td>
            <td>{r.satisfied}</td>
            <td>{r.basicallySatisfied}</td>
            <td>{r.dissatisfied}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

/** The public list of replies published in full, with the year's figures by unit. */
export function PublicProposalsPage(props: {
  ctx: TPageCtx;
  year: number;
  years: number[];
  kind?: string;
  page: number;
  pageSize: number;
  list: { total: number; items: ReturnType<typeof presentPublic>[] };
  stats: TStats;
}) {
  const { ctx, year, list, stats } = props;
  const query = new URLSearchParams({ year: String(year), ...(props.kind ? { kind: props.kind } : {}) });
  return (
    <PortalLayout ctx={ctx} title={`建议提案办理结果公开（${year} 年）`}>
      <Breadcrumbs items={[{ href: "/", label: "首页" }]} current="建议提案办理结果公开" />
      <h1>建议提案办理结果公开</h1>
      <p>
        区人大代表建议和区政协委员提案自交办之日起 3 个月内答复（涉及面广、处理难度大的，经交办机关同意，6
        个月内答复）。除依法不予公开的外，答复全文在此公开。
      </p>
      <form method="get" action="/proposals" class="filters">
        <div class="field">
          <label for="f-year">年度</label>
          <select id="f-year" name="year">
            {props.years.map((y) => (
              <option value={String(y)} selected={y === year}>
                {y} 年
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-kind">类别</label>
          <select id="f-kind" name="kind">
            <option value="">全部</option>
            {PROPOSAL_KINDS.map((k) => (
              <option value={k} selected={k === props.kind}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          查看
        </button>
      </form>
      <h2>{year} 年办理情况统计</h2>
      <StatsTable stats={stats} caption={`${year} 年建议提案办理情况，按主办单位统计`} />
      <h2>答复全文（{list.total} 件）</h2>
      {list.items.length === 0 ? (
        <p>该年度暂无公开的答复。</p>
      ) : (
        <ul class="proposal-list">
          {list.items.map((p) => {
            const last = p.replies.at(-1);
            return (
              <li>
                <a href={`/proposals/${p.id}`}>
                  {KIND_LABELS[p.kind]}第 {p.number} 号：{p.title}
                </a>
                <span class="meta">
                  主办单位 {p.leadUnit.name}
                  {last && `；${last.date} 答复，${CATEGORY_LABELS[last.category as TCategory]}`}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination total={list.total} page={props.page} pageSize={props.pageSize} baseQuery={query} />
    </PortalLayout>
  );
}

/** One proposal's published replies in full, each with its Word file. */
export function PublicProposalPage({ ctx, p }: { ctx: TPageCtx; p: ReturnType<typeof presentPublic> }) {
  const heading = `${KIND_LABELS[p.kind]}第 ${p.number} 号：${p.title}`;
  return (
    <PortalLayout ctx={ctx} title={heading}>
      <Breadcrumbs
        items={[
          { href: "/", label: "首页" },
          { href: `/proposals?year=${p.year}`, label: "建议提案办理结果公开" },
        ]}
        current={`第 ${p.number} 号`}
      />
      <h1>{heading}</h1>
      <dl class="meta-list">
        <dt>主办单位</dt>
        <dd>{p.leadUnit.name}</dd>
        <dt>交办日期</dt>
        <dd>{p.assignedAt}</dd>
      </dl>
      {p.replies.map((r) => (
        <section aria-labelledby={`reply-${r.round}`} class="proposal-reply">
          <h2 id={`reply-${r.round}`}>
            {r.round === 2 ? "再次答复" : "答复"}（{r.date}，{CATEGORY_LABELS[r.category as TCategory]}）
          </h2>
          {r.text.split(/\r?\n/).map((line) => (line.trim() ? <p>{line}</p> : null))}
          <p>
            <a href={`/proposals/${p.id}/replies/${r.round}.docx`}>下载答复全文（Word 文件）</a>
          </p>
        </section>
      ))}
    </PortalLayout>
  );
}

/** The back-office list: the year's proposals of the caller's units, with their clocks. */
export function StaffProposalsPage(props: {
  ctx: TPageCtx;
  year: number;
  rows: TStaffListRow[];
  today: string;
  canRegister: boolean;
  stats: TStats;
}) {
  return (
    <AdminLayout ctx={props.ctx} title="建议提案办理">
      <h1>建议提案办理（{props.year} 年）</h1>
      {props.canRegister && (
        <p>
          <a class="button" href="/admin/proposals/new">
            登记交办的建议提案
          </a>
        </p>
      )}
      <form method="get" action="/admin/proposals" class="filters">
        <div class="field">
          <label for="f-year">年度</label>
          <input id="f-year" name="year" type="number" min="2000" max="2100" value={String(props.year)} />
        </div>
        <button type="submit" class="button">
          查看
        </button>
      </form>
      {props.rows.length === 0 ? (
        <p>该年度没有您单位主办或会办的建议提案。</p>
      ) : (
        <div class="table-scroll">
          <DataTable
            caption="建议提案列表"
            columns={["编号", "标题", "主办单位", "交办日期", "答复期限", "状态"]}
          >
            {props.rows.map((r) => (
              <tr>
                <td>
                  <a href={`/admin/proposals/${r.id}`}>
                    {KIND_LABELS[r.kind]}第 {r.number} 号
                  </a>
                </td>
                <td>{r.title}</td>
                <td>{r.leadUnitName}</td>
                <td>{r.assignedAt}</td>
                <td>
                  {r.dueDate}
                  {r.dueDateProvisional && `（${PROVISIONAL_LABEL}）`}
                  {r.status === "handling" && r.dueDate < props.today && (
                    <strong class="alert">（已逾期）</strong>
                  )}
                </td>
                <td>
                  {STATUS_LABELS[r.status]}
                  {r.round === 2 && "（第二轮）"}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
      <h2>按主办单位统计</h2>
      <StatsTable stats={props.stats} caption={`${props.year} 年建议提案办理情况，按主办单位统计`} />
    </AdminLayout>
  );
}

/** The office's form for a suggestion or proposal as assigned. */
export function RegisterProposalPage({
  ctx,
  form,
  units,
}: {
  ctx: TPageCtx;
  form: TFormState;
  units: TUnitRow[];
}) {
  const unitOptions = units.map((u) => ({ value: String(u.id), label: u.name }));
  return (
    <AdminLayout ctx={ctx} title="登记建议提案">
      <h1>登记交办的建议提案</h1>
      <Form action="/admin/proposals/new" csrfToken={ctx.csrfToken} form={form} submitLabel="登记">
        <SelectField form={form} name="kind" label="类别" options={options(KIND_LABELS)} isRequired />
        <TextField
          form={form}
          name="number"
          label="编号"
          hint="如 12，同一年度同一类别内不重复。"
          isRequired
        />
        <TextField form={form} name="title" label="标题" isRequired />
        <TextArea
          form={form}
          name="submitters"
          label="提出人（代表或委员）"
          hint="每行一人，或用顿号分隔。姓名不在门户上公开。"
          rows={3}
          isRequired
        />
        <SelectField
          form={form}
          name="leadUnitId"
          label="主办单位"
          options={unitOptions}
          placeholder="请选择"
          isRequired
        />
        <CheckboxGroup form={form} name="coUnitIds" label="会办单位（可多选）" options={unitOptions} />
        <TextField form={form} name="assignedAt" label="交办日期" type="date" isRequired />
        <CheckboxGroup
          form={form}
          name="complex"
          label="办理期限"
          options={[{ value: "1", label: "涉及面广、处理难度大，经交办机关同意 6 个月内答复" }]}
        />
        <TextField
          form={form}
          name="coOpinionDue"
          label="会办意见期限"
          type="date"
          hint="会办单位应在此日期前向主办单位提出会办意见。"
        />
      </Form>
    </AdminLayout>
  );
}

type TStaffView = ReturnType<typeof presentStaff>;

/** One proposal for staff: clock, units and opinions, replies, and the forms this person may use. */
export function StaffProposalPage(props: {
  ctx: TPageCtx;
  p: TStaffView;
  leadUnitName: string;
  today: string;
  canReply: boolean;
  canManage: boolean;
  opinionUnits: { unitId: number; unitName: string }[];
  forms: { reply?: TFormState; satisfaction?: TFormState; opinion?: TFormState };
}) {
  const { ctx, p } = props;
  const heading = `${KIND_LABELS[p.kind]}第 ${p.number} 号：${p.title}`;
  const isOverdue = p.status === "handling" && p.dueDate < props.today;
  return (
    <AdminLayout ctx={ctx} title={heading}>
      <Breadcrumbs
        items={[{ href: `/admin/proposals?year=${p.year}`, label: "建议提案办理" }]}
        current={`第 ${p.number} 号`}
      />
      <h1>{heading}</h1>
      <dl class="meta-list">
        <dt>提出{SUBMITTER_LABELS[p.kind]}</dt>
        <dd>{p.submitters.join("、")}</dd>
        <dt>主办单位</dt>
        <dd>{props.leadUnitName}</dd>
        <dt>交办日期</dt>
        <dd>{p.assignedAt}</dd>
        <dt>答复期限</dt>
        <dd>
          {p.dueDate}
          {p.dueDateProvisional && `（${PROVISIONAL_LABEL}）`}
          {p.complex ? "（6 个月）" : "（3 个月）"}
          {p.round === 2 && "（第二轮办理）"}
          {isOverdue && <strong class="alert">（已逾期）</strong>}
        </dd>
        <dt>状态</dt>
        <dd>{STATUS_LABELS[p.status]}</dd>
        {p.coOpinionDue && (
          <>
            <dt>会办意见期限</dt>
            <dd>{p.coOpinionDue}</dd>
          </>
        )}
      </dl>
      {p.coUnits.length > 0 && (
        <section aria-labelledby="co-units">
          <h2 id="co-units">会办单位意见</h2>
          <ul>
            {p.coUnits.map((c) => (
              <li>
                {c.unitName}：
                {c.opinion ? (
                  <>
                    {c.opinionAt} 提出：{c.opinion}
                    {p.coOpinionDue && c.opinionAt && c.opinionAt > p.coOpinionDue && (
                      <strong class="alert">（晚于会办意见期限）</strong>
                    )}
                  </>
                ) : (
                  "尚未提出"
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.replies.map((r) => (
        <section aria-labelledby={`reply-${r.round}`}>
          <h2 id={`reply-${r.round}`}>
            {r.round === 2 ? "第二轮答复" : "答复"}（{r.date}，{CATEGORY_LABELS[r.category as TCategory]}）
          </h2>
          <p>{r.publish ? "全文公开" : `不公开，理由：${r.privateReason}`}</p>
          {r.text.split(/\r?\n/).map((line) => (line.trim() ? <p>{line}</p> : null))}
          <p>
            <a href={`/admin/proposals/${p.id}/replies/${r.round}.docx`}>下载答复（Word 文件）</a>
          </p>
          <p>
            {SUBMITTER_LABELS[p.kind]}意见：
            {r.satisfaction
              ? `${SATISFACTION_LABELS[r.satisfaction as TSatisfaction]}（${r.satisfactionAt} 登记）`
              : "尚未登记"}
          </p>
        </section>
      ))}
      {props.opinionUnits.length > 0 && p.status === "handling" && (
        <section aria-labelledby="opinion-form">
          <h2 id="opinion-form">提出会办意见</h2>
          <Form
            action={`/admin/proposals/${p.id}/opinion`}
            csrfToken={ctx.csrfToken}
            form={props.forms.opinion}
            submitLabel="提交会办意见"
          >
            {props.opinionUnits.length > 1 && (
              <SelectField
                form={props.forms.opinion ?? { values: {}, errors: {} }}
                name="unitId"
                label="会办单位"
                options={props.opinionUnits.map((u) => ({ value: String(u.unitId), label: u.unitName }))}
                isRequired
              />
            )}
            <TextArea
              form={props.forms.opinion ?? { values: {}, errors: {} }}
              name="text"
              label="会办意见"
              rows={5}
              isRequired
            />
          </Form>
        </section>
      )}
      {props.canReply && p.status === "handling" && (
        <section aria-labelledby="reply-form">
          <h2 id="reply-form">{p.round === 2 ? "第二轮答复" : "答复"}</h2>
          <ReplyForm
            ctx={ctx}
            id={p.id}
            form={props.forms.reply ?? { values: { publish: "1" }, errors: {} }}
          />
        </section>
      )}
      {props.canManage && p.status === "replied" && (
        <section aria-labelledby="satisfaction-form">
          <h2 id="satisfaction-form">登记{SUBMITTER_LABELS[p.kind]}意见</h2>
          <Form
            action={`/admin/proposals/${p.id}/satisfaction`}
            csrfToken={ctx.csrfToken}
            form={props.forms.satisfaction}
            submitLabel="登记"
          >
            <SelectField
              form={props.forms.satisfaction ?? { values: {}, errors: {} }}
              name="result"
              label={`${SUBMITTER_LABELS[p.kind]}对答复的意见`}
              options={options(SATISFACTION_LABELS)}
              placeholder="请选择"
              hint={p.round === 1 ? "不满意的，进入第二轮办理，再次答复期限为一个月。" : undefined}
              isRequired
            />
            <TextField
              form={props.forms.satisfaction ?? { values: {}, errors: {} }}
              name="date"
              label="反馈日期"
              type="date"
              isRequired
            />
          </Form>
        </section>
      )}
    </AdminLayout>
  );
}

function ReplyForm({ ctx, id, form }: { ctx: TPageCtx; id: number; form: TFormState }) {
  return (
    <Form
      action={`/admin/proposals/${id}/reply`}
      csrfToken={ctx.csrfToken}
      form={form}
      submitLabel="提交答复"
    >
      <TextField form={form} name="date" label="答复日期" type="date" isRequired />
      <SelectField
        form={form}
        name="category"
        label="答复类别"
        options={options(CATEGORY_LABELS)}
        placeholder="请选择"
        isRequired
      />
      <TextArea
        form={form}
        name="text"
        label="答复全文"
        rows={12}
        hint="将生成 Word 格式的答复文件。"
        isRequired
      />
      <CheckboxGroup
        form={form}
        name="publish"
        label="公开"
        options={[{ value: "1", label: "在门户网站公开答复全文" }]}
      />
      <TextArea form={form} name="privateReason" label="不公开的理由" rows={2} hint="不公开全文时必填。" />
    </Form>
  );
}
