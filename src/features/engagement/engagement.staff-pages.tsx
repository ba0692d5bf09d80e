// Back-office pages of 公众参与: lists, creation forms, a meeting's registrations and draw, an open
// day's registrations, a survey's results with its free-text answers, and the feedback forms.
import { Form, SelectField, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import type { TUnitRow } from "../org";
import { SurveyResultsView } from "./engagement.pages";
import type {
  TMeetingRegistrationRow,
  TMeetingRow,
  TOpenDayRegistrationRow,
  TOpenDayRow,
  TSurveyRow,
} from "./engagement.repository";
import {
  QUESTION_KIND_LABELS,
  QUESTION_KINDS,
  REGISTRANT_KIND_LABELS,
  type TRegistrantKind,
} from "./engagement.schemas";
import type { TQuestion } from "./engagement.tables";
import { REGISTRATION_STATUS_LABELS } from "./open-days";
import type { TSurveyResults } from "./survey-results";

type TUnitName = (id: number) => string;
const unitOptions = (units: TUnitRow[]) => units.map((u) => ({ value: String(u.id), label: u.name }));
const dateTime = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

export function EngagementHomePage(props: {
  ctx: TPageCtx;
  meetings: TMeetingRow[];
  openDays: TOpenDayRow[];
  surveys: TSurveyRow[];
  registrationCounts: Map<number, number>;
  unitName: TUnitName;
  today: string;
}) {
  const { ctx, unitName } = props;
  return (
    <AdminLayout ctx={ctx} title="公众参与">
      <h1>公众参与</h1>
      <p>
        <a class="button" href="/admin/engagement/meetings/new">
          新建列席会议
        </a>{" "}
        <a class="button" href="/admin/engagement/open-days/new">
          新建开放活动
        </a>{" "}
        <a class="button" href="/admin/engagement/surveys/new">
          新建问卷
        </a>
      </p>
      <h2>列席会议</h2>
      <DataTable caption="列席会议" columns={["会议", "单位", "会议日期", "席位", "报名", "抽签"]}>
        {props.meetings.map((m) => (
          <tr>
            <td>
              <a href={`/admin/engagement/meetings/${m.id}`}>{m.title}</a>
            </td>
            <td>{unitName(m.unitId)}</td>
            <td>{m.heldAt}</td>
            <td>{m.seats}</td>
            <td>{props.registrationCounts.get(m.id) ?? 0}</td>
            <td>
              {m.drawPublishedAt
                ? "已公布"
                : m.drawSeed
                  ? "已抽签，未公布"
                  : props.today > m.registrationClosesAt
                    ? "待抽签"
                    : "报名中"}
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>开放活动</h2>
      <DataTable caption="开放活动" columns={["活动", "单位", "日期", "名额"]}>
        {props.openDays.map((d) => (
          <tr>
            <td>
              <a href={`/admin/engagement/open-days/${d.id}`}>{d.title}</a>
            </td>
            <td>{unitName(d.unitId)}</td>
            <td>{d.heldAt}</td>
            <td>{d.capacity}</td>
          </tr>
        ))}
      </DataTable>
      <h2>问卷调查</h2>
      <DataTable caption="问卷调查" columns={["问卷", "单位", "起止日期"]}>
        {props.surveys.map((s) => (
          <tr>
            <td>
              <a href={`/admin/engagement/surveys/${s.id}`}>{s.title}</a>
            </td>
            <td>{unitName(s.unitId)}</td>
            <td>
              {s.opensAt} 至 {s.closesAt}
            </td>
          </tr>
        ))}
      </DataTable>
    </AdminLayout>
  );
}

export function NewMeetingPage({ ctx, form, units }: { ctx: TPageCtx; form: TFormState; units: TUnitRow[] }) {
  return (
    <AdminLayout ctx={ctx} title="新建列席会议">
      <h1>新建列席会议</h1>
      <Form action="/admin/engagement/meetings/new" csrfToken={ctx.csrfToken} form={form} submitLabel="新建">
        <SelectField
          form={form}
          name="unitId"
          label="召开单位"
          isRequired
          placeholder="请选择"
          options={unitOptions(units)}
        />
        <TextField form={form} name="title" label="会议名称" isRequired maxLength={200} />
        <TextArea form={form} name="summary" label="会议简介和议题" rows={4} />
        <TextField form={form} name="heldAt" label="会议日期" type="date" isRequired />
        <TextField form={form} name="registrationClosesAt" label="报名截止日期" type="date" isRequired />
        <TextField form={form} name="seats" label="公众列席席位数" inputmode="numeric" isRequired />
      </Form>
    </AdminLayout>
  );
}

export function NewOpenDayPage({ ctx, form, units }: { ctx: TPageCtx; form: TFormState; units: TUnitRow[] }) {
  return (
    <AdminLayout ctx={ctx} title="新建开放活动">
      <h1>新建政府开放活动</h1>
      <Form action="/admin/engagement/open-days/new" csrfToken={ctx.csrfToken} form={form} submitLabel="新建">
        <SelectField
          form={form}
          name="unitId"
          label="主办单位"
          isRequired
          placeholder="请选择"
          options={unitOptions(units)}
        />
        <TextField form={form} name="title" label="活动名称" isRequired maxLength={200} />
        <TextArea
          form={form}
          name="summary"
          label="活动内容"
          hint="可写明答疑、座谈、问卷调查等环节。"
          rows={4}
        />
        <TextField form={form} name="place" label="地点" maxLength={200} />
        <TextField form={form} name="heldAt" label="活动日期" type="date" isRequired />
        <TextField form={form} name="registrationClosesAt" label="报名截止日期" type="date" isRequired />
        <TextField form={form} name="capacity" label="名额" inputmode="numeric" isRequired />
      </Form>
    </AdminLayout>
  );
}

const KIND_BY_LABEL: Record<string, TQuestion["kind"]> = {
  ...Object.fromEntries(QUESTION_KINDS.map((k) => [k, k])),
  单选: "single",
  多选: "multiple",
  量表: "scale",
  文字: "text",
};

/**
 * The questions box of the survey form, one question per line: "单选：题目｜选项一｜选项二",
 * "多选：…", "量表：题目", "文字：题目" (ASCII : and | work too). Entered without JavaScript.
 */
export function parseQuestions(text: string): { questions: TQuestion[]; error?: string } {
  const questions: TQuestion[] = [];
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    const m = /^\s*([^:：]+)[:：](.*)$/.exec(line);
    const kind = m ? KIND_BY_LABEL[(m[1] ?? "").trim()] : undefined;
    if (!m || !kind)
      return { questions, error: `第 ${i + 1} 行应以“单选：”“多选：”“量表：”或“文字：”开头。` };
    const [title = "", ...options] = (m[2] ?? "").split(/[|｜]/).map((s) => s.trim());
    questions.push(options.length ? { kind, text: title, options } : { kind, text: title });
  }
  return { questions };
}

export function NewSurveyPage({ ctx, form, units }: { ctx: TPageCtx; form: TFormState; units: TUnitRow[] }) {
  return (
    <AdminLayout ctx={ctx} title="新建问卷">
      <h1>新建问卷</h1>
      <Form action="/admin/engagement/surveys/new" csrfToken={ctx.csrfToken} form={form} submitLabel="新建">
        <SelectField
          form={form}
          name="unitId"
          label="单位"
          isRequired
          placeholder="请选择"
          options={unitOptions(units)}
        />
        <TextField form={form} name="title" label="问卷标题" isRequired maxLength={200} />
        <TextArea form={form} name="summary" label="说明" rows={3} />
        <TextField form={form} name="opensAt" label="开始日期" type="date" isRequired />
        <TextField form={form} name="closesAt" label="截止日期" type="date" isRequired />
        <TextField form={form} name="openDayId" label="关联开放活动编号（可不填）" inputmode="numeric" />
        <TextArea
          form={form}
          name="questions"
          label="题目"
          hint={`每行一题：“单选：题目｜选项一｜选项二”，“多选：题目｜选项…”，“量表：题目”（1–5 分），“文字：题目”。题型：${Object.values(QUESTION_KIND_LABELS).join("、")}。`}
          isRequired
          rows={8}
        />
      </Form>
    </AdminLayout>
  );
}

export function MeetingStaffPage(props: {
  ctx: TPageCtx;
  meeting: TMeetingRow;
  registrations: TMeetingRegistrationRow[];
  opinions: { speaker: string; opinion: string; outcome: string }[];
  unitName: string;
  drawForm: TFormState;
  opinionForm: TFormState;
}) {
  const { ctx, meeting: m } = props;
  const selected = m.drawSelected ?? [];
  const rank = new Map(selected.map((id, i) => [id, i + 1]));
  return (
    <AdminLayout ctx={ctx} title={m.title}>
      <h1>{m.title}</h1>
      <p>
        {props.unitName} · 会议日期 {m.heldAt} · 席位 {m.seats} · 报名截止 {m.registrationClosesAt} ·{" "}
        <a href={`/meetings/${m.id}`}>公开页面</a>
      </p>
      <h2>报名名单（{props.registrations.length} 人）</h2>
      <DataTable caption="报名名单" columns={["编号", "姓名", "电话", "身份", "理由", "报名时间", "抽签"]}>
        {props.registrations.map((r) => (
          <tr>
            <td>{r.id}</td>
            <td>{r.name}</td>
            <td>{r.phone}</td>
            <td>{REGISTRANT_KIND_LABELS[r.kind as TRegistrantKind] ?? r.kind}</td>
            <td>{r.reason}</td>
            <td>{dateTime(r.createdAt)}</td>
            <td>{rank.has(r.id) ? `第 ${rank.get(r.id)} 位抽中` : m.drawSeed ? "未抽中" : ""}</td>
          </tr>
        ))}
      </DataTable>
      <h2>抽签</h2>
      {m.drawPublishedAt ? (
        <p>
          抽签结果已于 {dateTime(m.drawPublishedAt)} 公布（种子：{m.drawSeed}），不能再抽签。
        </p>
      ) : (
        <>
          <p>
            输入事先公布来源的公开种子（例如抽签当日中国福利彩票开奖号码）。同一种子和同一报名名单总是得出同一结果，公布后任何人可以复算。
            {m.drawSeed && `最近一次抽签的种子：${m.drawSeed}，结果见上表。`}
          </p>
          <Form
            action={`/admin/engagement/meetings/${m.id}/draw`}
            csrfToken={ctx.csrfToken}
            form={props.drawForm}
            submitLabel="抽签"
          >
            <TextField form={props.drawForm} name="seed" label="公开种子" isRequired maxLength={200} />
          </Form>
          {m.drawSeed && (
            <Form
              action={`/admin/engagement/meetings/${m.id}/publish`}
              csrfToken={ctx.csrfToken}
              submitLabel="公布抽签结果"
            />
          )}
        </>
      )}
      <h2>会上意见及采纳情况</h2>
      {props.opinions.length > 0 && (
        <DataTable caption="会上意见" columns={["发言人", "意见", "采纳情况"]}>
          {props.opinions.map((o) => (
            <tr>
              <td>{o.speaker}</td>
              <td>{o.opinion}</td>
              <td>{o.outcome}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Form
        action={`/admin/engagement/meetings/${m.id}/opinions`}
        csrfToken={ctx.csrfToken}
        form={props.opinionForm}
        submitLabel="登记意见"
      >
        <TextField
          form={props.opinionForm}
          name="registrationId"
          label="发言人报名编号"
          hint="公开时只显示姓氏，如“王**”。不是报名者的，留空并填写下一项。"
          inputmode="numeric"
        />
        <TextField
          form={props.opinionForm}
          name="speaker"
          label="发言人（非报名者，如“特邀专家”）"
          maxLength={100}
        />
        <TextArea form={props.opinionForm} name="opinion" label="意见" isRequired rows={3} />
        <TextArea form={props.opinionForm} name="outcome" label="采纳情况" rows={3} />
      </Form>
    </AdminLayout>
  );
}

export function OpenDayStaffPage(props: {
  ctx: TPageCtx;
  day: TOpenDayRow;
  registrations: TOpenDayRegistrationRow[];
  unitName: string;
  form: TFormState;
}) {
  const { ctx, day: d } = props;
  return (
    <AdminLayout ctx={ctx} title={d.title}>
      <h1>{d.title}</h1>
      <p>
        {props.unitName} · {d.heldAt} · 名额 {d.capacity} · <a href={`/open-days/${d.id}`}>公开页面</a>
      </p>
      <h2>报名名单</h2>
      <DataTable caption="报名名单" columns={["编号", "姓名", "电话", "状态", "报名时间"]}>
        {props.registrations.map((r) => (
          <tr>
            <td>{r.id}</td>
            <td>{r.name}</td>
            <td>{r.phone}</td>
            <td>
              {REGISTRATION_STATUS_LABELS[r.status] ?? r.status}
              {r.promotedAt ? "（候补递补）" : ""}
            </td>
            <td>{dateTime(r.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
      <h2>意见建议及采纳情况</h2>
      <Form
        action={`/admin/engagement/open-days/${d.id}/feedback`}
        csrfToken={ctx.csrfToken}
        form={props.form}
        submitLabel="公开"
      >
        <TextArea
          form={props.form}
          name="feedback"
          label="收集的意见建议及吸收采纳情况"
          isRequired
          rows={8}
        />
      </Form>
    </AdminLayout>
  );
}

export function SurveyStaffPage(props: {
  ctx: TPageCtx;
  survey: TSurveyRow;
  results: TSurveyResults;
  texts: { text: string; at: Date | string }[][];
  unitName: string;
  form: TFormState;
}) {
  const { ctx, survey: s } = props;
  return (
    <AdminLayout ctx={ctx} title={s.title}>
      <h1>{s.title}</h1>
      <p>
        {props.unitName} · {s.opensAt} 至 {s.closesAt} · <a href={`/surveys/${s.id}`}>公开页面</a>
      </p>
      <SurveyResultsView survey={s} results={props.results} />
      {s.questions.map((q, i) =>
        q.kind === "text" ? (
          <section aria-labelledby={`t-q${i}`}>
            <h2 id={`t-q${i}`}>
              文字回答：{i + 1}. {q.text}（不公开，最近 200 条）
            </h2>
            <ul>
              {(props.texts[i] ?? []).map((t) => (
                <li>{t.text}</li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
      <h2>意见建议及采纳情况</h2>
      <Form
        action={`/admin/engagement/surveys/${s.id}/feedback`}
        csrfToken={ctx.csrfToken}
        form={props.form}
        submitLabel="公开"
      >
        <TextArea form={props.form} name="feedback" label="意见建议的分析及采纳情况" isRequired rows={8} />
      </Form>
    </AdminLayout>
  );
}
