import type { Child } from "hono/jsx";
import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import { CheckboxGroup, Form, SelectField, TextField, type TFormState } from "../../platform/ui/forms";
import { AdminLayout, PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import { ColumnChart } from "../statistics";
import type { TMonthReach } from "./alerts.repository";
import {
  AUDIENCE_LABELS,
  AUDIENCES,
  FREQUENCIES,
  FREQUENCY_LABELS,
  INDUSTRY_LABELS,
  SIZE_LABELS,
  SIZES,
  type TReach,
} from "./alerts.schemas";
import type { TEligibleItem } from "./eligibility";

const opts = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
const INDUSTRY_OPTIONS = Object.entries(INDUSTRY_LABELS).map(([value, label]) => ({
  value,
  label: `${value} ${label}`,
}));

/** The honeypot every public form carries (see the request form): people never see or fill it. */
function Honeypot() {
  return (
    <div class="hp" aria-hidden="true">
      <label for="f-website">请勿填写此项</label>
      <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
    </div>
  );
}

/** 订阅: the current catalogue filter, an address and a frequency. */
export function SubscribePage(props: {
  ctx: TPageCtx;
  form: TFormState;
  formToken: string;
  filterText: string;
  hidden: Record<string, string>;
}) {
  return (
    <PortalLayout ctx={props.ctx} title="订阅新文件提醒">
      <Breadcrumbs
        items={[
          { href: "/", label: "首页" },
          { href: "/documents", label: "信息公开目录" },
        ]}
        current="订阅"
      />
      <h1>订阅新文件提醒</h1>
      <p>
        符合以下条件的文件发布后，我们会发邮件告诉您：<strong>{props.filterText}</strong>。
        <a
          href={`/documents${Object.keys(props.hidden).length ? `?${new URLSearchParams(props.hidden)}` : ""}`}
        >
          更改条件
        </a>
      </p>
      <p class="hint">
        提交后我们先发一封确认邮件，点击其中的链接后订阅才生效。每封提醒邮件都附有一键退订链接。邮箱地址只用于发送提醒，不会公开。
      </p>
      <Form
        action="/alerts/subscribe"
        csrfToken={props.ctx.csrfToken}
        form={props.form}
        formToken={props.formToken}
        submitLabel="订阅"
      >
        {Object.entries(props.hidden).map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
        <TextField
          form={props.form}
          name="email"
          label="电子邮箱"
          type="email"
          autocomplete="email"
          isRequired
          maxLength={254}
          inputmode="email"
        />
        <SelectField
          form={props.form}
          name="frequency"
          label="发送频率"
          options={FREQUENCIES.map((f) => ({ value: f, label: FREQUENCY_LABELS[f] }))}
        />
        <Honeypot />
      </Form>
    </PortalLayout>
  );
}

/** A short page with a heading and a message (sent, confirmed, ended, invalid link). */
export function NoticePage(props: { ctx: TPageCtx; title: string; children: Child }) {
  return (
    <PortalLayout ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      {props.children}
    </PortalLayout>
  );
}

/** The landing page of a confirmation link: a button, so a mail scanner's visit confirms nothing. */
export function ConfirmPage(props: { ctx: TPageCtx; token: string; what: string }) {
  return (
    <NoticePage ctx={props.ctx} title="确认订阅">
      <p>请确认：{props.what}。</p>
      <Form
        action={`/alerts/confirm/${props.token}`}
        csrfToken={props.ctx.csrfToken}
        submitLabel="确认订阅"
      />
    </NoticePage>
  );
}

/** 管理订阅: what is subscribed, the frequency, and unsubscribing. */
export function ManagePage(props: {
  ctx: TPageCtx;
  token: string;
  what: string;
  status: "pending" | "active" | "ended";
  frequency?: string;
  documentId: number | null;
}) {
  const form: TFormState = { values: { frequency: props.frequency }, errors: {} };
  const query = props.documentId ? `?document=${props.documentId}` : "";
  return (
    <NoticePage ctx={props.ctx} title="管理订阅">
      <p>
        订阅内容：<strong>{props.what}</strong>
      </p>
      {props.status === "ended" ? (
        <p role="status">此订阅已退订，您不会再收到相关邮件。</p>
      ) : (
        <>
          {props.status === "pending" && <p>此订阅尚未确认，请点击确认邮件中的链接。</p>}
          {props.frequency && props.status === "active" && (
            <Form
              action={`/alerts/manage/${props.token}/frequency`}
              csrfToken={props.ctx.csrfToken}
              form={form}
              submitLabel="保存发送频率"
            >
              <SelectField
                form={form}
                name="frequency"
                label="发送频率"
                options={FREQUENCIES.map((f) => ({ value: f, label: FREQUENCY_LABELS[f] }))}
              />
            </Form>
          )}
          <h2>退订</h2>
          <p>退订后不再发送此订阅的任何邮件。</p>
          <Form
            action={`/alerts/manage/${props.token}/unsubscribe${query}`}
            csrfToken={props.ctx.csrfToken}
            submitLabel="退订"
            isDanger
          />
        </>
      )}
    </NoticePage>
  );
}

/** 政策找人: the questionnaire, and the matching policies with their reasons. */
export function EligibilityPage(props: {
  ctx: TPageCtx;
  form: TFormState;
  formToken: string;
  attributes: { audience: string; name: string }[];
  subdistricts: string[];
  results: TEligibleItem[] | null;
  keptNotice?: string;
}) {
  const { form } = props;
  const names = (a: string) =>
    props.attributes.filter((x) => x.audience === a).map((x) => ({ value: x.name, label: x.name }));
  return (
    <PortalLayout ctx={props.ctx} title="政策找人">
      <Breadcrumbs
        items={[
          { href: "/", label: "首页" },
          { href: "/services", label: "政策服务" },
        ]}
        current="政策找人"
      />
      <h1>政策找人</h1>
      <p>
        回答几个问题，查看适用于您或您企业的现行有效政策及适用理由。无需注册；不留邮箱时，您的回答不会保存。
      </p>
      {props.results && (
        <section class="eligibility-results" aria-labelledby="eligibility-results">
          <h2 id="eligibility-results" tabindex={-1}>
            找到 {props.results.length} 项适用的政策
          </h2>
          {props.keptNotice && <p role="status">{props.keptNotice}</p>}
          {props.results.length === 0 ? (
            <p>
              暂未找到与您情况相符的政策。您可以调整回答，或<a href="/documents">浏览全部政策文件</a>。
            </p>
          ) : (
            <ol class="doc-list">
              {props.results.map((r) => (
                <li>
                  <h3>
                    <a href={`/documents/${r.documentId}`}>{r.title}</a>
                  </h3>
                  {r.docNumber && <p class="doc-meta">{r.docNumber}</p>}
                  <p class="eligibility-reasons">适用理由：{r.reasons.join("；")}</p>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
      <Form
        action="/eligibility"
        csrfToken={props.ctx.csrfToken}
        form={form}
        formToken={props.formToken}
        submitLabel="查找适用政策"
      >
        <SelectField
          form={form}
          name="audience"
          label="您是"
          isRequired
          options={AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABELS[a] }))}
        />
        <SelectField
          form={form}
          name="subdistrict"
          label="所在街道"
          placeholder="不填"
          options={props.subdistricts.map((s) => ({ value: s, label: s }))}
        />
        <fieldset class="group">
          <legend>个人填写</legend>
          <TextField form={form} name="age" label="年龄（周岁）" inputmode="numeric" maxLength={3} />
          <CheckboxGroup
            form={form}
            name="personAttributes"
            label="个人情况（可多选）"
            options={names("person")}
          />
        </fieldset>
        <fieldset class="group">
          <legend>企业填写</legend>
          <SelectField
            form={form}
            name="industry"
            label="所属行业（国民经济行业分类门类）"
            placeholder="不填"
            options={INDUSTRY_OPTIONS}
          />
          <SelectField
            form={form}
            name="size"
            label="企业规模（统计上大中小微型企业划分）"
            placeholder="不填"
            options={SIZES.map((s) => ({ value: s, label: SIZE_LABELS[s] }))}
          />
          <CheckboxGroup
            form={form}
            name="enterpriseAttributes"
            label="企业情况（可多选）"
            options={names("enterprise")}
          />
        </fieldset>
        <fieldset class="group">
          <legend>有新政策时通知我（可选）</legend>
          <TextField
            form={form}
            name="email"
            label="电子邮箱"
            type="email"
            autocomplete="email"
            maxLength={254}
            inputmode="email"
            hint="填写邮箱并勾选同意后，我们保存以上回答，在发布符合您情况的新政策时发邮件告诉您；可随时退订。"
          />
          <CheckboxGroup
            form={form}
            name="consent"
            label="同意"
            options={[{ value: "1", label: "我同意保存以上回答并接收政策推送邮件" }]}
          />
        </fieldset>
        <Honeypot />
      </Form>
    </PortalLayout>
  );
}

/** The section of the back-office document page: who the policy is for. */
export async function EligibilityPanel(props: {
  documentId: number;
  csrfToken: string;
  form: TFormState;
  attributes: { audience: string; name: string }[];
  subdistricts: string[];
  canEdit: boolean;
}) {
  const { form } = props;
  const list = (v: unknown) => (Array.isArray(v) ? v.join("、") : "");
  if (!props.canEdit)
    return (
      <section class="eligibility-panel" aria-labelledby="eligibility-panel">
        <h2 id="eligibility-panel">政策找人：适用对象</h2>
        <p>
          面向：{list(form.values.audiences) || "不限"}；街道：{list(form.values.subdistricts) || "不限"}
        </p>
      </section>
    );
  return (
    <section class="eligibility-panel" aria-labelledby="eligibility-panel">
      <h2 id="eligibility-panel">政策找人：适用对象</h2>
      <p class="hint">
        不勾选的项目表示不限。所列“情况”中符合任意一项即可。保存后，已发布的文件会推送给情况相符、已确认的登记人。
      </p>
      <Form
        action={`/admin/documents/${props.documentId}/eligibility`}
        csrfToken={props.csrfToken}
        form={form}
        submitLabel="保存适用对象"
      >
        <CheckboxGroup form={form} name="audiences" label="面向" options={opts(AUDIENCE_LABELS)} />
        <CheckboxGroup
          form={form}
          name="subdistricts"
          label="街道"
          options={props.subdistricts.map((s) => ({ value: s, label: s }))}
        />
        <CheckboxGroup form={form} name="industries" label="行业门类（企业）" options={INDUSTRY_OPTIONS} />
        <CheckboxGroup form={form} name="sizes" label="企业规模" options={opts(SIZE_LABELS)} />
        <CheckboxGroup
          form={form}
          name="attributes"
          label="情况（个人或企业）"
          options={props.attributes.map((a) => ({
            value: a.name,
            label: `${a.name}（${AUDIENCE_LABELS[a.audience as "person"]}）`,
          }))}
        />
        <TextField form={form} name="ageMin" label="最低年龄（周岁）" inputmode="numeric" maxLength={3} />
        <TextField form={form} name="ageMax" label="最高年龄（周岁）" inputmode="numeric" maxLength={3} />
        <TextField form={form} name="startsOn" label="申请开始日期" type="date" />
        <TextField form={form} name="endsOn" label="申请截止日期" type="date" />
      </Form>
    </section>
  );
}

const REACH_COLUMNS = ["匹配", "已发送", "已送达", "退信", "退订"];
const reachCells = (r: TReach) => [r.matched, r.sent, r.delivered, r.bounced, r.unsubscribed];
const rate = (r: TReach) => (r.sent > 0 ? `${((r.delivered / r.sent) * 100).toFixed(1)}%` : "—");

/** 推送与到达率: per month and per document, the audience, webhooks and questionnaire attributes. */
export function ReachPage(props: {
  ctx: TPageCtx;
  year: number;
  months: TMonthReach[];
  documents: (TReach & { documentId: number; title: string })[];
  counts: { subscriptions: number; pending: number; profiles: number; webhooks: number };
  webhooks: { id: number; url: string; is_active: boolean }[];
  attributes: { audience: string; name: string }[];
  attributeForm: TFormState;
  canManage: boolean;
}) {
  const total = props.months.reduce(
    (a, m) => ({
      matched: a.matched + m.matched,
      sent: a.sent + m.sent,
      delivered: a.delivered + m.delivered,
      bounced: a.bounced + m.bounced,
      unsubscribed: a.unsubscribed + m.unsubscribed,
    }),
    { matched: 0, sent: 0, delivered: 0, bounced: 0, unsubscribed: 0 },
  );
  return (
    <AdminLayout ctx={props.ctx} title="政策推送与到达率">
      <h1>政策推送与到达率（{props.year}年）</h1>
      <form method="get" action="/admin/alerts" class="reach-year">
        <label for="f-year">年份</label>
        <input id="f-year" name="year" type="number" min={2000} max={2100} value={String(props.year)} />
        <button type="submit" class="button">
          查看
        </button>
      </form>
      <p class="stats-key">
        有效订阅 <strong>{props.counts.subscriptions}</strong> 个（待确认 {props.counts.pending}{" "}
        个），政策找人登记 <strong>{props.counts.profiles}</strong> 人；全年匹配{" "}
        <strong>{total.matched}</strong> 人次，发送 {total.sent} 封，送达 {total.delivered} 封（到达率{" "}
        {rate(total)}），退信 {total.bounced} 封，经邮件退订 {total.unsubscribed} 个。
      </p>
      <section aria-labelledby="reach-months">
        <h2 id="reach-months">每月推送</h2>
        <div class="stats-figure">
          <div class="stats-chart">
            <ColumnChart
              id="chart-reach-months"
              title={`${props.year}年每月送达的提醒邮件`}
              desc={props.months.map((m) => `${m.month}月 ${m.delivered} 封`).join("，")}
              data={props.months.map((m) => ({ label: `${m.month}月`, value: m.delivered }))}
            />
          </div>
          <section class="stats-table" aria-label="每月推送数据表" tabindex={0}>
            <DataTable
              caption={`${props.year}年每月推送`}
              columns={["月份", ...REACH_COLUMNS, "到达率"]}
              className="stats-numbers"
            >
              {props.months.map((m) => (
                <tr>
                  <th scope="row">{m.month}月</th>
                  {reachCells(m).map((n) => (
                    <td>{n}</td>
                  ))}
                  <td>{rate(m)}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        </div>
      </section>
      <section aria-labelledby="reach-docs">
        <h2 id="reach-docs">按文件</h2>
        {props.documents.length === 0 ? (
          <p>本年还没有推送。</p>
        ) : (
          <DataTable caption="按文件的推送数字" columns={["文件", ...REACH_COLUMNS, "到达率"]}>
            {props.documents.map((d) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/documents/${d.documentId}`}>{d.title}</a>
                </th>
                {reachCells(d).map((n) => (
                  <td>{n}</td>
                ))}
                <td>{rate(d)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <p class="hint">
          匹配：文件发布时条件相符的订阅邮箱和政策找人登记人（每个邮箱每份文件只计一次）；已发送：交给邮件服务器的；已送达：邮件服务器接收的；退信：被收件方永久拒收的；退订：从该文件的提醒邮件退订的。
        </p>
      </section>
      {props.canManage && (
        <>
          <section aria-labelledby="reach-attributes">
            <h2 id="reach-attributes">政策找人的“情况”选项</h2>
            <p>
              个人：
              {props.attributes
                .filter((a) => a.audience === "person")
                .map((a) => a.name)
                .join("、")}
              <br />
              企业：
              {props.attributes
                .filter((a) => a.audience === "enterprise")
                .map((a) => a.name)
                .join("、")}
            </p>
            <Form
              action="/admin/alerts/attributes"
              csrfToken={props.ctx.csrfToken}
              form={props.attributeForm}
              submitLabel="添加选项"
            >
              <SelectField
                form={props.attributeForm}
                name="audience"
                label="适用于"
                options={AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABELS[a] }))}
              />
              <TextField form={props.attributeForm} name="name" label="名称" maxLength={30} isRequired />
            </Form>
          </section>
          <section aria-labelledby="reach-webhooks">
            <h2 id="reach-webhooks">接口推送（Webhook）</h2>
            <p>
              共 {props.counts.webhooks} 个启用的接收网址。登记与停用请使用接口{" "}
              <code>POST /api/v1/webhooks</code>（见接口文档）。
            </p>
            {props.webhooks.length > 0 && (
              <DataTable caption="接收网址" columns={["编号", "网址", "状态"]}>
                {props.webhooks.map((w) => (
                  <tr>
                    <td>{w.id}</td>
                    <td>{w.url}</td>
                    <td>{w.is_active ? "启用" : "已停用"}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        </>
      )}
    </AdminLayout>
  );
}
