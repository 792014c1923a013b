import { Link } from "react-router";
import { useTranslation } from "react-i18next";

/**
 * A person in a report table: the name links to their report page, with email and staff number under it, so two
 * people with the same name can be told apart.
 */
export function PersonCell({ person }: { person: { id: string; fullName: string; email: string; staffNumber?: string | null } }) {
  const { t } = useTranslation();
  return (
    <div className="min-w-40">
      <Link to={`/reports/people/${person.id}`} className="inline-block py-0.5">
        {person.fullName}
      </Link>
      <div className="text-xs font-normal break-all text-stone-700">{person.email}</div>
      {person.staffNumber ? (
        <div className="text-xs font-normal text-stone-700">
          {t("hrReports.staffNumber")}: {person.staffNumber}
        </div>
      ) : null}
    </div>
  );
}
