import type { Child } from "hono/jsx";
import { emptyForm, FileField, Form, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import { DISCLOSURE_LABELS, RELATION_LABELS, type TRelationKind, VALIDITY_LABELS } from "./documents.schemas";
import { Check, GroupError, kindLabel, StatusBadge } from "./documents.staff-shared";
import type { TDocumentView } from "./read-document";

const FINDING_LABELS: Record<string, string> = {
  id_card: "身份证号",
  mobile: "手机号",
  bank_card: "银行卡号",
};

const FILE_TYPE_LABELS: Record<string, string> = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word（DOCX）",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel（XLSX）",
  "image/png": "PNG 图片",
  "image/jpeg": "JPG 图片",
};

/** A moment as Beijing wall-clock time, to the minute. */
export function beijingTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

// ——— one document

/** What the unit's staff read beside a repeal or amendment that has not (or no longer) taken effect. */
const RELATION_STATE_NOTES: Record<string, string> = {
  pending: "本文件发布后生效",
  proposed: "待被废止、修改文件的发布单位确认",
  declined: "对方单位未接受",
};

export type TDocumentAction = "submit" | "publish" | "return" | "withdraw" | "attach";
export type TFinding = { kind: string; masked: string };

function Fact({ label, children }: { label: string; children?: Child }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children || "—"}</dd>
    </>
  );
}

function PublishForm(props: {
  ctx: TPageCtx;
  id: number;
  form: TFormState;
  needsWaiver: boolean;
  findings: TFinding[];
}) {
  const { form } = props;
  const askPrivacy = Boolean(form.errors.confirmPrivacy) || form.values.confirmPrivacy === "1";
  return (
    <section class="doc-action" aria-labelledby="act-publish">
      <h3 id="act-publish">发布</h3>
      <Form
        action={`/admin/documents/${props.id}/publish`}
        csrfToken={props.ctx.csrfToken}
        form={form}
        submitLabel="发布"
      >
        <TextField
          form={form}
          name="publishAt"
          label="定时发布时间（北京时间）"
          type="datetime-local"
          hint="留空则立即发布；填写后文件到该时间才对公众公开。"
        />
        {(props.needsWaiver || form.errors.interpretationWaiver) && (
          <TextArea
            form={form}
            name="interpretationWaiver"
            label="不同步解读理由"
            rows={3}
            maxLength={500}
            hint="本文件须同步解读，但尚未关联解读材料；不同步解读时由审核人填写理由（至少 5 个字）。"
          />
        )}
        {props.findings.length > 0 && (
          <div class="privacy-findings" role="note">
            <p>在标题、摘要、正文或附件中发现以下疑似个人信息（已部分隐去）：</p>
            <ul>
              {props.findings.map((f) => (
                <li>
                  {FINDING_LABELS[f.kind] ?? f.kind}：{f.masked}
                </li>
              ))}
            </ul>
          </div>
        )}
        {askPrivacy && (
          <Check
            form={form}
            name="confirmPrivacy"
            label="我已核实，确认发布"
            hint="确认这些信息依法可以公开，或已在正文和附件中删除、隐去。确认将记入操作日志。"
          />
        )}
      </Form>
    </section>
  );
}

