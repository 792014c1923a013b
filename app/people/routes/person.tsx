import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/person";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ErrorList, Field, FormMessage, SelectField, SubmitButton } from "~/ui/forms";
import { UnitOptions } from "~/people/components/unit-options";
import { listAllUnits } from "~/people/org-units.server";
import { getPerson, savePerson } from "~/people/staff-admin.server";
import { sendInvitation } from "~/accounts/user-tokens.server";
import { publicOrigin } from "~/platform/request-origin.server";
import { inLocale } from "~/i18n";
import { getDb, requireRole } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { countSessions, invalidateAllSessions } from "~/platform/session.server";
import { PersonSchema } from "~/people/schemas";
import { ROLES } from "~/platform/permissions";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches, params }) =>
  title(matches, params.id === "new" ? "staffAdmin.person.newTitle" : "staffAdmin.person.editTitle");

const IdSchema = z.union([z.literal("new"), z.uuid()]);

async function personOr404(args: Route.LoaderArgs | Route.ActionArgs) {
  const id = IdSchema.safeParse(args.params.id);
  if (!id.success) throw data({ reason: "not-found" }, { status: 404 });
  if (id.data === "new") return null;
  const person = await getPerson(getDb(args.context), id.data);
  if (!person) throw data({ reason: "not-found" }, { status: 404 });
  return person;
}

export async function loader(args: Route.LoaderArgs) {
  requireRole(args, "admin");
  const db = getDb(args.context);
  const locale = args.context.get(localeContext);
  const person = await personOr404(args);
  const [units, sessions] = await Promise.all([listAllUnits(db), person ? countSessions(db, person.id) : 0]);
  const flags = args.url.searchParams;
  return {
    person,
    sessions,
    units: units.filter((u) => u.active || u.id === person?.orgUnitId).map((u) => ({ id: u.id, code: u.code, depth: u.depth, name: inLocale(locale, u.name, u.nameEn) })),
    notice: flags.has("created") ? "created" : flags.has("saved") ? "saved" : flags.has("invited") ? "invited" : flags.has("revoked") ? "revoked" : null,
  };
}

