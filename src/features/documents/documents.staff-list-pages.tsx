import type { Child } from "hono/jsx";
import {
  CheckboxGroup,
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
import { RelatedPicker, type TPicker } from "./documents.related-picker";
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
  VALIDITIES,
  VALIDITY_LABELS,
} from "./documents.schemas";
import {
  Check,
  GroupError,
  kindLabel,
  MAX_DRAFT_FILES,
  MAX_RELATION_ROWS,
  StatusBadge,
} from "./documents.staff-shared";
import { STAFF_STATUSES, type TStaffListRow, type TStaffStatus } from "./staff.repository";

const STAFF_STATUS_LABELS: Record<TStaffStatus, string> = {
  draft: STATUS_LABELS.draft,
  review: STATUS_LABELS.review,
  scheduled: "定时发布",
  published: STATUS_LABELS.published,
  withdrawn: STATUS_LABELS.withdrawn,
};

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((v) => ({ value: v, label: labels[v] }));

const validityLabel = (v: string) => VALIDITY_LABELS[v as keyof typeof VALIDITY_LABELS] ?? v;

function Group({ legend, children }: { legend: string; children?: Child }) {
  return (
    <fieldset class="group">
      <legend>{legend}</legend>
      {children}
    </fieldset>
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
  picker?: TPicker;
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
        hasFiles={!documentId}
      >
        {/* Enter in a text field saves: the form's first submit button is the default one, and the
            查找 buttons further down must not be it. */}
        <button type="submit" hidden>
          {documentId ? "保存修改" : "保存为草稿"}
        </button>
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
          <RelatedPicker field="interprets" form={form} picker={props.picker} label="按标题查找被解读文件" />
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
            本文件废止、修改或更正其他文件时填写（只能关联已发布的文件或本单位的文件）；发布后，被废止或修改的文件自本文件实施之日起显示为相应状态。其他单位的文件须经该单位或政务公开办公室接受后才生效。
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
              <RelatedPicker field={`relId_${i}`} form={form} picker={props.picker} label="按标题查找" />
            </fieldset>
          ))}
        </Group>
        {!documentId && (
          <Group legend="附件">
            <FileField
              form={form}
              name="files"
              label="附件"
              hint={`可选，最多 ${MAX_DRAFT_FILES} 个，随草稿一起保存：PDF、Word（DOCX）、Excel（XLSX）或图片，每次提交合计不超过 10 MB。表单有误重新显示时，请重新选择附件。`}
              accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
              isMultiple
            />
          </Group>
        )}
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
