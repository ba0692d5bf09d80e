import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import { Form, SelectField, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { AdminLayout, PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import type { TUnitRow } from "../org";
import type { TUnitNewMediaScore } from "./new-media";
import type {
  TCaseEntry,
  TEnterprise,
  TInspection,
  TNewMediaAccount,
  TReadingRoom,
  TTrainingSession,
} from "./registries.repository";
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  FILING_LABELS,
  FILING_STATUSES,
  PLATFORM_LABELS,
  PLATFORMS,
  SECTOR_LABELS,
  SECTORS,
  TRAINING_KIND_LABELS,
  TRAINING_KINDS,
  type TSector,
} from "./registries.schemas";
import { type TBoardRow, TRAINING_STATE_LABELS } from "./training-board";

const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
  keys.map((k) => ({ value: k, label: labels[k] }));
const unitOptions = (units: TUnitRow[]) => units.map((u) => ({ value: String(u.id), label: u.name }));
const label = <K extends string>(labels: Record<K, string>, key: string) => labels[key as K] ?? key;
const ACTIVE_OPTIONS = [
  { value: "1", label: "在列" },
  { value: "0", label: "停用" },
];

// ---- public pages

/** /enterprises: the sectors, each with its enterprises and institutions. */
export function EnterprisesPage(props: { ctx: TPageCtx; enterprises: TEnterprise[] }) {
  const sectors = SECTORS.filter((s) => props.enterprises.some((e) => e.sector === s));
  return (
    <PortalLayout ctx={props.ctx} title="公共企事业单位信息公开">
      <Breadcrumbs items={[{ href: "/", label: "首页" }]} current="公共企事业单位信息公开" />
      <h1>公共企事业单位信息公开</h1>
      <p>
        学校、医院、供水、供电、供气、供热、公共交通等与群众利益密切相关的公共企事业单位，按领域公开办事服务信息，并接受主管部门监督。
      </p>
      {sectors.length === 0 && <p>暂无登记的单位。</p>}
      <ul class="sector-list">
        {sectors.map((s) => (
          <li>
            <a href={`/enterprises/${s}`}>{SECTOR_LABELS[s]}</a>
            <span class="muted">（{props.enterprises.filter((e) => e.sector === s).length} 家）</span>
          </li>
        ))}
      </ul>
    </PortalLayout>
  );
}

/** /enterprises/:sector: one sector's registry with supervisor, disclosure items and complaint link. */
export function SectorPage(props: {
  ctx: TPageCtx;
  sector: TSector;
  enterprises: TEnterprise[];
  units: TUnitRow[];
}) {
  const names = new Map(props.units.map((u) => [u.id, u.name]));
  const title = `${SECTOR_LABELS[props.sector]}领域信息公开`;
  return (
    <PortalLayout ctx={props.ctx} title={title}>
      <Breadcrumbs
        items={[
          { href: "/", label: "首页" },
          { href: "/enterprises", label: "公共企事业单位信息公开" },
        ]}
        current={SECTOR_LABELS[props.sector]}
      />
      <h1>{title}</h1>
      {props.enterprises.length === 0 && <p>本领域暂无登记的单位。</p>}
      {props.enterprises.map((e) => (
        <section class="enterprise" aria-labelledby={`ent-${e.id}`}>
          <h2 id={`ent-${e.id}`}>{e.name}</h2>
          <dl class="facts">
            <dt>主管部门</dt>
            <dd>{names.get(e.supervisorUnitId) ?? ""}</dd>
            {e.address && (
              <>
                <dt>地址</dt>
                <dd>{e.address}</dd>
              </>
            )}
            {e.servicePhone && (
              <>
                <dt>服务电话</dt>
                <dd>{e.servicePhone}</dd>
              </>
            )}
            {e.website && (
              <>
                <dt>信息公开网址</dt>
                <dd>
                  <a href={e.website} rel="noopener noreferrer">
                    {e.website}
                  </a>
                </dd>
              </>
            )}
            <dt>公开事项</dt>
            <dd>
              {e.disclosureItems.length ? (
                <ul>
                  {e.disclosureItems.map((i) => (
                    <li>{i}</li>
                  ))}
                </ul>
              ) : (
                "—"
              )}
            </dd>
          </dl>
          <p>
            <a href={`/complaints/new?organisation=${e.id}`}>
              对{e.name}的信息公开提出意见或投诉<span class="visually-hidden">（投诉渠道）</span>
            </a>
          </p>
        </section>
      ))}
    </PortalLayout>
  );
}

/** /reading-rooms: the 政府信息查阅点 with address, hours and a map link. */
export function ReadingRoomsPage(props: { ctx: TPageCtx; rooms: TReadingRoom[] }) {
  return (
    <PortalLayout ctx={props.ctx} title="政府信息查阅点">
      <Breadcrumbs items={[{ href: "/", label: "首页" }]} current="政府信息查阅点" />
      <h1>政府信息查阅点</h1>
      <p>在以下查阅点可以免费查阅本区主动公开的政府信息（纸质文本和网上查阅）。</p>
      {props.rooms.length === 0 && <p>暂无查阅点。</p>}
      {props.rooms.map((r) => (
        <section class="reading-room" aria-labelledby={`room-${r.id}`}>
          <h2 id={`room-${r.id}`}>{r.name}</h2>
          <dl class="facts">
            <dt>地址</dt>
            <dd>
              {r.address}
              {r.mapUrl && (
                <>
                  {" "}
                  <a href={r.mapUrl} rel="noopener noreferrer">
                    查看地图<span class="visually-hidden">（{r.name}）</span>
                  </a>
                </>
              )}
            </dd>
            {r.hours && (
              <>
                <dt>开放时间</dt>
                <dd>{r.hours}</dd>
              </>
            )}
            {r.phone && (
              <>
                <dt>咨询电话</dt>
                <dd>{r.phone}</dd>
              </>
            )}
            {r.services && (
              <>
                <dt>服务内容</dt>
                <dd>{r.services}</dd>
              </>
            )}
          </dl>
        </section>
      ))}
    </PortalLayout>
  );
}

// ---- back office

/** /admin/registries: the registers' front page. */
export function RegistriesHubPage(props: {
  ctx: TPageCtx;
  links: { href: string; label: string; text: string }[];
}) {
  return (
    <AdminLayout ctx={props.ctx} title="登记册">
      <h1>登记册</h1>
      <ul class="hub-list">
        {props.links.map((l) => (
          <li>
            <a href={l.href}>{l.label}</a>
            <span class="muted">：{l.text}</span>
          </li>
        ))}
      </ul>
    </AdminLayout>
  );
}

function AccountFields(props: { form: TFormState; units: TUnitRow[] }) {
  const { form } = props;
  return (
    <>
      <SelectField
        form={form}
        name="unitId"
        label="主办单位"
        placeholder="请选择"
        options={unitOptions(props.units)}
        isRequired
      />
      <SelectField
        form={form}
        name="platform"
        label="平台"
        options={options(PLATFORMS, PLATFORM_LABELS)}
        isRequired
      />
      <TextField form={form} name="name" label="账号名称" maxLength={100} isRequired />
      <TextArea form={form} name="purpose" label="用途" rows={2} maxLength={500} />
      <TextField form={form} name="registeredOn" label="开设日期" type="date" isRequired />
      <TextField form={form} name="closedOn" label="关闭日期" type="date" hint="仍在运行的不填。" />
      <SelectField
        form={form}
        name="filingStatus"
        label="备案状态"
        options={options(FILING_STATUSES, FILING_LABELS)}
        isRequired
      />
    </>
  );
}

/** /admin/new-media: the accounts in scope, the unit scores of a year, and the form to register one. */
export function NewMediaPage(props: {
  ctx: TPageCtx;
  accounts: TNewMediaAccount[];
  units: TUnitRow[];
  scores: TUnitNewMediaScore[] | null;
  year: number;
  form: TFormState;
}) {
  const names = new Map(props.units.map((u) => [u.id, u.name]));
  return (
    <AdminLayout ctx={props.ctx} title="政务新媒体">
      <h1>政务新媒体登记和检查</h1>
      <p>
        每个政务新媒体账号都要登记备案；政务公开办公室按国家检查指标定期检查，监测时间点前两周内无更新的为单项否决。
      </p>
      {props.accounts.length === 0 ? (
        <p>尚无登记的账号。</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">政务新媒体账号</caption>
          <thead>
            <tr>
              <th scope="col">账号名称</th>
              <th scope="col">平台</th>
              <th scope="col">主办单位</th>
              <th scope="col">开设日期</th>
              <th scope="col">状态</th>
              <th scope="col">备案</th>
            </tr>
          </thead>
          <tbody>
            {props.accounts.map((a) => (
              <tr>
                <td>
                  <a href={`/admin/new-media/${a.id}`}>{a.name}</a>
                </td>
                <td>{label(PLATFORM_LABELS, a.platform)}</td>
                <td>{names.get(a.unitId) ?? ""}</td>
                <td>{a.registeredOn}</td>
                <td>{a.closedOn ? `已于 ${a.closedOn} 关闭` : "运行中"}</td>
                <td>{label(FILING_LABELS, a.filingStatus)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.scores && (
        <>
          <h2>{props.year}年各单位检查得分</h2>
          <form method="get" action="/admin/new-media" class="filters">
            <label for="nm-year">年度</label>{" "}
            <input id="nm-year" name="year" value={String(props.year)} inputmode="numeric" maxlength={4} />{" "}
            <button type="submit">查看</button>{" "}
            <a href={`/admin/new-media/export?year=${props.year}`}>
              下载{props.year}年政务新媒体工作报表（XLSX）
            </a>
          </form>
          <table class="table">
            <caption class="visually-hidden">{props.year}年各单位检查得分</caption>
            <thead>
              <tr>
                <th scope="col">单位</th>
                <th scope="col">账号数</th>
                <th scope="col">检查次数</th>
                <th scope="col">单项否决</th>
                <th scope="col">平均得分</th>
              </tr>
            </thead>
            <tbody>
              {props.scores.map((s) => (
                <tr>
                  <td>{names.get(s.unitId) ?? ""}</td>
                  <td>{s.accounts}</td>
                  <td>{s.inspections}</td>
                  <td>{s.vetoes}</td>
                  <td>{s.average ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>登记账号</h2>
      <Form action="/admin/new-media" csrfToken={props.ctx.csrfToken} form={props.form} submitLabel="登记">
        <AccountFields form={props.form} units={props.units} />
      </Form>
    </AdminLayout>
  );
}

/** /admin/new-media/:id: one account, its inspections, its edit form and (for the office) the inspection form. */
export function NewMediaAccountPage(props: {
  ctx: TPageCtx;
  account: TNewMediaAccount;
  inspections: TInspection[];
  units: TUnitRow[];
  form: TFormState;
  inspectionForm: TFormState | null;
}) {
  const a = props.account;
  return (
    <AdminLayout ctx={props.ctx} title={a.name}>
      <p>
        <a href="/admin/new-media">返回政务新媒体</a>
      </p>
      <h1>
        {a.name}（{label(PLATFORM_LABELS, a.platform)}）
      </h1>
      <h2>检查记录</h2>
      {props.inspections.length === 0 ? (
        <p>尚无检查记录。</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">检查记录</caption>
          <thead>
            <tr>
              <th scope="col">检查日期</th>
              <th scope="col">最近更新</th>
              <th scope="col">失效链接</th>
              <th scope="col">错误信息</th>
              <th scope="col">未回复留言</th>
              <th scope="col">单项否决</th>
              <th scope="col">得分</th>
            </tr>
          </thead>
          <tbody>
            {props.inspections.map((i) => (
              <tr>
                <td>{i.inspectedOn}</td>
                <td>{i.lastUpdatedOn ?? "从未更新"}</td>
                <td>{i.brokenLinks}</td>
                <td>{i.wrongItems}</td>
                <td>{i.unansweredMessages}</td>
                <td>{i.isVetoed ? "是（两周未更新）" : "否"}</td>
                <td>{i.score}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.inspectionForm && (
        <>
          <h2>记录检查</h2>
          <Form
            action={`/admin/new-media/${a.id}/inspections`}
            csrfToken={props.ctx.csrfToken}
            form={props.inspectionForm}
            submitLabel="记录检查"
          >
            <TextField
              form={props.inspectionForm}
              name="inspectedOn"
              label="检查日期"
              type="date"
              isRequired
            />
            <TextField
              form={props.inspectionForm}
              name="lastUpdatedOn"
              label="最近一次更新日期"
              type="date"
              hint="检查时看到的最近一次发布日期；从未发布的不填。早于检查日期 14 天以上为单项否决。"
            />
            <TextField
              form={props.inspectionForm}
              name="brokenLinks"
              label="失效链接（个）"
              inputmode="numeric"
            />
            <TextField
              form={props.inspectionForm}
              name="wrongItems"
              label="错误信息（条）"
              inputmode="numeric"
            />
            <TextField
              form={props.inspectionForm}
              name="unansweredMessages"
              label="未回复留言（条）"
              inputmode="numeric"
            />
            <TextArea form={props.inspectionForm} name="note" label="备注" rows={2} />
          </Form>
        </>
      )}
      <h2>修改账号信息</h2>
      <Form
        action={`/admin/new-media/${a.id}`}
        csrfToken={props.ctx.csrfToken}
        form={props.form}
        submitLabel="保存"
      >
        <AccountFields form={props.form} units={props.units} />
      </Form>
    </AdminLayout>
  );
}

/** /admin/training: the task-59 board of a year, the sessions, and the form to record one. */
export function TrainingPage(props: {
  ctx: TPageCtx;
  year: number;
  board: (TBoardRow & { unitName: string })[];
  sessions: TTrainingSession[];
  units: TUnitRow[];
  form: TFormState;
}) {
  const names = new Map(props.units.map((u) => [u.id, u.name]));
  const done = props.board.filter((r) => r.state === "done").length;
  return (
    <AdminLayout ctx={props.ctx} title="培训台账">
      <h1>{props.year}年政务公开培训台账</h1>
      <form method="get" action="/admin/training" class="filters">
        <label for="tr-year">年度</label>{" "}
        <input id="tr-year" name="year" value={String(props.year)} inputmode="numeric" maxlength={4} />{" "}
        <button type="submit">查看</button>
      </form>
      <p>
        各单位年内组织政务公开通识培训不少于 1 次。{props.board.length} 个单位中已完成 {done} 个。
      </p>
      <table class="table training-board">
        <caption class="visually-hidden">{props.year}年通识培训完成情况</caption>
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">通识培训</th>
            <th scope="col">最近一次通识培训</th>
            <th scope="col">全部培训（次）</th>
            <th scope="col">学时</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {props.board.map((r) => (
            <tr class={`training-${r.state}`}>
              <td>{r.unitName}</td>
              <td>{r.generalSessions}</td>
              <td>{r.lastGeneralOn ?? "—"}</td>
              <td>{r.sessions}</td>
              <td>{r.hours}</td>
              <td>
                <span class={`badge training-state-${r.state}`}>{TRAINING_STATE_LABELS[r.state]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>培训记录</h2>
      {props.sessions.length === 0 ? (
        <p>本年尚无培训记录。</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">培训记录</caption>
          <thead>
            <tr>
              <th scope="col">日期</th>
              <th scope="col">单位</th>
              <th scope="col">培训</th>
              <th scope="col">类别</th>
              <th scope="col">学时</th>
              <th scope="col">参训人数</th>
            </tr>
          </thead>
          <tbody>
            {props.sessions.map((s) => (
              <tr>
                <td>{s.heldOn}</td>
                <td>{names.get(s.unitId) ?? ""}</td>
                <td>{s.title}</td>
                <td>{label(TRAINING_KIND_LABELS, s.kind)}</td>
                <td>{Number(s.hours)}</td>
                <td>{s.attendees.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>登记培训</h2>
      <Form action="/admin/training" csrfToken={props.ctx.csrfToken} form={props.form} submitLabel="登记">
        <SelectField
          form={props.form}
          name="unitId"
          label="组织单位"
          placeholder="请选择"
          options={unitOptions(props.units)}
          isRequired
        />
        <TextField form={props.form} name="title" label="培训名称" maxLength={200} isRequired />
        <SelectField
          form={props.form}
          name="kind"
          label="类别"
          options={options(TRAINING_KINDS, TRAINING_KIND_LABELS)}
          isRequired
        />
        <TextField form={props.form} name="heldOn" label="日期" type="date" isRequired />
        <TextField
          form={props.form}
          name="hours"
          label="学时"
          inputmode="numeric"
          hint="最多一位小数，如 1.5。"
          isRequired
        />
        <TextField form={props.form} name="trainer" label="授课人" maxLength={100} />
        <TextArea
          form={props.form}
          name="attendees"
          label="参训人员"
          hint="每行一人，或用顿号分隔。"
          rows={4}
        />
      </Form>
    </AdminLayout>
  );
}

/** /admin/cases: the staff case library. */
export function CasesPage(props: { ctx: TPageCtx; cases: TCaseEntry[]; form: TFormState | null }) {
  return (
    <AdminLayout ctx={props.ctx} title="案例库">
      <h1>依申请公开案例库</h1>
      <p>经过匿名处理的答复和复议诉讼结果，仅供工作人员学习参考。</p>
      {props.cases.length === 0 ? (
        <p>尚无案例。</p>
      ) : (
        <ul class="case-list">
          {props.cases.map((c) => (
            <li>
              <a href={`/admin/cases/${c.id}`}>{c.title}</a>
              <span class="muted">
                （{label(CASE_KIND_LABELS, c.kind)}
                {c.outcome ? `，${c.outcome}` : ""}）
              </span>
            </li>
          ))}
        </ul>
      )}
      {props.form && (
        <>
          <h2>新增案例</h2>
          <p>
            保存时自动隐去身份证号、手机号、银行卡号；填写来源申请编号的，还会隐去该申请的申请人姓名、联系方式和地址。
          </p>
          <Form
            action="/admin/cases"
            csrfToken={props.ctx.csrfToken}
            form={props.form}
            submitLabel="匿名处理并保存"
          >
            <SelectField
              form={props.form}
              name="kind"
              label="类别"
              options={options(CASE_KINDS, CASE_KIND_LABELS)}
              isRequired
            />
            <TextField form={props.form} name="title" label="标题" maxLength={200} isRequired />
            <TextField
              form={props.form}
              name="sourceRequestId"
              label="来源申请编号（内部 id）"
              inputmode="numeric"
              hint="可不填。"
            />
            <TextArea
              form={props.form}
              name="body"
              label="案情和答复"
              rows={8}
              hint="填写来源申请而不填本栏的，取该申请的内容和答复理由。"
            />
            <TextField form={props.form} name="outcome" label="结果" maxLength={200} />
            <TextArea form={props.form} name="lesson" label="要点评析" rows={4} />
          </Form>
        </>
      )}
    </AdminLayout>
  );
}

export function CasePage(props: { ctx: TPageCtx; entry: TCaseEntry }) {
  const c = props.entry;
  return (
    <AdminLayout ctx={props.ctx} title={c.title}>
      <p>
        <a href="/admin/cases">返回案例库</a>
      </p>
      <h1>{c.title}</h1>
      <dl class="facts">
        <dt>类别</dt>
        <dd>{label(CASE_KIND_LABELS, c.kind)}</dd>
        {c.outcome && (
          <>
            <dt>结果</dt>
            <dd>{c.outcome}</dd>
          </>
        )}
      </dl>
      <h2>案情和答复</h2>
      <div class="case-body">{c.body}</div>
      {c.lesson && (
        <>
          <h2>要点评析</h2>
          <div class="case-body">{c.lesson}</div>
        </>
      )}
    </AdminLayout>
  );
}

/** /admin/enterprises: the registry of public enterprises and institutions. */
export function EnterprisesAdminPage(props: {
  ctx: TPageCtx;
  enterprises: TEnterprise[];
  units: TUnitRow[];
  form: TFormState;
  editId?: number;
}) {
  const names = new Map(props.units.map((u) => [u.id, u.name]));
  const { form } = props;
  return (
    <AdminLayout ctx={props.ctx} title="公共企事业单位">
      <h1>公共企事业单位登记</h1>
      <table class="table">
        <caption class="visually-hidden">公共企事业单位</caption>
        <thead>
          <tr>
            <th scope="col">名称</th>
            <th scope="col">领域</th>
            <th scope="col">主管部门</th>
            <th scope="col">公开事项</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {props.enterprises.map((e) => (
            <tr>
              <td>
                <a href={`/admin/enterprises/${e.id}`}>{e.name}</a>
              </td>
              <td>{label(SECTOR_LABELS, e.sector)}</td>
              <td>{names.get(e.supervisorUnitId) ?? ""}</td>
              <td>{e.disclosureItems.length} 项</td>
              <td>{e.isActive ? "在列" : "停用"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{props.editId ? "修改单位" : "登记单位"}</h2>
      <Form
        action={props.editId ? `/admin/enterprises/${props.editId}` : "/admin/enterprises"}
        csrfToken={props.ctx.csrfToken}
        form={form}
        submitLabel="保存"
      >
        <TextField form={form} name="name" label="名称" maxLength={100} isRequired />
        <SelectField
          form={form}
          name="sector"
          label="领域"
          options={options(SECTORS, SECTOR_LABELS)}
          isRequired
        />
        <SelectField
          form={form}
          name="supervisorUnitId"
          label="主管部门"
          placeholder="请选择"
          options={unitOptions(props.units)}
          isRequired
        />
        <TextArea
          form={form}
          name="disclosureItems"
          label="公开事项"
          hint="每行一项，如：收费标准、办事指南、服务承诺。"
          rows={5}
        />
        <TextField
          form={form}
          name="website"
          label="信息公开网址"
          hint="以 http:// 或 https:// 开头。"
          maxLength={500}
        />
        <TextField form={form} name="servicePhone" label="服务电话" maxLength={60} />
        <TextField form={form} name="address" label="地址" maxLength={200} />
        {props.editId && <SelectField form={form} name="isActive" label="状态" options={ACTIVE_OPTIONS} />}
      </Form>
    </AdminLayout>
  );
}

/** /admin/reading-rooms: the directory of 政府信息查阅点. */
export function ReadingRoomsAdminPage(props: {
  ctx: TPageCtx;
  rooms: TReadingRoom[];
  form: TFormState;
  editId?: number;
}) {
  const { form } = props;
  return (
    <AdminLayout ctx={props.ctx} title="政府信息查阅点">
      <h1>政府信息查阅点</h1>
      <table class="table">
        <caption class="visually-hidden">查阅点</caption>
        <thead>
          <tr>
            <th scope="col">名称</th>
            <th scope="col">地址</th>
            <th scope="col">开放时间</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {props.rooms.map((r) => (
            <tr>
              <td>
                <a href={`/admin/reading-rooms/${r.id}`}>{r.name}</a>
              </td>
              <td>{r.address}</td>
              <td>{r.hours}</td>
              <td>{r.isActive ? "开放" : "停用"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{props.editId ? "修改查阅点" : "新增查阅点"}</h2>
      <Form
        action={props.editId ? `/admin/reading-rooms/${props.editId}` : "/admin/reading-rooms"}
        csrfToken={props.ctx.csrfToken}
        form={form}
        submitLabel="保存"
      >
        <TextField form={form} name="name" label="名称" maxLength={100} isRequired />
        <TextField form={form} name="address" label="地址" maxLength={200} isRequired />
        <TextField form={form} name="hours" label="开放时间" maxLength={200} />
        <TextField form={form} name="phone" label="咨询电话" maxLength={60} />
        <TextField
          form={form}
          name="mapUrl"
          label="地图链接"
          hint="地图网站上该地点的网址。"
          maxLength={500}
        />
        <TextField form={form} name="services" label="服务内容" maxLength={500} />
        <TextField form={form} name="sortOrder" label="排序号" inputmode="numeric" />
        {props.editId && (
          <SelectField
            form={form}
            name="isActive"
            label="状态"
            options={[
              { value: "1", label: "开放" },
              { value: "0", label: "停用" },
            ]}
          />
        )}
      </Form>
    </AdminLayout>
  );
}
