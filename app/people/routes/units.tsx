import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/units";
import { type Column, DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ErrorList, Field, FormMessage, SelectField, SubmitButton, translateError } from "~/ui/forms";
import { UnitOptions } from "~/people/components/unit-options";
import { createUnit, listAllUnits, setUnitActive, updateUnit } from "~/people/org-units.server";
import { getDb, requireRole } from "~/platform/auth.server";
import { UnitSchema } from "~/people/schemas";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "staffAdmin.units.heading");

export async function loader(args: Route.LoaderArgs) {
  requireRole(args, "admin");
  const units = await listAllUnits(getDb(args.context));
  const editId = args.url.searchParams.get("edit");
  const notice = ["created", "saved", "deactivated", "reactivated"].find((k) => args.url.searchParams.has(k)) ?? null;
  return { units, editing: units.find((u) => u.id === editId) ?? null, notice };
}

const ToggleSchema = z.object({ intent: z.enum(["deactivate", "reactivate"]), id: z.uuid() });

export async function action(args: Route.ActionArgs) {
  const admin = requireRole(args, "admin");
  const db = getDb(args.context);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  if (intent === "deactivate" || intent === "reactivate") {
    const parsed = ToggleSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw data({ message: "validation.invalid" }, { status: 400 });
    const result = await setUnitActive(db, admin.id, parsed.data.id, intent === "reactivate");
    if (!result) throw data({ reason: "not-found" }, { status: 404 });
    if (!result.ok) return data({ toggleError: `${result.error}|${JSON.stringify({ count: result.count })}`, result: undefined }, { status: 409 });
    throw redirect(`/admin/units?${intent}d=1`);
  }
  const id = formData.get("id");
  const submission = parseWithZod(formData, { schema: UnitSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), toggleError: undefined }, { status: 400 });
  const input = { ...submission.value, nameEn: submission.value.nameEn ?? null, parentId: submission.value.parentId ?? null };
  let result;
  if (intent === "update" && typeof id === "string" && z.uuid().safeParse(id).success) {
    result = await updateUnit(db, admin.id, id, input);
    if (!result) throw data({ reason: "not-found" }, { status: 404 });
  } else if (intent === "create") {
    result = await createUnit(db, admin.id, input);
  } else {
    throw data({ message: "validation.invalid" }, { status: 400 });
  }
  if (!result.ok) {
    const reply =
      result.field === "form" ? submission.reply({ formErrors: [result.error] }) : submission.reply({ fieldErrors: { [result.field]: [result.error] } });
    return data({ result: reply, toggleError: undefined }, { status: 400 });
  }
  throw redirect(`/admin/units?${intent === "create" ? "created" : "saved"}=1`);
}

// Whole class names, so Tailwind sees them (inline styles are blocked by the Content-Security-Policy).
const INDENT = ["pl-0", "pl-5", "pl-10", "pl-14", "pl-18", "pl-22"] as const;

export default function AdminUnitsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { units, editing, notice } = loaderData;
  const [form, fields] = useForm({
    id: `unit-${editing?.id ?? "new"}`,
    lastResult: actionData?.result,
    defaultValue: editing
      ? { code: editing.code, name: editing.name, nameEn: editing.nameEn ?? "", parentId: editing.parentId ?? "" }
      : { code: "", name: "", nameEn: "", parentId: "" },
  });
  const label = (u: (typeof units)[number]) => (i18n.language === "en" && u.nameEn ? u.nameEn : u.name);
  const columns: Column<(typeof units)[number]>[] = [
    { key: "code", header: t("staffAdmin.units.code"), cellClassName: "font-mono", cell: (u) => u.code },
    {
      key: "name",
      header: t("staffAdmin.units.name"),
      rowHeader: true,
      cell: (u) => (
        <span className={`block ${INDENT[Math.min(u.depth, INDENT.length - 1)]}`}>
          {u.depth > 0 ? (
            <span aria-hidden="true" className="mr-1 text-stone-500">
              └
            </span>
          ) : null}
          {u.name}
        </span>
      ),
    },
    { key: "nameEn", header: t("staffAdmin.units.nameEn"), cell: (u) => u.nameEn },
    { key: "staff", header: t("staffAdmin.units.staff"), cell: (u) => u.staff },
    { key: "status", header: t("staffAdmin.units.status"), cell: (u) => (u.active ? t("staffAdmin.units.active") : t("staffAdmin.units.inactive")) },
    {
      key: "actions",
      header: t("staffAdmin.units.actions"),
      cell: (u) => (
        <div className="flex flex-wrap items-center gap-2">
          <Link to={`/admin/units?edit=${u.id}#unit-form`} aria-label={t("staffAdmin.units.editFor", { name: label(u) })}>
            {t("staffAdmin.units.edit")}
          </Link>
          <Form method="post">
            <input type="hidden" name="id" value={u.id} />
            <button
              type="submit"
              name="intent"
              value={u.active ? "deactivate" : "reactivate"}
              className="btn-secondary px-2 py-1 text-xs"
              aria-label={t(u.active ? "staffAdmin.units.deactivateFor" : "staffAdmin.units.reactivateFor", { name: label(u) })}
            >
              {t(u.active ? "staffAdmin.units.deactivate" : "staffAdmin.units.reactivate")}
            </button>
          </Form>
        </div>
      ),
    },
  ];
  return (
    <div className="space-y-6">
      {notice ? <FormMessage tone="success">{t(`staffAdmin.units.${notice}`)}</FormMessage> : null}
      {actionData?.toggleError ? <FormMessage>{translateError(t, actionData.toggleError)}</FormMessage> : null}
      <section aria-labelledby="units-heading" className="card">
        <h2 id="units-heading" className="text-xl font-semibold">
          {t("staffAdmin.units.heading")}
        </h2>
        <p className="mt-1 text-sm text-stone-600">{t("staffAdmin.units.neverDeleted")}</p>
        <DataTable
          caption={t("staffAdmin.units.caption")}
          hideCaption
          className="mt-4"
          columns={columns}
          rows={units}
          rowKey={(u) => u.id}
          rowClassName={(u) => (u.active ? "" : "text-stone-600")}
        />
      </section>
      <section id="unit-form" aria-labelledby="unit-form-heading" className="card max-w-2xl">
        <h2 id="unit-form-heading" className="text-xl font-semibold">
          {editing ? t("staffAdmin.units.editHeading", { code: editing.code }) : t("staffAdmin.units.create")}
        </h2>
        <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
          <input type="hidden" name="intent" value={editing ? "update" : "create"} />
          {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field
            label={t("staffAdmin.units.code")}
            hint={t("staffAdmin.units.codeHint")}
            errors={fields.code.errors}
            inputProps={getInputProps(fields.code, { type: "text" })}
          />
          <Field label={t("staffAdmin.units.name")} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: "text" })} />
          <Field label={t("staffAdmin.units.nameEn")} errors={fields.nameEn.errors} inputProps={getInputProps(fields.nameEn, { type: "text" })} />
          <SelectField field={fields.parentId} label={t("staffAdmin.units.parent")}>
            <option value="">{t("staffAdmin.units.noParent")}</option>
            <UnitOptions units={units.filter((u) => u.active && u.id !== editing?.id).map((u) => ({ ...u, name: label(u) }))} />
          </SelectField>
          <div className="flex gap-3">
            <SubmitButton>{editing ? t("staffAdmin.units.save") : t("staffAdmin.units.create")}</SubmitButton>
            {editing ? (
              <Link to="/admin/units" className="btn-secondary no-underline">
                {t("staffAdmin.units.cancel")}
              </Link>
            ) : null}
          </div>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
