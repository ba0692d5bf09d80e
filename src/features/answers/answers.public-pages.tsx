import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import { emptyForm, Form, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { VALIDITY_LABELS } from "../documents";
import type { TAnswerResult } from "./answer-for";
import type { TFaqItem } from "./answers.schemas";

const validityLabel = (v: string) => VALIDITY_LABELS[v as keyof typeof VALIDITY_LABELS] ?? v;

/** The question box: a GET form, so asking works without JavaScript and the answer has an address. */
export function AskBox(props: { q?: string; id?: string }) {
  const id = props.id ?? "ask-q";
  return (
    <form method="get" action="/answers" class="ask-box" aria-label="政策问答">
      <label for={id}>用日常的话问一个政策问题</label>
      <div class="ask-row">
        <input
          id={id}
          name="q"
          type="search"
          maxlength={200}
          value={props.q ?? ""}
          placeholder="例如：公积金什么情况下可以提取"
        />
        <button type="submit" class="button">
          提问
        </button>
      </div>
    </form>
  );
}

function FaqList({ items, headingLevel }: { items: TFaqItem[]; headingLevel: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <ol class="faq-list">
      {items.map((f) => (
        <li id={`faq-${f.id}`}>
          <H class="faq-q">问：{f.question}</H>
          <p class="faq-a">答：{f.answer}</p>
          <p class="faq-meta">
            答复单位：{f.unitName || "—"}
            {f.publishedAt ? ` · ${f.publishedAt}` : ""}
          </p>
          {f.citations.length > 0 && (
            <p class="faq-cites">
              依据：
              {f.citations.map((c, i) => (
                <>
                  {i > 0 && "；"}
                  <a href={c.url}>
                    《{c.title}》{c.clause}
                  </a>
                </>
              ))}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The form that leaves a question for the office (no account; the contact is optional). */
function LeaveQuestion(props: { ctx: TPageCtx; form: TFormState; formToken: string }) {
  return (
    <section class="leave-question" aria-labelledby="leave-h" id="leave">
      <h2 id="leave-h">留下问题</h2>
      <p>
        政务公开办公室会把问题交给承办单位，一般在 5
        个工作日内答复；答复经审核后收入问答库。联系方式只用于答复您，不会公开。
      </p>
      <Form
        action="/answers/questions"
        csrfToken={props.ctx.csrfToken}
        formToken={props.formToken}
        form={props.form}
        submitLabel="提交问题"
      >
        <TextArea form={props.form} name="question" label="您的问题" rows={4} maxLength={1000} isRequired />
        <TextField
          form={props.form}
          name="contact"
          label="联系方式（选填）"
          hint="电话或电子邮箱，仅用于答复，不公开"
          maxLength={100}
          autocomplete="off"
        />
        {/* A field people never see or fill in; automated posters do. */}
        <div class="hp" aria-hidden="true">
          <label for="f-website">请勿填写此项</label>
          <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
        </div>
      </Form>
    </section>
  );
}

/** 政策问答: the box, the answer with its cited clauses (or the refusal), and the form to leave a question. */
export function AnswersPage(props: {
  ctx: TPageCtx;
  q: string;
  result: TAnswerResult | null;
  form?: TFormState;
  formToken: string;
  isSent: boolean;
}) {
  const { result, q } = props;
  return (
    <PortalLayout ctx={props.ctx} title={q ? `${q} - 政策问答` : "政策问答"}>
      <Breadcrumbs
        items={[
          { href: "/", label: "首页" },
          { href: "/services", label: "政策服务" },
        ]}
        current="政策问答"
      />
      <h1>政策问答</h1>
      <p>
        答案只来自本站发布的现行有效政策文件和法律法规，并给出所依据的条款原文和出处；找不到足够相关的条款时不作回答。也可查阅
        <a href="/faq">问答库</a>，或<a href="/alerts/subscribe">订阅新发布的政策</a>。
      </p>
      {props.isSent && (
        <div class="notice" role="status">
          <p>您的问题已收到。答复经审核后将收入问答库；留了联系方式的，承办单位会直接答复您。</p>
        </div>
      )}
      <AskBox q={q} />
      {result && (
        <section class="answer" aria-labelledby="answer-h">
          <h2 id="answer-h">回答</h2>
          {result.answered ? (
            <>
              {result.generated && (
                <div class="answer-generated">
                  <p class="answer-generated-label">
                    简要回答（由系统依据下列条款自动生成，以条款原文为准）：
                  </p>
                  <p>{result.generated}</p>
                </div>
              )}
              <p>以下条款与您的问题最相关：</p>
              <ol class="citations">
                {result.citations.map((c, i) => (
                  <li class="citation" id={`cite-${i + 1}`}>
                    <h3 class="citation-head">
                      <a href={c.url}>
                        《{c.title}》{c.clause}
                      </a>
                    </h3>
                    <p class="citation-meta">
                      {c.docNumber && <>{c.docNumber} · </>}
                      {c.chapter && <>{c.chapter} · </>}
                      效力：{validityLabel(c.validity)}
                      {c.publishedAt && <> · 发布日期 {c.publishedAt}</>}
                    </p>
                    <blockquote class="citation-text">
                      {c.text.split("\n").map((line) => (
                        <p>{line}</p>
                      ))}
                    </blockquote>
                  </li>
                ))}
              </ol>
            </>
          ) : (
            <div class="refusal">
              <p>{result.refusal}</p>
              <ul>
                <li>
                  <a href="#leave">留下问题</a>，由承办单位答复
                </li>
                <li>
                  <a href="/requests/new">申请政府信息公开</a>
                </li>
                <li>致电政务公开办公室：{result.phone}</li>
              </ul>
            </div>
          )}
          {result.faq.length > 0 && (
            <section aria-labelledby="faq-h">
              <h2 id="faq-h">问答库中的相似问题</h2>
              <FaqList items={result.faq} headingLevel={3} />
            </section>
          )}
        </section>
      )}
      <LeaveQuestion
        ctx={props.ctx}
        form={props.form ?? emptyForm({ question: q })}
        formToken={props.formToken}
      />
    </PortalLayout>
  );
}

/** 问答库: published answers, searchable. */
export function FaqPage(props: {
  ctx: TPageCtx;
  q: string;
  total: number;
  items: TFaqItem[];
  page: number;
  pages: number;
}) {
  return (
    <PortalLayout ctx={props.ctx} title="问答库">
      <Breadcrumbs
        items={[
          { href: "/", label: "首页" },
          { href: "/answers", label: "政策问答" },
        ]}
        current="问答库"
      />
      <h1>问答库</h1>
      <form method="get" action="/faq" class="ask-box" aria-label="检索问答库">
        <label for="faq-q">检索问答库</label>
        <div class="ask-row">
          <input id="faq-q" name="q" type="search" maxlength={200} value={props.q} />
          <button type="submit" class="button">
            检索
          </button>
        </div>
      </form>
      <p role="status">共 {props.total} 条</p>
      {props.items.length > 0 ? (
        <FaqList items={props.items} headingLevel={2} />
      ) : (
        <p>没有找到相关的问答。</p>
      )}
      <nav aria-label="分页" class="pager">
        {props.page > 1 && (
          <a href={`/faq?q=${encodeURIComponent(props.q)}&page=${props.page - 1}`}>上一页</a>
        )}
        {props.page < props.pages && (
          <a href={`/faq?q=${encodeURIComponent(props.q)}&page=${props.page + 1}`}>下一页</a>
        )}
      </nav>
    </PortalLayout>
  );
}
