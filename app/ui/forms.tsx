import { type FieldMetadata, getSelectProps, getTextareaProps } from "@conform-to/react";
import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigation } from "react-router";

/** Field errors are i18n keys (optionally "key|{json params}") so both languages can show them. */
export function ErrorList({ id, errors }: { id?: string; errors?: readonly string[] | null }) {
  const { t } = useTranslation();
  const list = errors?.filter(Boolean) ?? [];
  if (list.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-1 text-sm font-medium text-red-800">
      {list.map((error) => (
        <li key={error}>{translateError(t, error)}</li>
      ))}
    </ul>
  );
}

export function translateError(t: (key: string, options?: Record<string, unknown>) => string, error: string) {
  // "key|{json params}"; a message that merely contains "|" (a library's own wording) is shown as its key.
  const cut = error.indexOf("|");
  if (cut < 0) return t(error);
  let params: unknown = null;
  try {
    params = JSON.parse(error.slice(cut + 1));
  } catch {
    /* not ours: shown as invalid below */
  }
  if (!params || typeof params !== "object" || Array.isArray(params)) return t("validation.invalid");
  return t(error.slice(0, cut), params as Record<string, unknown>);
}

type ControlAria = { "aria-invalid"?: true; "aria-describedby"?: string };

/**
 * The frame every labelled form field shares: the label, an optional hint, the control and its error list. The
 * control gets aria-invalid while there are errors and aria-describedby naming the hint, `describedBy` (ids of
 * descriptions outside the field) and the errors.
 */
function FieldFrame({
  id,
  label,
  hint,
  errors,
  describedBy,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[] | null;
  describedBy?: string;
  children: (aria: ControlAria) => ReactNode;
}) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      {children({
        "aria-invalid": errorId ? true : undefined,
        "aria-describedby": [describedBy, hintId, errorId].filter(Boolean).join(" ") || undefined,
      })}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function Field({
  label,
  hint,
  errors,
  inputProps,
}: {
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[] | null;
  inputProps: InputHTMLAttributes<HTMLInputElement> & { key?: string | null };
}) {
  const fallbackId = useId();
  const { key, ...props } = inputProps;
  const id = props.id ?? fallbackId;
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      {(aria) => <input key={key ?? undefined} {...props} id={id} className="field-input" {...aria} />}
    </FieldFrame>
  );
}

type ConformFieldProps<Schema> = {
  /** The Conform field: its id, name, initial value and errors. */
  field: FieldMetadata<Schema, any, string[]>;
  label: ReactNode;
  hint?: ReactNode;
  /** Ids of descriptions outside the field (e.g. the hint of the fieldset it is in). */
  describedBy?: string;
};

/** A labelled <select> of a Conform form; `children` are its options. */
export function SelectField<Schema>({ field, label, hint, describedBy, children }: ConformFieldProps<Schema> & { children: ReactNode }) {
  return (
    <FieldFrame id={field.id} label={label} hint={hint} errors={field.errors} describedBy={describedBy}>
      {(aria) => (
        <select {...getSelectProps(field)} key={field.key} className="field-input" {...aria}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

/** A labelled <textarea> of a Conform form. */
export function TextareaField<Schema>({ field, label, hint, describedBy, rows }: ConformFieldProps<Schema> & { rows?: number }) {
  return (
    <FieldFrame id={field.id} label={label} hint={hint} errors={field.errors} describedBy={describedBy}>
      {(aria) => <textarea {...getTextareaProps(field)} key={field.key} rows={rows} className="field-input" {...aria} />}
    </FieldFrame>
  );
}

export function SubmitButton({
  children,
  pendingText,
  className = "btn-primary",
  ...props
}: { children: ReactNode; pendingText?: ReactNode } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && navigation.formAction === (props.formAction ?? navigation.formAction);
  return (
    <button type="submit" className={className} aria-disabled={pending || undefined} {...props}>
      {pending && pendingText ? pendingText : children}
    </button>
  );
}

export function FormMessage({ tone = "error", children }: { tone?: "error" | "success"; children: ReactNode }) {
  if (!children) return null;
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={
        tone === "error"
          ? "rounded-md border border-red-300 bg-red-50 p-3 font-medium text-red-900"
          : "rounded-md border border-emerald-300 bg-emerald-50 p-3 font-medium text-emerald-900"
      }
    >
      {children}
    </div>
  );
}
