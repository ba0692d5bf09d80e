import type { Child } from "hono/jsx";
import { emptyForm, Form, SelectField, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import { addDays, PROVISIONAL_LABEL, passedDateNote, todayInChina, type WorkCalendar } from "../calendar";
import type { TUnitRow } from "../org";
import { ApplicantFields, labelOptions } from "./applicant-fields";
import { CONTACT_METHODS } from "./contacts";
import { FEE_BASES } from "./fees";
import { APPLICANT_KINDS, OUTCOMES, type TOutcome, WORKFLOW_OUTCOMES } from "./outcomes";
import { type presentRequest, STATUS_LABELS } from "./present";
import { REPLY_VARIANT_CODES, REPLY_VARIANTS } from "./reply-variants";
import type { TBoardRow, TRequestRow } from "./requests.repository";
import {
  ACTION_LABELS,
  CHANNEL_LABELS,
  DELIVERY_LABELS,
  FORM_LABELS,
  type TActionType,
} from "./requests.schemas";
import { availableActions, isLead } from "./workflow";

const unitName = (units: TUnitRow[], id: number | null) =>
  id ? (units.find((u) => u.id === id)?.name ?? "") : "未交办";

export function RequestsBoardPage(props: {
  ctx: TPageCtx;
  board: TBoardRow[];
  items: TRequestRow[];
  total: number;
  units: TUnitRow[];
  today: string;
  calendar: WorkCalendar;
  filter: { status?: string; overdue?: string };
}) {
  const { ctx, units, today, calendar } = props;
  return (
    <AdminLayout ctx={ctx} title="依申请公开">
      <h1>依申请公开</h1>
      <p>
        <a class="button" href="/admin/requests/new">
          登记申请
        </a>
      </p>
      <h2>在办申请看板</h2>
      <DataTable
        caption="按单位统计的在办申请"
        columns={["单位", "在办", "5 个工作日内到期", "已逾期", "暂停计时", "征求意见超期", "待确认受理"]}
      >
        {props.board.map((b) => (
          <tr>
            <td>{unitName(units, b.unitId)}</td>
            <td>{b.open}</td>
            <td>{b.dueSoon}</td>
            <td class={b.overdue ? "alert" : undefined}>{b.overdue}</td>
            <td>{b.paused}</td>
            <td class={b.consultationsOverdue ? "alert" : undefined}>{b.consultationsOverdue}</td>
            <td>{b.unconfirmed}</td>
          </tr>
        ))}
      </DataTable>
      <h2>申请列表</h2>
      <form method="get" action="/admin/requests" class="filters">
        <div class="field">
          <label for="q-status">状态</label>
          <select id="q-status" name="status">
            <option value="">全部</option>
            <option value="open" selected={props.filter.status === "open"}>
              在办
            </option>
            {Object.entries(STATUS_LABELS).map(([v, l]) => (
              <option value={v} selected={props.filter.status === v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div class="field check">
          <input
            id="q-overdue"
            type="checkbox"
            name="overdue"
            value="1"
            checked={props.filter.overdue === "1"}
          />
          <label for="q-overdue">只看逾期</label>
        </div>
        <button type="submit" class="button">
          筛选
        </button>
      </form>
      <p>共 {props.total} 件。</p>
      <DataTable
        caption="申请列表"
        columns={["受理编号", "申请人", "申请内容", "单位", "收到日期", "答复期限", "状态"]}
      >
        {props.items.map((r) => {
          const passed =
            r.status !== "concluded" && r.dueDate ? passedDateNote(r.dueDate, today, calendar) : null;
          return (
            <tr>
              <td>
                <a href={`/admin/requests/${r.id}`}>{r.receiptNo}</a>
              </td>
              <td>
                {r.applicant.name}
                <span class="muted">（{APPLICANT_KINDS[r.applicantKind]}）</span>
              </td>
              <td>{r.description.length > 30 ? `${r.description.slice(0, 30)}…` : r.description}</td>
              <td>{unitName(units, r.unitId)}</td>
              <td>{r.receivedAt ?? "待确认"}</td>
              <td class={passed ? "alert" : undefined}>
                {r.status === "paused" && r.dueDate && "至少至 "}
                {r.dueDate ?? "—"}
                {r.dueDateProvisional && "（临时）"}
                {passed && `（${passed}）`}
              </td>
              <td>
                {STATUS_LABELS[r.status]}
                {r.status === "paused" && r.consultationAnswerBy && r.consultationAnswerBy < today && (
                  <strong class="alert">（征求意见已超过 15 个工作日）</strong>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </AdminLayout>
  );
}

export function RegisterRequestPage({
  ctx,
  form,
  units,
}: {
  ctx: TPageCtx;
  form: TFormState;
  units: TUnitRow[];
}) {
  return (
    <AdminLayout ctx={ctx} title="登记申请">
      <h1>登记以信函、当面、传真等方式收到的申请</h1>
      <p>
        收到日期：当面提交为提交当日；需签收的邮件为签收之日；平常信函为与申请人确认之日；传真和电子邮件为双方确认之日。
      </p>
      <Form action="/admin/requests/new" csrfToken={ctx.csrfToken} form={form} submitLabel="登记">
        <ApplicantFields form={form} legend="申请人" isIdOptional />
        <SelectField
          form={form}
          name="channel"
          label="提交方式"
          options={labelOptions(CHANNEL_LABELS)}
          isRequired
        />
        <TextField form={form} name="receivedAt" label="收到申请的日期" type="date" isRequired />
        <SelectField
          form={form}
          name="unitId"
          label="办理单位"
          options={units.map((u) => ({ value: String(u.id), label: u.name }))}
          placeholder="（本人所在单位）"
        />
        <TextArea form={form} name="description" label="所需政府信息的描述" rows={5} isRequired />
        <SelectField form={form} name="form" label="获取形式" options={labelOptions(FORM_LABELS)} />
        <SelectField form={form} name="delivery" label="获取方式" options={labelOptions(DELIVERY_LABELS)} />
      </Form>
    </AdminLayout>
  );
}

type TDetail = ReturnType<typeof presentRequest> & {
  dueDatePassed: string | null;
  attachments: { id: number; kind: string; name: string }[];
  contacts: { id: number; method: string; date: string; summary: string; actor: string }[];
  appeals: {
    id: number;
    kind: string;
    filedAt: string;
    result: string | null;
    decidedAt: string | null;
    authority: string;
  }[];
};

const APPEAL_KIND_LABELS: Record<string, string> = {
  reconsideration: "行政复议",
  litigation_direct: "行政诉讼（未经复议）",
  litigation_after_reconsideration: "行政诉讼（复议后）",
};
const APPEAL_RESULT_LABELS: Record<string, string> = { upheld: "维持", corrected: "纠正", other: "其他" };

const replyOutcomes = (Object.keys(OUTCOMES) as TOutcome[])
  .filter((o) => !WORKFLOW_OUTCOMES.includes(o))
  .map((o) => ({ value: o, label: OUTCOMES[o].label }));

/** What an action's form proposes before the clerk types anything. */
function actionDefaults(type: TActionType, r: TDetail, units: TUnitRow[]): Record<string, string> {
  const today = todayInChina();
  if (type === "request_correction" && r.clock.suggestedCorrectBy)
    return { date: today, correctBy: r.clock.suggestedCorrectBy };
  if (type === "fee_notice") {
    // Electronic delivery arrives the day it is sent; a letter after the unit's posted-mail allowance.
    const mailDays = units.find((u) => u.id === r.unitId)?.postedMailDays ?? 3;
    const electronic = r.delivery === "email" || r.delivery === "online";
    return { date: today, deliveredOn: electronic ? today : addDays(today, mailDays) };
  }
  if (type === "consultation_started") return { date: today, deliveredOn: today };
  return {};
}

function ActionFields({ type, form, units }: { type: TActionType; form: TFormState; units: TUnitRow[] }) {
  const unitOptions = units.map((u) => ({ value: String(u.id), label: u.name }));
  const date = <TextField form={form} name="date" label="日期" type="date" isRequired />;
  const fields: Partial<Record<TActionType, Child>> = {
    request_correction: (
      <>
        <TextField
          form={form}
          name="correctBy"
          label="补正期限"
          type="date"
          isRequired
          hint="条例第三十条：告知补正须写明合理的补正期限；默认为告知之日后 15 个工作日，可修改。"
        />
        <TextField form={form} name="note" label="需要补正的事项" />
      </>
    ),
    consultation_started: (
      <>
        <TextField form={form} name="party" label="征求意见对象（第三方或机关）" />
        <TextField
          form={form}
          name="deliveredOn"
          label="征求意见函送达对方的日期"
          type="date"
          hint="对方自收到次日起 15 个工作日内提出意见（条例第三十二条）。"
        />
      </>
    ),
    opinion: <TextArea form={form} name="text" label="协查意见" rows={4} isRequired />,
    consultation_ended: <TextField form={form} name="party" label="征求意见对象（留空为最早开始的一项）" />,
    extend: (
      <>
        <TextField
          form={form}
          name="workdays"
          label="延长工作日数（合计不超过 20）"
          inputmode="numeric"
          isRequired
        />
        <TextArea form={form} name="reason" label="延期理由" rows={2} isRequired />
      </>
    ),
    fee_notice: (
      <>
        <SelectField
          form={form}
          name="basis"
          label="收费方式"
          options={FEE_BASES.map((b) => ({ value: b, label: b }))}
        />
        <TextField form={form} name="pages" label="页数（按量计收时填写）" inputmode="numeric" />
        <TextField form={form} name="amount" label="金额（元）" inputmode="numeric" isRequired />
        <TextField
          form={form}
          name="deliveredOn"
          label="申请人收到通知的日期"
          type="date"
          hint="缴费期限自申请人收到通知次日起计算 20 个工作日。电子邮件或网上送达为发出当日；邮寄按本单位平常信函送达天数推定，可修改。"
        />
      </>
    ),
    reply: (
      <>
        <SelectField form={form} name="outcome" label="处理结果" options={replyOutcomes} isRequired />
        <SelectField
          form={form}
          name="variant"
          label="答复情形（无法提供：本机关不掌握的，必选其一；已经主动公开的予以公开，选第一项）"
          options={REPLY_VARIANT_CODES.map((v) => ({ value: v, label: REPLY_VARIANTS[v].label }))}
          placeholder="（按处理结果）"
        />
        <TextArea
          form={form}
          name="reason"
          label="理由（不予公开、部分公开、无法提供、不予处理时必填）"
          rows={3}
        />
        <TextField form={form} name="legalBasis" label="法律依据" />
        <TextField
          form={form}
          name="otherAgency"
          label="负责公开该信息的机关名称和联系方式（不属于本机关负责公开且能够确定时填写）"
        />
        <TextField
          form={form}
          name="whereToObtain"
          label="获取方式、途径（已经主动公开的：网址或查阅场所）"
        />
        <TextField form={form} name="provisionNote" label="提供方式说明（留空则按申请人选择的形式和方式）" />
      </>
    ),
    withdraw: <TextField form={form} name="note" label="说明" />,
    assign: <SelectField form={form} name="unitId" label="交办单位" options={unitOptions} isRequired />,
    cohandle: <SelectField form={form} name="unitIds" label="协查单位" options={unitOptions} isRequired />,
  };
  return (
    <>
      {date}
      {fields[type]}
    </>
  );
}

export function RequestDetailPage(props: {
  ctx: TPageCtx;
  r: TDetail;
  units: TUnitRow[];
  /** The action whose form is open (one at a time, so field ids stay unique). */
  action?: string;
  failed?: { type: TActionType; form: TFormState };
  /** The contact form with what was typed and its errors, after a refused save. */
  contactForm?: TFormState;
  appealForm?: TFormState;
  discloseForm?: TFormState;
  isRevealed?: boolean;
}) {
  const { ctx, r, units, failed } = props;
  const allowed = availableActions(ctx.principal, r);
  const isLeadUnit = ctx.principal ? isLead(ctx.principal, r.unitId) : false;
  const selected = allowed.find((t) => t === (failed?.type ?? props.action));
  const a = r.applicant as Record<string, string>;
  return (
    <AdminLayout ctx={ctx} title={`申请 ${r.receiptNo}`}>
      <h1>申请 {r.receiptNo}</h1>
      <dl class="facts">
        <dt>状态</dt>
        <dd>{r.statusLabel}</dd>
        <dt>办理单位</dt>
        <dd>{unitName(units, r.unitId)}</dd>
        <dt>提交方式</dt>
        <dd>{CHANNEL_LABELS[r.channel]}</dd>
        <dt>收到日期</dt>
        <dd>{r.receivedAt ?? "待确认受理"}</dd>
        <dt>答复期限</dt>
        <dd>
          {r.clock.isDueDateAtLeast ? `暂停中，期限不早于 ${r.clock.dueDate}` : (r.dueDate ?? "—")}
          {r.dueDateProvisional && `（${PROVISIONAL_LABEL}）`}
          {r.dueDatePassed && <strong class="alert">（{r.dueDatePassed}）</strong>}
        </dd>
        {r.clock.overdueConsultations.map((o) => (
          <>
            <dt>征求意见超期</dt>
            <dd class="alert">
              {o.party ? `“${o.party}”` : "征求意见对象"}应于 {o.answerBy} 前答复，已超过 15
              个工作日；逾期未提出意见的，由本机关依法决定，请记录征求意见结束。
            </dd>
          </>
        ))}
        {r.outcomeLabel && (
          <>
            <dt>处理结果</dt>
            <dd>
              {r.outcomeLabel}（{r.closedAt}）
            </dd>
          </>
        )}
      </dl>
      {r.outcomeLabel && r.receivedAt && (
        <p>
          <a href={`/admin/requests/${r.id}/reply`}>打印答复告知书</a> ·{" "}
          <a href={`/admin/requests/${r.id}/reply.docx`}>下载 Word 文件</a>
        </p>
      )}
      {r.actions.some((x) => x.type === "fee_notice") && (
        <p>
          <a href={`/admin/requests/${r.id}/fee-notice`}>打印收费通知书</a> ·{" "}
          <a href={`/admin/requests/${r.id}/fee-notice.docx`}>下载收费通知书 Word 文件</a>
        </p>
      )}
      <h2>申请人</h2>
      <dl class="facts">
        <dt>类型</dt>
        <dd>{APPLICANT_KINDS[a.kind as keyof typeof APPLICANT_KINDS]}</dd>
        <dt>姓名或名称</dt>
        <dd>{a.name}</dd>
        <dt>证件号码</dt>
        <dd>{a.idNumber || a.orgCode || "—"}</dd>
        <dt>联系电话</dt>
        <dd>{a.phone || "—"}</dd>
        <dt>电子邮箱</dt>
        <dd>{a.email || "—"}</dd>
        <dt>通信地址</dt>
        <dd>{a.address || "—"}</dd>
      </dl>
      {!props.isRevealed && isLeadUnit && (
        <form method="post" action={`/admin/requests/${r.id}/reveal`}>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <button type="submit" class="link-button dark">
            显示完整证件号码和电话（将记入操作日志）
          </button>
        </form>
      )}
      <h2>申请内容</h2>
      <p>{r.description}</p>
      <h2>期限计算过程</h2>
      <ol>
        {r.clock.steps.map((s) => (
          <li>{s}</li>
        ))}
      </ol>
      {r.attachments.length > 0 && (
        <>
          <h2>材料</h2>
          <ul>
            {r.attachments.map((a) => (
              <li>
                <a href={`/admin/requests/${r.id}/attachments/${a.id}`}>{a.name}</a>（
                {a.kind === "id_copy" ? "身份证明，查看将记入操作日志" : "其他材料"}）
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>与申请人的沟通</h2>
      {r.contacts.length === 0 ? (
        <p>尚无记录。</p>
      ) : (
        <DataTable caption="沟通记录" columns={["日期", "方式", "内容", "记录人"]}>
          {r.contacts.map((x) => (
            <tr>
              <td>{x.date}</td>
              <td>{CONTACT_METHODS[x.method as keyof typeof CONTACT_METHODS] ?? x.method}</td>
              <td>{x.summary}</td>
              <td>{x.actor}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p>
        <a href={`/admin/requests/${r.id}?action=contact#contact-form`}>记录一次沟通</a>
      </p>
      {props.action === "contact" && (
        <section id="contact-form" aria-labelledby="contact-heading">
          <h3 id="contact-heading">记录沟通</h3>
          <Form
            action={`/admin/requests/${r.id}/contacts`}
            csrfToken={ctx.csrfToken}
            form={props.contactForm ?? emptyForm({ method: "phone" })}
            submitLabel="保存"
          >
            <SelectField
              form={props.contactForm ?? emptyForm({ method: "phone" })}
              name="method"
              label="方式"
              options={Object.entries(CONTACT_METHODS).map(([value, label]) => ({ value, label }))}
            />
            <TextField
              form={props.contactForm ?? emptyForm()}
              name="date"
              label="日期"
              type="date"
              isRequired
            />
            <TextArea
              form={props.contactForm ?? emptyForm()}
              name="summary"
              label="内容"
              rows={3}
              isRequired
            />
          </Form>
        </section>
      )}
      {(r.status === "concluded" || (r.dueDate && r.dueDate < todayInChina())) && (
        <section aria-labelledby="appeals-heading">
          <h2 id="appeals-heading">行政复议和诉讼</h2>
          {r.appeals.length === 0 ? (
            <p>尚无记录。</p>
          ) : (
            <DataTable
              caption="行政复议和诉讼"
              columns={["类别", "提起日期", "机关或法院", "结果", "结案日期"]}
            >
              {r.appeals.map((x) => (
                <tr>
                  <td>{APPEAL_KIND_LABELS[x.kind]}</td>
                  <td>{x.filedAt}</td>
                  <td>{x.authority}</td>
                  <td>{x.result ? APPEAL_RESULT_LABELS[x.result] : "尚未审结"}</td>
                  <td>{x.decidedAt ?? "—"}</td>
                </tr>
              ))}
            </DataTable>
          )}
          {/* Appeals answer for the reply: a co-handling unit (协查) does not record them. */}
          {isLeadUnit && (
            <p>
              <a href={`/admin/requests/${r.id}?action=appeal#appeal-form`}>登记行政复议或诉讼（含结果）</a>
            </p>
          )}
          {isLeadUnit && props.action === "appeal" && (
            <section id="appeal-form" aria-labelledby="appeal-form-heading">
              <h3 id="appeal-form-heading">登记行政复议或诉讼</h3>
              <Form
                action={`/admin/requests/${r.id}/appeals`}
                csrfToken={ctx.csrfToken}
                form={props.appealForm ?? emptyForm()}
                submitLabel="保存"
              >
                <SelectField
                  form={props.appealForm ?? emptyForm()}
                  name="kind"
                  label="类别"
                  options={labelOptions(APPEAL_KIND_LABELS)}
                  isRequired
                />
                <TextField
                  form={props.appealForm ?? emptyForm()}
                  name="filedAt"
                  label="提起日期"
                  type="date"
                  isRequired
                />
                <TextField form={props.appealForm ?? emptyForm()} name="authority" label="复议机关或法院" />
                <TextField form={props.appealForm ?? emptyForm()} name="caseNo" label="案号" />
                <SelectField
                  form={props.appealForm ?? emptyForm()}
                  name="result"
                  label="结果（尚未审结则不选）"
                  options={labelOptions(APPEAL_RESULT_LABELS)}
                  placeholder="（尚未审结）"
                />
                <TextField
                  form={props.appealForm ?? emptyForm()}
                  name="decidedAt"
                  label="结案日期"
                  type="date"
                />
              </Form>
            </section>
          )}
        </section>
      )}
      {(r.canDisclose || r.disclosedDocumentId) && (
        <section aria-labelledby="disclose-heading">
          <h2 id="disclose-heading">转为主动公开（条例第四十四条）</h2>
          {r.disclosedDocumentId ? (
            <p>
              已转为主动公开：<a href={`/admin/documents/${r.disclosedDocumentId}`}>查看文件</a>
            </p>
          ) : !isLeadUnit ? null : props.action === "disclose" ? (
            <Form
              action={`/admin/requests/${r.id}/disclose`}
              csrfToken={ctx.csrfToken}
              form={props.discloseForm ?? emptyForm()}
              submitLabel="生成主动公开文件草稿"
            >
              <p>
                所公开的信息涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的，可以转为主动公开。请填写要公开的信息本身，
                不要包含申请人的姓名、证件号码等个人信息；生成的草稿按主动公开的流程审核发布。
              </p>
              <TextField form={props.discloseForm ?? emptyForm()} name="title" label="标题" isRequired />
              <TextArea
                form={props.discloseForm ?? emptyForm()}
                name="body"
                label="正文（Markdown）"
                rows={10}
                isRequired
              />
            </Form>
          ) : (
            <p>
              <a href={`/admin/requests/${r.id}?action=disclose#disclose-heading`}>
                将所公开的信息转为主动公开
              </a>
            </p>
          )}
        </section>
      )}
      <h2>办理记录</h2>
      <DataTable caption="办理记录" columns={["日期", "办理事项", "办理人"]}>
        {r.actions.map((x) => (
          <tr>
            <td>{x.date}</td>
            <td>
              {x.label}
              {"text" in x && typeof x.text === "string" && `：${x.text}`}
            </td>
            <td>{x.actor}</td>
          </tr>
        ))}
      </DataTable>
      {allowed.length > 0 && (
        <section aria-labelledby="act-heading">
          <h2 id="act-heading">办理</h2>
          <ul class="action-links">
            {allowed.map((type) => (
              <li>
                <a
                  href={`/admin/requests/${r.id}?action=${type}#act-heading`}
                  aria-current={type === selected ? "true" : undefined}
                >
                  {ACTION_LABELS[type]}
                </a>
              </li>
            ))}
          </ul>
          {selected && (
            <Form
              action={`/admin/requests/${r.id}/actions`}
              csrfToken={ctx.csrfToken}
              form={failed?.type === selected ? failed.form : emptyForm(actionDefaults(selected, r, units))}
              submitLabel={ACTION_LABELS[selected]}
            >
              <input type="hidden" name="type" value={selected} />
              <ActionFields
                type={selected}
                form={failed?.type === selected ? failed.form : emptyForm(actionDefaults(selected, r, units))}
                units={units}
              />
            </Form>
          )}
        </section>
      )}
    </AdminLayout>
  );
}
