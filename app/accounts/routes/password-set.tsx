import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/password-set";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ErrorList, Field, SubmitButton } from "~/ui/forms";
import { peekUserToken, setPasswordWithToken } from "~/accounts/user-tokens.server";
import { getDb } from "~/platform/auth.server";
import { createSession, generateSessionToken, isSecureRequest, sessionCookie } from "~/platform/session.server";
import { SetPasswordSchema, type SetPasswordForm, formConstraints } from "~/accounts/schemas";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "staffAdmin.password.setTitle");

// The token is in the path: the page is never cached (every page's strict-origin-when-cross-origin Referrer-Policy
// already keeps the path from other sites).
const noStore = { "cache-control": "no-store" };

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ params, context }: Route.LoaderArgs) {
  const found = await peekUserToken(getDb(context), params.token);
  if (!found) return data({ valid: false as const, fullName: null, purpose: null, constraint: null }, { status: 410, headers: noStore });
  return data({ valid: true as const, fullName: found.fullName, purpose: found.purpose, constraint: formConstraints.setPassword }, { headers: noStore });
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const db = getDb(context);
  const submission = parseWithZod(await request.formData(), { schema: SetPasswordSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["newPassword", "confirmPassword"] }) }, { status: 400 });
  }
  const done = await setPasswordWithToken(db, params.token, submission.value.newPassword);
  if (!done) throw data({ message: "staffAdmin.password.invalidText" }, { status: 410 });
  // Signed in straight away, in a fresh session: every earlier one has just ended.
  const token = generateSessionToken();
  const session = await createSession(db, token, done.userId, request.headers.get("user-agent"));
  throw redirect("/learning", { headers: { "set-cookie": sessionCookie(token, session.expiresAt, isSecureRequest(request)) } });
}

export default function SetPasswordPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm<SetPasswordForm>({
    // A fixed id: the browser build (Preact) would make another than the server (React), and Conform finds the form by it.
    id: "set-password",
    lastResult: actionData?.result,
    // Validated on the server only (zod stays out of the browser); the errors come back in the reader's language.
    constraint: loaderData.constraint ?? undefined,
  });
  if (!loaderData.valid) {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="page-title">{t("staffAdmin.password.invalidTitle")}</h1>
        <p>{t("staffAdmin.password.invalidText")}</p>
        <p>
          <Link to="/password/forgot">{t("staffAdmin.password.requestNew")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="page-title">{t("staffAdmin.password.setTitle")}</h1>
      <p className="mt-2 text-stone-700">
        {t(loaderData.purpose === "invite" ? "staffAdmin.password.setIntroInvite" : "staffAdmin.password.setIntroReset", {
          name: loaderData.fullName,
        })}
      </p>
      <Form method="post" className="card mt-6 space-y-5" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          label={t("staffAdmin.password.newPassword")}
          hint={t("staffAdmin.password.newPasswordHint")}
          errors={fields.newPassword.errors}
          inputProps={{ ...getInputProps(fields.newPassword, { type: "password" }), autoComplete: "new-password" }}
        />
        <Field
          label={t("staffAdmin.password.confirmPassword")}
          errors={fields.confirmPassword.errors}
          inputProps={{ ...getInputProps(fields.confirmPassword, { type: "password" }), autoComplete: "new-password" }}
        />
        <SubmitButton className="btn-primary w-full" pendingText={t("staffAdmin.password.submitting")}>
          {t("staffAdmin.password.submit")}
        </SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
