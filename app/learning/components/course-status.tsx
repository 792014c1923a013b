import { useTranslation } from "react-i18next";

/** "Not started" / "n % done" / "Completed", with a native progress bar (no inline styles: CSP). */
export function CourseStatus({ started, completed, percent }: { started: boolean; completed: boolean; percent: number }) {
  const { t } = useTranslation();
  const label = completed ? t("catalogue.completed") : started ? t("catalogue.percent", { percent }) : t("catalogue.notStarted");
  return (
    <div className="card-status">
      <progress className="card-progress" max={100} value={completed ? 100 : percent} aria-label={label} />
      <span className={completed ? "font-semibold text-emerald-800" : "text-stone-700"}>{label}</span>
    </div>
  );
}
