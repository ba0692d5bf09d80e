import { raw } from "hono/html";
import { can, type TPrincipal } from "../../platform/auth/permissions";
import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import { CheckboxGroup, Form, SelectField, TextArea, type TFormState } from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import { renderMarkdown } from "../../platform/ui/markdown";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import type { TUnitRow } from "../org";
import type { TDocumentBrief, TSignoffRow, waitingFor } from "./signoffs.repository";
import { DECISION_LABELS } from "./signoffs.schemas";

// Raw SQL rows bring a timestamp as a Date or as text, depending on the driver.
const when = (d: Date | string | null) =>
  d ? new Date(new Date(d).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ") : "";

/** Who must sign, and what each decided. */
function SignoffTable({ rows }: { rows: TSignoffRow[] }) {
  return (
    <DataTable caption="会签单位及意见" columns={["会签单位", "状态", "意见", "经办人", "时间"]}>
      {rows.map((r) => (
        <tr>
          <th scope="row">{r.unitName}</th>
          <td>{r.decision ? DECISION_LABELS[r.decision] : "待会签"}</td>
          <td>{r.comment}</td>
          <td>{r.decidedByName ?? ""}</td>
          <td>{when(r.decidedAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

type TPanelProps = {
  csrfToken: string;
  principal: TPrincipal;
  doc: { id: number; unitId: number; status: string };
  rows: TSignoffRow[];
  units: TUnitRow[];
  canRequire: boolean;
  forms?: { require?: TFormState; decide?: Record<number, TFormState> };
};

/** The 会签 section: the table, the form naming the units (document staff), and each head's form. */
export function SignoffSection(props: TPanelProps) {
  const { doc, rows } = props;
  const isOpen = doc.status !== "published";
  const requireForm = props.forms?.require ?? {
    values: { unitIds: rows.map((r) => String(r.unitId)) },
    errors: {},
  };
  const mine = rows.filter((r) => can(props.principal, "signoffs.sign", r.unitId));
  return (
    <section class="signoffs" aria-labelledby="signoffs-heading">
      <h2 id="signoffs-heading">会签</h2>
      {rows.length === 0 ? (
        <p>本文件不需要其他单位会签。</p>
      ) : (
        <>
          <p>
            {rows.every((r) => r.decision === "signed")
              ? "各会签单位均已会签。"
              : "须经下列单位负责人全部会签后才能发布。"}
          </p>
          <SignoffTable rows={rows} />
        </>
      )}
      {isOpen &&
        mine.map((r) => {
          const form = props.forms?.decide?.[r.unitId] ?? { values: {}, errors: {} };
          return (
            <Form
              action={`/admin/documents/${doc.id}/signoffs/${r.unitId}`}
              csrfToken={props.csrfToken}
              form={form}
              submitLabel={`以${r.unitName}名义提交`}
            >
              <SelectField
                form={form}
                name="decision"
                label={`${r.unitName}会签意见`}
                options={[
                  { value: "signed", label: "同意，会签" },
                  { value: "returned", label: "退回修改" },
                ]}
                placeholder="请选择"
                isRequired
              />
              <TextArea form={form} name="comment" label="意见" hint="退回时必填。" rows={3} />
            </Form>
          );
        })}
      {isOpen && props.canRequire && (
        <details open={!!props.forms?.require}>
          <summary>设置会签单位</summary>
          <Form
            action={`/admin/documents/${doc.id}/signoffs`}
            csrfToken={props.csrfToken}
            form={requireForm}
            submitLabel="保存会签单位"
          >
            <CheckboxGroup
              form={requireForm}
              name="unitIds"
              label="须会签的单位"
              options={props.units
                .filter((u) => u.id !== doc.unitId)
                .map((u) => ({ value: String(u.id), label: u.name }))}
            />
          </Form>
        </details>
      )}
    </section>
  );
}

/** A document to sign, readable by the signing unit's head, with the 会签 section. */
export function SignoffDocumentPage(props: TPanelProps & { ctx: TPageCtx; brief: TDocumentBrief }) {
  const { ctx, brief } = props;
  return (
    <AdminLayout ctx={ctx} title={`会签：${brief.title}`}>
      <Breadcrumbs items={[{ href: "/admin/signoffs", label: "待会签文件" }]} current={brief.title} />
      <h1>{brief.title}</h1>
      <dl class="meta-list">
        <dt>发文机关</dt>
        <dd>{brief.unitName}</dd>
        {brief.docNumber && (
          <>
            <dt>文号</dt>
            <dd>{brief.docNumber}</dd>
          </>
        )}
      </dl>
      {props.canRequire && (
        <p>
          <a href={`/admin/documents/${brief.id}`}>返回文件页面</a>
        </p>
      )}
      <section class="document-body" aria-label="正文">
        {raw(renderMarkdown(brief.body))}
      </section>
      <SignoffSection {...props} />
    </AdminLayout>
  );
}

/** The documents waiting for a decision of the caller's unit(s). */
export function SignoffsListPage({
  ctx,
  rows,
}: {
  ctx: TPageCtx;
  rows: Awaited<ReturnType<typeof waitingFor>>;
}) {
  return (
    <AdminLayout ctx={ctx} title="待会签文件">
      <h1>待会签文件</h1>
      {rows.length === 0 ? (
        <p>没有等待本单位会签的文件。</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li>
              <a href={`/admin/signoffs/${r.documentId}`}>{r.title}</a>（{r.ownerName}起草，待{r.unitName}
              会签）
            </li>
          ))}
        </ul>
      )}
    </AdminLayout>
  );
}
