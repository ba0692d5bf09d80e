import {
  CheckboxGroup,
  FileField,
  Form,
  SelectField,
  TextArea,
  TextField,
  type TFormState,
} from "../../platform/ui/forms";
import { PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { PROVISIONAL_LABEL } from "../calendar";
import type { TUnitRow } from "../org";
import { ApplicantFields, labelOptions } from "./applicant-fields";
import type { TPublicReceipt } from "./create-request";
import type { presentPublicStatus } from "./present";
import type { TReplyLetter } from "./reply-letter/render-text";
import { DELIVERY_LABELS, FORM_LABELS } from "./requests.schemas";

/** The online application form: the fields of an official form, usable without JavaScript. */
export function RequestFormPage({
  ctx,
  form,
  formToken,
  sentReceipt,
  units,
}: {
  ctx: TPageCtx;
  form: TFormState;
  formToken: string;
  /** This browser has just sent the form: sending it again shows that receipt. */
  sentReceipt: TPublicReceipt | null;
  units: TUnitRow[];
}) {
  return (
    <PortalLayout ctx={ctx} title="申请政府信息公开">
      <h1>政府信息公开申请</h1>
      {sentReceipt && (
        <div class="notice" role="status">
          <p>
            您已于 {sentReceipt.submittedOn} 提交申请，受理编号 {sentReceipt.receiptNo}
            。再次提交本页只会显示该申请的回执，不会重复申请。
          </p>
          <p>
            <a href="/requests/receipt">查看回执</a> · <a href="/requests/new?another=1">填写新的申请</a>
          </p>
        </div>
      )}
      <p>
        请如实填写。我们收到申请后将与您确认受理，自确认之日起 20 个工作日内答复（可依法延长不超过 20
        个工作日）。 提交后您会得到受理编号和查询码，凭二者可随时查询办理进度。
      </p>
      <Form
        action="/requests/new"
        csrfToken={ctx.csrfToken}
        formToken={formToken}
        form={form}
        submitLabel="提交申请"
        hasFiles
      >
        <ApplicantFields form={form} legend="申请人信息">
          <FileField
            form={form}
            name="idCopy"
            label="身份证明复印件（可选）"
            hint="PDF、PNG 或 JPEG 文件，10 MB 以内。"
            accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
          />
        </ApplicantFields>
        <fieldset class="group">
          <legend>所需信息</legend>
          <SelectField
            form={form}
            name="unitId"
            label="向哪个机关申请"
            options={units.map((u) => ({ value: String(u.id), label: u.name }))}
            placeholder="（不确定时由区政府办公室转办）"
          />
          <TextArea
            form={form}
            name="description"
            label="所需政府信息的名称、文号或者便于查询的其他特征性描述"
            rows={6}
            isRequired
          />
          <SelectField
            form={form}
            name="form"
            label="获取信息的形式"
            options={labelOptions(FORM_LABELS)}
            placeholder="请选择"
            isRequired
          />
          <SelectField
            form={form}
            name="delivery"
            label="获取信息的方式"
            hint="选择邮寄须填写通信地址，选择电子邮件须填写电子邮箱；网上获取凭受理编号和查询码在本网站查看。"
            options={labelOptions(DELIVERY_LABELS)}
            placeholder="请选择"
            isRequired
          />
        </fieldset>
        {/* A field people never see or fill in; automated posters do. */}
        <div class="hp" aria-hidden="true">
          <label for="f-website">请勿填写此项</label>
          <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
        </div>
        <CheckboxGroup
          form={form}
          name="consent"
          label="声明"
          options={[
            { value: "1", label: "本人承诺所填信息真实，并同意办理机关为处理本申请使用上述个人信息。" },
          ]}
        />
      </Form>
      <p>
        已提交过申请？<a href="/requests/status">查询办理进度</a>
      </p>
    </PortalLayout>
  );
}

/** The page after sending, shown again on a refresh; printable and saved as a small text file. */
export function ReceiptPage({ ctx, receipt }: { ctx: TPageCtx; receipt: TPublicReceipt | null }) {
  if (!receipt)
    return (
      <PortalLayout ctx={ctx} title="没有可显示的回执">
        <h1>没有可显示的回执</h1>
        <p>回执只在提交申请的浏览器中显示，关闭浏览器后不再显示。请凭受理编号和查询码查询办理进度。</p>
        <p>
          <a href="/requests/status">查询办理进度</a> · <a href="/requests/new">提出新的申请</a>
        </p>
      </PortalLayout>
    );
  return (
    <PortalLayout ctx={ctx} title="申请已提交">
      <div class="receipt-sheet">
        <h1>申请已提交</h1>
        <p class="lead">请记下以下两项，查询办理进度和查看答复时需要：</p>
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
        <p>{RECEIPT_NOTE}</p>
      </div>
      <ul class="receipt-actions">
        <li>
          <a href="/requests/receipt.txt" class="button" download>
            保存回执
          </a>
        </li>
        <li>
          <button type="button" class="button" data-print hidden>
            打印回执
          </button>
        </li>
        <li>
          <a href="/requests/status">查询办理进度</a>
        </li>
      </ul>
    </PortalLayout>
  );
}

export const RECEIPT_NOTE =
  "我们确认受理后，答复期限自确认之日起计算。查询码不会再通过其他途径提供，请妥善保存本回执；回执只在本浏览器中显示，关闭浏览器后不再显示。";

/** The saved receipt: what the page shows, as plain text any phone or computer opens. */
export function receiptText(r: TPublicReceipt, origin: string): string {
  return [
    "政府信息公开申请回执",
    "",
    `受理编号：${r.receiptNo}`,
    `查询码：${r.queryCode}`,
    `提交日期：${r.submittedOn}`,
    "",
    RECEIPT_NOTE,
    `查询办理进度：${origin}/requests/status`,
    "",
  ].join("\r\n");
}

type TStatus = ReturnType<typeof presentPublicStatus>;

export function StatusLookupPage(props: {
  ctx: TPageCtx;
  form: TFormState;
  status?: TStatus;
  letter?: TReplyLetter | null;
}) {
  const { ctx, form, status, letter } = props;
  return (
    <PortalLayout ctx={ctx} title="查询办理进度">
      <h1>查询政府信息公开申请办理进度</h1>
      {!status && (
        <Form action="/requests/status" csrfToken={ctx.csrfToken} form={form} submitLabel="查询">
          <TextField form={form} name="receiptNo" label="受理编号" autocomplete="off" isRequired />
          <TextField form={form} name="queryCode" label="查询码" autocomplete="off" isRequired />
        </Form>
      )}
      {status && (
        <section aria-labelledby="status-heading">
          <h2 id="status-heading">受理编号 {status.receiptNo}</h2>
          <dl class="facts">
            <dt>办理状态</dt>
            <dd>{status.statusLabel}</dd>
            <dt>受理日期</dt>
            <dd>{status.receivedAt ?? "待确认"}</dd>
            <dt>答复期限</dt>
            <dd>
              {status.status === "paused" && status.dueDate && "暂停计时中，不早于 "}
              {status.dueDate ?? "—"}
              {status.dueDateProvisional && `（${PROVISIONAL_LABEL}）`}
            </dd>
            {status.outcomeLabel && (
              <>
                <dt>处理结果</dt>
                <dd>{status.outcomeLabel}</dd>
                <dt>答复日期</dt>
                <dd>{status.closedAt}</dd>
              </>
            )}
          </dl>
          <h3>期限计算过程</h3>
          <ol>
            {status.steps.map((s) => (
              <li>{s}</li>
            ))}
          </ol>
          {letter && (
            <section aria-labelledby="letter-heading" class="letter">
              <h3 id="letter-heading">{letter.title}</h3>
              <p>{letter.docNo}</p>
              <p>{letter.salutation}</p>
              {letter.paragraphs.map((p) => (
                <p>{p}</p>
              ))}
              <p class="signature">{letter.signature}</p>
              <p class="signature">{letter.date}</p>
              <form method="post" action="/requests/reply.docx">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <input type="hidden" name="receiptNo" value={status.receiptNo} />
                <input type="hidden" name="queryCode" value={String(form.values.queryCode ?? "")} />
                <button type="submit" class="button">
                  下载答复告知书（Word）
                </button>
              </form>
            </section>
          )}
          <p>
            <a href="/requests/status">查询其他申请</a>
          </p>
        </section>
      )}
    </PortalLayout>
  );
}
