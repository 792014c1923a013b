import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** "Trainer › course title" above a trainer's course insight and quiz statistics pages. */
export function TrainerBreadcrumb({ courseTitle }: { courseTitle: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("course.breadcrumb")} className="text-sm">
      <Link to="/trainer">{t("trainer.title")}</Link> › {courseTitle}
    </nav>
  );
}
