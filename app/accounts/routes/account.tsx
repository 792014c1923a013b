import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/account";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ErrorList, Field, FormMessage, SubmitButton } from "~/ui/forms";
import { changePassword, getProfile } from "~/accounts/account.server";
import { getDb, requireUser } from "~/platform/auth.server";
import { sessionIdContext } from "~/platform/context";
import { countSessions, deleteSessionCookie, invalidateAllSessions, isSecureRequest } from "~/platform/session.server";
import { ChangePasswordSchema, type ChangePasswordForm, formConstraints } from "~/accounts/schemas";
import { title } from "~/i18n/meta";
import { LOCALES } from "~/i18n";
import { savesData } from "~/platform/lite";
import { LiteToggle } from "~/ui/lite-toggle";
import { FilterSelect } from "~/ui/filter-field";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "account.title");

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const db = getDb(args.context);
  const [profile, sessions] = await Promise.all([getProfile(db, user.id), countSessions(db, user.id)]);
  return {
    profile,
    roles: user.roles,
    sessions,
    changed: args.url.searchParams.has("changed"),
    liteMode: user.liteMode,
    constraint: formConstraints.changePassword,
    saveData: savesData(args.request.headers),
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const db = getDb(args.context);
  const formData = await args.request.formData();
  if (formData.get("intent") === "sign-out-everywhere") {
    await invalidateAllSessions(db, user.id);
    throw redirect("/login", { headers: { "set-cookie": deleteSessionCookie(isSecureRequest(args.request)) } });
  }
  const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["currentPassword", "newPassword", "confirmPassword"] }) }, { status: 400 });
  }
  const changed = await changePassword(db, {
    userId: user.id,
    currentPassword: submission.value.currentPassword,
    newPassword: submission.value.newPassword,
    keepSessionId: args.context.get(sessionIdContext) ?? "",
  });
  if (!changed) {
    return data(
      {
        result: submission.reply({
          fieldErrors: { currentPassword: ["account.wrongCurrent"] },
          hideFields: ["currentPassword", "newPassword", "confirmPassword"],
        }),
      },
      { status: 400 },
    );
  }
  throw redirect("/account?changed=1");
}

const ACCOUNT_LITE = { on: "account.liteTurnOn", off: "account.liteTurnOff", byBrowser: "account.liteByBrowser" };

export default function AccountPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { profile, roles, sessions, changed, liteMode, saveData } = loaderData;
  const [form, fields] = useForm<ChangePasswordForm>({
    id: "change-password",
    lastResult: actionData?.result,
    // Validated on the server only (zod stays out of the browser); the errors come back in the reader's language.
    constraint: loaderData.constraint,
  });
  return (
    <div className="space-y-8">
      <h1 className="page-title">{t("account.title")}</h1>
      {changed ? <FormMessage tone="success">{t("account.passwordChanged")}</FormMessage> : null}
      <section aria-labelledby="profile-heading" className="card">
        <h2 id="profile-heading" className="text-xl font-semibold">
          {t("account.profile")}
        </h2>
        <dl className="mt-4 grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold">{t("account.fullName")}</dt>
          <dd>{profile?.fullName}</dd>
          <dt className="font-semibold">{t("account.email")}</dt>
          <dd>{profile?.email}</dd>
          <dt className="font-semibold">{t("account.roles")}</dt>
          <dd>{roles.map((r) => t(`roles.${r}`)).join(", ")}</dd>
        </dl>
      </section>
      <section aria-labelledby="notifications-heading" className="card max-w-xl">
        <h2 id="notifications-heading" className="text-xl font-semibold">
          {t("notifications.title")}
        </h2>
        <p className="mt-2">
          <Link to="/notifications/settings">{t("notifications.settingsLink")}</Link>
        </p>
      </section>
      <section aria-labelledby="password-heading" className="card max-w-xl">
        <h2 id="password-heading" className="text-xl font-semibold">
          {t("account.changePassword")}
        </h2>
        <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field
            label={t("account.currentPassword")}
            errors={fields.currentPassword.errors}
            inputProps={{ ...getInputProps(fields.currentPassword, { type: "password" }), autoComplete: "current-password" }}
          />
          <Field
            label={t("account.newPassword")}
            hint={t("account.newPasswordHint")}
            errors={fields.newPassword.errors}
            inputProps={{ ...getInputProps(fields.newPassword, { type: "password" }), autoComplete: "new-password" }}
          />
          <Field
            label={t("account.confirmPassword")}
            errors={fields.confirmPassword.errors}
            inputProps={{ ...getInputProps(fields.confirmPassword, { type: "password" }), autoComplete: "new-password" }}
          />
          <SubmitButton>{t("account.save")}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="language-heading" className="card max-w-xl">
        <h2 id="language-heading" className="text-xl font-semibold">
          {t("language.label")}
        </h2>
        <p className="mt-2">{t("account.languageIntro")}</p>
        {/* The same switch as the header's (a full page load brings the other language's messages), as a choice. */}
        <Form method="post" action="/locale" reloadDocument className="mt-4 flex flex-wrap items-end gap-3">
          <input type="hidden" name="redirectTo" value="/account" />
          <FilterSelect id="account-locale" name="locale" label={t("language.label")} value={i18n.language}>
            {LOCALES.map((lng) => (
              <option key={lng} value={lng} lang={lng}>
                {t(`language.${lng}`)}
              </option>
            ))}
          </FilterSelect>
          <button type="submit" className="btn-secondary">
            {t("account.languageSave")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="lite-heading" className="card max-w-xl">
        <h2 id="lite-heading" className="text-xl font-semibold">
          {t("account.lite")}
        </h2>
        <p className="mt-2">{t("account.liteIntro")}</p>
        <p className="mt-2 font-semibold">{t(liteMode ? "account.liteIsOn" : "account.liteIsOff")}</p>
        <LiteToggle lite={liteMode} saveData={saveData} labels={ACCOUNT_LITE} className="mt-4" buttonClassName="btn-secondary" />
      </section>
      <section aria-labelledby="sessions-heading" className="card max-w-xl">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          {t("account.sessions")}
        </h2>
        <p className="mt-2">{t("account.sessionsCount", { count: sessions })}</p>
        <Form method="post" className="mt-4">
          <button type="submit" name="intent" value="sign-out-everywhere" className="btn-secondary">
            {t("account.signOutEverywhere")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
