import { useTranslation } from "react-i18next";
import { Form } from "react-router";

/** HR's "find a person" box: a GET form to the people search, so it works without JavaScript and can be bookmarked. */
export function PeopleSearchForm({ q = "" }: { q?: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" action="/reports/people" role="search" className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="people-q" className="block text-sm font-semibold">
          {t("hrReports.search.label")}
        </label>
        <input
          id="people-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={100}
          aria-describedby="people-q-hint"
          className="field-input w-64 max-w-full"
        />
        <p id="people-q-hint" className="text-xs text-stone-700">
          {t("hrReports.search.hint")}
        </p>
      </div>
      <button type="submit" className="btn-secondary mb-5">
        {t("hrReports.search.submit")}
      </button>
    </Form>
  );
}
