import { Form, TextArea, type TFormState } from "../../../platform/ui/forms";
import { AdminLayout } from "../../../platform/ui/layout";
import type { TPageCtx } from "../../../platform/ui/page-context";
import {
  DEFAULT_REPLY_TEMPLATES,
  type TReplyTemplateKey,
  type TReplyTemplates,
  templateLabel,
} from "./templates";

const PLACEHOLDERS =
  "{applicantName} 申请人、{agencyName} 答复机关、{receiptNo} 受理编号、{receivedDate} 收到日期、{replyDate} 答复日期、" +
  "{description} 申请内容、{reason} 理由、{legalBasis} 法律依据、{otherAgency} 负责公开的机关、{provisionNote} 提供方式、" +
  "{whereToObtain} 已主动公开信息的获取方式和途径、{contactPhone} 联系电话";

/** The office edits the body of the written reply for each outcome; the remedies are always appended. */
export function ReplyTemplatesPage(props: {
  ctx: TPageCtx;
  templates: TReplyTemplates;
  selected?: TReplyTemplateKey;
  form: TFormState;
}) {
  const { ctx, templates, selected } = props;
  return (
    <AdminLayout ctx={ctx} title="答复告知书模板">
      <h1>答复告知书模板</h1>
      <p>
        每种处理结果一份正文模板；条例第三十六条对同一处理结果规定了不同答复的（已经主动公开的予以公开；经检索没有、不属于本机关负责公开的无法提供），每种情形各一份。可用的占位符：
        {PLACEHOLDERS}
        。每份告知书末尾由系统自动加上救济途径（行政复议、行政诉讼），
        不能删除。清空正文并保存即恢复系统提供的模板。
      </p>
      <ul class="action-links">
        {(Object.keys(DEFAULT_REPLY_TEMPLATES) as TReplyTemplateKey[]).map((o) => (
          <li>
            <a
              href={`/admin/reply-templates?outcome=${encodeURIComponent(o)}#editor`}
              aria-current={o === selected ? "true" : undefined}
            >
              {templateLabel(o)}
              {templates[o] !== DEFAULT_REPLY_TEMPLATES[o] && "（已修改）"}
            </a>
          </li>
        ))}
      </ul>
      {selected && (
        <section id="editor" aria-labelledby="editor-heading">
          <h2 id="editor-heading">{templateLabel(selected)}</h2>
          <Form
            action={`/admin/reply-templates?outcome=${encodeURIComponent(selected)}`}
            csrfToken={ctx.csrfToken}
            form={props.form}
            submitLabel="保存模板"
          >
            <TextArea form={props.form} name="text" label="正文（每行一段）" rows={14} />
          </Form>
        </section>
      )}
    </AdminLayout>
  );
}
