import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import { Form, Pagination, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import type { TMailboxReceipt } from "./mailbox";
import type { TPublicResponse } from "./public-responses";

/** The 领导信箱 form: usable without JavaScript; the writer's name and contact are never published. */
export function MailboxFormPage({
  ctx,
  form,
  formToken,
  sentReceipt,
}: {
  ctx: TPageCtx;
  form: TFormState;
  formToken: string;
  sentReceipt: TMailboxReceipt | null;
}) {
  return (
    <PortalLayout ctx={ctx} title="领导信箱">
      <Breadcrumbs items={[{ href: "/", label: "首页" }]} current="领导信箱" />
      <h1>领导信箱</h1>
      {sentReceipt && (
        <div class="notice" role="status">
          <p>
            您已于 {sentReceipt.submittedOn} 来信，编号 {sentReceipt.receiptNo}
            。再次提交本页只会显示该来信的回执，不会重复来信。
          </p>
          <p>
            <a href="/mailbox/receipt">查看回执</a> · <a href="/mailbox?another=1">再写一封</a>
          </p>
        </div>
      )}
      <p>
        欢迎您对本区工作提出意见建议、反映问题。来信由区政府办公室登记转办，一般在 48 小时内答复。
        您的姓名和联系方式只用于联系您，不会公开；答复公开时只公开来信内容（删去个人信息）和答复。
      </p>
      <p>
        紧急求助请拨打 110、119、120；依申请公开政府信息请使用<a href="/requests/new">依申请公开</a>。
      </p>
      <Form
        action="/mailbox"
        csrfToken={ctx.csrfToken}
        formToken={formToken}
        form={form}
        submitLabel="提交来信"
      >
        <fieldset class="group">
          <legend>来信人（不公开）</legend>
          <TextField form={form} name="name" label="姓名" isRequired autocomplete="name" maxLength={50} />
          <TextField
            form={form}
            name="contact"
            label="联系电话或电子邮箱"
            isRequired
            autocomplete="tel"
            maxLength={100}
            hint="用于答复和核实情况。"
          />
        </fieldset>
        <fieldset class="group">
          <legend>来信内容</legend>
          <TextField form={form} name="title" label="标题" isRequired maxLength={100} />
          <TextArea
            form={form}
            name="body"
            label="内容"
            isRequired
            rows={8}
            maxLength={5000}
            hint="请写明事情经过、地点和您的诉求，不要填写身份证号等与问题无关的个人信息。5000 字以内。"
          />
        </fieldset>
        <div class="visually-hidden" aria-hidden="true">
          <label for="f-website">请勿填写此项</label>
          <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
        </div>
      </Form>
    </PortalLayout>
  );
}

/** After sending: the letter's number, nothing else of it. */
export function MailboxReceiptPage({ ctx, receipt }: { ctx: TPageCtx; receipt: TMailboxReceipt | null }) {
  return (
    <PortalLayout ctx={ctx} title={receipt ? "来信已收到" : "没有可显示的回执"}>
      <h1>{receipt ? "来信已收到" : "没有可显示的回执"}</h1>
      {receipt ? (
        <>
          <dl class="receipt">
            <dt>来信编号</dt>
            <dd>{receipt.receiptNo}</dd>
            <dt>来信日期</dt>
            <dd>{receipt.submittedOn}</dd>
          </dl>
          <p>
            我们会在 48 小时内与您联系或答复。答复如公开，将刊登在“<a href="/responses">回应关切</a>
            ”栏目，不含您的姓名和联系方式。
          </p>
        </>
      ) : (
        <p>
          回执只在提交后的短时间内、在提交来信的浏览器中显示。<a href="/mailbox">写信</a>
        </p>
      )}
    </PortalLayout>
  );
}

/** 回应关切: published answers, newest first, with the documents released. */
export function ResponsesPage({
  ctx,
  total,
  items,
  page,
  pageSize,
}: {
  ctx: TPageCtx;
  total: number;
  items: TPublicResponse[];
  page: number;
  pageSize: number;
}) {
  return (
    <PortalLayout ctx={ctx} title="回应关切">
      <Breadcrumbs items={[{ href: "/", label: "首页" }]} current="回应关切" />
      <h1>回应关切</h1>
      <p>
        对 12345 市民服务热线、领导信箱、媒体报道等渠道反映的社会关切问题的回应。共 {total} 条。
        <a href="/mailbox">我要写信</a>
      </p>
      {items.length === 0 ? (
        <p>暂无公开的回应。</p>
      ) : (
        <ol class="opinion-responses">
          {items.map((r) => (
            <li>
              <article aria-labelledby={`resp-${r.id}`}>
                <h2 id={`resp-${r.id}`}>{r.title}</h2>
                <p class="meta">
                  {r.publishedOn} · {r.source}
                  {r.topic && ` · ${r.topic}`}
                  {r.unit && ` · 答复单位：${r.unit}`}
                </p>
                <h3 class="visually-hidden">问题</h3>
                <p class="question">
                  <strong>问：</strong>
                  {r.question}
                </p>
                <h3 class="visually-hidden">答复</h3>
                <p class="answer">
                  <strong>答：</strong>
                  {r.answer}
                </p>
                {r.documents.length > 0 && (
                  <p>
                    相关文件：
                    {r.documents.map((d, i) => (
                      <>
                        {i > 0 && "；"}
                        <a href={`/documents/${d.id}`}>{d.title}</a>
                      </>
                    ))}
                  </p>
                )}
              </article>
            </li>
          ))}
        </ol>
      )}
      <Pagination total={total} page={page} pageSize={pageSize} baseQuery={new URLSearchParams()} />
    </PortalLayout>
  );
}
