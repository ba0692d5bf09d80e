import type { TFormState } from "../../platform/ui/forms";
import { KIND_LABELS, STATUS_LABELS, type TDocumentKind, type TDocumentStatus } from "./documents.schemas";

/** The most relation rows the form shows (the schema allows 50). */
export const MAX_RELATION_ROWS = 50;
// The files a new draft may carry in one submit; all of them together still fit the upload size limit.
export const MAX_DRAFT_FILES = 5;

export const kindLabel = (kind: string) => KIND_LABELS[kind as TDocumentKind] ?? kind;

/** The state in words; a published document that is not yet public says when it will be. */
export function StatusBadge(props: { status: string; scheduledAt?: string | null }) {
  if (props.status === "published" && props.scheduledAt)
    return <span class="badge status-scheduled">定时发布（{props.scheduledAt} 公开）</span>;
  return (
    <span class={`badge status-${props.status}`}>
      {STATUS_LABELS[props.status as TDocumentStatus] ?? props.status}
    </span>
  );
}

/** A place for an error that belongs to a group of inputs or to the whole form, so the summary can link to it. */
export function GroupError({ form, name }: { form: TFormState; name: string }) {
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

export function Check(props: { form: TFormState; name: string; label: string; hint?: string }) {
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
