// Picking a related document by words of its title instead of typing its number. Without
// JavaScript: the 查找 button posts the whole form back, which comes back as it was typed with the
// matching documents listed beside the field, each with a 选择 button that puts its number in.
import type { TPrincipal } from "../../platform/auth/permissions";
import { unitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import type { TFormState } from "../../platform/ui/forms";
import { STATUS_LABELS, type TDocumentStatus } from "./documents.schemas";
import { pickableDocuments, type TPickableDocument } from "./staff.repository";

const PICK_LIMIT = 10;
// The fields that hold a document's number: the interpreted document and each relation row's.
const PICKABLE_FIELD = /^(interprets|relId_\d{1,2})$/;

export type TPicker = { field: string; query: string; results: TPickableDocument[]; error?: string };

export const queryName = (field: string) => `${field}_q`;

/**
 * A 查找 or 选择 press instead of a save: the values to show the form with again, and the search
 * results, or null when the form was sent to be saved. A bad field name or query is a 422 beside it.
 */
export async function pickerStep(
  db: Db,
  p: TPrincipal,
  values: Record<string, unknown>,
): Promise<{ form: TFormState; picker?: TPicker; status: 200 | 422 } | null> {
  const find = typeof values._find === "string" ? values._find : undefined;
  const pick = typeof values._pick === "string" ? values._pick : undefined;
  if (find === undefined && pick === undefined) return null;
  const { _find, _pick, ...kept } = values;
  if (pick !== undefined) {
    const m = /^([A-Za-z_\d]{1,20})=(\d{1,9})$/.exec(pick);
    const field = m?.[1] ?? "";
    if (!m || !PICKABLE_FIELD.test(field))
      return { form: { values: kept, errors: { interprets: "所选文件无效，请重新查找。" } }, status: 422 };
    return { form: { values: { ...kept, [field]: m[2], [queryName(field)]: "" }, errors: {} }, status: 200 };
  }
  const field = find ?? "";
  if (!PICKABLE_FIELD.test(field))
    return { form: { values: kept, errors: { interprets: "无法查找该项，请重新打开页面。" } }, status: 422 };
  const raw = kept[queryName(field)];
  const query = (typeof raw === "string" ? raw : "").trim();
  const error =
    query.length < 2
      ? "请输入标题中的至少 2 个字。"
      : query.length > 100
        ? "查找的字词不能超过 100 个字。"
        : undefined;
  const results = error ? [] : await pickableDocuments(db, unitScope(p, "documents.edit"), query, PICK_LIMIT);
  return {
    form: { values: kept, errors: error ? { [queryName(field)]: error } : {} },
    picker: { field, query, results, error },
    status: error ? 422 : 200,
  };
}

/** The search box under a number field, and the results when this field was searched. */
export function RelatedPicker(props: { field: string; form: TFormState; picker?: TPicker; label: string }) {
  const name = queryName(props.field);
  const id = `f-${name}`;
  const value = props.form.values[name];
  const error = props.form.errors[name];
  const shown = props.picker?.field === props.field ? props.picker : undefined;
  return (
    <div class={error ? "related-picker has-error" : "related-picker"}>
      <label for={id}>{props.label}</label>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">错误：</span>
          {error}
        </p>
      )}
      <div class="related-picker-row">
        <input
          id={id}
          name={name}
          type="search"
          maxlength={100}
          value={typeof value === "string" ? value : ""}
          aria-describedby={error ? `${id}-error` : undefined}
          aria-invalid={error ? "true" : undefined}
        />
        <button type="submit" name="_find" value={props.field} class="button" formnovalidate>
          查找
        </button>
      </div>
      {shown && !shown.error && (
        <div class="related-results" role="status">
          {shown.results.length === 0 ? (
            <p>没有标题含“{shown.query}”且可以关联的文件。</p>
          ) : (
            <>
              <p>
                标题含“{shown.query}”的文件（{shown.results.length} 件），点“选择”填入编号：
              </p>
              <ul>
                {shown.results.map((d) => (
                  <li>
                    <button
                      type="submit"
                      name="_pick"
                      value={`${props.field}=${d.id}`}
                      class="pick-button"
                      aria-label={`选择《${d.title}》`}
                    >
                      选择
                    </button>{" "}
                    {d.title}
                    <span class="muted">
                      （编号 {d.id}，{d.unitName}
                      {d.docNumber && `，${d.docNumber}`}，
                      {STATUS_LABELS[d.status as TDocumentStatus] ?? d.status}）
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
