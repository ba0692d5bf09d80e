import type { Child } from "hono/jsx";
import {
  CheckboxGroup,
  emptyForm,
  FileField,
  Form,
  Pagination,
  SelectField,
  TextArea,
  TextField,
  type TFormState,
} from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import type { TUnitRow } from "../org";
import {
  DISCLOSURE_LABELS,
  DISCLOSURES,
  DOCUMENT_KINDS,
  INTERPRETATION_FORM_LABELS,
  INTERPRETATION_FORMS,
  KIND_LABELS,
  RELATION_KINDS,
  RELATION_LABELS,
  STATUS_LABELS,
  type TDocumentKind,
  type TDocumentStatus,
  type TRelationKind,
  VALIDITIES,
  VALIDITY_LABELS,
} from "./documents.schemas";
import type { TDocumentView } from "./read-document";
import { STAFF_STATUSES, type TStaffListRow, type TStaffStatus } from "./staff.repository";

/** The most relation rows the form shows (the schema allows 50). */
export const MAX_RELATION_ROWS = 50;

const STAFF_STATUS_LABELS: Record<TStaffStatus, string> = {
  draft: STATUS_LABELS.draft,
  review: STATUS_LABELS.review,
  scheduled: "定时发布",
  published: STATUS_LABELS.published,
  withdrawn: STATUS_LABELS.withdrawn,
};

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

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((v) => ({ value: v, label: labels[v] }));

const kindLabel = (kind: string) => KIND_LABELS[kind as TDocumentKind] ?? kind;
const validityLabel = (v: string) => VALIDITY_LABELS[v as keyof typeof VALIDITY_LABELS] ?? v;

/** A moment as Beijing wall-clock time, to the minute. */
export function beijingTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** The state in words; a published document that is not yet public says when it will be. */
function StatusBadge(props: { status: string; scheduledAt?: string | null }) {
  if (props.status === "published" && props.scheduledAt)
    return <span class="badge status-scheduled">定时发布（{props.scheduledAt} 公开）</span>;
  return (
    <span class={`badge status-${props.status}`}>
      {STATUS_LABELS[props.status as TDocumentStatus] ?? props.status}
    </span>
  );
}

/** A place for an error that belongs to a group of inputs or to the whole form, so the summary can link to it. */
function GroupError({ form, name }: { form: TFormState; name: string }) {
  const error = form.errors[name];
  return (
    <div id={`f-${name}`} tabindex={-1}>
      {error && (
        <p class="field-error">
          <span class="visually-hidden">错误：</span>
          {error}
        </p>
      )}
    </div>
  );
}

