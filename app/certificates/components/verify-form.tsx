import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Field } from "~/ui/forms";

/** The public "check a certificate" form (a GET to /verify, so it works without JavaScript). */
export function VerifyForm() {
  const { t } = useTranslation();
  return (
    <Form method="get" action="/verify" className="card space-y-4">
      <Field
        label={t("certificates.verify.codeLabel")}
        hint={t("certificates.verify.codeHint")}
        inputProps={{ id: "code", name: "code", required: true, maxLength: 64, autoComplete: "off", autoCapitalize: "characters", spellCheck: false }}
      />
      <button type="submit" className="btn-primary">
        {t("certificates.verify.submit")}
      </button>
    </Form>
  );
}
