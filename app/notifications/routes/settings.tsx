import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/settings";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ErrorList, FormMessage, SubmitButton } from "~/ui/forms";
import { getDb, requireUser } from "~/platform/auth.server";
import { hasRole } from "~/platform/permissions";
import { title } from "~/i18n/meta";
import { EMAIL_KINDS, NOTIFICATION_KINDS } from "~/notifications/kinds";
import { emailChoices, saveEmailChoices } from "~/notifications/preferences.server";
import { EmailChoicesSchema } from "~/notifications/schemas";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "notifications.settings.title");

/** The weekly digest is only sent to HR and unit managers: only they see its choice. */
const digestFor = (user: { roles: readonly ("learner" | "trainer" | "hr" | "manager" | "admin")[] }) =>
  hasRole(user, "hr") || hasRole(user, "manager");

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const choices = await emailChoices(getDb(args.context), user.id);
  const kinds = digestFor(user) ? EMAIL_KINDS : NOTIFICATION_KINDS;
  return { choices: kinds.map((kind) => ({ kind, on: choices[kind] })), saved: args.url.searchParams.has("saved") };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const db = getDb(args.context);
  const submission = parseWithZod(await args.request.formData(), { schema: EmailChoicesSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const on = submission.value.kind.filter((k) => k !== "digest" || digestFor(user));
  // A kind the form does not show keeps its current choice (the digest for people who do not receive it).
  const current = await emailChoices(db, user.id);
  const kept = digestFor(user) ? [] : (["digest"] as const).filter((k) => current[k]);
  await saveEmailChoices(db, user.id, [...on, ...kept]);
  throw redirect("/notifications/settings?saved=1");
}

export default function NotificationSettingsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { choices, saved } = loaderData;
  const [form] = useForm({ id: "email-choices", lastResult: actionData?.result });
  return (
    <div className="space-y-6">
      <p>
        <Link to="/notifications">{t("notifications.settings.back")}</Link>
      </p>
      <h1 className="page-title">{t("notifications.settings.title")}</h1>
      <p>{t("notifications.settings.intro")}</p>
      {saved ? <FormMessage tone="success">{t("notifications.settings.saved")}</FormMessage> : null}
      <Form method="post" className="card max-w-xl space-y-4" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="save-email" />
        <fieldset className="space-y-2">
          <legend className="font-semibold">{t("notifications.settings.legend")}</legend>
          {choices.map(({ kind, on }) => (
            <div key={kind}>
              <label className="flex min-h-6 items-center gap-2">
                <input
                  type="checkbox"
                  name="kind"
                  value={kind}
                  defaultChecked={on}
                  className="h-5 w-5"
                  aria-describedby={kind === "digest" ? "digest-hint" : undefined}
                />
                {t(`notifications.settings.choices.${kind}`)}
              </label>
              {kind === "digest" ? (
                <p id="digest-hint" className="ml-7 text-sm text-stone-600">
                  {t("notifications.settings.digestHint")}
                </p>
              ) : null}
            </div>
          ))}
        </fieldset>
        <SubmitButton pendingText={t("notifications.settings.saving")}>{t("notifications.settings.save")}</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
