import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { FORM_TOKEN_FIELD } from "../http/form-token";

export type TFormState = { values: Record<string, unknown>; errors: Record<string, string> };

export const emptyForm = (values: Record<string, unknown> = {}): TFormState => ({ values, errors: {} });

const text = (v: unknown) => (v == null ? "" : String(v));

type TFieldProps = {
  form: TFormState;
  name: string;
  label: string;
  hint?: string;
  isRequired?: boolean;
};

// Each field notes its label while the form's body is rendered, so the error summary above the
// fields can name them ("申请人姓名：此项为必填项") without every form listing its labels twice.
const labelsSeen = new WeakMap<TFormState, Map<string, string>>();

function noteLabel(form: TFormState, name: string, label: string) {
  const labels = labelsSeen.get(form) ?? new Map<string, string>();
  labels.set(name, label.replace(/（[^）]*）$/, ""));
  labelsSeen.set(form, labels);
}

/** Label, hint and error wiring shared by every field, so each error sits beside its field. */
function FieldFrame(props: TFieldProps & { children: Child }) {
  noteLabel(props.form, props.name, props.label);
  const error = props.form.errors[props.name];
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={`f-${props.name}`}>
        {props.label}
        {props.isRequired && (
          <span class="req" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {props.hint && (
        <p class="hint" id={`f-${props.name}-hint`}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`f-${props.name}-error`}>
          <span class="visually-hidden">错误：</span>
          {error}
        </p>
      )}
      {props.children}
    </div>
  );
}

function describedBy(props: TFieldProps): string | undefined {
  const ids = [];
  if (props.hint) ids.push(`f-${props.name}-hint`);
  if (props.form.errors[props.name]) ids.push(`f-${props.name}-error`);
  return ids.length ? ids.join(" ") : undefined;
}

