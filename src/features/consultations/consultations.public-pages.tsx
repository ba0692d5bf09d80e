import { raw } from "hono/html";
import { articleAnchor } from "../../platform/ui/article-anchors";
import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import { Form, Pagination, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { PortalLayout } from "../../platform/ui/layout";
import { renderMarkdown } from "../../platform/ui/markdown";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import type { TConsultationListRow, TPublicComment } from "./consultations.repository";
import { DISPOSITION_LABELS, STAGE_LABELS, STAGES, type TDisposition } from "./consultations.schemas";
import { consultationStatus, percent, periodDays, STATUS_LABELS } from "./feedback-statistics";
import type { TPublicConsultation } from "./read-consultation";
import type { TDecisionView } from "./read-decisions";

const dispositionText = (d: string | null) => (d ? (DISPOSITION_LABELS[d as TDisposition] ?? d) : "待处理");

/** A clause reference as a link to its article in the draft above (#art-3), when it names one. */
function ClauseLink({ clause }: { clause: string | null }) {
  if (!clause) return <span class="muted">总体意见</span>;
  const anchor = articleAnchor(clause);
  return anchor ? <a href={`#${anchor.id}`}>{clause}</a> : <span>{clause}</span>;
}

function StageCell({ d, stage }: { d: TDecisionView; stage: (typeof STAGES)[number] }) {
  const s = d.stages.find((x) => x.stage === stage);
  if (!s) return <span class="muted">—</span>;
  return (
    <>
      <time datetime={s.date}>{s.date}</time>
      {s.documentId !== null && s.documentTitle && (
        <>
          <br />
          <a href={`/documents/${s.documentId}`}>{s.documentTitle}</a>
        </>
      )}
    </>
  );
}

/** /decisions: the yearly catalogue of major administrative decisions (重大行政决策事项目录). */
export function DecisionCataloguePage(props: {
  ctx: TPageCtx;
  year: number;
  years: number[];
  unitId?: number;
  units: { id: number; name: string }[];
  decisions: TDecisionView[];
}) {
  const { ctx, year, decisions } = props;
  const title = `${year}年重大行政决策事项目录`;
  return (
    <PortalLayout ctx={ctx} title={title}>
      <Breadcrumbs items={[{ href: "/", label: "首页" }]} current="重大行政决策" />
      <h1>{title}</h1>
      <p class="lead">
        依照《重大行政决策程序暂行条例》，各单位每年确定并公开重大行政决策事项目录，决策草案、征求意见、听证、专家论证、
        风险评估、合法性审查、集体讨论决定、决策公布和决策后评估各环节的日期和文件均在此公开。
      </p>
      <form method="get" action="/decisions" class="filters" aria-label="选择年度和单位">
        <div class="field">
          <label for="dec-year">年度</label>
          <select id="dec-year" name="year">
            {[...new Set([year, ...props.years])]
              .sort((a, b) => b - a)
              .map((y) => (
                <option value={String(y)} selected={y === year}>
                  {y}年
                </option>
              ))}
          </select>
        </div>
        <div class="field">
          <label for="dec-unit">承办单位</label>
          <select id="dec-unit" name="unitId">
            <option value="">全部单位</option>
            {props.units.map((u) => (
              <option value={String(u.id)} selected={u.id === props.unitId}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          查看目录
        </button>
      </form>
      <p>
        <a href="/feeds/decisions.rss">订阅重大行政决策（RSS）</a> · <a href="/consultations">征求意见</a>
      </p>
      {decisions.length === 0 ? (
        <p>该年度暂无公开的重大行政决策事项。</p>
      ) : (
        <section class="stats-table decision-catalogue" aria-label={`${title}（表格）`} tabindex={0}>
          <DataTable
            caption={title}
            columns={["序号", "决策事项", "承办单位", ...STAGES.map((s) => STAGE_LABELS[s])]}
          >
            {decisions.map((d, i) => (
              <tr>
                <td>{i + 1}</td>
                <th scope="row">
                  <a href={`/decisions/${d.id}`}>{d.title}</a>
                </th>
                <td>{d.unitName}</td>
                {STAGES.map((s) => (
                  <td>
                    <StageCell d={d} stage={s} />
                  </td>
                ))}
              </tr>
            ))}
          </DataTable>
        </section>
      )}
    </PortalLayout>
  );
}

/** /decisions/{id}: one decision, each stage of the law in order with its date and document. */
export function DecisionPage(props: {
  ctx: TPageCtx;
  decision: TDecisionView;
  consultations: TConsultationListRow[];
}) {
  const d = props.decision;
  return (
    <PortalLayout ctx={props.ctx} title={d.title}>
      <Breadcrumbs
        items={[
          { href: "/", label: "首页" },
          { href: `/decisions?year=${d.year}`, label: `${d.year}年重大行政决策` },
        ]}
        current={d.title}
      />
      <h1>{d.title}</h1>
      <dl class="facts">
        <dt>年度</dt>
        <dd>{d.year}年</dd>
        <dt>承办单位</dt>
        <dd>{d.unitName}</dd>
      </dl>
      {d.summary && <p>{d.summary}</p>}
      <h2>决策过程</h2>
      <ol class="decision-stages">
        {STAGES.map((stage) => {
          const s = d.stages.find((x) => x.stage === stage);
          const consultation = stage === "consultation" ? props.consultations : [];
          return (
            <li class={s ? "stage-done" : "stage-open"}>
              <h3>{STAGE_LABELS[stage]}</h3>
              {s ? (
                <p>
                  <time datetime={s.date}>{s.date}</time>
                  {s.note && `　${s.note}`}
                  {s.documentId !== null && s.documentTitle && (
                    <>
                      <br />
                      文件：<a href={`/documents/${s.documentId}`}>{s.documentTitle}</a>
                    </>
                  )}
                </p>
              ) : (
                <p class="muted">暂无记录</p>
              )}
              {consultation.length > 0 && (
                <ul>
                  {consultation.map((c) => (
                    <li>
                      <a href={`/consultations/${c.id}`}>{c.title}</a>（{c.opensAt} 至 {c.closesAt}，意见{" "}
                      {c.commentCount} 条）
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </PortalLayout>
  );
}

function ConsultationList({
  rows,
  today,
  caption,
}: {
  rows: TConsultationListRow[];
  today: string;
  caption: string;
}) {
  return (
    <DataTable caption={caption} columns={["征求意见稿", "承办单位", "期间", "状态", "意见数"]}>
      {rows.map((c) => (
        <tr>
          <th scope="row">
            <a href={`/consultations/${c.id}`}>{c.title}</a>
          </th>
          <td>{c.unitName}</td>
          <td>
            {c.opensAt} 至 {c.closesAt}
          </td>
          <td>
            {STATUS_LABELS[consultationStatus(c, today)]}
            {c.feedbackPublishedAt && "，已公布采纳情况"}
          </td>
          <td>{c.commentCount}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** /consultations: open ones first, then those to come, then past ones with their feedback. */
export function ConsultationsPage(props: { ctx: TPageCtx; rows: TConsultationListRow[]; today: string }) {
  const { rows, today } = props;
  const open = rows.filter((c) => consultationStatus(c, today) === "open").reverse();
  const upcoming = rows.filter((c) => consultationStatus(c, today) === "upcoming").reverse();
  const closed = rows.filter((c) => consultationStatus(c, today) === "closed");
  return (
    <PortalLayout ctx={props.ctx} title="意见征集">
      <Breadcrumbs items={[{ href: "/", label: "首页" }]} current="意见征集" />
      <h1>意见征集</h1>
      <p class="lead">
        重大行政决策草案向社会公开征求意见，期限一般不少于 30
        日。无需注册即可提交意见；征求意见结束后公布每条意见的采纳情况和理由。
      </p>
      <p>
        <a href="/feeds/consultations.rss">订阅意见征集（RSS）</a> ·{" "}
        <a href="/decisions">重大行政决策事项目录</a>
      </p>
      <h2>正在征求意见</h2>
      {open.length ? (
        <ConsultationList rows={open} today={today} caption="正在征求意见" />
      ) : (
        <p>目前没有正在征求意见的草案。</p>
      )}
      {upcoming.length > 0 && (
        <>
          <h2>即将开始</h2>
          <ConsultationList rows={upcoming} today={today} caption="即将开始的征求意见" />
        </>
      )}
      <h2>已结束的征求意见及采纳情况</h2>
      {closed.length ? (
        <ConsultationList rows={closed} today={today} caption="已结束的征求意见" />
      ) : (
        <p>暂无。</p>
      )}
    </PortalLayout>
  );
}

function FeedbackSection({ v, page, pageSize }: { v: TPublicConsultation; page: number; pageSize: number }) {
  const f = v.feedback;
  if (!f) return null;
  const id = v.row.id;
  return (
    <section aria-labelledby="feedback-h">
      <h2 id="feedback-h">意见采纳情况</h2>
      <p>
        {`共收到意见 ${f.total} 条，其中采纳 ${f.adopted} 条、部分采纳 ${f.partlyAdopted} 条、不予采纳 ${f.notAdopted} 条、与征求意见内容无关 ${f.notRelevant} 条；采纳率（采纳与部分采纳占有关意见的比例）为 ${percent(f.adoptionRate)}。`}
        {f.hidden > 0 && `其中 ${f.hidden} 条因含有不当内容未显示原文，仍计入统计。`}
      </p>
      <DataTable
        caption="意见采纳情况统计"
        columns={["处理结果", "条数"]}
        className="stats-numbers feedback-stats"
      >
        <tr>
          <th scope="row">采纳</th>
          <td>{f.adopted}</td>
        </tr>
        <tr>
          <th scope="row">部分采纳</th>
          <td>{f.partlyAdopted}</td>
        </tr>
        <tr>
          <th scope="row">不予采纳</th>
          <td>{f.notAdopted}</td>
        </tr>
        <tr>
          <th scope="row">与征求意见内容无关</th>
          <td>{f.notRelevant}</td>
        </tr>
        <tr>
          <th scope="row">合计</th>
          <td>{f.total}</td>
        </tr>
        <tr>
          <th scope="row">采纳率</th>
          <td>{percent(f.adoptionRate)}</td>
        </tr>
      </DataTable>
      <p>
        下载：<a href={`/consultations/${id}/feedback.docx`}>采纳情况反馈（Word）</a> ·{" "}
        <a href={`/consultations/${id}/feedback.csv`}>全部意见及处理结果（CSV）</a>
      </p>
      <h3 id="comments">逐条意见及处理结果</h3>
      <ol class="comment-list" start={(page - 1) * pageSize + 1}>
        {v.comments.map((m) => (
          <CommentItem m={m} />
        ))}
      </ol>
      <Pagination total={f.total} page={page} pageSize={pageSize} baseQuery={new URLSearchParams()} />
    </section>
  );
}

function CommentItem({ m }: { m: TPublicComment }) {
  return (
    <li class="comment" id={`comment-${m.id}`}>
      <p class="comment-meta">
        <ClauseLink clause={m.clause} /> · <time datetime={m.createdAt}>{m.createdAt}</time>
      </p>
      {m.body === null ? (
        <p class="muted">该意见因{m.hiddenReason ? `“${m.hiddenReason}”` : "含有不当内容"}未显示原文。</p>
      ) : (
        <p class="comment-body">{m.body}</p>
      )}
      <p class="comment-disposition">
        <strong>处理结果：{dispositionText(m.disposition)}</strong>
        {m.reason && `。理由：${m.reason}`}
      </p>
    </li>
  );
}

/** /consultations/{id}: the draft with its explanation, the comment form while open, the feedback once published. */
export function ConsultationPage(props: {
  ctx: TPageCtx;
  v: TPublicConsultation;
  page: number;
  pageSize: number;
  form: TFormState | null;
  formToken: string | null;
}) {
  const { ctx, v } = props;
  const c = v.row;
  const days = periodDays(c.opensAt, c.closesAt);
  return (
    <PortalLayout ctx={ctx} title={c.title}>
      <Breadcrumbs
        items={[
          { href: "/", label: "首页" },
          { href: "/consultations", label: "意见征集" },
        ]}
        current={c.title}
      />
      <h1>{c.title}</h1>
      <dl class="facts">
        <dt>承办单位</dt>
        <dd>{v.unitName}</dd>
        <dt>征求意见期间</dt>
        <dd>
          {c.opensAt} 至 {c.closesAt}（{days} 日）
        </dd>
        <dt>状态</dt>
        <dd>{STATUS_LABELS[v.status]}</dd>
        <dt>已收到意见</dt>
        <dd>{v.commentCount} 条</dd>
        {c.decisionId !== null && (
          <>
            <dt>决策事项</dt>
            <dd>
              <a href={`/decisions/${c.decisionId}`}>查看决策过程</a>
            </dd>
          </>
        )}
      </dl>
      {c.shortPeriodReason && (
        <div class="notice">
          <p>
            <strong>征求意见期限少于 30 日的说明：</strong>
            {c.shortPeriodReason}
          </p>
        </div>
      )}
      {c.explanation && (
        <section aria-labelledby="explanation-h">
          <h2 id="explanation-h">起草说明</h2>
          <div class="doc-body">{raw(renderMarkdown(c.explanation))}</div>
        </section>
      )}
      <section aria-labelledby="draft-h">
        <h2 id="draft-h">征求意见稿全文</h2>
        <div class="doc-body">{raw(renderMarkdown(c.draft))}</div>
      </section>
      {v.status === "open" && props.form && props.formToken && (
        <section aria-labelledby="comment-h" id="comment-form">
          <h2 id="comment-h">提交意见</h2>
          <p>无需注册。姓名和联系方式选填，仅供承办单位联系您，不会公开。</p>
          <Form
            action={`/consultations/${c.id}/comments`}
            csrfToken={ctx.csrfToken}
            form={props.form}
            formToken={props.formToken}
            submitLabel="提交意见"
          >
            <TextField
              form={props.form}
              name="clause"
              label="针对条款（选填）"
              hint="例如：第三条"
              maxLength={20}
            />
            <TextArea form={props.form} name="body" label="意见内容" isRequired maxLength={5000} rows={6} />
            <TextField
              form={props.form}
              name="name"
              label="姓名（选填，不公开）"
              autocomplete="name"
              maxLength={50}
            />
            <TextField
              form={props.form}
              name="contact"
              label="联系方式（选填，不公开）"
              hint="电话或电子邮箱"
              maxLength={100}
            />
            <div class="hp" aria-hidden="true">
              <label for="f-website">请勿填写此项</label>
              <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
            </div>
          </Form>
        </section>
      )}
      {v.status === "upcoming" && <p class="notice">征求意见将于 {c.opensAt} 开始，届时可在本页提交意见。</p>}
      {v.status === "closed" && !v.feedback && (
        <p class="notice">征求意见已结束，承办单位正在逐条研究处理，采纳情况将在本页公布。</p>
      )}
      <FeedbackSection v={v} page={props.page} pageSize={props.pageSize} />
    </PortalLayout>
  );
}
