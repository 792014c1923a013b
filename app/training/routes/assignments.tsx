import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/assignments";
import { TargetSummary } from "~/training/components/assignment-summary";
import { formatDay } from "~/platform/format";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { assignmentFormOptions } from "~/training/assignment-people.server";
import { listAssignments } from "~/training/assignments.server";
import { inLocale } from "~/i18n";
import { getDb, requireRole } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { title } from "~/i18n/meta";

export { staffStyles as links } from "~/ui/staff-styles";
export const meta: Route.MetaFunction = ({ matches }) => title(matches, "assignments.title");

const FilterSchema = z.object({
  status: z.enum(["active", "withdrawn", "all"]).catch("active"),
  course: z.uuid().optional().catch(undefined),
});

export async function loader(args: Route.LoaderArgs) {
  const user = requireRole(args, "hr");
  const db = getDb(args.context);
  const locale = args.context.get(localeContext);
  const filter = FilterSchema.parse(Object.fromEntries(args.url.searchParams));
  const [rows, options] = await Promise.all([
    listAssignments(db, user, { status: filter.status, courseId: filter.course }),
    assignmentFormOptions(db, user),
  ]);
  return {
    filter,
    courses: options.courses.map((c) => ({ id: c.id, title: inLocale(locale, c.titleVi, c.titleEn) })),
    assignments: rows.map((r) => ({
      id: r.id,
      course: inLocale(locale, r.courseTitleVi, r.courseTitleEn),
      unit: r.unitName ? inLocale(locale, r.unitName, r.unitNameEn) : null,
      includeDescendants: r.includeDescendants,
      jobTitle: r.jobTitle,
      namedPeople: r.namedPeople,
      dueOn: r.dueOn,
      recertify: r.recertify,
      withdrawn: r.withdrawnAt !== null,
      assigned: r.assigned,
      completed: r.completed,
      overdue: r.overdue,
    })),
  };
}

export default function AssignmentsPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { filter, courses, assignments } = loaderData;
  return (
    <div className="space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to="/reports">{t("hrReports.title")}</Link>
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="page-title">{t("assignments.title")}</h1>
          <p className="mt-2 text-stone-700">{t("assignments.intro")}</p>
        </div>
        <Link to="/reports/assignments/new" className="btn-primary">
          {t("assignments.newTitle")}
        </Link>
      </div>
      <Form method="get" className="card flex flex-wrap items-end gap-4" aria-label={t("assignments.filter.legend")}>
        <div className="space-y-1">
          <label htmlFor="filter-status" className="block font-semibold">
            {t("assignments.filter.status")}
          </label>
          <select id="filter-status" name="status" defaultValue={filter.status} className="field-input">
            {(["active", "withdrawn", "all"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`assignments.filter.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-course" className="block font-semibold">
            {t("assignments.filter.course")}
          </label>
          <select id="filter-course" name="course" defaultValue={filter.course ?? ""} className="field-input">
            <option value="">{t("assignments.filter.anyCourse")}</option>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("assignments.filter.apply")}
        </button>
      </Form>
      <div className="card relative max-w-full overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="mb-2 text-left text-lg font-semibold">{t("assignments.table.caption")}</caption>
          <thead>
            <tr className="border-b border-stone-300">
              <th scope="col" className="py-2 pr-4">{t("assignments.table.course")}</th>
              <th scope="col" className="py-2 pr-4">{t("assignments.table.target")}</th>
              <th scope="col" className="py-2 pr-4">{t("assignments.table.dueOn")}</th>
              <th scope="col" className="py-2 pr-4 text-right">{t("assignments.table.assigned")}</th>
              <th scope="col" className="py-2 pr-4 text-right">{t("assignments.table.completed")}</th>
              <th scope="col" className="py-2 pr-4 text-right">{t("assignments.table.overdue")}</th>
              <th scope="col" className="py-2 pr-4">{t("assignments.table.status")}</th>
            </tr>
          </thead>
          <tbody>
            {assignments.length === 0 ? (
              <tr>
                <td colSpan={7} className="py-4 text-stone-700">
                  {t("assignments.table.empty")}
                </td>
              </tr>
            ) : (
              assignments.map((a) => (
                <tr key={a.id} className="border-b border-stone-200 align-top">
                  <td className="py-2 pr-4 font-medium">
                    <Link to={`/reports/assignments/${a.id}`}>{a.course}</Link>
                    {a.recertify ? <span className="block text-xs text-stone-600">{t("assignments.target.recertify")}</span> : null}
                  </td>
                  <td className="py-2 pr-4">
                    <TargetSummary a={a} />
                  </td>
                  <td className="py-2 pr-4 whitespace-nowrap">{formatDay(a.dueOn, i18n.language)}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{a.assigned}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{a.completed}</td>
                  <td className={`py-2 pr-4 text-right tabular-nums ${a.overdue ? "font-semibold text-red-800" : ""}`}>{a.overdue}</td>
                  <td className="py-2 pr-4">{t(a.withdrawn ? "assignments.status.withdrawn" : "assignments.status.active")}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
