import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";

/** Previous/next links that keep the page's other query parameters (plain links: no JavaScript needed). */
export function Pager({ page, total, pageSize }: { page: number; total: number; pageSize: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav aria-label={t("staffAdmin.pageOf", { page, pages })} className="mt-4 flex items-center gap-4">
      {page > 1 ? <Link to={hrefFor(page - 1)}>{t("staffAdmin.previous")}</Link> : null}
      <span>{t("staffAdmin.pageOf", { page, pages })}</span>
      {page < pages ? <Link to={hrefFor(page + 1)}>{t("staffAdmin.next")}</Link> : null}
    </nav>
  );
}
