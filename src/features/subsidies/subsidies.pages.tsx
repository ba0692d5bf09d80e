import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import { Form, SelectField, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { AdminLayout, PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import type { TUnitRow } from "../org";
import type { TNoticeWithRows } from "./present";
import { formatFen } from "./subsidy-rows";

/** One notice's payee table; the ID numbers are the stored, masked ones. */
function PayeeTable({ notice }: { notice: TNoticeWithRows }) {
  return (
    <section class="table-scroll" tabindex={0} aria-label={`${notice.title}名单`}>
      <table class="table subsidy-table">
        <caption>
          {notice.title}（共 {notice.rowCount} 人次，合计 {formatFen(notice.totalFen)} 元）
        </caption>
        <thead>
          <tr>
            <th scope="col">序号</th>
            <th scope="col">姓名</th>
            <th scope="col">身份证号</th>
            <th scope="col">补贴项目</th>
            <th scope="col" class="num">
              金额（元）
            </th>
          </tr>
        </thead>
        <tbody>
          {notice.rows.map((r) => (
            <tr>
              <td>{r.position}</td>
              <td>{r.name}</td>
              <td class="masked-id">{r.idMasked}</td>
              <td>{r.item}</td>
              <td class="num">{formatFen(r.amountFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function NoticeBlock({ notice }: { notice: TNoticeWithRows }) {
  return (
    <section class="subsidy-notice" aria-labelledby={`notice-${notice.id}`}>
      <h2 id={`notice-${notice.id}`}>{notice.title}</h2>
      <p class="meta">
        公示期：{notice.startsOn} 至 {notice.endsOn}
        。对公示内容有异议的，请在公示期内向本村（社区）或所属街道反映。
      </p>
      <PayeeTable notice={notice} />
    </section>
  );
}

/** /villages: the 街道 with their villages and communities, and how many notices each has up. */
export function VillagesPage(props: {
  ctx: TPageCtx;
  subdistricts: TUnitRow[];
  villages: TUnitRow[];
  counts: Map<number, number>;
}) {
  const groups = props.subdistricts
    .map((s) => ({ s, items: props.villages.filter((v) => v.parentId === s.id) }))
    .filter((g) => g.items.length);
  return (
    <PortalLayout ctx={props.ctx} title="村（社区）公示">
      <Breadcrumbs items={[{ href: "/", label: "首页" }]} current="村（社区）公示" />
      <h1>村（社区）公示</h1>
      <p>惠民惠农财政补贴等发放结果按村（社区）公示。公示期结束后不再在网上公开，由村（社区）存档备查。</p>
      {groups.length === 0 && <p>暂无村（社区）。</p>}
      {groups.map((g) => (
        <section aria-labelledby={`sd-${g.s.id}`}>
          <h2 id={`sd-${g.s.id}`}>{g.s.name}</h2>
          <ul class="village-list">
            {g.items.map((v) => (
              <li>
                <a href={`/villages/${v.id}`}>{v.name}</a>
                <span class="muted">
                  {(props.counts.get(v.id) ?? 0) > 0
                    ? `（公示中 ${props.counts.get(v.id)} 项）`
                    : "（暂无公示）"}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </PortalLayout>
  );
}

/** /villages/:id: one village's notices inside their period. */
export function VillagePage(props: {
  ctx: TPageCtx;
  village: TUnitRow;
  parent?: TUnitRow;
  notices: TNoticeWithRows[];
}) {
  const { village } = props;
  return (
    <PortalLayout ctx={props.ctx} title={`${village.name}公示`}>
      <Breadcrumbs
        items={[
          { href: "/", label: "首页" },
          { href: "/villages", label: "村（社区）公示" },
        ]}
        current={village.name}
      />
      <h1>
        {props.parent ? `${props.parent.name}` : ""}
        {village.name}公示
      </h1>
      {props.notices.length === 0 ? (
        <p>目前没有处在公示期内的公示。</p>
      ) : (
        props.notices.map((n) => <NoticeBlock notice={n} />)
      )}
      <p class="muted">身份证号只显示前 6 位和后 4 位。</p>
    </PortalLayout>
  );
}

/** The village's own query terminal: every notice on file, searchable by name. */
export function TerminalPage(props: {
  ctx: TPageCtx;
  village: TUnitRow;
  notices: TNoticeWithRows[];
  q: string;
  path: string;
}) {
  return (
    <PortalLayout ctx={props.ctx} title={`${props.village.name}公示查询`}>
      <h1>{props.village.name}补贴公示查询</h1>
      <p>本终端可查询本村（社区）存档的全部补贴公示，包括已过公示期的。</p>
      <form method="get" action={props.path} class="filters">
        <label for="q">按姓名查询</label> <input id="q" name="q" value={props.q} maxlength={30} />{" "}
        <button type="submit">查询</button>
      </form>
      {props.notices.length === 0 ? (
        <p>没有找到公示。</p>
      ) : (
        props.notices.map((n) => <NoticeBlock notice={n} />)
      )}
    </PortalLayout>
  );
}

const status = (n: { startsOn: string; endsOn: string }, today: string, keptThrough: string) =>
  today < n.startsOn ? "未到公示期" : today <= n.endsOn ? "公示中" : `已过公示期，存档至 ${keptThrough}`;

/** Staff: every notice on file for the villages in scope. */
export function SubsidiesAdminPage(props: {
  ctx: TPageCtx;
  notices: TNoticeWithRows[];
  villages: TUnitRow[];
  today: string;
  keptThrough: (endsOn: string) => string;
  filter: { unitId?: number; payee?: string };
  canPublish: boolean;
  retention: { years: number; form: TFormState } | null;
}) {
  const { ctx } = props;
  return (
    <AdminLayout ctx={ctx} title="村级补贴公示">
      <h1>村级补贴公示</h1>
      <p>
        {props.canPublish && <a href="/admin/subsidies/new">发布补贴公示</a>}
        {" · "}
        <a href="/admin/subsidies/terminals">村（社区）查询终端</a>
      </p>
      <form method="get" action="/admin/subsidies" class="filters">
        <label for="unitId">村（社区）</label>{" "}
        <select id="unitId" name="unitId">
          <option value="">全部</option>
          {props.villages.map((v) => (
            <option value={String(v.id)} selected={v.id === props.filter.unitId}>
              {v.name}
            </option>
          ))}
        </select>{" "}
        <label for="payee">领取人姓名</label>{" "}
        <input id="payee" name="payee" value={props.filter.payee ?? ""} maxlength={30} />{" "}
        <button type="submit">查询</button>
      </form>
      {props.notices.length === 0 ? (
        <p>没有公示。</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">补贴公示</caption>
          <thead>
            <tr>
              <th scope="col">标题</th>
              <th scope="col">村（社区）</th>
              <th scope="col">公示期</th>
              <th scope="col">人次</th>
              <th scope="col">合计（元）</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {props.notices.map((n) => (
              <tr>
                <td>
                  <a href={`/admin/subsidies/${n.id}`}>{n.title}</a>
                </td>
                <td>{n.unitName}</td>
                <td>
                  {n.startsOn} 至 {n.endsOn}
                </td>
                <td>{n.rowCount}</td>
                <td class="num">{formatFen(n.totalFen)}</td>
                <td>{status(n, props.today, props.keptThrough(n.endsOn))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.retention && (
        <>
          <h2>存档年限</h2>
          <p>公示期结束后，公示在村（社区）存档的年数；期满后自动删除。目前为 {props.retention.years} 年。</p>
          <Form
            action="/admin/subsidies/retention"
            csrfToken={ctx.csrfToken}
            form={props.retention.form}
            submitLabel="保存存档年限"
          >
            <TextField
              form={props.retention.form}
              name="years"
              label="存档年限（年）"
              inputmode="numeric"
              isRequired
            />
          </Form>
        </>
      )}
    </AdminLayout>
  );
}

export function SubsidyNoticeAdminPage(props: {
  ctx: TPageCtx;
  notice: TNoticeWithRows;
  today: string;
  keptThrough: string;
}) {
  const n = props.notice;
  return (
    <AdminLayout ctx={props.ctx} title={n.title}>
      <p>
        <a href="/admin/subsidies">返回公示列表</a>
      </p>
      <h1>{n.title}</h1>
      <dl class="facts">
        <dt>村（社区）</dt>
        <dd>{n.unitName}</dd>
        <dt>公示期</dt>
        <dd>
          {n.startsOn} 至 {n.endsOn}
        </dd>
        <dt>状态</dt>
        <dd>{status(n, props.today, props.keptThrough)}</dd>
      </dl>
      <PayeeTable notice={n} />
    </AdminLayout>
  );
}

export function SubsidyNoticeFormPage(props: { ctx: TPageCtx; form: TFormState; villages: TUnitRow[] }) {
  const { form } = props;
  return (
    <AdminLayout ctx={props.ctx} title="发布补贴公示">
      <p>
        <a href="/admin/subsidies">返回公示列表</a>
      </p>
      <h1>发布补贴公示</h1>
      <p>
        发布前逐行检查：身份证号须为有效的 18 位号码，保存时只保留前 6 位和后 4
        位，完整号码不保存；姓名、补贴项目中不得含有身份证号、手机号或银行卡号。
      </p>
      <Form action="/admin/subsidies" csrfToken={props.ctx.csrfToken} form={form} submitLabel="检查并发布">
        <SelectField
          form={form}
          name="unitId"
          label="村（社区）"
          placeholder="请选择"
          options={props.villages.map((v) => ({ value: String(v.id), label: v.name }))}
          isRequired
        />
        <TextField form={form} name="title" label="公示标题" maxLength={200} isRequired />
        <TextField form={form} name="startsAt" label="公示开始日期" type="date" isRequired />
        <TextField
          form={form}
          name="endsAt"
          label="公示结束日期"
          type="date"
          hint="含当日；过后不再在网上公开。"
          isRequired
        />
        <TextArea
          form={form}
          name="rowsText"
          label="公示名单"
          hint="每行一人：姓名、身份证号、补贴项目、金额（元），用逗号或制表符分隔，可从表格中直接粘贴。"
          rows={10}
          isRequired
        />
      </Form>
    </AdminLayout>
  );
}

export function TerminalsPage(props: {
  ctx: TPageCtx;
  villages: TUnitRow[];
  issued: Set<number>;
  newKey?: { village: TUnitRow; url: string };
}) {
  const { ctx } = props;
  return (
    <AdminLayout ctx={ctx} title="村（社区）查询终端">
      <p>
        <a href="/admin/subsidies">返回公示列表</a>
      </p>
      <h1>村（社区）查询终端</h1>
      <p>
        每个村（社区）的查询终端用一个专用网址打开，可查询本村（社区）存档的全部公示（含已过公示期的）。网址只在生成时显示一次；重新生成后旧网址即失效。
      </p>
      {props.newKey && (
        <div class="notice" role="status">
          <p>
            {props.newKey.village.name}查询终端网址（请在终端浏览器中打开并收藏）：
            <code>{props.newKey.url}</code>
          </p>
        </div>
      )}
      <table class="table">
        <caption class="visually-hidden">查询终端</caption>
        <thead>
          <tr>
            <th scope="col">村（社区）</th>
            <th scope="col">终端</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {props.villages.map((v) => (
            <tr>
              <td>{v.name}</td>
              <td>{props.issued.has(v.id) ? "已生成" : "未生成"}</td>
              <td>
                <form method="post" action={`/admin/subsidies/terminals/${v.id}`} class="inline">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <button type="submit" class="link-button dark">
                    {props.issued.has(v.id) ? "重新生成" : "生成"}网址
                    <span class="visually-hidden">（{v.name}）</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}