export function TextField(
  props: TFieldProps & {
    type?: string;
    autocomplete?: string;
    maxLength?: number;
    inputmode?: "numeric" | "tel" | "email";
  },
) {
  return (
    <FieldFrame {...props}>
      <input
        id={`f-${props.name}`}
        name={props.name}
        type={props.type ?? "text"}
        value={props.type === "password" ? "" : text(props.form.values[props.name])}
        required={props.isRequired}
        autocomplete={props.autocomplete}
        maxlength={props.maxLength}
        inputmode={props.inputmode}
        aria-invalid={props.form.errors[props.name] ? "true" : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: TFieldProps & { rows?: number; maxLength?: number }) {
  return (
    <FieldFrame {...props}>
      <textarea
        id={`f-${props.name}`}
        name={props.name}
        rows={props.rows ?? 5}
        required={props.isRequired}
        maxlength={props.maxLength}
        aria-invalid={props.form.errors[props.name] ? "true" : undefined}
        aria-describedby={describedBy(props)}
      >
        {text(props.form.values[props.name])}
      </textarea>
    </FieldFrame>
  );
}

export function SelectField(
  props: TFieldProps & { options: { value: string; label: string }[]; placeholder?: string },
) {
  const current = text(props.form.values[props.name]);
  return (
    <FieldFrame {...props}>
      <select
        id={`f-${props.name}`}
        name={props.name}
        required={props.isRequired}
        aria-invalid={props.form.errors[props.name] ? "true" : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A group of checkboxes inside a fieldset; values are posted under one name. */
export function CheckboxGroup(props: TFieldProps & { options: { value: string; label: string }[] }) {
  const raw = props.form.values[props.name];
  const checked = new Set((Array.isArray(raw) ? raw : raw == null ? [] : [raw]).map(String));
  noteLabel(props.form, props.name, props.label);
  const error = props.form.errors[props.name];
  return (
    <fieldset
      id={`f-${props.name}`}
      class={error ? "field has-error" : "field"}
      aria-describedby={error ? `f-${props.name}-error` : undefined}
    >
      <legend>{props.label}</legend>
      {error && (
        <p class="field-error" id={`f-${props.name}-error`}>
          <span class="visually-hidden">错误：</span>
          {error}
        </p>
      )}
      {props.options.map((o, i) => (
        <div class="check">
          <input
            type="checkbox"
            id={`f-${props.name}-${i}`}
            name={props.name}
            value={o.value}
            checked={checked.has(o.value)}
          />
          <label for={`f-${props.name}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * A POST form with its CSRF token (and, for forms that create a record for the public, its one-time
 * token); the error summary names and links to each faulty field.
 */
export async function Form(props: {
  action: string;
  csrfToken: string;
  form?: TFormState;
  formToken?: string;
  submitLabel: string;
  children?: Child;
  isDanger?: boolean;
  /** Set for forms with a file field. */
  hasFiles?: boolean;
}) {
  // The body first: its fields note their labels for the summary above them.
  const body = await (<>{props.children}</>).toString();
  const labels = (props.form && labelsSeen.get(props.form)) ?? new Map<string, string>();
  const errors = Object.entries(props.form?.errors ?? {});
  return (
    <form
      method="post"
      action={props.action}
      class="form"
      novalidate
      enctype={props.hasFiles ? "multipart/form-data" : undefined}
    >
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      {props.formToken && <input type="hidden" name={FORM_TOKEN_FIELD} value={props.formToken} />}
      {errors.length > 0 && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>提交的内容有 {errors.length} 处需要修改</h2>
          <ul>
            {errors.map(([name, message]) => (
              <li>
                <a href={`#f-${name}`}>{labels.has(name) ? `${labels.get(name)}：${message}` : message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {raw(body)}
      <button type="submit" class={props.isDanger ? "button danger" : "button"}>
        {props.submitLabel}
      </button>
    </form>
  );
}

/** The page numbers shown around the current one: the first, the last and two either side. */
export function pageWindow(page: number, pages: number): (number | null)[] {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  // A gap of more than one page becomes an ellipsis (null); a gap of exactly one shows that page.
  const out: (number | null)[] = [];
  for (const p of shown) {
    const prev = out.at(-1);
    if (typeof prev === "number" && p - prev === 2) out.push(p - 1);
    else if (typeof prev === "number" && p - prev > 2) out.push(null);
    out.push(p);
  }
  return out;
}

/** Numbered page links for a list, with previous and next; keeps the other query parameters. */
export function Pagination(props: {
  total: number;
  page: number;
  pageSize: number;
  baseQuery: URLSearchParams;
}) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  if (pages <= 1) return null;
  const link = (p: number) => {
    const q = new URLSearchParams(props.baseQuery);
    q.set("page", String(p));
    return `?${q.toString()}`;
  };
  return (
    <nav aria-label="分页" class="pagination">
      <ul>
        {props.page > 1 && (
          <li>
            <a href={link(props.page - 1)} rel="prev">
              上一页
            </a>
          </li>
        )}
        {pageWindow(props.page, pages).map((p) =>
          p === null ? (
            <li class="gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li>
              <a
                href={link(p)}
                aria-current={p === props.page ? "page" : undefined}
                aria-label={`第 ${p} 页`}
              >
                {p}
              </a>
            </li>
          ),
        )}
        {props.page < pages && (
          <li>
            <a href={link(props.page + 1)} rel="next">
              下一页
            </a>
          </li>
        )}
      </ul>
      <p class="page-of">
        第 {props.page} / {pages} 页，共 {props.total} 条
      </p>
    </nav>
  );
}

/** A file field; the browser sends the file with a multipart form. */
export function FileField(props: TFieldProps & { accept?: string; isMultiple?: boolean }) {
  return (
    <FieldFrame {...props}>
      <input
        id={`f-${props.name}`}
        name={props.name}
        type="file"
        accept={props.accept}
        multiple={props.isMultiple}
        aria-invalid={props.form.errors[props.name] ? "true" : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldFrame>
  );
}
