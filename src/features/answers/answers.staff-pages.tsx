import { emptyForm, Form, SelectField, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import type { TCitation } from "./answer-question";
import type { TQuestionRow } from "./answers.repository";
import { ENQUIRY_CHANNEL_LABELS, QUESTION_STATUS_LABELS } from "./answers.schemas";

type TUnitOption = { id: number; name: string };

/** The question queue: open questions first, then by due date. */
export function QuestionsPage(props: { ctx: TPageCtx; rows: TQuestionRow[]; today: string }) {
  return (
    <AdminLayout ctx={props.ctx} title="政策问答">
      <h1>政策问答：问题办理</h1>
      <p>
        <a href="/admin/enquiries">电话和现场咨询登记</a> · <a href="/faq">问答库（公开页面）</a>
      </p>
      {props.rows.length === 0 ? (
        <p>暂无问题。</p>
      ) : (
        <DataTable caption="问题列表" columns={["编号", "问题", "状态", "承办单位", "答复期限", "提出日期"]}>
          {props.rows.map((q) => (
            <tr class={q.status === "routed" && q.dueOn && q.dueOn < props.today ? "overdue" : undefined}>
              <td>{q.id}</td>
              <td>
                <a href={`/admin/questions/${q.id}`}>{q.question.slice(0, 60)}</a>
              </td>
              <td>
                {QUESTION_STATUS_LABELS[q.status] ?? q.status}
                {q.status === "routed" && q.dueOn && q.dueOn < props.today && "（已逾期）"}
              </td>
              <td>{q.unitName ?? "—"}</td>
              <td>{q.dueOn ?? "—"}</td>
              <td>{q.createdOn}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </AdminLayout>
  );
}

/** One question: route it (office), answer it citing clauses (unit), publish or close it (office). */
export function QuestionPage(props: {
  ctx: TPageCtx;
  q: TQuestionRow;
  units: TUnitOption[];
  canManage: boolean;
  canReply: boolean;
  suggestions: TCitation[];
  defaultDue: string;
  routeForm?: TFormState;
  replyForm?: TFormState;
}) {
  const { q } = props;
  return (
    <AdminLayout ctx={props.ctx} title={`问题 ${q.id}`}>
      <p>
        <a href="/admin/questions">← 问题列表</a>
      </p>
      <h1>问题 {q.id}</h1>
      <dl class="facts">
        <dt>问题</dt>
        <dd>{q.question}</dd>
        <dt>联系方式（不公开）</dt>
        <dd>{q.contact || "未留"}</dd>
        <dt>状态</dt>
        <dd>{QUESTION_STATUS_LABELS[q.status] ?? q.status}</dd>
        <dt>承办单位</dt>
        <dd>{q.unitName ?? "—"}</dd>
        <dt>答复期限</dt>
        <dd>{q.dueOn ?? "—"}</dd>
        {q.answer && (
          <>
            <dt>答复</dt>
            <dd>{q.answer}</dd>
            <dt>引用条款</dt>
            <dd>
              {q.citations.length === 0
                ? "无"
                : q.citations.map((c) => (
                    <>
                      <a href={c.url}>
                        《{c.title}》{c.clause}
                      </a>{" "}
                    </>
                  ))}
            </dd>
          </>
        )}
      </dl>
      {props.canManage && (q.status === "new" || q.status === "routed") && (
        <section aria-labelledby="route-h">
          <h2 id="route-h">分办</h2>
          <Form
            action={`/admin/questions/${q.id}/route`}
            csrfToken={props.ctx.csrfToken}
            form={props.routeForm}
            submitLabel="分办"
          >
            <SelectField
              form={
                props.routeForm ?? emptyForm({ unitId: q.unitId ?? "", dueOn: q.dueOn ?? props.defaultDue })
              }
              name="unitId"
              label="承办单位"
              options={props.units.map((u) => ({ value: String(u.id), label: u.name }))}
              placeholder="请选择"
              isRequired
            />
            <TextField
              form={props.routeForm ?? emptyForm({ dueOn: q.dueOn ?? props.defaultDue })}
              name="dueOn"
              label="答复期限"
              hint="默认为 5 个工作日后，可调整（YYYY-MM-DD）"
              maxLength={10}
            />
          </Form>
        </section>
      )}
      {props.canReply && (q.status === "routed" || q.status === "answered") && (
        <section aria-labelledby="reply-h">
          <h2 id="reply-h">答复</h2>
          {props.suggestions.length > 0 && (
            <>
              <p>系统找到的相关条款（可引用）：</p>
              <ul>
                {props.suggestions.map((c) => (
                  <li>
                    <code>
                      {c.documentId} {c.clause}
                    </code>{" "}
                    <a href={c.url}>
                      《{c.title}》{c.clause}
                    </a>
                    ：{c.text.slice(0, 80)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <Form
            action={`/admin/questions/${q.id}/reply`}
            csrfToken={props.ctx.csrfToken}
            form={props.replyForm}
            submitLabel="保存答复"
          >
            <TextArea
              form={props.replyForm ?? emptyForm({ answer: q.answer })}
              name="answer"
              label="答复"
              rows={6}
              isRequired
            />
            <TextArea
              form={
                props.replyForm ??
                emptyForm({ citations: q.citations.map((c) => `${c.documentId} ${c.clause}`).join("\n") })
              }
              name="citations"
              label="引用条款"
              hint="每行一条：文件编号 条号，如 12 第十九条；只能引用现行有效的已发布文件"
              rows={3}
            />
          </Form>
        </section>
      )}
      {props.canManage && (q.status === "answered" || q.status === "published" || q.status === "new") && (
        <section aria-labelledby="decide-h">
          <h2 id="decide-h">发布</h2>
          {q.status === "answered" && (
            <Form
              action={`/admin/questions/${q.id}/publish`}
              csrfToken={props.ctx.csrfToken}
              submitLabel="发布到问答库"
            />
          )}
          <Form
            action={`/admin/questions/${q.id}/close`}
            csrfToken={props.ctx.csrfToken}
            submitLabel={q.status === "published" ? "从问答库撤下" : "关闭（不答复）"}
            isDanger
          />
        </section>
      )}
    </AdminLayout>
  );
}

/** Phone and in-person enquiries: the log form, counts by unit and month, the latest entries. */
export function EnquiriesPage(props: {
  ctx: TPageCtx;
  form: TFormState;
  units: TUnitOption[];
  year: number;
  counts: { unitId: number; unitName: string; month: number; channel: string; count: number }[];
  recent: {
    id: number;
    channel: string;
    unitName: string;
    occurredOn: string;
    topic: string;
    answer: string;
  }[];
}) {
  const byUnit = new Map<string, number[]>();
  for (const c of props.counts) {
    const row = byUnit.get(c.unitName) ?? Array<number>(12).fill(0);
    row[c.month - 1] = (row[c.month - 1] ?? 0) + c.count;
    byUnit.set(c.unitName, row);
  }
  return (
    <AdminLayout ctx={props.ctx} title="电话和现场咨询">
      <p>
        <a href="/admin/questions">← 政策问答</a>
      </p>
      <h1>电话和现场咨询登记</h1>
      <Form action="/admin/enquiries" csrfToken={props.ctx.csrfToken} form={props.form} submitLabel="登记">
        <SelectField
          form={props.form}
          name="channel"
          label="咨询方式"
          options={Object.entries(ENQUIRY_CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
          isRequired
        />
        <SelectField
          form={props.form}
          name="unitId"
          label="受理单位"
          options={props.units.map((u) => ({ value: String(u.id), label: u.name }))}
          isRequired
        />
        <TextField
          form={props.form}
          name="occurredOn"
          label="咨询日期"
          hint="YYYY-MM-DD"
          maxLength={10}
          isRequired
        />
        <TextField
          form={props.form}
          name="topic"
          label="咨询事项"
          maxLength={200}
          isRequired
          hint="只写事项，不写咨询人的姓名和电话"
        />
        <TextArea form={props.form} name="answer" label="答复要点" rows={3} />
      </Form>
      <h2>{props.year} 年各单位每月咨询量</h2>
      {byUnit.size === 0 ? (
        <p>本年尚无登记。</p>
      ) : (
        <DataTable
          caption={`${props.year} 年各单位每月咨询量`}
          columns={["单位", ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`), "合计"]}
        >
          {[...byUnit].map(([name, months]) => (
            <tr>
              <th scope="row">{name}</th>
              {months.map((n) => (
                <td>{n}</td>
              ))}
              <td>{months.reduce((a, b) => a + b, 0)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>最近登记</h2>
      {props.recent.length === 0 ? (
        <p>暂无。</p>
      ) : (
        <DataTable caption="最近登记的咨询" columns={["日期", "方式", "单位", "事项", "答复要点"]}>
          {props.recent.map((e) => (
            <tr>
              <td>{e.occurredOn}</td>
              <td>{ENQUIRY_CHANNEL_LABELS[e.channel as keyof typeof ENQUIRY_CHANNEL_LABELS] ?? e.channel}</td>
              <td>{e.unitName}</td>
              <td>{e.topic}</td>
              <td>{e.answer}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </AdminLayout>
  );
}