/** The staff view of one document: facts, the actions open to this user now, files and versions. */
export function StaffDocumentPage(props: {
  ctx: TPageCtx;
  view: TDocumentView;
  versions: { version: number; changeNote: string; createdBy: string; createdAt: Date }[];
  canEdit: boolean;
  canReview: boolean;
  now: Date;
  forms?: Partial<Record<TDocumentAction, TFormState>>;
  findings?: TFinding[];
  /** Sections added by other features (sign-offs, catalogue items, eligibility). */
  panels?: Child[];
}) {
  const { view, ctx, canEdit, canReview } = props;
  const d = view.row;
  const forms = props.forms ?? {};
  const formOf = (a: TDocumentAction) => forms[a] ?? emptyForm();
  const scheduledAt =
    d.status === "published" && d.publishAt && d.publishAt > props.now ? beijingTime(d.publishAt) : null;
  const isOpen = d.status === "draft" || d.status === "review";
  const needsWaiver = d.needsInterpretation && view.interpretations.length === 0 && !d.interpretationWaiver;
  const canSubmit = canEdit && d.status === "draft";
  const canPublish = canReview && isOpen;
  const canReturn = canReview && d.status === "review";
  const canWithdraw = canReview && d.status === "published";
  const hasActions = canSubmit || canPublish || canReturn || canWithdraw;
  // A published file stays as published; a correction is a new document or a withdrawal.
  const canRemove = canEdit && isOpen;
  const proposals = view.relations.filter((r) => r.direction === "to" && r.state === "proposed");
  const linked = (x: { id: number; title: string }) => <a href={`/admin/documents/${x.id}`}>{x.title}</a>;
  return (
    <AdminLayout ctx={ctx} title={d.title}>
      <p>
        <a href="/admin/documents">返回文件列表</a>
      </p>
      <h1>{d.title}</h1>
      <p class="doc-state">
        <StatusBadge status={d.status} scheduledAt={scheduledAt} />
      </p>
      <ul class="action-links">
        {canEdit && d.status !== "withdrawn" && (
          <li>
            <a href={`/admin/documents/${d.id}/edit`}>修改文件</a>
          </li>
        )}
        <li>
          <a href={`/documents/${d.id}`}>{d.status === "published" ? "查看公开页面" : "预览正文"}</a>
        </li>
      </ul>
      {d.status === "withdrawn" && (
        <div class="notice" role="note">
          <p>本文件已于 {d.withdrawnAt ? beijingTime(d.withdrawnAt) : "—"} 撤回，公开页面显示以下说明：</p>
          <p>{d.withdrawalNotice}</p>
        </div>
      )}
      <dl class="facts">
        <Fact label="编号">{String(d.id)}</Fact>
        <Fact label="索引号">{d.indexNo}</Fact>
        <Fact label="文号">{d.docNumber}</Fact>
        <Fact label="文件类型">{kindLabel(d.kind)}</Fact>
        <Fact label="发布机构">{view.unitName}</Fact>
        <Fact label="发文机关">{d.issuer}</Fact>
        <Fact label="成文日期">{d.writtenAt}</Fact>
        <Fact label="应公开日期">{d.publishDue && `${d.publishDue}（成文后第 20 个工作日）`}</Fact>
        <Fact label="发布日期">{d.publishedAt}</Fact>
        <Fact label="实施日期">{d.effectiveAt}</Fact>
        <Fact label="有效性">{VALIDITY_LABELS[view.validity]}</Fact>
        <Fact label="废止日期">{d.repealedAt}</Fact>
        {d.amendedAt && <Fact label="修改日期">{d.amendedAt}</Fact>}
        <Fact label="主题分类">{d.topics.join("、")}</Fact>
        <Fact label="主题词">{d.keywords.join("、")}</Fact>
        <Fact label="公开方式">{DISCLOSURE_LABELS[d.disclosure as keyof typeof DISCLOSURE_LABELS]}</Fact>
        {d.needsInterpretation && <Fact label="同步解读">须同步解读</Fact>}
        {view.interprets && <Fact label="解读的文件">{linked(view.interprets)}</Fact>}
        {view.interpretations.length > 0 && (
          <Fact label="解读材料">
            {view.interpretations.map((i, n) => (
              <>
                {n > 0 && "、"}
                {linked(i)}
              </>
            ))}
          </Fact>
        )}
        {d.interpretationWaiver && <Fact label="不同步解读理由">{d.interpretationWaiver}</Fact>}
        {d.privacyConfirmedBy && (
          <Fact label="个人信息核实">
            {d.privacyConfirmedBy}
            {d.privacyConfirmedAt && `，${beijingTime(d.privacyConfirmedAt)}`}
          </Fact>
        )}
        {view.relations.length > 0 && (
          <Fact label="关联文件">
            <ul>
              {view.relations.map((r) => (
                <li>
                  {r.direction === "from"
                    ? RELATION_LABELS[r.kind as TRelationKind].from
                    : RELATION_LABELS[r.kind as TRelationKind].to}
                  {linked(r)}
                  {RELATION_STATE_NOTES[r.state] && `（${RELATION_STATE_NOTES[r.state]}）`}
                </li>
              ))}
            </ul>
          </Fact>
        )}
        {view.qa.length > 0 && <Fact label="问答">{`${view.qa.length} 条`}</Fact>}
        <Fact label="版本">{String(d.version)}</Fact>
      </dl>

      {proposals.length > 0 && (
        <section aria-labelledby="proposals-heading">
          <h2 id="proposals-heading">待确认的废止、修改</h2>
          <p>
            以下其他单位的文件声明废止或修改本文件。只有本单位（或政务公开办公室）接受后才生效，自来文的实施日期（没有则为发布日期）起。
          </p>
          <DataTable
            caption="待确认的废止、修改"
            columns={canReview ? ["来文", "内容", "操作"] : ["来文", "内容"]}
          >
            {proposals.map((r) => (
              <tr>
                <td>
                  <a href={`/documents/${r.id}`}>{r.title}</a>
                  {r.docNumber && `（${r.docNumber}）`}
                </td>
                <td>{r.kind === "repeals" ? "废止本文件" : "修改本文件"}</td>
                {canReview && (
                  <td>
                    {(["accept", "decline"] as const).map((decision) => (
                      <form
                        method="post"
                        action={`/admin/documents/${d.id}/proposals/${r.relationId}`}
                        class="inline"
                      >
                        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                        <input type="hidden" name="decision" value={decision} />
                        <button type="submit" class="link-button dark">
                          {decision === "accept" ? "接受" : "不接受"}
                          <span class="visually-hidden">
                            《{r.title}》的{r.kind === "repeals" ? "废止" : "修改"}
                          </span>
                        </button>
                      </form>
                    ))}
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        </section>
      )}

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">办理</h2>
        {!hasActions && <p>当前状态下您没有可办理的操作。</p>}
        {canSubmit && (
          <section class="doc-action" aria-labelledby="act-submit">
            <h3 id="act-submit">送审</h3>
            <Form
              action={`/admin/documents/${d.id}/submit`}
              csrfToken={ctx.csrfToken}
              form={formOf("submit")}
              submitLabel="送审"
            >
              <p>送交本单位审核人审核发布。</p>
              <GroupError form={formOf("submit")} name="submit" />
            </Form>
          </section>
        )}
        {canPublish && (
          <PublishForm
            ctx={ctx}
            id={d.id}
            form={formOf("publish")}
            needsWaiver={needsWaiver}
            findings={props.findings ?? []}
          />
        )}
        {canReturn && (
          <section class="doc-action" aria-labelledby="act-return">
            <h3 id="act-return">退回修改</h3>
            <Form
              action={`/admin/documents/${d.id}/return`}
              csrfToken={ctx.csrfToken}
              form={formOf("return")}
              submitLabel="退回"
            >
              <TextArea
                form={formOf("return")}
                name="comment"
                label="退回意见"
                rows={3}
                maxLength={1000}
                isRequired
              />
            </Form>
          </section>
        )}
        {canWithdraw && (
          <section class="doc-action" aria-labelledby="act-withdraw">
            <h3 id="act-withdraw">撤回</h3>
            <Form
              action={`/admin/documents/${d.id}/withdraw`}
              csrfToken={ctx.csrfToken}
              form={formOf("withdraw")}
              submitLabel="撤回"
              isDanger
            >
              <TextArea
                form={formOf("withdraw")}
                name="notice"
                label="撤回说明"
                rows={3}
                maxLength={2000}
                hint="公开页面将以这段说明代替正文，写明撤回的原因（至少 5 个字）。"
                isRequired
              />
            </Form>
          </section>
        )}
      </section>

      <section aria-labelledby="attachments-heading">
        <h2 id="attachments-heading">附件</h2>
        {view.attachments.length === 0 ? (
          <p>暂无附件。</p>
        ) : (
          <DataTable
            caption="附件"
            columns={canRemove ? ["名称", "类型", "大小", "操作"] : ["名称", "类型", "大小"]}
          >
            {view.attachments.map((a) => (
              <tr>
                <td>
                  <a href={`/documents/${d.id}/attachments/${a.id}`}>{a.name}</a>
                  {a.hasNoText && (
                    <p class="hint">
                      未读出文字（扫描件、损坏或读取超时）：检索和个人信息检查都看不到其中内容，请人工核对。
                    </p>
                  )}
                </td>
                <td>{FILE_TYPE_LABELS[a.mime] ?? a.mime}</td>
                <td>{Math.max(1, Math.round(a.size / 1024))} KB</td>
                {canRemove && (
                  <td>
                    <form
                      method="post"
                      action={`/admin/documents/${d.id}/attachments/${a.id}/remove`}
                      class="inline"
                    >
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <button type="submit" class="link-button dark">
                        删除<span class="visually-hidden">附件{a.name}</span>
                      </button>
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        )}
        {canEdit && d.status !== "withdrawn" && (
          <Form
            action={`/admin/documents/${d.id}/attachments`}
            csrfToken={ctx.csrfToken}
            form={formOf("attach")}
            submitLabel="上传"
            hasFiles
          >
            <FileField
              form={formOf("attach")}
              name="file"
              label="上传附件"
              accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
              hint="PDF、DOCX、XLSX、PNG 或 JPG，10 MB 以内。其中的文字将用于检索和个人信息检查。"
            />
          </Form>
        )}
      </section>

      {props.panels}
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">版本记录</h2>
        <DataTable caption="版本记录，最新的在前" columns={["版本", "时间", "操作人", "说明"]}>
          {props.versions.map((v) => (
            <tr>
              <td>{v.version}</td>
              <td>{beijingTime(v.createdAt)}</td>
              <td>{v.createdBy}</td>
              <td>{v.changeNote}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </AdminLayout>
  );
}
