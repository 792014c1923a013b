import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";

/**
 * Turns lite mode on or off (POST /lite) and comes back to this page. A plain form, so a full page load, so the page that follows has
 * its scripts, or none, from the start. When the browser sends Save-Data the page stays lite: nothing to toggle.
 */
export function LiteToggle({
  lite,
  saveData,
  labels,
  className,
  buttonClassName = "min-h-6 underline hover:text-stone-900",
}: {
  lite: boolean;
  saveData: boolean;
  labels: { on: string; off: string; byBrowser: string };
  className?: string;
  buttonClassName?: string;
}) {
  const location = useLocation();
  const { t } = useTranslation();
  if (saveData) return <span className={className}>{t(labels.byBrowser)}</span>;
  return (
    <form method="post" action="/lite" className={className}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" name="lite" value={lite ? "off" : "on"} className={buttonClassName}>
        {t(lite ? labels.off : labels.on)}
      </button>
    </form>
  );
}
