import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { LIVE_KINDS } from "../../../db/schema/live";
import { ErrorList, Field, SubmitButton } from "~/ui/forms";
import { ActivitySchema, LIMITS } from "../schemas";

/** Adding an activity. Every field is shown whatever the kind (the page works without JavaScript); hints say which apply. */
export function ActivityForm({ result }: { result?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "activity-add",
    lastResult: result ?? undefined,
    defaultValue: { kind: "poll", scaleMax: "5" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActivitySchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <input type="hidden" name="intent" value="add" />
      <div className="space-y-1">
        <label htmlFor={fields.kind.id} className="block font-semibold">
          {t("live.kind")}
        </label>
        <select {...getSelectProps(fields.kind)} key={fields.kind.key} className="field-input">
          {LIVE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`live.kinds.${kind}`)}
            </option>
          ))}
        </select>
        <ErrorList errors={fields.kind.errors} />
      </div>
      <Field label={t("live.prompt")} errors={fields.prompt.errors} inputProps={{ ...getInputProps(fields.prompt, { type: "text" }), maxLength: LIMITS.prompt, key: fields.prompt.key }} />
      <div className="space-y-1">
        <label htmlFor={fields.options.id} className="block font-semibold">
          {t("live.options")}
        </label>
        <p id={`${fields.options.id}-hint`} className="text-sm text-stone-600">
          {t("live.optionsHint", { max: LIMITS.options })}
        </p>
        <textarea {...getTextareaProps(fields.options)} key={fields.options.key} rows={4} className="field-input" aria-describedby={`${fields.options.id}-hint`} />
        <ErrorList errors={fields.options.errors} />
      </div>
      <label className="flex min-h-11 items-center gap-3">
        <input {...getInputProps(fields.multiple, { type: "checkbox" })} key={fields.multiple.key} className="size-5" />
        <span>{t("live.multiple")}</span>
      </label>
      <Field
        label={t("live.scaleMax")}
        hint={t("live.scaleHint")}
        errors={fields.scaleMax.errors}
        inputProps={{ ...getInputProps(fields.scaleMax, { type: "number" }), min: 2, max: 10, key: fields.scaleMax.key }}
      />
      <Field label={t("live.correctLabel")} hint={t("live.correctHint")} errors={fields.correct.errors} inputProps={{ ...getInputProps(fields.correct, { type: "text" }), key: fields.correct.key }} />
      <SubmitButton>{t("live.addActivity")}</SubmitButton>
    </Form>
  );
}
