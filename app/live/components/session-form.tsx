import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { ErrorList, Field, SubmitButton } from "~/ui/forms";
import { SessionSchema } from "../schemas";

type Course = { slug: string; title: string };
type Value = { title?: string; courseSlug?: string | null; allowGuests?: boolean; showNames?: boolean; guestLinks?: boolean };

/** The session's settings: title, the course it belongs to, who may take part and what others see. */
export function SessionForm({ intent, courses, defaultValue, result, submitLabel }: { intent: string; courses: Course[]; defaultValue: Value; result?: SubmissionResult<string[]> | null; submitLabel: string }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `session-${intent}`,
    lastResult: result ?? undefined,
    defaultValue: {
      title: defaultValue.title ?? "",
      courseSlug: defaultValue.courseSlug ?? "",
      allowGuests: defaultValue.allowGuests ? "on" : "",
      showNames: defaultValue.showNames ? "on" : "",
      guestLinks: defaultValue.guestLinks ? "on" : "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SessionSchema }),
    shouldValidate: "onBlur",
  });
  const box = (field: typeof fields.allowGuests, label: string) => (
    <label className="flex min-h-11 items-center gap-3">
      <input {...getInputProps(field, { type: "checkbox" })} key={field.key} className="size-5" />
      <span>{label}</span>
    </label>
  );
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <input type="hidden" name="intent" value={intent} />
      <Field label={t("live.sessionTitle")} errors={fields.title.errors} inputProps={{ ...getInputProps(fields.title, { type: "text" }), key: fields.title.key }} />
      <div className="space-y-1">
        <label htmlFor={fields.courseSlug.id} className="block font-semibold">
          {t("live.course")}
        </label>
        <select {...getSelectProps(fields.courseSlug)} key={fields.courseSlug.key} className="field-input">
          <option value="">{t("live.noCourse")}</option>
          {courses.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.title}
            </option>
          ))}
        </select>
        <ErrorList errors={fields.courseSlug.errors} />
      </div>
      <fieldset className="space-y-1">
        <legend className="font-semibold">{t("live.whoTakesPart")}</legend>
        {box(fields.allowGuests, t("live.allowGuests"))}
        {box(fields.showNames, t("live.showNames"))}
        {box(fields.guestLinks, t("live.guestLinks"))}
      </fieldset>
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}