function Group({ legend, children }: { legend: string; children?: Child }) {
  return (
    <fieldset class="group">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

function Check(props: { form: TFormState; name: string; label: string; hint?: string }) {
  const error = props.form.errors[props.name];
  return (
    <div class={error ? "field check doc-check has-error" : "field check doc-check"}>
      {error && (
        <p class="field-error" id={`f-${props.name}-error`}>
          <span class="visually-hidden">错误：</span>
          {error}
        </p>
      )}
      <input
        type="checkbox"
        id={`f-${props.name}`}
        name={props.name}
        value="1"
        checked={props.form.values[props.name] === "1"}
        aria-describedby={error ? `f-${props.name}-error` : props.hint ? `f-${props.name}-hint` : undefined}
      />
      <label for={`f-${props.name}`}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`f-${props.name}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

// ——— the list

export type TStaffListQuery = { status?: TStaffStatus; kind?: TDocumentKind; q?: string; page: number };

/** The documents of the units the user works for, with filters by status, kind and text. */
export function StaffDocumentListPage(props: {
  ctx: TPageCtx;
  items: TStaffListRow[];
  total: number;
  pageSize: number;
  query: TStaffListQuery;
  base: URLSearchParams;
  canCreate: boolean;
}) {
  const { query } = props;
  return (
    <AdminLayout ctx={props.ctx} title="主动公开文件">
      <h1>主动公开文件</h1>
      <p class="action-links">
        {props.canCreate && (
          <a class="button" href="/admin/documents/new">
            新建文件
          </a>
        )}
        <a href="/admin/documents/late">超过 20 个工作日公开的信息</a>
      </p>
      <form method="get" action="/admin/documents" class="filters">
        <div class="field">
          <label for="q-status">状态</label>
          <select id="q-status" name="status">
            <option value="">全部</option>
            {STAFF_STATUSES.map((s) => (
              <option value={s} selected={query.status === s}>
                {STAFF_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="q-kind">文件类型</label>
          <select id="q-kind" name="kind">
            <option value="">全部</option>
            {DOCUMENT_KINDS.map((k) => (
              <option value={k} selected={query.kind === k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="q-q">标题、文号或索引号</label>
          <input id="q-q" name="q" type="search" value={query.q ?? ""} maxlength={200} />
        </div>
        <button type="submit" class="button">
          筛选
        </button>
      </form>
      <p>共 {props.total} 件。</p>
      {props.items.length > 0 && (
        <DataTable
          caption="主动公开文件，按最近修改排列"
          columns={["编号", "标题", "文号", "发布机构", "状态", "有效性", "最近修改"]}
          className="doc-staff-list"
        >
          {props.items.map((d) => (
            <tr>
              <td>{d.id}</td>
              <td>
                <a href={`/admin/documents/${d.id}`}>{d.title}</a>
                <span class="muted doc-kind">{kindLabel(d.kind)}</span>
              </td>
              <td>{d.docNumber || "—"}</td>
              <td>{d.unitName}</td>
              <td>
                <StatusBadge status={d.status} scheduledAt={d.isScheduled ? d.publishAt : null} />
              </td>
              <td>{validityLabel(d.validity)}</td>
              <td>{d.updatedOn}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination total={props.total} page={query.page} pageSize={props.pageSize} baseQuery={props.base} />
    </AdminLayout>
  );
}

// ——— the form

/** Row numbers of the relation inputs: the rows in use, then two empty ones (at least three). */
function relationRows(values: Record<string, unknown>): number[] {
  const used = Object.keys(values)
    .map((k) => /^rel(?:Id|Kind)_(\d+)$/.exec(k)?.[1])
    .filter((i): i is string => i !== undefined)
    .map(Number);
  const count = Math.min(MAX_RELATION_ROWS, Math.max(3, used.length ? Math.max(...used) + 3 : 0));
  return Array.from({ length: count }, (_, i) => i);
}

/** One form for a new document and for a change to one; every field of the API's body. */
export function DocumentFormPage(props: {
  ctx: TPageCtx;
  form: TFormState;
  units: TUnitRow[];
  topics: string[];
  documentId?: number;
  isPublished?: boolean;
}) {
  const { form, documentId } = props;
  const title = documentId ? "修改文件" : "新建文件";
  const relationOptions = RELATION_KINDS.map((k) => ({ value: k, label: RELATION_LABELS[k].from }));
  return (
    <AdminLayout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      {documentId && (
        <p>
          <a href={`/admin/documents/${documentId}`}>返回文件</a>
        </p>
      )}
      <Form
        action={documentId ? `/admin/documents/${documentId}/edit` : "/admin/documents"}
        csrfToken={props.ctx.csrfToken}
        form={form}
        submitLabel={documentId ? "保存修改" : "保存为草稿"}
      >
        {documentId && (
          <>
            <input type="hidden" name="version" value={String(form.values.version ?? "")} />
            <GroupError form={form} name="version" />
          </>
        )}
        <Group legend="基本信息">
          <TextField form={form} name="title" label="标题" maxLength={500} isRequired />
          <SelectField
            form={form}
            name="kind"
            label="文件类型"
            options={options(DOCUMENT_KINDS, KIND_LABELS)}
          />
          <SelectField
            form={form}
            name="unitId"
            label="发布机构"
            options={props.units.map((u) => ({ value: String(u.id), label: u.name }))}
            placeholder={props.units.length > 1 ? "（请选择）" : undefined}
            isRequired
          />
          <SelectField
            form={form}
            name="disclosure"
            label="公开方式"
            options={options(DISCLOSURES, DISCLOSURE_LABELS)}
          />
          <TextField
            form={form}
            name="level"
            label="效力级别"
            hint="导入的法律法规填写，如“地方性法规”；本区文件留空。"
          />
        </Group>
        <Group legend="文号与日期">
          <TextField
            form={form}
            name="docNumber"
            label="文号"
            hint="如：区政办发〔2025〕3号。"
            maxLength={100}
          />
          <TextField form={form} name="issuer" label="发文机关" hint="留空则为发布机构。" maxLength={200} />
          <TextField
            form={form}
            name="writtenAt"
            label="成文日期"
            type="date"
            hint="自成文日期起 20 个工作日内应当公开（条例第二十六条）。"
          />
          <TextField form={form} name="publishedAt" label="发布日期" type="date" hint="留空则为发布当日。" />
          <TextField form={form} name="effectiveAt" label="实施日期" type="date" />
        </Group>
        <Group legend="有效性">
          <SelectField
            form={form}
            name="validity"
            label="有效性"
            options={options(VALIDITIES, VALIDITY_LABELS)}
          />
          <TextField
            form={form}
            name="repealedAt"
            label="废止日期"
            type="date"
            hint="有效期届满或预定失效的日期；自该日起文件显示为失效。"
          />
        </Group>
        <Group legend="分类">
          <div id="f-topics" tabindex={-1}>
            <CheckboxGroup
              form={form}
              name="topics"
              label="主题分类"
              options={props.topics.map((t) => ({ value: t, label: t }))}
            />
          </div>
          <TextField form={form} name="keywords" label="主题词" hint="多个主题词用逗号或顿号分隔。" />
        </Group>
        <Group legend="内容">
          <TextArea form={form} name="summary" label="摘要" rows={3} maxLength={2000} />
          <TextArea
            form={form}
            name="body"
            label="正文"
            rows={18}
            hint="Markdown 格式：“## ”开头为小标题，空一行分段，“- ”开头为列表项。"
          />
        </Group>
        <Group legend="政策解读（三同步）">
          <Check
            form={form}
            name="needsInterpretation"
            label="本文件须同步解读"
            hint="勾选后，发布前须关联解读材料或由审核人填写不同步解读的理由。"
          />
          <TextField
            form={form}
            name="interprets"
            label="被解读文件的编号"
            inputmode="numeric"
            hint="仅“政策解读”填写：被解读的政策文件在文件列表中的编号。"
          />
          <SelectField
            form={form}
            name="interpretationForm"
            label="解读形式"
            options={options(INTERPRETATION_FORMS, INTERPRETATION_FORM_LABELS)}
          />
          <TextField
            form={form}
            name="videoUrl"
            label="视频地址"
            type="url"
            hint="视频解读的播放页面地址（http 或 https）。"
          />
          <TextArea
            form={form}
            name="qa"
            label="问答"
            rows={8}
            hint="每条问答先写“问：”一行，再写“答：”；两条之间空一行。"
          />
        </Group>
        <Group legend="关联文件">
          <p class="hint">
            本文件废止、修改或更正其他文件时填写；发布后，被废止或修改的文件自本文件实施之日起显示为相应状态。
          </p>
          <GroupError form={form} name="relations" />
          {relationRows(form.values).map((i) => (
            <fieldset class="field relation-row">
              <legend>关联 {i + 1}</legend>
              <SelectField
                form={form}
                name={`relKind_${i}`}
                label="关系"
                options={relationOptions}
                placeholder="（无）"
              />
              <TextField form={form} name={`relId_${i}`} label="文件编号" inputmode="numeric" />
            </fieldset>
          ))}
        </Group>
        {documentId && (
          <TextArea
            form={form}
            name="changeNote"
            label="修改说明"
            rows={2}
            maxLength={500}
            hint={
              props.isPublished ? "本文件已发布，修改须说明原因，说明将记入版本记录。" : "将记入版本记录。"
            }
            isRequired={props.isPublished}
          />
        )}
      </Form>
    </AdminLayout>
  );
}

// ——— one document

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
                </li>
              ))}
            </ul>
          </Fact>
        )}
        {view.qa.length > 0 && <Fact label="问答">{`${view.qa.length} 条`}</Fact>}
        <Fact label="版本">{String(d.version)}</Fact>
      </dl>

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

// ——— Art. 26

export type TLateRow = {
  id: number;
  title: string;
  unitName: string;
  writtenAt: string;
  publishDue: string;
  publishedAt: string;
  workdaysLate: number;
};

/** Published items that came out after their statutory 20 working days (条例第二十六条). */
export function LatePublicationsPage({ ctx, rows }: { ctx: TPageCtx; rows: TLateRow[] }) {
  return (
    <AdminLayout ctx={ctx} title="超期公开的信息">
      <p>
        <a href="/admin/documents">返回文件列表</a>
      </p>
      <h1>超期公开的信息</h1>
      <p>
        属于主动公开范围的政府信息，应当自该信息形成或者变更之日起 20 个工作日内予以公开（条例第二十六条）。
        下表列出发布日期晚于成文日期后第 20
        个工作日的已发布信息（成文日期当日不计，按工作日历扣除节假日、计入调休上班日）。
      </p>
      <p>共 {rows.length} 件。</p>
      {rows.length > 0 && (
        <DataTable
          caption="超期公开的信息"
          columns={["标题", "发布机构", "成文日期", "应公开日期", "发布日期", "超出工作日"]}
        >
          {rows.map((r) => (
            <tr>
              <td>
                <a href={`/admin/documents/${r.id}`}>{r.title}</a>
              </td>
              <td>{r.unitName}</td>
              <td>{r.writtenAt}</td>
              <td>{r.publishDue}</td>
              <td>{r.publishedAt}</td>
              <td>{r.workdaysLate}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </AdminLayout>
  );
}

// ——— the office's catalogue settings

export type TCatalogueForm = "synonyms" | "topic" | "pattern" | "gazette";

/** Synonyms for search, 特色主题, the 索引号 pattern and 公报 issues, each with its own form. */
export function CatalogueSettingsPage(props: {
  ctx: TPageCtx;
  synonyms: { id: number; terms: string[] }[];
  topics: { name: string; kind: string }[];
  pattern: string;
  issues: { id: number; year: number; number: number; publishedOn: string; title: string }[];
  forms?: Partial<Record<TCatalogueForm, TFormState>>;
}) {
  const { ctx } = props;
  const formOf = (f: TCatalogueForm) =>
    props.forms?.[f] ?? emptyForm(f === "pattern" ? { pattern: props.pattern } : {});
  const special = props.topics.filter((t) => t.kind === "special");
  return (
    <AdminLayout ctx={ctx} title="目录设置">
      <h1>目录设置</h1>
      <ul class="action-links">
        <li>
          <a href="#synonyms-heading">检索同义词</a>
        </li>
        <li>
          <a href="#topics-heading">特色主题</a>
        </li>
        <li>
          <a href="#pattern-heading">索引号格式</a>
        </li>
        <li>
          <a href="#gazette-heading">政府公报</a>
        </li>
      </ul>

      <section aria-labelledby="synonyms-heading">
        <h2 id="synonyms-heading">检索同义词</h2>
        <p>同一组中的词在检索时视为相同，例如检索“医保”也能找到“医疗保险”。</p>
        {props.synonyms.length === 0 ? (
          <p>尚未设置同义词。</p>
        ) : (
          <DataTable caption="同义词组" columns={["同义词", "操作"]}>
            {props.synonyms.map((s) => (
              <tr>
                <td>{s.terms.join("、")}</td>
                <td>
                  <form method="post" action={`/admin/catalogue/synonyms/${s.id}/remove`} class="inline">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <button type="submit" class="link-button dark">
                      删除<span class="visually-hidden">同义词组“{s.terms.join("、")}”</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <Form
          action="/admin/catalogue/synonyms"
          csrfToken={ctx.csrfToken}
          form={formOf("synonyms")}
          submitLabel="添加同义词组"
        >
          <TextField
            form={formOf("synonyms")}
            name="terms"
            label="新的同义词组"
            hint="2 至 10 个词，用逗号、顿号或空格分隔，如：医保、医疗保险。"
            isRequired
          />
        </Form>
      </section>

      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading">特色主题</h2>
        <p>
          主题分类包括国务院公文主题分类（{props.topics.length - special.length}{" "}
          类）和本地的特色主题，特色主题排在后面。
        </p>
        {special.length === 0 ? (
          <p>尚未设置特色主题。</p>
        ) : (
          <ul>
            {special.map((t) => (
              <li>{t.name}</li>
            ))}
          </ul>
        )}
        <Form
          action="/admin/catalogue/topics"
          csrfToken={ctx.csrfToken}
          form={formOf("topic")}
          submitLabel="添加特色主题"
        >
          <TextField form={formOf("topic")} name="name" label="新的特色主题" maxLength={50} isRequired />
        </Form>
      </section>

      <section aria-labelledby="pattern-heading">
        <h2 id="pattern-heading">索引号格式</h2>
        <p>
          当前格式：<code>{props.pattern}</code>。修改只影响此后新建的文件，已编的索引号不变。
        </p>
        <Form
          action="/admin/catalogue/index-pattern"
          csrfToken={ctx.csrfToken}
          form={formOf("pattern")}
          submitLabel="保存索引号格式"
        >
          <TextField
            form={formOf("pattern")}
            name="pattern"
            label="索引号格式"
            hint="{code} 为机构代码，{year} 为年份，{seq} 为当年顺序号，{seq:5} 表示补足 5 位。三者都须包含。"
            maxLength={100}
            isRequired
          />
        </Form>
      </section>

      <section aria-labelledby="gazette-heading">
        <h2 id="gazette-heading">政府公报</h2>
        {props.issues.length === 0 ? (
          <p>尚无公报。</p>
        ) : (
          <DataTable caption="公报各期" columns={["年份", "期号", "名称", "出版日期"]}>
            {props.issues.map((i) => (
              <tr>
                <td>{i.year}</td>
                <td>{i.number}</td>
                <td>
                  <a href={`/gazette/${i.id}`}>{i.title}</a>
                </td>
                <td>{i.publishedOn}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <h3>新建一期公报</h3>
        <Form
          action="/admin/catalogue/gazette"
          csrfToken={ctx.csrfToken}
          form={formOf("gazette")}
          submitLabel="新建公报"
        >
          <TextField form={formOf("gazette")} name="year" label="年份" inputmode="numeric" isRequired />
          <TextField form={formOf("gazette")} name="number" label="期号" inputmode="numeric" isRequired />
          <TextField form={formOf("gazette")} name="publishedOn" label="出版日期" type="date" isRequired />
          <TextField
            form={formOf("gazette")}
            name="title"
            label="名称"
            hint="留空则为“某年第某期”。"
            maxLength={200}
          />
          <TextArea
            form={formOf("gazette")}
            name="items"
            label="目录"
            rows={8}
            hint="每行一份文件：文件编号，可在其后空一格写栏目名称，如“123 区政府文件”。按刊登顺序排列；尚未公开的文件在公众页面不显示。"
          />
        </Form>
      </section>
    </AdminLayout>
  );
}