export async function action(args: Route.ActionArgs) {
  const admin = requireRole(args, "admin");
  const db = getDb(args.context);
  const person = await personOr404(args);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  if (person && intent === "invite") {
    const sent = await sendInvitation(db, { userId: person.id, actorId: admin.id, origin: publicOrigin(args.request) });
    if (!sent) throw data({ message: "staffAdmin.person.inactiveCannotInvite" }, { status: 409 });
    throw redirect(`/admin/staff/${person.id}?invited=1`);
  }
  if (person && intent === "revoke-sessions") {
    await invalidateAllSessions(db, person.id);
    throw redirect(`/admin/staff/${person.id}?revoked=1`);
  }
  const submission = parseWithZod(formData, { schema: PersonSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { invite, ...input } = submission.value;
  const result = await savePerson(db, admin.id, person?.id ?? null, {
    ...input,
    staffNumber: input.staffNumber ?? null,
    jobTitle: input.jobTitle ?? null,
    orgUnitId: input.orgUnitId ?? null,
    hrScopeId: input.hrScopeId ?? null,
  });
  if (!result.ok) {
    const reply =
      result.field === "form"
        ? submission.reply({ formErrors: [result.error] })
        : submission.reply({ fieldErrors: { [result.field]: [result.error] } });
    return data({ result: reply }, { status: 400 });
  }
  if (result.created && invite) {
    await sendInvitation(db, { userId: result.id, actorId: admin.id, origin: publicOrigin(args.request) });
    throw redirect(`/admin/staff/${result.id}?invited=1`);
  }
  throw redirect(`/admin/staff/${result.id}?${result.created ? "created" : "saved"}=1`);
}

export default function AdminPersonPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { person, units, sessions, notice } = loaderData;
  const [form, fields] = useForm({
    id: `person-${person?.id ?? "new"}`,
    lastResult: actionData?.result,
    defaultValue: person
      ? {
          fullName: person.fullName,
          email: person.email,
          staffNumber: person.staffNumber ?? "",
          jobTitle: person.jobTitle ?? "",
          orgUnitId: person.orgUnitId ?? "",
          roles: person.roles,
          hrScopeId: person.hrScopeId ?? "",
          active: person.active ? "on" : "",
          locale: person.locale,
        }
      : { roles: ["learner"], active: "on", locale: "vi" },
  });
  const roles = (fields.roles.initialValue as string[] | undefined) ?? [];
  const unitOptions = <UnitOptions units={units} />;
  const heading = person ? `${t("staffAdmin.person.editTitle")}: ${person.fullName}` : t("staffAdmin.person.newTitle");
  return (
    <section aria-labelledby="person-heading" className="space-y-4">
      <p>
        <Link to="/admin">{t("staffAdmin.person.back")}</Link>
      </p>
      <h2 id="person-heading" className="text-xl font-semibold">
        {heading}
      </h2>
      {notice ? (
        <FormMessage tone="success">
          {notice === "invited" ? t("staffAdmin.person.invited", { email: person?.email }) : t(`staffAdmin.person.${notice}`)}
        </FormMessage>
      ) : null}
      <Form method="post" className="card max-w-2xl space-y-4" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field label={t("staffAdmin.person.fullName")} errors={fields.fullName.errors} inputProps={getInputProps(fields.fullName, { type: "text" })} />
        <Field label={t("staffAdmin.person.email")} errors={fields.email.errors} inputProps={getInputProps(fields.email, { type: "email" })} />
        <Field
          label={t("staffAdmin.person.staffNumber")}
          errors={fields.staffNumber.errors}
          inputProps={getInputProps(fields.staffNumber, { type: "text" })}
        />
        <Field label={t("staffAdmin.person.jobTitle")} errors={fields.jobTitle.errors} inputProps={getInputProps(fields.jobTitle, { type: "text" })} />
        <SelectField field={fields.orgUnitId} label={t("staffAdmin.person.unit")}>
          <option value="">{t("staffAdmin.person.noUnit")}</option>
          {unitOptions}
        </SelectField>
        <fieldset className="space-y-1" aria-describedby={fields.roles.errors ? fields.roles.errorId : undefined}>
          <legend className="font-semibold">{t("staffAdmin.person.roles")}</legend>
          <div className="flex flex-wrap gap-4">
            {ROLES.map((role) => (
              <label key={role} className="flex items-center gap-2">
                <input type="checkbox" name={fields.roles.name} value={role} defaultChecked={roles.includes(role)} />
                {t(`roles.${role}`)}
              </label>
            ))}
          </div>
          <ErrorList id={fields.roles.errorId} errors={fields.roles.errors} />
        </fieldset>
        <SelectField field={fields.hrScopeId} label={t("staffAdmin.person.hrScope")} hint={t("staffAdmin.person.hrScopeHint")}>
          <option value="">{t("staffAdmin.person.hrScopeAll")}</option>
          {unitOptions}
        </SelectField>
        <SelectField field={fields.locale} label={t("staffAdmin.person.locale")}>
          <option value="vi">{t("language.vi")}</option>
          <option value="en">{t("language.en")}</option>
        </SelectField>
        <div className="space-y-1">
          <label className="flex items-center gap-2 font-semibold">
            <input
              type="checkbox"
              name={fields.active.name}
              defaultChecked={fields.active.initialValue === "on"}
              aria-describedby={`${fields.active.id}-hint ${fields.active.errors ? fields.active.errorId : ""}`.trim()}
            />
            {t("staffAdmin.person.active")}
          </label>
          <p id={`${fields.active.id}-hint`} className="text-sm text-stone-600">
            {t("staffAdmin.person.activeHint")}
          </p>
          <ErrorList id={fields.active.errorId} errors={fields.active.errors} />
        </div>
        {person ? null : (
          <label className="flex items-center gap-2">
            <input type="checkbox" name="invite" defaultChecked />
            {t("staffAdmin.person.inviteAfterCreate")}
          </label>
        )}
        <SubmitButton pendingText={t("staffAdmin.person.saving")}>{t("staffAdmin.person.save")}</SubmitButton>
      </Form>
      {person ? (
        <div className="card max-w-2xl space-y-3">
          <p>{person.hasPassword ? t("staffAdmin.person.hasPassword") : t("staffAdmin.person.noPassword")}</p>
          <p className="text-sm text-stone-600">{t("staffAdmin.person.inviteHint")}</p>
          <Form method="post">
            <button type="submit" name="intent" value="invite" className="btn-secondary" disabled={!person.active}>
              {t("staffAdmin.person.invite")}
            </button>
          </Form>
          <p>{t("staffAdmin.person.sessions", { count: sessions })}</p>
          <Form method="post">
            <button type="submit" name="intent" value="revoke-sessions" className="btn-secondary" disabled={sessions === 0}>
              {t("staffAdmin.person.revoke")}
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
