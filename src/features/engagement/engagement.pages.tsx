// Public pages of 公众参与: the landing page, meetings (列席), open days, surveys and their results.
// Every form posts without JavaScript; names are masked and phones never shown.
import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import { Form, SelectField, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import { BarChart } from "../statistics";
import type { TMeetingRow, TOpenDayRow, TSurveyRow } from "./engagement.repository";
import { REGISTRANT_KIND_LABELS, REGISTRANT_KINDS, type TRegistrantKind } from "./engagement.schemas";
import type { TPublicMeeting } from "./meetings";
import type { TOpenDayReceipt } from "./open-days";
import { percent, SCALE_POINTS, type TSurveyResults } from "./survey-results";
import { surveyState, type TSurveyState } from "./surveys";

const HOME = { href: "/participation", label: "公众参与" };
const SURVEY_STATE_LABELS: Record<TSurveyState, string> = {
  upcoming: "未开始",
  open: "进行中",
  closed: "已截止",
};
const kindLabel = (k: string) => REGISTRANT_KIND_LABELS[k as TRegistrantKind] ?? k;
type TUnitName = (id: number) => string;

/** A visually hidden field that people never fill in; automated posters do. */
function Honeypot() {
  return (
    <div class="hp" aria-hidden="true">
      <label for="f-website">请勿填写此项</label>
      <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
    </div>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n+/)
        .filter((p) => p.trim())
        .map((p) => (
          <p>{p}</p>
        ))}
    </>
  );
}

export function ParticipationPage(props: {
  ctx: TPageCtx;
  meetings: TMeetingRow[];
  openDays: TOpenDayRow[];
  surveys: TSurveyRow[];
  today: string;
}) {
  const { ctx, today } = props;
  return (
    <PortalLayout ctx={ctx} title="公众参与">
      <h1>公众参与</h1>
      <p class="lead">
        重大行政决策事项目录、决策草案公开征求意见及采纳情况、公众代表列席会议、政府开放活动和问卷调查，都在这里。
      </p>
      <div class="cards participation-cards">
        <section class="card" aria-labelledby="p-decisions">
          <h2 id="p-decisions">
            <a href="/decisions">重大行政决策事项目录</a>
          </h2>
          <p>
            各单位年度重大行政决策事项，及其草案、征求意见、专家论证、风险评估、合法性审查、集体讨论和决策结果。
          </p>
        </section>
        <section class="card" aria-labelledby="p-consultations">
          <h2 id="p-consultations">
            <a href="/consultations">意见征集</a>
          </h2>
          <p>正在征求意见的决策草案在前；已结束的征集公布意见采纳情况和不予采纳的理由。</p>
        </section>
        <section class="card" aria-labelledby="p-meetings">
          <h2 id="p-meetings">
            <a href="/meetings">列席会议</a>
          </h2>
          <p>公开报名列席政府会议，以公开种子抽签确定列席代表，任何人可以复算。</p>
          <ul>
            {props.meetings.slice(0, 3).map((m) => (
              <li>
                <a href={`/meetings/${m.id}`}>{m.title}</a>（{m.heldAt}
                {!m.drawPublishedAt && today <= m.registrationClosesAt ? "，报名中" : ""}）
              </li>
            ))}
          </ul>
          <p>
            <a href="/meetings/feed.xml">列席会议 RSS 订阅</a>
          </p>
        </section>
        <section class="card" aria-labelledby="p-open-days">
          <h2 id="p-open-days">
            <a href="/open-days">政府开放活动</a>
          </h2>
          <p>走进政府机关和服务场所，现场答疑、座谈和问卷调查。</p>
          <ul>
            {props.openDays.slice(0, 3).map((d) => (
              <li>
                <a href={`/open-days/${d.id}`}>{d.title}</a>（{d.heldAt}）
              </li>
            ))}
          </ul>
          <p>
            <a href="/open-days/feed.xml">开放活动 RSS 订阅</a>
          </p>
        </section>
        <section class="card" aria-labelledby="p-surveys">
          <h2 id="p-surveys">
            <a href="/surveys">问卷调查</a>
          </h2>
          <p>填写问卷，查看统计结果和意见建议的采纳情况。</p>
          <ul>
            {props.surveys.slice(0, 3).map((s) => (
              <li>
                <a href={`/surveys/${s.id}`}>{s.title}</a>（{SURVEY_STATE_LABELS[surveyState(s, today)]}）
              </li>
            ))}
          </ul>
          <p>
            <a href="/surveys/feed.xml">问卷调查 RSS 订阅</a>
          </p>
        </section>
        <section class="card" aria-labelledby="p-accountability">
          <h2 id="p-accountability">
            <a href="/accountability">重点工作进展</a>
          </h2>
          <p>年度重点工作和民生实事逐项公开：责任单位、进度、经审核的最新进展及佐证材料。</p>
        </section>
      </div>
    </PortalLayout>
  );
}

