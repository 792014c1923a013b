import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/password-forgot";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ErrorList, Field, FormMessage, SubmitButton } from "~/ui/forms";
import { requestPasswordReset } from "~/accounts/user-tokens.server";
import { publicOrigin } from "~/platform/request-origin.server";
import { clientIp, getDb } from "~/platform/auth.server";
import { consumeResetAllowance } from "~/platform/rate-limit.server";
import { ForgotPasswordSchema, type ForgotPasswordForm, formConstraints } from "~/accounts/schemas";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "staffAdmin.password.forgotTitle");

export function loader() {
  return { constraint: formConstraints.forgotPassword };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = getDb(context);
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const email = submission.value.email.toLowerCase();
  const wait = await consumeResetAllowance(db, { ip: clientIp(request), email });
  if (wait.ip > 0) {
    const minutes = Math.max(1, Math.ceil(wait.ip / 60));
    return data(
      { result: submission.reply({ formErrors: [`staffAdmin.password.throttled|${JSON.stringify({ minutes })}`] }), sent: false },
      { status: 429, headers: { "retry-after": String(wait.ip) } },
    );
  }
  // Same answer whether or not the address exists (or its own allowance is used up): nothing reveals an account.
  if (wait.email === 0) await requestPasswordReset(db, { email, origin: publicOrigin(request) });
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPasswordPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm<ForgotPasswordForm>({
    // A fixed id: the browser build (Preact) would make another than the server (React), and Conform finds the form by it.
    id: "forgot-password",
    lastResult: actionData?.result,
    // Validated on the server only (zod stays out of the browser); the errors come back in the reader's language.
    constraint: loaderData.constraint,
  });
  return (
    <div className="mx-auto max-w-md">
      <h1 className="page-title">{t("staffAdmin.password.forgotTitle")}</h1>
      <p className="mt-2 text-stone-700">{t("staffAdmin.password.forgotIntro")}</p>
      {actionData?.sent ? (
        <div className="mt-4">
          <FormMessage tone="success">{t("staffAdmin.password.sentAnswer")}</FormMessage>
        </div>
      ) : null}
      <Form method="post" className="card mt-6 space-y-5" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          label={t("staffAdmin.password.email")}
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "username" }}
        />
        <SubmitButton className="btn-primary w-full" pendingText={t("staffAdmin.password.sending")}>
          {t("staffAdmin.password.send")}
        </SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
