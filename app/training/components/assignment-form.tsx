import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { z } from "zod";
import { AssignmentEditSchema, AssignmentSchema } from "~/training/schemas";
import { ErrorList, Field, FormMessage, SelectField, SubmitButton, TextareaField } from "~/ui/forms";

type Person = { id: string; fullName: string; email: string; unitName: string | null };
export type AssignmentFormOptions = {
  courses: { id: string; title: string }[];
  /** Programmes are posted as `programme:<id>` in the same select (see subjectOf). */
  programmes: { id: string; title: string }[];
  units: { id: string; name: string; depth: number }[];
  jobTitles: string[];
};
export type AssignmentFormState = {
  result?: SubmissionResult<string[]>;
  selected?: Person[];
  results?: Person[] | null;
  query?: string;
  coverage?: number | null;
};

const Anything = z.object({}).loose();

/** The create/edit form: plain POST with an intent (search, preview, save), so it works without JavaScript. */
export function AssignmentForm({
  mode,
  options,
  defaultValue,
  defaultPeople,
  state,
}: {
  mode: "new" | "edit";
  options: AssignmentFormOptions;
  defaultValue: Record<string, unknown>;
  defaultPeople: Person[];
  state?: AssignmentFormState;
}) {
  const { t } = useTranslation();
  // The edit schema is the create schema without the course (which never changes).
  const schema = (mode === "new" ? AssignmentSchema : AssignmentEditSchema) as typeof AssignmentSchema;
  const [form, fields] = useForm<z.input<typeof AssignmentSchema>, z.output<typeof AssignmentSchema>>({
    id: `assignment-${mode}`,
    lastResult: state?.result,
    defaultValue,
    // Checkboxes are optional (zod's transform to a boolean would otherwise make them "required").
    constraint: { ...getZodConstraint(schema), includeDescendants: { required: false }, recertify: { required: false } },
    shouldValidate: "onBlur",
    // Searching people and previewing the count must not be blocked by fields not filled in yet.
    onValidate: ({ formData }) => formData.get("intent") === "save" ? parseWithZod(formData, { schema }) : (parseWithZod(formData, { schema: Anything }) as never),
  });
  const selected = state?.selected ?? defaultPeople;
  const results = state?.results ?? null;
  const peopleErrorId = fields.people.errors?.length ? `${fields.people.id}-error` : undefined;
  return (
    <Form method="post" className="space-y-6" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} />
      {mode === "new" ? (
        <SelectField field={fields.courseId} label={t("assignments.form.course")}>
          <option value="">{t("assignments.form.chooseCourse")}</option>
          <optgroup label={t("assignments.form.coursesGroup")}>
            {options.courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </optgroup>
          {options.programmes.length ? (
            <optgroup label={t("assignments.form.programmesGroup")}>
              {options.programmes.map((p) => (
                <option key={p.id} value={`programme:${p.id}`}>
                  {p.title}
                </option>
              ))}
            </optgroup>
          ) : null}
        </SelectField>
      ) : null}

      <fieldset className="space-y-4 rounded-lg border border-stone-300 p-4">
        <legend className="px-1 text-lg font-semibold">{t("assignments.form.targetLegend")}</legend>
        <p id="target-hint" className="text-sm text-stone-700">
          {t("assignments.form.targetHint")}
        </p>
        <SelectField field={fields.orgUnitId} label={t("assignments.form.unit")} describedBy="target-hint">
          <option value="">{t("assignments.form.noUnit")}</option>
          {options.units.map((u) => (
            <option key={u.id} value={u.id}>
              {"\u00a0\u00a0\u00a0".repeat(u.depth)}
              {u.depth ? "└ " : ""}
              {u.name}
            </option>
          ))}
        </SelectField>
        <div className="flex items-center gap-2">
          <input {...getInputProps(fields.includeDescendants, { type: "checkbox" })} key={fields.includeDescendants.key} className="h-4 w-4" />
          <label htmlFor={fields.includeDescendants.id}>{t("assignments.form.includeDescendants")}</label>
        </div>
        <Field
          label={t("assignments.form.jobTitle")}
          hint={t("assignments.form.jobTitleHint")}
          errors={fields.jobTitle.errors}
          inputProps={{ ...getInputProps(fields.jobTitle, { type: "text" }), list: "job-titles", autoComplete: "off" }}
        />
        <datalist id="job-titles">
          {options.jobTitles.map((title) => (
            <option key={title} value={title} />
          ))}
        </datalist>

        <fieldset className="space-y-2" aria-describedby={peopleErrorId}>
          <legend className="font-semibold">{t("assignments.form.people")}</legend>
          {selected.length ? (
            <ul className="space-y-1">
              {selected.map((p) => (
                <li key={p.id} className="flex items-center gap-2">
                  <input type="checkbox" name="people" value={p.id} defaultChecked id={`person-${p.id}`} className="h-4 w-4" />
                  <label htmlFor={`person-${p.id}`}>
                    {p.fullName} <span className="text-sm text-stone-600">({p.email})</span>
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-64 flex-1">
              <Field
                label={t("assignments.form.peopleSearch")}
                hint={t("assignments.form.peopleSearchHint")}
                inputProps={{ name: "peopleQuery", type: "search", defaultValue: state?.query ?? "", id: "people-query" }}
              />
            </div>
            <button type="submit" name="intent" value="search" formNoValidate className="btn-secondary">
              {t("assignments.form.search")}
            </button>
          </div>
          {results ? (
            results.length ? (
              <ul className="space-y-1" aria-live="polite">
                {results.map((p) => (
                  <li key={p.id} className="flex items-center gap-2">
                    <input type="checkbox" name="people" value={p.id} id={`found-${p.id}`} className="h-4 w-4" />
                    <label htmlFor={`found-${p.id}`}>
                      {p.fullName} <span className="text-sm text-stone-600">({p.email}{p.unitName ? ` · ${p.unitName}` : ""})</span>
                    </label>
                  </li>
                ))}
              </ul>
            ) : (
              <p aria-live="polite">{t("assignments.form.noResults")}</p>
            )
          ) : null}
          <ErrorList id={peopleErrorId} errors={fields.people.errors} />
        </fieldset>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t("assignments.form.dueOn")}
          hint={t("assignments.form.dueOnHint")}
          errors={fields.dueOn.errors}
          inputProps={{ ...getInputProps(fields.dueOn, { type: "text" }), autoComplete: "off", spellCheck: false }}
        />
        <Field
          label={t("assignments.form.daysForNewcomers")}
          hint={t("assignments.form.daysHint")}
          errors={fields.daysForNewcomers.errors}
          inputProps={getInputProps(fields.daysForNewcomers, { type: "number" })}
        />
      </div>
      <div className="flex items-center gap-2">
        <input {...getInputProps(fields.recertify, { type: "checkbox" })} key={fields.recertify.key} className="h-4 w-4" />
        <label htmlFor={fields.recertify.id}>{t("assignments.form.recertify")}</label>
      </div>
      <TextareaField field={fields.note} label={t("assignments.form.note")} rows={3} />

      {typeof state?.coverage === "number" ? <FormMessage tone="success">{t("assignments.form.coverage", { count: state.coverage })}</FormMessage> : null}
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="intent" value="save">
          {mode === "new" ? t("assignments.form.create") : t("assignments.form.save")}
        </SubmitButton>
        <button type="submit" name="intent" value="preview" formNoValidate className="btn-secondary">
          {t("assignments.form.preview")}
        </button>
      </div>
    </Form>
  );
}