export function MeetingsPage({
  ctx,
  meetings,
  unitName,
  today,
}: {
  ctx: TPageCtx;
  meetings: TMeetingRow[];
  unitName: TUnitName;
  today: string;
}) {
  return (
    <PortalLayout ctx={ctx} title="列席会议">
      <Breadcrumbs items={[HOME]} current="列席会议" />
      <h1>列席会议</h1>
      <p class="lead">
        群众代表、专家、媒体和利益相关方可以报名列席政府会议。报名截止后，以事先公布的公开种子抽签确定列席代表，抽签方法见各会议页面。
        <a href="/meetings/feed.xml">RSS 订阅</a>
      </p>
      {meetings.length === 0 ? (
        <p>暂无会议。</p>
      ) : (
        <DataTable caption="列席会议列表" columns={["会议", "单位", "会议日期", "席位", "报名截止", "状态"]}>
          {meetings.map((m) => (
            <tr>
              <td>
                <a href={`/meetings/${m.id}`}>{m.title}</a>
              </td>
              <td>{unitName(m.unitId)}</td>
              <td>{m.heldAt}</td>
              <td>{m.seats}</td>
              <td>{m.registrationClosesAt}</td>
              <td>
                {m.drawPublishedAt
                  ? "已公布抽签结果"
                  : today <= m.registrationClosesAt
                    ? "报名中"
                    : "报名已截止"}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </PortalLayout>
  );
}

export function MeetingPage(props: {
  ctx: TPageCtx;
  meeting: TPublicMeeting;
  unitName: string;
  form: TFormState;
  formToken: string;
}) {
  const { ctx, meeting: m, form } = props;
  return (
    <PortalLayout ctx={ctx} title={m.title}>
      <Breadcrumbs items={[HOME, { href: "/meetings", label: "列席会议" }]} current={m.title} />
      <h1>{m.title}</h1>
      <dl class="engagement-facts">
        <dt>召开单位</dt>
        <dd>{props.unitName}</dd>
        <dt>会议日期</dt>
        <dd>{m.heldAt}</dd>
        <dt>公众列席席位</dt>
        <dd>{m.seats} 个</dd>
        <dt>报名截止</dt>
        <dd>{m.registrationClosesAt}（含当日）</dd>
        <dt>已报名</dt>
        <dd>{m.registrationCount} 人</dd>
      </dl>
      {m.summary && <Paragraphs text={m.summary} />}
      {m.isOpen && (
        <section aria-labelledby="m-register">
          <h2 id="m-register">报名列席</h2>
          <p>电话只用于通知抽签结果，不会公开；抽签结果只公布姓氏（如“王**”）。</p>
          <Form
            action={`/meetings/${m.id}/register`}
            csrfToken={ctx.csrfToken}
            form={form}
            formToken={props.formToken}
            submitLabel="提交报名"
          >
            <TextField form={form} name="name" label="姓名" isRequired autocomplete="name" maxLength={50} />
            <TextField
              form={form}
              name="phone"
              label="联系电话"
              isRequired
              type="tel"
              autocomplete="tel"
              inputmode="tel"
              maxLength={30}
            />
            <SelectField
              form={form}
              name="kind"
              label="报名身份"
              isRequired
              placeholder="请选择"
              options={REGISTRANT_KINDS.map((k) => ({ value: k, label: REGISTRANT_KIND_LABELS[k] }))}
            />
            <TextArea
              form={form}
              name="reason"
              label="报名理由"
              hint="说明您与会议议题的关系或希望发表的意见，2000 字以内。"
              isRequired
              rows={4}
              maxLength={2000}
            />
            <Honeypot />
          </Form>
        </section>
      )}
      {!m.isOpen && !m.draw && <p class="notice">报名已截止，抽签结果公布后将在本页显示。</p>}
      {m.draw && <DrawResult meeting={m} />}
      {m.opinions.length > 0 && (
        <section aria-labelledby="m-opinions">
          <h2 id="m-opinions">列席代表意见及采纳情况</h2>
          <DataTable caption="列席代表意见及采纳情况" columns={["发言人", "意见", "采纳情况"]}>
            {m.opinions.map((o) => (
              <tr>
                <td>{o.speaker || "列席代表"}</td>
                <td>{o.opinion}</td>
                <td>{o.outcome || "研究中"}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}
    </PortalLayout>
  );
}

function DrawResult({ meeting: m }: { meeting: TPublicMeeting }) {
  const draw = m.draw;
  if (!draw) return null;
  const selected = new Set(draw.selected.map((s) => s.id));
  return (
    <section aria-labelledby="m-draw">
      <h2 id="m-draw">抽签结果</h2>
      <p>
        公开种子：<strong class="draw-seed">{draw.seed}</strong>。公布时间：{draw.publishedAt.slice(0, 10)}。
      </p>
      <h3>列席代表（按抽中顺序）</h3>
      <ol>
        {draw.selected.map((s) => (
          <li>
            {s.name}（{kindLabel(s.kind)}，报名编号 {s.id}）
          </li>
        ))}
      </ol>
      <details class="draw-method">
        <summary>如何复算抽签结果</summary>
        <p>
          对下表每个报名编号 r，计算 HMAC-SHA256，密钥为公开种子（UTF-8），消息为
          <code>meeting:{m.id}:registration:r</code>
          ，得到十六进制字符串；按字符串从小到大排列，取前 {m.seats} 个（报名不足时全部入选）。例如：
        </p>
        <pre>
          printf 'meeting:{m.id}:registration:{draw.registrations[0]?.id ?? 1}' | openssl dgst -sha256 -hmac '
          {draw.seed}'
        </pre>
      </details>
      <h3>参加抽签的全部报名（按报名先后）</h3>
      <DataTable caption="参加抽签的全部报名" columns={["报名编号", "姓名", "身份", "结果"]}>
        {draw.registrations.map((r) => (
          <tr>
            <td>{r.id}</td>
            <td>{r.name}</td>
            <td>{kindLabel(r.kind)}</td>
            <td>{selected.has(r.id) ? "抽中" : "未抽中"}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

export function MeetingReceiptPage({
  ctx,
  meetingId,
  receiptId,
}: {
  ctx: TPageCtx;
  meetingId: number;
  receiptId: number;
}) {
  return (
    <PortalLayout ctx={ctx} title="报名已提交">
      <h1>报名已提交</h1>
      <p class="flash" role="status">
        您的报名编号为 <strong>{receiptId || "—"}</strong>
        。报名截止后将公开抽签，结果在会议页面公布，并以电话通知入选者。
      </p>
      <p>
        <a href={`/meetings/${meetingId}`}>返回会议页面</a>
      </p>
    </PortalLayout>
  );
}

export function OpenDaysPage({
  ctx,
  openDays,
  counts,
  unitName,
}: {
  ctx: TPageCtx;
  openDays: TOpenDayRow[];
  counts: Map<number, { confirmed: number; waiting: number }>;
  unitName: TUnitName;
}) {
  return (
    <PortalLayout ctx={ctx} title="政府开放活动">
      <Breadcrumbs items={[HOME]} current="政府开放活动" />
      <h1>政府开放活动</h1>
      <p class="lead">
        报名参加政府开放活动；名额已满时可以候补，有人取消后候补者按报名先后自动递补。
        <a href="/open-days/feed.xml">RSS 订阅</a>
      </p>
      {openDays.length === 0 ? (
        <p>暂无开放活动。</p>
      ) : (
        <DataTable caption="政府开放活动列表" columns={["活动", "单位", "日期", "名额", "剩余名额"]}>
          {openDays.map((d) => (
            <tr>
              <td>
                <a href={`/open-days/${d.id}`}>{d.title}</a>
              </td>
              <td>{unitName(d.unitId)}</td>
              <td>{d.heldAt}</td>
              <td>{d.capacity}</td>
              <td>{Math.max(0, d.capacity - (counts.get(d.id)?.confirmed ?? 0))}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </PortalLayout>
  );
}

export function OpenDayPage(props: {
  ctx: TPageCtx;
  day: TOpenDayRow;
  counts: { confirmed: number; waiting: number };
  unitName: string;
  surveys: TSurveyRow[];
  form: TFormState;
  formToken: string;
  today: string;
}) {
  const { ctx, day: d, counts, form } = props;
  const left = Math.max(0, d.capacity - counts.confirmed);
  const isOpen = props.today <= d.registrationClosesAt;
  return (
    <PortalLayout ctx={ctx} title={d.title}>
      <Breadcrumbs items={[HOME, { href: "/open-days", label: "政府开放活动" }]} current={d.title} />
      <h1>{d.title}</h1>
      <dl class="engagement-facts">
        <dt>主办单位</dt>
        <dd>{props.unitName}</dd>
        <dt>活动日期</dt>
        <dd>{d.heldAt}</dd>
        {d.place && (
          <>
            <dt>地点</dt>
            <dd>{d.place}</dd>
          </>
        )}
        <dt>名额</dt>
        <dd>
          {d.capacity} 人，剩余 {left} 人{counts.waiting > 0 ? `，候补 ${counts.waiting} 人` : ""}
        </dd>
        <dt>报名截止</dt>
        <dd>{d.registrationClosesAt}（含当日）</dd>
      </dl>
      {d.summary && <Paragraphs text={d.summary} />}
      {isOpen ? (
        <section aria-labelledby="o-register">
          <h2 id="o-register">{left > 0 ? "报名参加" : "报名候补"}</h2>
          <p>
            {left > 0 ? "名额未满，提交后即确认。" : "名额已满，提交后进入候补，有人取消后按报名先后递补。"}
            提交后会给出取消凭证，请妥善保存，取消报名时需要它。
          </p>
          <Form
            action={`/open-days/${d.id}/register`}
            csrfToken={ctx.csrfToken}
            form={form}
            formToken={props.formToken}
            submitLabel={left > 0 ? "提交报名" : "报名候补"}
          >
            <TextField form={form} name="name" label="姓名" isRequired autocomplete="name" maxLength={50} />
            <TextField
              form={form}
              name="phone"
              label="联系电话"
              isRequired
              type="tel"
              autocomplete="tel"
              inputmode="tel"
              maxLength={30}
            />
            <Honeypot />
          </Form>
        </section>
      ) : (
        <p class="notice">报名已截止。</p>
      )}
      <p>
        <a href={`/open-days/${d.id}/cancel`}>取消报名</a>
      </p>
      {props.surveys.length > 0 && (
        <section aria-labelledby="o-surveys">
          <h2 id="o-surveys">活动问卷</h2>
          <ul>
            {props.surveys.map((s) => (
              <li>
                <a href={`/surveys/${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.feedbackPublishedAt && (
        <section aria-labelledby="o-feedback">
          <h2 id="o-feedback">意见建议及采纳情况</h2>
          <Paragraphs text={d.feedback} />
        </section>
      )}
    </PortalLayout>
  );
}

export function OpenDayReceiptPage({
  ctx,
  dayId,
  receipt,
}: {
  ctx: TPageCtx;
  dayId: number;
  receipt: TOpenDayReceipt;
}) {
  return (
    <PortalLayout ctx={ctx} title="报名已提交">
      <h1>{receipt.status === "confirmed" ? "报名成功" : "已进入候补"}</h1>
      <p class="flash" role="status">
        {receipt.status === "confirmed"
          ? "您的名额已确认。"
          : `名额已满，您是候补第 ${receipt.position} 位；有人取消后将按报名先后递补，递补后电话通知。`}
      </p>
      <dl class="engagement-facts">
        <dt>取消凭证</dt>
        <dd>
          <strong class="cancel-token">{receipt.token}</strong>
        </dd>
      </dl>
      <p>请记下取消凭证。如不能参加，请在活动前凭它取消报名，把名额让给候补的人。本页关闭后不会再显示。</p>
      <p>
        <a href={`/open-days/${dayId}/cancel`}>取消报名</a> · <a href={`/open-days/${dayId}`}>返回活动页面</a>
      </p>
    </PortalLayout>
  );
}

export function CancelPage({
  ctx,
  day,
  form,
  done,
}: {
  ctx: TPageCtx;
  day: TOpenDayRow;
  form: TFormState;
  done?: boolean;
}) {
  return (
    <PortalLayout ctx={ctx} title="取消报名">
      <Breadcrumbs
        items={[
          HOME,
          { href: "/open-days", label: "政府开放活动" },
          { href: `/open-days/${day.id}`, label: day.title },
        ]}
        current="取消报名"
      />
      <h1>取消报名：{day.title}</h1>
      {done ? (
        <p class="flash" role="status">
          已取消报名。谢谢您把名额让给其他人。
        </p>
      ) : (
        <Form
          action={`/open-days/${day.id}/cancel`}
          csrfToken={ctx.csrfToken}
          form={form}
          submitLabel="取消报名"
          isDanger
        >
          <TextField
            form={form}
            name="token"
            label="取消凭证"
            hint="报名成功时页面上给出的一串字母和数字。"
            isRequired
            maxLength={100}
            autocomplete="off"
          />
        </Form>
      )}
    </PortalLayout>
  );
}

export function SurveysPage({
  ctx,
  surveys,
  unitName,
  today,
}: {
  ctx: TPageCtx;
  surveys: TSurveyRow[];
  unitName: TUnitName;
  today: string;
}) {
  return (
    <PortalLayout ctx={ctx} title="问卷调查">
      <Breadcrumbs items={[HOME]} current="问卷调查" />
      <h1>问卷调查</h1>
      <p class="lead">
        填写问卷，查看统计结果和意见建议的吸收采纳情况。<a href="/surveys/feed.xml">RSS 订阅</a>
      </p>
      {surveys.length === 0 ? (
        <p>暂无问卷。</p>
      ) : (
        <DataTable caption="问卷调查列表" columns={["问卷", "单位", "起止日期", "状态", "结果"]}>
          {surveys.map((s) => (
            <tr>
              <td>
                <a href={`/surveys/${s.id}`}>{s.title}</a>
              </td>
              <td>{unitName(s.unitId)}</td>
              <td>
                {s.opensAt} 至 {s.closesAt}
              </td>
              <td>{SURVEY_STATE_LABELS[surveyState(s, today)]}</td>
              <td>
                <a href={`/surveys/${s.id}/results`}>查看结果</a>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </PortalLayout>
  );
}

/** The survey form: one fieldset per question; radio buttons for single choice and the scale. */
export function SurveyPage(props: {
  ctx: TPageCtx;
  survey: TSurveyRow;
  unitName: string;
  form: TFormState;
  formToken: string;
  today: string;
  hasAnswered: boolean;
}) {
  const { ctx, survey: s, form } = props;
  const state = surveyState(s, props.today);
  const val = (i: number) => form.values[`q${i}`];
  const chosen = (i: number, v: string) => {
    const x = val(i);
    return Array.isArray(x) ? x.map(String).includes(v) : String(x ?? "") === v;
  };
  return (
    <PortalLayout ctx={ctx} title={s.title}>
      <Breadcrumbs items={[HOME, { href: "/surveys", label: "问卷调查" }]} current={s.title} />
      <h1>{s.title}</h1>
      <p>
        {props.unitName} · {s.opensAt} 至 {s.closesAt} · {SURVEY_STATE_LABELS[state]} ·{" "}
        <a href={`/surveys/${s.id}/results`}>查看结果</a>
      </p>
      {s.summary && <Paragraphs text={s.summary} />}
      {state !== "open" ? (
        <p class="notice">{state === "upcoming" ? "问卷尚未开始。" : "问卷已截止，感谢参与。"}</p>
      ) : props.hasAnswered ? (
        <p class="notice">您已经提交过本问卷，每人只能提交一次。</p>
      ) : (
        <Form
          action={`/surveys/${s.id}`}
          csrfToken={ctx.csrfToken}
          form={form}
          formToken={props.formToken}
          submitLabel="提交问卷"
        >
          {s.questions.map((q, i) => {
            const name = `q${i}`;
            const error = form.errors[`answers.${i}`];
            const label = `${i + 1}. ${q.text}`;
            if (q.kind === "text")
              return (
                <div class={error ? "field has-error" : "field"}>
                  <label for={`f-${name}`}>{label}（选填）</label>
                  {error && (
                    <p class="field-error" id={`f-answers.${i}-error`}>
                      {error}
                    </p>
                  )}
                  <textarea id={`f-${name}`} name={name} rows={3} maxlength={2000}>
                    {String(val(i) ?? "")}
                  </textarea>
                </div>
              );
            const options =
              q.kind === "scale"
                ? SCALE_POINTS.map((p) => ({ value: String(p), label: `${p} 分` }))
                : (q.options ?? []).map((o, oi) => ({ value: String(oi), label: o }));
            const type = q.kind === "multiple" ? "checkbox" : "radio";
            return (
              <fieldset
                id={`f-answers.${i}`}
                class={error ? "field survey-question has-error" : "field survey-question"}
                aria-describedby={error ? `f-answers.${i}-error` : undefined}
              >
                <legend>
                  {label}
                  {q.kind === "multiple" ? "（可多选）" : q.kind === "scale" ? "（1 分最低，5 分最高）" : ""}
                </legend>
                {error && (
                  <p class="field-error" id={`f-answers.${i}-error`}>
                    <span class="visually-hidden">错误：</span>
                    {error}
                  </p>
                )}
                {options.map((o, oi) => (
                  <div class="check">
                    <input
                      type={type}
                      id={`f-${name}-${oi}`}
                      name={name}
                      value={o.value}
                      checked={chosen(i, o.value)}
                    />
                    <label for={`f-${name}-${oi}`}>{o.label}</label>
                  </div>
                ))}
              </fieldset>
            );
          })}
          <Honeypot />
        </Form>
      )}
    </PortalLayout>
  );
}

export function SurveyThanksPage({ ctx, survey }: { ctx: TPageCtx; survey: TSurveyRow }) {
  return (
    <PortalLayout ctx={ctx} title="问卷已提交">
      <h1>问卷已提交</h1>
      <p class="flash" role="status">
        感谢您参与“{survey.title}”。
      </p>
      <p>
        <a href={`/surveys/${survey.id}/results`}>查看统计结果</a>
      </p>
    </PortalLayout>
  );
}

/** The results: for each choice question a bar chart and, beside it, a table with counts and percentages. */
export function SurveyResultsView({ survey: s, results }: { survey: TSurveyRow; results: TSurveyResults }) {
  return (
    <>
      <p>
        共收到 <strong>{results.responses}</strong>{" "}
        份答卷。多选题的百分比为选择该项的人数占答卷数的比例，合计可能超过 100%。
      </p>
      {s.questions.map((q, i) => {
        const r = results.questions[i];
        const heading = `${i + 1}. ${q.text}`;
        if (!r?.counts)
          return (
            <section aria-labelledby={`r-q${i}`}>
              <h2 id={`r-q${i}`}>{heading}</h2>
              <p>文字题：回答原文不公开，其中的意见建议经整理后在“意见建议及采纳情况”中公布。</p>
            </section>
          );
        const labels = q.kind === "scale" ? SCALE_POINTS.map((p) => `${p} 分`) : (q.options ?? []);
        const data = r.counts.map((n, oi) => ({
          label: labels[oi] ?? "",
          value: n,
          text: `${n}（${percent(n, results.responses)}）`,
        }));
        return (
          <section aria-labelledby={`r-q${i}`}>
            <h2 id={`r-q${i}`}>{heading}</h2>
            {r.mean !== null && <p>平均分：{r.mean.toFixed(2)}（满分 5 分）</p>}
            <div class="stats-figure">
              <div class="stats-chart">
                <BarChart
                  id={`chart-q${i}`}
                  title={heading}
                  desc={data.map((d) => `${d.label} ${d.text}`).join("；")}
                  data={data}
                />
              </div>
              <section class="stats-table" aria-label={`${heading}：数据表`} tabindex={0}>
                <table class="table stats-numbers">
                  <caption class="visually-hidden">{heading}</caption>
                  <thead>
                    <tr>
                      <th scope="col">选项</th>
                      <th scope="col">人数</th>
                      <th scope="col">比例</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.map((d, oi) => (
                      <tr>
                        <th scope="row">{d.label}</th>
                        <td>{r.counts?.[oi]}</td>
                        <td>{percent(d.value, results.responses)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </div>
          </section>
        );
      })}
    </>
  );
}

export function SurveyResultsPage({
  ctx,
  survey: s,
  results,
}: {
  ctx: TPageCtx;
  survey: TSurveyRow;
  results: TSurveyResults;
}) {
  return (
    <PortalLayout ctx={ctx} title={`${s.title}：统计结果`}>
      <Breadcrumbs
        items={[HOME, { href: "/surveys", label: "问卷调查" }, { href: `/surveys/${s.id}`, label: s.title }]}
        current="统计结果"
      />
      <h1>{s.title}：统计结果</h1>
      <SurveyResultsView survey={s} results={results} />
      {s.feedbackPublishedAt && (
        <section aria-labelledby="r-feedback">
          <h2 id="r-feedback">意见建议及采纳情况</h2>
          <Paragraphs text={s.feedback} />
        </section>
      )}
    </PortalLayout>
  );
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A small RSS 2.0 feed of one section. */
export function sectionFeed(
  origin: string,
  title: string,
  path: string,
  items: { title: string; path: string; date: string; text: string }[],
) {
  const rows = items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title><link>${esc(origin + i.path)}</link><guid>${esc(origin + i.path)}</guid><pubDate>${new Date(`${i.date}T00:00:00+08:00`).toUTCString()}</pubDate><description>${esc(i.text)}</description></item>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${esc(title)}</title><link>${esc(origin + path)}</link><description>${esc(title)}</description><language>zh-cn</language>${rows}</channel></rss>`;
}
