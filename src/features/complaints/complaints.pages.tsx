import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import { Form, SelectField, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { AdminLayout, PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import type { TUnitRow } from "../org";
import type { listForStaff } from "./complaints.repository";
import {
  FINDING_LABELS,
  SECTOR_LABELS,
  STATUS_LABELS,
  type TFinding,
  type TSector,
} from "./complaints.schemas";
import type { presentStaff, presentStatus, publicComplaints } from "./present";
import type { TComplaintReceipt } from "./submit-complaint";

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The public page: how many complaints each sector had this year and the outcomes published. */
export function PublicComplaintsPage(props: {
  ctx: TPageCtx;
  data: Awaited<ReturnType<typeof publicComplaints>>;
  years: number[];
}) {
  const { ctx, data } = props;
  return (
    <PortalLayout ctx={ctx} title={`公共企事业单位信息公开投诉（${data.year} 年）`}>
      <Breadcrumbs items={[{ href: "/", label: "首页" }]} current="公共企事业单位信息公开投诉" />
      <h1>公共企事业单位信息公开投诉</h1>
      <p>
        学校、医院、供水、供电、供气、供热、公共交通等公共企事业单位应当依法公开办事服务信息。发现其未按规定公开的，可以
        <a href="/complaints/new">在线投诉</a>，由其主管部门核查并责令限期整改。已投诉的可
        <a href="/complaints/status">查询办理情况</a>。
      </p>
      <form method="get" action="/complaints" class="filters">
        <div class="field">
          <label for="f-year">年度</label>
          <select id="f-year" name="year">
            {props.years.map((y) => (
              <option value={String(y)} selected={y === data.year}>
                {y} 年
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          查看
        </button>
      </form>
      <h2>{data.year} 年按行业统计</h2>
      <div class="table-scroll">
        <DataTable
          caption={`${data.year} 年收到的投诉，按行业统计`}
          columns={["行业", "收到", "办理中", "已办结", "已整改", "逾期未整改", "不成立"]}
        >
          {data.sectors.map((s) => (
            <tr>
              <th scope="row">{s.label}</th>
              <td>{s.received}</td>
              <td>{s.open}</td>
              <td>{s.concluded}</td>
              <td>{s.rectified}</td>
              <td>{s.notRectified}</td>
              <td>{s.unfounded}</td>
            </tr>
          ))}
        </DataTable>
      </div>
      <h2>办理结果公开（{data.total} 件）</h2>
      {data.items.length === 0 ? (
        <p>该年度暂无公开的办理结果。</p>
      ) : (
        <ul class="complaint-outcomes">
          {data.items.map((i) => (
            <li>
              <h3>
                {i.organisation}（{SECTOR_LABELS[i.sector]}）
              </h3>
              <p class="meta">
                受理编号 {i.receiptNo}；主管部门 {i.unitName}
                {i.rectifyBy && `；整改期限 ${i.rectifyBy}`}；{i.concludedOn} 办结：
                {i.finding ? FINDING_LABELS[i.finding as TFinding] : ""}
              </p>
              <p>{i.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </PortalLayout>
  );
}

/** The public complaint form; works without JavaScript. */
export function ComplaintFormPage(props: {
  ctx: TPageCtx;
  form: TFormState;
  formToken: string;
  sentReceipt: TComplaintReceipt | null;
}) {
  const { ctx, form } = props;
  return (
    <PortalLayout ctx={ctx} title="投诉公共企事业单位未依法公开信息">
      <Breadcrumbs
        items={[
          { href: "/", label: "首页" },
          { href: "/complaints", label: "公共企事业单位信息公开投诉" },
        ]}
        current="在线投诉"
      />
      <h1>投诉公共企事业单位未依法公开信息</h1>
      {props.sentReceipt && (
        <div class="notice" role="status">
          <p>
            您已于 {props.sentReceipt.submittedOn} 提交投诉，受理编号 {props.sentReceipt.receiptNo}
            。再次提交本页只会显示该投诉的回执，不会重复投诉。
          </p>
          <p>
            <a href="/complaints/receipt">查看回执</a> · <a href="/complaints/new?another=1">填写新的投诉</a>
          </p>
        </div>
      )}
      <p>
        我们收到投诉后转该单位的主管部门核查；情况属实的，由主管部门责令限期整改，并公开办理结果。联系方式只用于核实情况，不会公开。
      </p>
      <Form
        action="/complaints/new"
        csrfToken={ctx.csrfToken}
        formToken={props.formToken}
        form={form}
        submitLabel="提交投诉"
      >
        <TextField
          form={form}
          name="organisation"
          label="被投诉单位名称"
          hint="如：某某区第一中学、某某供热公司。"
          isRequired
        />
        <SelectField
          form={form}
          name="sector"
          label="所属行业"
          options={options(SECTOR_LABELS)}
          placeholder="请选择"
          isRequired
        />
        <TextArea
          form={form}
          name="description"
          label="未公开的信息"
          hint="请写明该单位应当公开而未公开（或公开不及时、不准确）的信息，以及您发现的时间和途径。"
          rows={6}
          isRequired
        />
        <TextField
          form={form}
          name="contact"
          label="联系方式（可选）"
          hint="电话或电子邮箱，便于核实情况；不会公开。"
          autocomplete="off"
        />
        {/* A field people never see or fill in; automated posters do. */}
        <div class="hp" aria-hidden="true">
          <label for="f-website">请勿填写此项</label>
          <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
        </div>
      </Form>
    </PortalLayout>
  );
}

/** After sending: the receipt number and query code, shown again on a refresh. */
export function ComplaintReceiptPage({ ctx, receipt }: { ctx: TPageCtx; receipt: TComplaintReceipt | null }) {
  if (!receipt)
    return (
      <PortalLayout ctx={ctx} title="没有可显示的回执">
        <h1>没有可显示的回执</h1>
        <p>回执只在提交投诉的浏览器中显示。请凭受理编号和查询码查询办理情况。</p>
        <p>
          <a href="/complaints/status">查询办理情况</a>
        </p>
      </PortalLayout>
    );
  return (
    <PortalLayout ctx={ctx} title="投诉已提交">
      <div class="receipt-sheet">
        <h1>投诉已提交</h1>
        <p class="lead">请记下以下两项，查询办理情况时需要：</p>
        <dl class="facts receipt">
          <dt>受理编号</dt>
          <dd>
            <strong>{receipt.receiptNo}</strong>
          </dd>
          <dt>查询码</dt>
          <dd>
            <strong>{receipt.queryCode}</strong>
          </dd>
          <dt>提交日期</dt>
          <dd>{receipt.submittedOn}</dd>
        </dl>
        <p>查询码不会再通过其他途径提供，请妥善保存。</p>
      </div>
      <p>
        <a href="/complaints/status">查询办理情况</a>
      </p>
    </PortalLayout>
  );
}

/** Lookup by receipt number and query code, and the complaint's handling. */
export function ComplaintStatusPage(props: {
  ctx: TPageCtx;
  form: TFormState;
  status?: Awaited<ReturnType<typeof presentStatus>>;
}) {
  const { ctx, form, status } = props;
  return (
    <PortalLayout ctx={ctx} title="查询投诉办理情况">
      <h1>查询投诉办理情况</h1>
      {!status ? (
        <Form action="/complaints/status" csrfToken={ctx.csrfToken} form={form} submitLabel="查询">
          <TextField form={form} name="receiptNo" label="受理编号" autocomplete="off" isRequired />
          <TextField form={form} name="queryCode" label="查询码" autocomplete="off" isRequired />
        </Form>
      ) : (
        <section aria-labelledby="status-heading">
          <h2 id="status-heading">受理编号 {status.receiptNo}</h2>
          <dl class="facts">
            <dt>被投诉单位</dt>
            <dd>{status.organisation}</dd>
            <dt>办理状态</dt>
            <dd>{status.statusLabel}</dd>
            <dt>主管部门</dt>
            <dd>{status.unitName ?? "待转办"}</dd>
            {status.rectifyBy && (
              <>
                <dt>整改期限</dt>
                <dd>{status.rectifyBy}</dd>
              </>
            )}
            {status.findingLabel && (
              <>
                <dt>办理结果</dt>
                <dd>
                  {status.findingLabel}（{status.concludedOn}）：{status.result}
                </dd>
              </>
            )}
          </dl>
          <p>
            <a href="/complaints/status">查询其他投诉</a>
          </p>
        </section>
      )}
    </PortalLayout>
  );
}

/** The back-office list of complaints the caller handles. */
export function StaffComplaintsPage(props: {
  ctx: TPageCtx;
  rows: Awaited<ReturnType<typeof listForStaff>>;
  today: string;
}) {
  return (
    <AdminLayout ctx={props.ctx} title="公共企事业单位投诉">
      <h1>公共企事业单位信息公开投诉</h1>
      {props.rows.length === 0 ? (
        <p>没有需要您办理的投诉。</p>
      ) : (
        <div class="table-scroll">
          <DataTable
            caption="投诉列表"
            columns={["受理编号", "被投诉单位", "行业", "主管部门", "状态", "整改期限"]}
          >
            {props.rows.map((r) => (
              <tr>
                <td>
                  <a href={`/admin/complaints/${r.id}`}>{r.receiptNo}</a>
                </td>
                <td>{r.organisation}</td>
                <td>{SECTOR_LABELS[r.sector as TSector]}</td>
                <td>{r.unitName ?? "待转办"}</td>
                <td>{STATUS_LABELS[r.status]}</td>
                <td>
                  {r.rectifyBy ?? "—"}
                  {r.status === "rectifying" && r.rectifyBy && r.rectifyBy < props.today && (
                    <strong class="alert">（已过整改期限）</strong>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </AdminLayout>
  );
}

/** One complaint for staff, with the one next step the state allows. */
export function StaffComplaintPage(props: {
  ctx: TPageCtx;
  c: ReturnType<typeof presentStaff>;
  unitName: string | null;
  units: TUnitRow[];
  canAssign: boolean;
  /** The form that was sent, with its mistakes, by action type. */
  forms?: Partial<Record<"assign" | "order_rectification" | "conclude", TFormState>>;
}) {
  const { ctx, c } = props;
  const blank = (): TFormState => ({ values: {}, errors: {} });
  const assignForm = props.forms?.assign ?? blank();
  const rectifyForm = props.forms?.order_rectification ?? blank();
  const concludeForm = props.forms?.conclude ?? { values: { publish: "1" }, errors: {} };
  const action = `/admin/complaints/${c.id}/actions`;
  return (
    <AdminLayout ctx={ctx} title={`投诉 ${c.receiptNo}`}>
      <Breadcrumbs
        items={[{ href: "/admin/complaints", label: "公共企事业单位投诉" }]}
        current={c.receiptNo}
      />
      <h1>投诉 {c.receiptNo}</h1>
      <dl class="meta-list">
        <dt>被投诉单位</dt>
        <dd>
          {c.organisation}（{SECTOR_LABELS[c.sector]}）
        </dd>
        <dt>投诉日期</dt>
        <dd>{c.submittedOn}</dd>
        <dt>未公开的信息</dt>
        <dd>{c.description}</dd>
        <dt>投诉人联系方式</dt>
        <dd>{c.contact || "未留"}</dd>
        <dt>主管部门</dt>
        <dd>{props.unitName ?? "待转办"}</dd>
        <dt>状态</dt>
        <dd>{STATUS_LABELS[c.status]}</dd>
        {c.rectifyBy && (
          <>
            <dt>整改期限</dt>
            <dd>{c.rectifyBy}</dd>
          </>
        )}
        {c.finding && (
          <>
            <dt>办理结果</dt>
            <dd>
              {FINDING_LABELS[c.finding]}（{c.concludedOn}）：{c.result}
            </dd>
            <dt>公开</dt>
            <dd>{c.isPublished ? `已公开：${c.publicSummary}` : "不公开"}</dd>
          </>
        )}
      </dl>
      {props.canAssign && (c.status === "submitted" || c.status === "assigned") && (
        <section aria-labelledby="assign-form">
          <h2 id="assign-form">{c.status === "submitted" ? "转主管部门" : "改转其他主管部门"}</h2>
          <Form action={action} csrfToken={ctx.csrfToken} form={assignForm} submitLabel="转办">
            <input type="hidden" name="type" value="assign" />
            <SelectField
              form={assignForm}
              name="unitId"
              label="主管部门"
              options={props.units.map((u) => ({ value: String(u.id), label: u.name }))}
              placeholder="请选择"
              isRequired
            />
          </Form>
        </section>
      )}
      {c.status === "assigned" && (
        <section aria-labelledby="rectify-form">
          <h2 id="rectify-form">责令限期整改</h2>
          <Form action={action} csrfToken={ctx.csrfToken} form={rectifyForm} submitLabel="责令整改">
            <input type="hidden" name="type" value="order_rectification" />
            <TextField form={rectifyForm} name="date" label="责令整改日期" type="date" isRequired />
            <TextField form={rectifyForm} name="rectifyBy" label="整改期限" type="date" isRequired />
          </Form>
        </section>
      )}
      {(c.status === "assigned" || c.status === "rectifying") && (
        <section aria-labelledby="conclude-form">
          <h2 id="conclude-form">办结</h2>
          <Form action={action} csrfToken={ctx.csrfToken} form={concludeForm} submitLabel="办结">
            <input type="hidden" name="type" value="conclude" />
            <TextField form={concludeForm} name="concludeDate" label="办结日期" type="date" isRequired />
            <SelectField
              form={concludeForm}
              name="finding"
              label="核查结论"
              options={options(FINDING_LABELS)}
              placeholder="请选择"
              isRequired
            />
            <TextArea form={concludeForm} name="result" label="办理情况" rows={4} isRequired />
            <SelectField
              form={concludeForm}
              name="publish"
              label="是否公开办理结果"
              options={[
                { value: "1", label: "公开" },
                { value: "0", label: "不公开" },
              ]}
              isRequired
            />
            <TextArea
              form={concludeForm}
              name="publicSummary"
              label="公开摘要"
              hint="公开时必填；不得含有投诉人姓名、电话、身份证号等个人信息。"
              rows={3}
            />
          </Form>
        </section>
      )}
    </AdminLayout>
  );
}
