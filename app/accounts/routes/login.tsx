import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useSearchParams } from "react-router";
import type { Route } from "./+types/login";
import { ErrorList, Field, FormMessage, SubmitButton } from "~/ui/forms";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { clientIp, getDb, getUser, login } from "~/platform/auth.server";
import { hasLineBreak, safeRedirect } from "~/platform/safe-redirect";
import { isSecureRequest, sessionCookie } from "~/platform/session.server";
import { liteCookieHeader } from "~/platform/lite";
import { LoginSchema, type LoginForm, formConstraints } from "~/accounts/schemas";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "login.title");

export function loader({ url, context }: Route.LoaderArgs) {
  if (hasLineBreak(url.searchParams.get("redirectTo"))) throw data({ message: "validation.invalid" }, { status: 400 });
  if (getUser(context)) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
  return { constraint: formConstraints.login };
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await login(getDb(context), {
    email,
    password,
    ip: clientIp(request),
    userAgent: request.headers.get("user-agent"),
  });
  if (result.ok) {
    const headers = new Headers({ "set-cookie": sessionCookie(result.token, result.expiresAt, isSecureRequest(request)) });
    // A person who chose lite mode on another PC: this browser learns it too, so server.js compresses harder from the next page.
    if (result.liteMode) headers.append("set-cookie", liteCookieHeader(true));
    throw redirect(safeRedirect(redirectTo), { headers });
  }
  if (result.reason === "throttled") {
    const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
    return data(
      { result: submission.reply({ formErrors: [`login.throttled|${JSON.stringify({ minutes })}`], hideFields: ["password"] }) },
      { status: 429, headers: { "retry-after": String(result.retryAfterSeconds) } },
    );
  }
  return data({ result: submission.reply({ formErrors: ["login.invalid"], hideFields: ["password"] }) }, { status: 401 });
}

export default function LoginPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<LoginForm>({
    // A fixed id: the browser build (Preact) would make another than the server (React), and Conform finds the form by it.
    id: "login",
    lastResult: actionData?.result,
    // Validated on the server only (zod stays out of the browser); the errors come back in the reader's language.
    constraint: loaderData.constraint,
  });
  return (
    <div className="mx-auto max-w-md">
      <h1 className="page-title">{t("login.title")}</h1>
      <p className="mt-2 text-stone-700">{t("login.intro")}</p>
      {/* Above the form: field errors shown on blur must not move the link away from a pointer mid-click. */}
      <p className="mt-2">
        <Link to="/password/forgot">{t("staffAdmin.password.forgotLink")}</Link>
      </p>
      {searchParams.get("signedOut") ? (
        <div className="mt-4">
          <FormMessage tone="success">{t("login.signedOut")}</FormMessage>
        </div>
      ) : null}
      <Form method="post" className="card mt-6 space-y-5" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <div role="alert" aria-live="assertive">
          {form.errors?.length ? (
            <div className="rounded-md border border-red-300 bg-red-50 p-3">
              <ErrorList id={form.errorId} errors={form.errors} />
            </div>
          ) : null}
        </div>
        <Field
          label={t("login.email")}
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "username", autoFocus: true }}
        />
        <Field
          label={t("login.password")}
          errors={fields.password.errors}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
        />
        <SubmitButton className="btn-primary w-full" pendingText={t("login.submitting")}>
          {t("login.submit")}
        </SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
